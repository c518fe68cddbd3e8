"""Records as a Markdown chronology to paste into a paper: a section a year, the citations as footnotes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from tajru.labels import CHRONOLOGY_TITLE, actor_name, date_label, figure_value, footnote
from tajru.model import Record, Registries

# Every character CommonMark or Pandoc could read as markup, whatever its place in a line:
# emphasis, code, links and footnotes, raw HTML and entities, headings, strike-through,
# Pandoc's math, superscripts and citations. CommonMark lets any ASCII punctuation be escaped.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~^$@&]")
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def markdown_text(value: str) -> str:
    """Data as literal Markdown text: markup characters escaped, line breaks (structure) as spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", _LINE_BREAKS.sub(" ", value))


def _bullet(reg: Registries, record: Record, notes: str) -> str:
    text = markdown_text(record.title)
    if record.kind == "figure" and record.value is not None:
        text += ": " + markdown_text(figure_value(record))
    if record.kind == "quote" and record.quote is not None:
        text += ": “" + markdown_text(record.quote) + "”"
        if record.speaker is not None:
            text += " — " + markdown_text(actor_name(reg, record.speaker))
    # The caveat travels with its record into the paper it is pasted into.
    caveat = f" *(Caveat: {markdown_text(record.caveat)})*" if record.caveat else ""
    if record.date is None:
        return f"- {text}{notes}{caveat}"
    return f"- **{markdown_text(date_label(record))}** — {text}{notes}{caveat}"


def _chronological(record: Record) -> tuple[datetime.date, int]:
    when = record.date
    assert when is not None
    return when.sort_key()


def to_markdown(reg: Registries, records: Sequence[Record], *, title: str = CHRONOLOGY_TITLE) -> str:
    """A chronology to paste into a paper: a section per year, undated records last, sources as footnotes.

    Each citation of each record is a footnote of its own, numbered in the order they appear.
    """
    by_year: dict[int, list[Record]] = {}
    undated: list[Record] = []
    for record in records:
        when = record.date
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
                footnotes.append(footnote(reg, citation))
                refs += f"[^{len(footnotes)}]"
            lines.append(_bullet(reg, record, refs))
    if footnotes:
        lines.append("")
        lines += [f"[^{n}]: {markdown_text(note)}" for n, note in enumerate(footnotes, 1)]
    return "\n".join(lines) + "\n"
