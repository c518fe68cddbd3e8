"""Plain-string labels shared by the views: dates, figure values, citations, names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tajru.dates import display_span
from tajru.model import Actor, Citation, Record, Registries, Tally

CHRONOLOGY_TITLE = "Tajikistan–Russia relations: a chronology"
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"))


def date_label(record: Record) -> str:
    """The record's date at its precision; an inferred date in square brackets, as editors mark them."""
    when = record.date
    if when is None:
        return "undated"
    shown = display_span(when, record.end)
    return f"[{shown}]" if record.date_inferred else shown


def actors_by_count(reg: Registries, tally: Tally) -> list[Actor]:
    """The actors in the order their listing has them: most records first, then by name."""
    return sorted(reg.actors.values(), key=lambda a: (-tally.actors.get(a.id, 0), a.name.casefold()))


def store_scope(reg: Registries, extent: tuple[int, int, int | None, int | None]) -> str:
    """What a store holds: '116 records from 2 documents (Sethi 2017, Dushanbe Dialogue 2025), dated
    1929 to 2025, 77 undated'."""
    total, dated, first, last = extent
    names = [s.short for s in reg.sources.values()]
    listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    said = f"{_counted(total, 'record')} from {_counted(len(names), 'document')}" + (
        f" ({listed})" if names else ""
    )
    if first is not None:
        said += f", dated {first}" + (f" to {last}" if last != first else "")
    return said + (f", {total - dated} undated" if total > dated else "")


def store_summary(reg: Registries, extent: tuple[int, int, int | None, int | None]) -> str:
    """What a store holds, as `sources` and `stats` say it, with where a user's own records go."""
    return f"The store holds {store_scope(reg, extent)}; add your own with --include or 'tajru add'."


def _counted(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def number(value: float) -> str:
    """25300000000 -> '25.3 billion', 45000 -> '45,000', 9.3 -> '9.3'."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{value / size:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"


def figure_value(record: Record) -> str:
    """'exceeding 25.3 billion RUB': the source's hedge is part of the value, never dropped."""
    if record.value is None:
        return ""
    parts = [record.qualifier, number(record.value), record.unit]
    return " ".join(p for p in parts if p)


def reference(reg: Registries, citation: Citation) -> str:
    """The full reference of the source a citation names; its id if the store lacks it."""
    source = reg.sources.get(citation.source)
    return source.citation if source else citation.source


def citation_label(reg: Registries, citation: Citation) -> str:
    source = reg.sources.get(citation.source)
    name = source.short if source else citation.source
    return f"{name}, {citation.locator}"


_NUMBERED = re.compile(r"^(.*?\b)(paragraph|note|page|p\.)\s+(\d+)$")


def places(citations: Sequence[Citation]) -> list[tuple[str, str]]:
    """(source id, its places) in the order cited, each source once, its numbered places joined:
    ('dushanbe-dialogue-2025', 'paragraphs 7, 9'). Locators that are not '<words> paragraph|note|page N'
    are kept as written, each on its own."""
    grouped: dict[tuple[str, str, str], list[int]] = {}
    order: list[tuple[str, str] | tuple[str, str, str]] = []  # (source, locator) or a group's key
    for citation in citations:
        found = _NUMBERED.match(" ".join(citation.locator.split()))
        if found is None:
            order.append((citation.source, citation.locator))
            continue
        key = (citation.source, found[1], found[2])
        if key not in grouped:
            order.append(key)
        grouped.setdefault(key, []).append(int(found[3]))
    out: list[tuple[str, str]] = []
    for entry in dict.fromkeys(order):
        if len(entry) == 2:
            out.append((entry[0], entry[1]))
            continue
        source, head, unit = entry
        numbers = sorted(set(grouped[entry]))
        units = unit if len(numbers) == 1 else f"{unit}s"
        out.append((source, f"{head}{units} {', '.join(map(str, numbers))}"))
    merged: dict[str, list[str]] = {}
    for source, where in out:
        merged.setdefault(source, []).append(where)
    return [(source, "; ".join(wheres)) for source, wheres in merged.items()]


def _short(reg: Registries, source_id: str) -> str:
    source = reg.sources.get(source_id)
    return source.short if source else source_id


def citations_label(reg: Registries, record: Record) -> str:
    """The short citation of listings: each source once, its places joined: 'Dushanbe Dialogue 2025,
    paragraphs 7, 9'; several sources are separated by '; '."""
    return "; ".join(f"{_short(reg, source)}, {where}" for source, where in places(record.citations))


def full_citation(reg: Registries, record: Record) -> list[str]:
    """The one full style, for --cite and exports: '<reference>, <places>.', a line per source."""
    lines = []
    for source, where in places(record.citations):
        known = reg.sources.get(source)
        head = known.citation.removesuffix(".") if known else source
        end = "" if where.endswith((".", "?", "!")) else "."
        lines.append(f"{head}, {where}{end}")
    return lines


def actor_name(reg: Registries, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    actor = reg.actors.get(actor_id)
    return actor.name if actor else actor_id


def cited_at(reg: Registries, citation: Citation) -> str:
    """A citation's full reference and place: '<reference>, <locator>'."""
    return f"{reference(reg, citation).removesuffix('.')}, {citation.locator}"


def footnote(reg: Registries, citation: Citation) -> str:
    """A citation in full to put under a text: '<reference>, <locator>: “<evidence>”'."""
    return f"{cited_at(reg, citation)}: “{citation.evidence}”"


def by_year(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """A chronology's sections: ('1989', its records in order) a year, then ('Undated', the rest)."""
    years: dict[int, list[Record]] = {}
    undated: list[Record] = []
    for record in records:
        if record.date is None:
            undated.append(record)
        else:
            years.setdefault(record.date.year, []).append(record)
    ordered = [
        (str(y), sorted(years[y], key=lambda r: r.date.sort_key() if r.date else ())) for y in sorted(years)
    ]
    return ordered + ([("Undated", undated)] if undated else [])


LAYER_NOTE = (
    "A record marked 'from FILE' is from a layer of yours (your notes, your config's include or "
    "--include), not from the store itself."
)


def layer_label(record: Record) -> str:
    """'from notes.yaml' for a record read from a layer; empty for the store's own."""
    if record.file is None:
        return ""
    from pathlib import PurePath

    return f"from {PurePath(record.file).name}"
