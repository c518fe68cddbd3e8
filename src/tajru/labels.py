"""Plain-string labels shared by the views: dates, figure values, citations, names."""

from __future__ import annotations

import re

from tajru.dates import display_span
from tajru.model import Citation, Record, Registries

CHRONOLOGY_TITLE = "Tajikistan–Russia relations: a chronology"
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"))


def date_label(record: Record) -> str:
    """The record's date at its precision; an inferred date in square brackets, as editors mark them."""
    when = record.date
    if when is None:
        return "undated"
    shown = display_span(when, record.end)
    return f"[{shown}]" if record.date_inferred else shown


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


def citations_label(reg: Registries, record: Record) -> str:
    """Each source once, its numbered places joined: 'Dushanbe Dialogue 2025, paragraphs 7, 9'.

    Locators that are not '<words> paragraph|note|page N' are listed as written.
    """
    grouped: dict[tuple[str, str, str], list[int]] = {}
    order: list[str | tuple[str, str, str]] = []  # a label as written, or a group's key in its place
    for citation in record.citations:
        source = reg.sources.get(citation.source)
        name = source.short if source else citation.source
        found = _NUMBERED.match(" ".join(citation.locator.split()))
        if found is None:
            order.append(f"{name}, {citation.locator}")
            continue
        key = (name, found[1], found[2])
        if key not in grouped:
            order.append(key)
        grouped.setdefault(key, []).append(int(found[3]))
    labels = []
    for entry in dict.fromkeys(order):
        if isinstance(entry, str):
            labels.append(entry)
            continue
        name, head, unit = entry
        numbers = sorted(set(grouped[entry]))
        units = unit if len(numbers) == 1 else f"{unit}s"
        labels.append(f"{name}, {head}{units} {', '.join(map(str, numbers))}")
    return "; ".join(labels)


def actor_name(reg: Registries, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    actor = reg.actors.get(actor_id)
    return actor.name if actor else actor_id


def footnote(reg: Registries, citation: Citation) -> str:
    """A citation in full to put under a text: '<reference>, <locator>: “<evidence>”'."""
    return f"{reference(reg, citation).removesuffix('.')}, {citation.locator}: “{citation.evidence}”"
