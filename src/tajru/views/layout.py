"""Layouts that fit the width at hand: rows and labelled fields that stack when narrow, never cropped."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

Row = tuple[Text, Text, Text, Text | None]  # date, kind, body, figure value
NARROW = 60  # below this many columns, rows stack their parts instead of sitting side by side


class Entries:
    """Rows of (date, kind, body, value) laid out to the width at hand, never cropping a word.

    Wide enough, the parts sit side by side in columns; on a narrow terminal each row stacks
    its date and kind above an indented body, so long text wraps instead of being cut.
    """

    def __init__(
        self,
        rows: Sequence[Row],
        indent: int = 0,
        headers: tuple[str, str, str, str] | None = None,
        date_width: int | None = None,
    ) -> None:
        self.rows = rows
        self.indent = indent
        self.headers = headers
        # Fixed by the caller when several Entries stack, so their columns line up.
        self.date_width = date_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width - self.indent
        if width >= NARROW:
            if self.headers:
                grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
            else:
                grid = Table.grid(padding=(0, 2, 0, 0))
            names = self.headers or ("", "", "", "")
            grid.add_column(names[0], no_wrap=True, min_width=self.date_width)
            grid.add_column(names[1], no_wrap=True, min_width=6)
            grid.add_column(names[2], ratio=3, overflow="fold")
            has_values = any(value is not None and value.plain for *_, value in self.rows)
            if has_values:
                grid.add_column(names[3], ratio=1, overflow="fold")
            for when, kind, body, value in self.rows:
                grid.add_row(when, kind, body, *([value or Text("")] if has_values else []))
            yield Padding(grid, (0, 0, 0, self.indent))
            return
        for when, kind, body, value in self.rows:
            head = Text.assemble(when, "  ", kind)
            parts = [body] if value is None or not value.plain else [value, body]
            yield Padding(head, (0, 0, 0, self.indent))
            yield Padding(Group(*parts), (0, 0, 0, self.indent + 2))


class Fields:
    """Labelled values: labels in a column when wide enough, each label above its value when narrow."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, Text]] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= NARROW:
            grid = Table.grid(padding=(0, 2, 0, 0))
            grid.add_column(style="bold", min_width=10)
            grid.add_column(ratio=1, overflow="fold")
            for label, value in self.rows:
                grid.add_row(Text(label), value)
            yield grid
            return
        for label, value in self.rows:
            yield Text(label, style="bold")
            yield Padding(value, (0, 0, 0, 2))
