"""The listings for people: the timeline, the facts table, quote cards and search results."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from tajru.labels import LAYER_NOTE, actor_name, citations_label, date_label, figure_value, layer_label
from tajru.model import MATCH_END, MATCH_START, Hit, Record, Registries
from tajru.views.layout import Entries, Row
from tajru.views.safe import text

INFERRED_NOTE = "Dates in [brackets] are inferred from the source, not stated in it."
READING_WIDTH = 100  # a card wider than this is hard to read on a wide terminal
CAVEAT_MARK = "caveat: "
CAVEAT_NOTE = "A caveat says what is doubtful about a record, or that it is only its source's view."
REPORTED_MARK = "reported"
REPORTED_NOTE = (
    "A card marked reported gives the source's account of what was said, in the source's words, not the "
    "speaker's own."
)


def _year(record: Record) -> str:
    """The heading a record sits under in the timeline: the year it starts in, or 'Undated' (listed last)."""
    when = record.date
    return str(when.year) if when is not None else "Undated"


def _any_inferred(records: Iterable[Record]) -> bool:
    return any(r.date_inferred for r in records)


def _footer(records: Sequence[Record]) -> list[RenderableType]:
    """The legends of the marks the records carry: inferred dates, caveats."""
    notes = [INFERRED_NOTE] if _any_inferred(records) else []
    notes += [CAVEAT_NOTE] if any(r.caveat for r in records) else []
    notes += [LAYER_NOTE] if any(r.file for r in records) else []
    return [Text(note, style="dim") for note in notes]


def _cited(reg: Registries, record: Record) -> str:
    """Where a record is cited, then its id, which `tajru show` takes, and the layer it is from."""
    mark = layer_label(record)
    return f"{citations_label(reg, record)} · {record.id}" + (f" · {mark}" if mark else "")


def _caveat(body: Text, record: Record) -> None:
    """A record's caveat on a line of its own under what it qualifies, marked."""
    if record.caveat:
        body.append("\n")
        body.append_text(text(CAVEAT_MARK + record.caveat, style="yellow"))


def _body(reg: Registries, record: Record) -> Text:
    body = text(record.title)
    _caveat(body, record)
    body.append("\n")
    body.append_text(text(_cited(reg, record), style="dim"))
    return body


def timeline(reg: Registries, records: Sequence[Record]) -> RenderableType:
    """Records grouped by the year they start in, each with its date, kind, title and citation.

    Undated records, when asked for, come last under 'Undated'.
    """
    parts: list[RenderableType] = []
    date_width = max((len(date_label(r)) for r in records), default=0)
    for year, group in groupby(records, key=_year):
        rows = [(text(date_label(r)), text(r.kind, style="cyan"), _body(reg, r), None) for r in group]
        if parts:
            parts.append(Text(""))
        parts.append(Text(year, style="bold"))
        parts.append(Entries(rows, indent=2, date_width=date_width))
    footer = _footer(records)
    return Group(*parts, *([Text(""), *footer] if footer else []))


def facts_table(reg: Registries, records: Sequence[Record]) -> RenderableType:
    """Every kind in one listing; a figure's value keeps the source's hedge beside the number."""
    rows: list[Row] = [
        (
            text(date_label(r)),
            text(r.kind, style="cyan"),
            _body(reg, r),
            text(figure_value(r), style="bold") if r.value is not None else None,
        )
        for r in records
    ]
    return Group(Entries(rows, headers=("Date", "Kind", "Fact", "Value")), *_footer(records))


def quote_cards(reg: Registries, records: Sequence[Record]) -> RenderableType:
    """Each record of words said as a card: what it is about, the words, who said them, when, where, and
    the citation. A quote shows the speaker's words; reported speech, the source's account, marked."""
    from rich.constrain import Constrain  # only cards need it: kept off the other listings' start-up

    cards: list[RenderableType] = []
    for record in records:
        body = text(record.title, style="bold")  # what the words are about, which they may not say
        body.append("\n")
        reported = record.quote is None
        if reported:
            body.append_text(text(" … ".join(c.evidence for c in record.citations)))
        else:
            body.append_text(text(f"“{record.quote}”"))
        if record.context:
            body.append("\n\n")
            body.append_text(text(record.context, style="italic"))
        _caveat(body, record)
        body.append("\n")
        body.append_text(text(_cited(reg, record), style="dim"))
        heading = text(actor_name(reg, record.speaker), style="bold")
        heading.append_text(text(f" · {date_label(record)}"))
        if reported:
            heading.append_text(text(f" · {REPORTED_MARK}", style="yellow"))
        card = Panel(body, title=heading, title_align="left", box=box.ROUNDED, padding=(0, 1))
        cards.append(Constrain(card, width=READING_WIDTH))
    legend = [Text(REPORTED_NOTE, style="dim")] if any(r.quote is None for r in records) else []
    return Group(*cards, *_footer(records), *legend)


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


def search_results(reg: Registries, hits: Sequence[Hit]) -> RenderableType:
    """Records found by their words, best first, matches highlighted in the title and best passage."""
    rows: list[Row] = []
    for hit in hits:
        record = hit.record
        body = _marked(hit.title) if hit.marked else text(hit.title)
        passage = _MARKS.sub("", hit.snippet)
        if hit.marked and passage not in (_MARKS.sub("", hit.title), record.caveat):  # each said once
            body.append("\n")
            body.append_text(_marked(" ".join(hit.snippet.split()), style="italic"))
        _caveat(body, record)
        if hit.match != "all":
            body.append("\n")
            body.append_text(text(partial_label(hit), style="magenta"))
        body.append("\n")
        body.append_text(text(_cited(reg, record), style="dim"))
        rows.append((text(date_label(record)), text(record.kind, style="cyan"), body, None))
    date_width = max((len(date_label(h.record)) for h in hits), default=0)
    legend = [Text(PARTIAL_NOTE, style="dim")] if any(h.match != "all" for h in hits) else []
    return Group(Entries(rows, date_width=date_width), *_footer([h.record for h in hits]), *legend)


PARTIAL_NOTE = (
    "A hit marked 'Missing:' lacks those words of the question, and one marked 'Near in meaning' holds "
    "none of them: each may not answer it."
)


def partial_label(hit: Hit) -> str:
    """'Missing: drugs, trafficking' for a hit that holds some of the words; 'Near in meaning, holding
    none of: ...' for one found by meaning alone."""
    missing = ", ".join(hit.missing)
    if hit.match == "meaning":
        return f"Near in meaning, holding none of: {missing}" if missing else "Near in meaning"
    return f"Missing: {missing}"
