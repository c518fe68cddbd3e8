"""Records as files for other tools: JSON, NDJSON, CSV, a Markdown chronology and TimelineJS.

Each function takes the store and the records to export and returns the whole text. The
JSON documents (to_json, to_timelinejs) end without a newline, like records_json; the
line-based formats (to_ndjson, to_csv, to_markdown) end with their line terminator.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from tajru.dates import PartialDate
from tajru.model import Citation, Record
from tajru.render.json_out import record_json, records_json
from tajru.render.labels import actor_name, date_label, figure_value, reference
from tajru.store import Store

DEFAULT_TITLE = "Tajikistan–Russia relations: a chronology"

# ---------------------------------------------------------------------------- JSON


def to_json(store: Store, records: Sequence[Record]) -> str:
    """The records as one JSON array, exactly as `--json` writes them."""
    return records_json(store, records)


# Characters some line readers (str.splitlines, JavaScript) take for line breaks, which JSON
# leaves raw inside strings; escaped, so that a line is always exactly one object.
_LINE_LIKE = re.compile("[\x85\u2028\u2029]")


def to_ndjson(store: Store, records: Sequence[Record]) -> str:
    """One compact JSON object per line, each the object to_json has for the record."""
    lines = (json.dumps(record_json(store, r), ensure_ascii=False, separators=(",", ":")) for r in records)
    return "".join(_LINE_LIKE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n" for line in lines)


# ----------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "id",
    "kind",
    "date",
    "end",
    "date_inferred",
    "date_note",
    "title",
    "text",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "speaker",
    "speaker_name",
    "quote",
    "context",
    "caveat",
    "topics",
    "actors",
    "sources",
    "locators",
    "evidence",
)
LIST_SEPARATOR = "; "
_LIST_SPECIAL = re.compile(r"[\\;]")


def join_list(items: Iterable[str]) -> str:
    """Items joined by "; ", with a backslash before any ';' or '\\' in an item, so the cell splits back.

    Ids never hold either character, so only free text (locators, evidence) is ever escaped.
    """
    return LIST_SEPARATOR.join(_LIST_SPECIAL.sub(r"\\\g<0>", item) for item in items)


def split_list(cell: str) -> list[str]:
    """The inverse of join_list: the items of a list cell of to_csv."""
    if cell == "":
        return []
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ";":
            items.append("".join(current))
            current = []
            next(chars, None)  # the space of the separator
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def _cell(value: Any) -> str:
    if value is True:
        return "true"
    if value is None or value is False:
        return ""
    return str(value)


def csv_row(store: Store, record: Record) -> dict[str, str]:
    """One record as the cells of its CSV row, by column name."""
    data = record_json(store, record)
    row = {name: _cell(data.get(name)) for name in CSV_COLUMNS}
    row["topics"] = join_list(record.topics)
    row["actors"] = join_list(record.actors)
    row["sources"] = join_list(c.source for c in record.citations)
    row["locators"] = join_list(c.locator for c in record.citations)
    row["evidence"] = join_list(c.evidence for c in record.citations)
    return row


def to_csv(store: Store, records: Sequence[Record]) -> str:
    """RFC 4180 CSV: a header row, then one row per record; list cells joined by "; " (see join_list)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(store, record))
    return out.getvalue()


# ------------------------------------------------------------------------ Markdown

# Every character CommonMark or Pandoc could read as markup, whatever its place in a line:
# emphasis, code, links and footnotes, raw HTML and entities, headings, strike-through,
# Pandoc's math, superscripts and citations. CommonMark lets any ASCII punctuation be escaped.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~^$@&]")
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def markdown_text(value: str) -> str:
    """Data as literal Markdown text: markup characters escaped, line breaks (structure) as spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", _LINE_BREAKS.sub(" ", value))


def _footnote(store: Store, citation: Citation) -> str:
    return f"{reference(store, citation).removesuffix('.')}, {citation.locator}: “{citation.evidence}”"


def _bullet(store: Store, record: Record, notes: str) -> str:
    text = markdown_text(record.title)
    if record.kind == "figure" and record.value is not None:
        text += ": " + markdown_text(figure_value(record))
    if record.kind == "quote" and record.quote is not None:
        text += ": “" + markdown_text(record.quote) + "”"
        if record.speaker is not None:
            text += " — " + markdown_text(actor_name(store, record.speaker))
    if record.when is None:
        return f"- {text}{notes}"
    return f"- **{markdown_text(date_label(record))}** — {text}{notes}"


def _chronological(record: Record) -> tuple[datetime.date, int]:
    when = record.when
    assert when is not None
    return when.sort_key()


def to_markdown(store: Store, records: Sequence[Record], *, title: str = DEFAULT_TITLE) -> str:
    """A chronology to paste into a paper: a section per year, undated records last, sources as footnotes.

    Each citation of each record is a footnote of its own, numbered in the order they appear.
    """
    by_year: dict[int, list[Record]] = {}
    undated: list[Record] = []
    for record in records:
        when = record.when
        if when is None:
            undated.append(record)
        else:
            by_year.setdefault(when.year, []).append(record)
    sections = [(str(year), sorted(by_year[year], key=_chronological)) for year in sorted(by_year)]
    if undated:
        sections.append(("Undated", undated))

    lines = [f"# {markdown_text(title)}"]
    footnotes: list[str] = []
    for heading, chosen in sections:
        lines += ["", f"## {heading}", ""]
        for record in chosen:
            refs = ""
            for citation in record.citations:
                footnotes.append(_footnote(store, citation))
                refs += f"[^{len(footnotes)}]"
            lines.append(_bullet(store, record, refs))
    if footnotes:
        lines.append("")
        lines += [f"[^{n}]: {markdown_text(note)}" for n, note in enumerate(footnotes, 1)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- TimelineJS


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


def _timeline_text(store: Store, record: Record) -> str:
    paragraphs: list[str] = []
    if record.kind == "figure" and record.value is not None:
        paragraphs.append(f"<strong>{_html(figure_value(record))}</strong>")
    if record.kind == "quote" and record.quote is not None:
        who = f" — {_html(actor_name(store, record.speaker))}" if record.speaker else ""
        paragraphs.append(f"<blockquote>“{_html(record.quote)}”{who}</blockquote>")
    for value in (record.context, record.text, record.caveat, record.date_note):
        if value is not None:
            paragraphs.append(_html(value))
    for citation in record.citations:
        paragraphs.append(f"<small>Source: {_html(_footnote(store, citation))}</small>")
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def timeline_event(store: Store, record: Record) -> dict[str, Any] | None:
    """One record as a TimelineJS slide, or None for an undated record, which has no place on a timeline."""
    when = record.when
    if when is None:
        return None
    event: dict[str, Any] = {"start_date": _timeline_date(when)}
    if record.end is not None:
        event["end_date"] = _timeline_date(record.end)
    event["display_date"] = _html(date_label(record))
    event["text"] = {"headline": _html(record.title), "text": _timeline_text(store, record)}
    if record.topics:
        topic = store.topics.get(record.topics[0])
        event["group"] = _html(topic.label if topic else record.topics[0])
    event["unique_id"] = record.id
    # Data may hold addresses; left as written, never turned into links.
    event["autolink"] = False
    return event


def to_timelinejs(store: Store, records: Sequence[Record], *, title: str = DEFAULT_TITLE) -> str:
    """The TimelineJS3 JSON format: a title slide, then one event per dated record (undated ones left out)."""
    events = [e for e in (timeline_event(store, r) for r in records) if e is not None]
    left_out = len(records) - len(events)
    summary = f"{len(events)} dated record{'s' if len(events) != 1 else ''}"
    if left_out:
        summary += f"; {left_out} undated left out"
    doc = {
        "title": {"text": {"headline": _html(title), "text": f"<p>{summary}.</p>"}},
        "events": events,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
