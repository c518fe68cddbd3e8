"""The overviews: topics and actors with their record counts, and the shape of a chronology."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from tajru.labels import actors_by_count
from tajru.model import Registries, Tally
from tajru.text import literal
from tajru.views.safe import text

BAR = "█"
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _counted() -> Table:
    """A grid of an id, its record count and what it is."""
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def topics_view(reg: Registries, tally: Tally) -> RenderableType:
    table = _counted()
    for topic in reg.topics.values():
        table.add_row(text(topic.id, style="bold"), str(tally.topics.get(topic.id, 0)), text(topic.label))
    return table


def actors_view(reg: Registries, tally: Tally) -> RenderableType:
    table = _counted()
    for actor in actors_by_count(reg, tally):
        about = text(actor.name, style="bold")
        about.append_text(text(f"  {actor.kind}", style="dim"))
        if actor.aliases:
            about.append_text(text("\nalso: " + ", ".join(actor.aliases), style="italic"))
        table.add_row(text(actor.id), str(tally.actors.get(actor.id, 0)), about)
    return table


def period(years: dict[int, int], by: str) -> str:
    """'year' or 'decade': auto takes years when the span is under 40 of them."""
    if by != "auto":
        return by
    return "year" if not years or max(years) - min(years) < 40 else "decade"


def periods(years: dict[int, int], by: str) -> list[tuple[str, int]]:
    """Counts per year, or per decade, from the first to the last.

    An empty period shows, so the chart keeps its time scale; a run of empty ones is one
    row ('1930–1988  0'), so a sparse century does not fill the screen with empty bars.
    """
    if not years:
        return []
    step = 1 if period(years, by) == "year" else 10
    first, last = min(years) // step * step, max(years) // step * step
    counts = [
        (start, sum(years.get(y, 0) for y in range(start, start + step)))
        for start in range(first, last + 1, step)
    ]

    def label(start: int) -> str:
        return str(start) if step == 1 else f"{start}s"

    out: list[tuple[str, int]] = []
    empty: list[int] = []  # the run of empty periods not yet written

    def flush() -> None:
        if empty:
            out.append((label(empty[0]) if len(empty) == 1 else f"{label(empty[0])}–{label(empty[-1])}", 0))
            empty.clear()

    for start, n in counts:
        if n == 0:
            empty.append(start)
        else:
            flush()
            out.append((label(start), n))
    flush()
    return out


class Bars:
    """A horizontal bar chart that fits the width at hand, in eighths of a character."""

    def __init__(self, rows: Sequence[tuple[str, int]]) -> None:
        self.rows = [(literal(label), n) for label, n in rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = max((len(label) for label, _ in self.rows), default=0)
        count_width = max((len(str(n)) for _, n in self.rows), default=1)
        room = max(options.max_width - label_width - count_width - 4, 1)
        top = max((n for _, n in self.rows), default=0) or 1
        for label, n in self.rows:
            eighths = round(n / top * room * 8)
            bar = BAR * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
            line = Text(f"{label:>{label_width}}  ")
            line.append(bar, style="cyan")
            line.append(
                f" {n:>{count_width}}" if bar else f"{n:>{count_width}}", style="bold" if n else "dim"
            )
            yield line


def stats_view(reg: Registries, tally: Tally, by: str, summary: str = "") -> RenderableType:
    """Records per kind, topic and source, and the chronology's shape as a bar chart; below the count,
    what the whole store holds."""

    def section(title: str, rows: list[tuple[str, int]]) -> list[RenderableType]:
        return [Text(title, style="bold"), Bars(rows), Text("")]

    total = sum(tally.kinds.values())
    parts: list[RenderableType] = [Text(f"{total} records", style="bold")]
    parts += [text(summary, style="dim"), Text("")] if summary else [Text("")]
    parts += section("By kind", list(tally.kinds.items()))
    parts += section("By topic", [(reg.topics[t].id, n) for t, n in tally.topics.items()])
    parts += section("By source", [(reg.sources[s].short, n) for s, n in tally.sources.items()])
    title = f"By {period(tally.years, by)}"
    parts += [Text(f"{title} (of the first day; {tally.undated} undated)", style="bold")]
    parts += [Bars(periods(tally.years, by))]
    return Group(*parts)
