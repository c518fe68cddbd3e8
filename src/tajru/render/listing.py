"""The human listings: the timeline, the facts table, quote cards and one record in full."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tajru.model import Record
from tajru.render.labels import actor_name, citation_label, citations_label, date_label, figure_value
from tajru.render.safe import text
from tajru.store import MATCH_END, MATCH_START, Hit, Store

INFERRED_NOTE = "Dates in [brackets] are inferred from the source, not stated in it."


def _year(record: Record) -> int:
    when = record.when
    assert when is not None  # the timeline lists dated records only
    return when.year


def _any_inferred(records: Iterable[Record]) -> bool:
    return any(r.date_inferred for r in records)


def _footer(records: Sequence[Record]) -> list[RenderableType]:
    return [Text(INFERRED_NOTE, style="dim")] if _any_inferred(records) else []


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
                grid = Table.grid(padding=(0, 2))
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


def _body(store: Store, record: Record) -> Text:
    body = text(record.title)
    body.append("\n")
    body.append_text(text(citations_label(store, record), style="dim"))
    return body


def timeline(store: Store, records: Sequence[Record]) -> RenderableType:
    """Dated records grouped by the year they start in, each with its date, kind, title and citation."""
    parts: list[RenderableType] = []
    date_width = max((len(date_label(r)) for r in records), default=0)
    for year, group in groupby(records, key=_year):
        rows = [(text(date_label(r)), text(r.kind, style="cyan"), _body(store, r), None) for r in group]
        if parts:
            parts.append(Text(""))
        parts.append(Text(str(year), style="bold"))
        parts.append(Entries(rows, indent=2, date_width=date_width))
    footer = _footer(records)
    return Group(*parts, *([Text(""), *footer] if footer else []))


def facts_table(store: Store, records: Sequence[Record]) -> RenderableType:
    """Every kind in one listing; a figure's value keeps the source's hedge beside the number."""
    rows: list[Row] = [
        (
            text(date_label(r)),
            text(r.kind, style="cyan"),
            _body(store, r),
            text(figure_value(r), style="bold") if r.value is not None else None,
        )
        for r in records
    ]
    return Group(Entries(rows, headers=("Date", "Kind", "Fact", "Value")), *_footer(records))


def quote_cards(store: Store, records: Sequence[Record]) -> RenderableType:
    """Each quote as a card: the words, then who said them, when, in what setting, and where it is cited."""
    cards: list[RenderableType] = []
    for record in records:
        body = text(f"“{record.quote}”")
        if record.context:
            body.append("\n\n")
            body.append_text(text(record.context, style="italic"))
        body.append("\n")
        body.append_text(text(citations_label(store, record), style="dim"))
        heading = text(actor_name(store, record.speaker), style="bold")
        heading.append_text(text(f" · {date_label(record)}"))
        cards.append(Panel(body, title=heading, title_align="left", box=box.ROUNDED, padding=(0, 1)))
    return Group(*cards, *_footer(records))


class Fields:
    """Labelled values: labels in a column when wide enough, each label above its value when narrow."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, Text]] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= NARROW:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", min_width=10)
            grid.add_column(ratio=1, overflow="fold")
            for label, value in self.rows:
                grid.add_row(Text(label), value)
            yield grid
            return
        for label, value in self.rows:
            yield Text(label, style="bold")
            yield Padding(value, (0, 0, 0, 2))


def detail(store: Store, record: Record) -> RenderableType:
    """One record in full: every field, then each source with its locator and evidence."""
    grid = Fields()

    def row(label: str, value: str | None, style: str = "") -> None:
        if value:
            grid.rows.append((label, text(value, style=style)))

    row("id", record.id)
    row("kind", record.kind)
    row("date", date_label(record) if record.when else None)
    row("date note", record.date_note)
    row("title", record.title, "bold")
    row("value", figure_value(record), "bold")
    row("speaker", actor_name(store, record.speaker) if record.speaker else None)
    row("quote", f"“{record.quote}”" if record.quote else None)
    row("context", record.context, "italic")
    row("text", record.text)
    row("caveat", record.caveat, "yellow")
    row("topics", ", ".join(store.topics[t].label for t in record.topics))
    row("actors", ", ".join(actor_name(store, a) for a in record.actors))
    parts: list[RenderableType] = [grid, Text("")]
    for citation in record.citations:
        parts.append(text(citation_label(store, citation), style="bold"))
        parts.append(Padding(text(f"“{citation.evidence}”", style="italic"), (0, 0, 0, 2)))
    if record.date_inferred:
        parts.append(Text(INFERRED_NOTE, style="dim"))
    return Group(*parts)


def sources_view(store: Store, counts: dict[str, dict[str, int]]) -> RenderableType:
    """Each source's full reference, its note, and how many records of each kind cite it."""
    parts: list[RenderableType] = []
    for source in store.sources.values():
        tally = counts[source.id]
        summary = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in tally.items())
        parts.append(text(f"{source.id}  ({source.kind})", style="bold"))
        body = text(source.citation)
        if source.note:
            body.append("\n")
            body.append_text(text(source.note, style="italic"))
        body.append("\n")
        body.append_text(text(f"Cited by {sum(tally.values())} records: {summary}.", style="dim"))
        parts.append(Padding(body, (0, 0, 1, 2)))
    return Group(*parts)


_MARKS = re.compile(f"({MATCH_START}|{MATCH_END})")


def _marked(value: str, style: str = "") -> Text:
    """Text with the search's matches highlighted."""
    out = Text(style=style)
    inside = False
    for part in _MARKS.split(value):
        if part in (MATCH_START, MATCH_END):
            inside = part == MATCH_START
        elif part:
            out.append_text(text(part, style="bold reverse" if inside else ""))
    return out


def search_results(store: Store, hits: Sequence[Hit]) -> RenderableType:
    """Records found by their words, best first, matches highlighted in the title and best passage."""
    rows: list[Row] = []
    for hit in hits:
        record = hit.record
        body = _marked(hit.title) if hit.marked else text(hit.title)
        if hit.marked and _MARKS.sub("", hit.snippet) != _MARKS.sub("", hit.title):
            body.append("\n")
            body.append_text(_marked(" ".join(hit.snippet.split()), style="italic"))
        body.append("\n")
        body.append_text(text(citations_label(store, record), style="dim"))
        rows.append((text(date_label(record)), text(record.kind, style="cyan"), body, None))
    date_width = max((len(date_label(h.record)) for h in hits), default=0)
    return Group(Entries(rows, date_width=date_width), *_footer([h.record for h in hits]))
