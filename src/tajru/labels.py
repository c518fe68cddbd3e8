"""Plain-string labels shared by the views: dates, figure values, citations, names."""

from __future__ import annotations

from tajru.dates import display_span
from tajru.model import Citation, Record, Registries

CHRONOLOGY_TITLE = "Tajikistan–Russia relations: a chronology"
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"))


def date_label(record: Record) -> str:
    """The record's date at its precision; an inferred date in square brackets, as editors mark them."""
    when = record.when
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


def citations_label(reg: Registries, record: Record) -> str:
    """Each place cited once: two passages of one paragraph make one label, not two."""
    return "; ".join(dict.fromkeys(citation_label(reg, c) for c in record.citations))


def actor_name(reg: Registries, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    actor = reg.actors.get(actor_id)
    return actor.name if actor else actor_id


def footnote(reg: Registries, citation: Citation) -> str:
    """A citation in full to put under a text: '<reference>, <locator>: “<evidence>”'."""
    return f"{reference(reg, citation).removesuffix('.')}, {citation.locator}: “{citation.evidence}”"
