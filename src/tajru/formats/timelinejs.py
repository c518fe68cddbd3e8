"""Records as TimelineJS3 JSON: a slide a dated record, its data as literal HTML."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any

from tajru.dates import PartialDate
from tajru.labels import CHRONOLOGY_TITLE, actor_name, date_label, figure_value, footnote
from tajru.model import Record, Registries
from tajru.text import json_safe

_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def _html(value: str) -> str:
    """Data as literal HTML text (TimelineJS renders its fields as HTML); line breaks kept as <br>."""
    return _LINE_BREAKS.sub("<br>", html.escape(value, quote=True))


def _timeline_date(when: PartialDate) -> dict[str, int]:
    """A TimelineJS date object: year, month and day as numbers, only as far as the date is known."""
    out = {"year": when.year}
    if when.month is not None:
        out["month"] = when.month
        if when.day is not None:
            out["day"] = when.day
    return out


def _timeline_text(reg: Registries, record: Record) -> str:
    paragraphs: list[str] = []
    if record.kind == "figure" and record.value is not None:
        paragraphs.append(f"<strong>{_html(figure_value(record))}</strong>")
    if record.kind == "quote" and record.quote is not None:
        who = f" — {_html(actor_name(reg, record.speaker))}" if record.speaker else ""
        paragraphs.append(f"<blockquote>“{_html(record.quote)}”{who}</blockquote>")
    for value in (record.context, record.text):
        if value is not None:
            paragraphs.append(_html(value))
    if record.caveat is not None:  # marked, as in every listing: what is doubtful, or only the source's view
        paragraphs.append(f"<em>Caveat: {_html(record.caveat)}</em>")
    if record.date_note is not None:
        label = "Date inferred" if record.date_inferred else "Date"
        paragraphs.append(f"<small>{label}: {_html(record.date_note)}</small>")
    for citation in record.citations:
        paragraphs.append(f"<small>Source: {_html(footnote(reg, citation))}</small>")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def timeline_event(reg: Registries, record: Record) -> dict[str, Any] | None:
    """One record as a TimelineJS slide, or None for an undated record, which has no place on a timeline."""
    when = record.date
    if when is None:
        return None
    event: dict[str, Any] = {"start_date": _timeline_date(when)}
    if record.end is not None:
        event["end_date"] = _timeline_date(record.end)
    event["display_date"] = _html(date_label(record))
    event["text"] = {"headline": _html(record.title), "text": _timeline_text(reg, record)}
    if record.topics:
        topic = reg.topics.get(record.topics[0])
        event["group"] = _html(topic.label if topic else record.topics[0])
    event["unique_id"] = record.id
    # Data may hold addresses; left as written, never turned into links.
    event["autolink"] = False
    return event


def to_timelinejs(reg: Registries, records: Sequence[Record], *, title: str = CHRONOLOGY_TITLE) -> str:
    """The TimelineJS3 JSON format: a title slide, then one event per dated record (undated ones left out)."""
    events = [e for e in (timeline_event(reg, r) for r in records) if e is not None]
    left_out = len(records) - len(events)
    summary = f"{len(events)} dated record{'s' if len(events) != 1 else ''}"
    if left_out:
        summary += f"; {left_out} undated left out"
    doc = {
        "title": {"text": {"headline": _html(title), "text": f"<p>{summary}.</p>"}},
        "events": events,
    }
    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
