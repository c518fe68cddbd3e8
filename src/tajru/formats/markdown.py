"""Records as a Markdown chronology to paste into a paper: a section a year, the citations as footnotes."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from tajru.formats.citations import csl_item
from tajru.labels import CHRONOLOGY_TITLE, actor_name, by_year, date_label, figure_value, footnote, places
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


def _legend(records: Sequence[Record]) -> list[str]:
    """What the marks mean, said once under the chronology, as the listings say it."""
    said = []
    if any(r.date_inferred for r in records):
        said.append("Dates in \\[brackets\\] are inferred from the source, not stated in it.")
    if any(r.caveat for r in records):
        said.append("A caveat says what is doubtful about a record, or that it is only its source's view.")
    return ["", *said] if said else []


def to_markdown(reg: Registries, records: Sequence[Record], *, title: str = CHRONOLOGY_TITLE) -> str:
    """A chronology to paste into a paper: a section per year, undated records last, sources as footnotes.

    Each citation of each record is a footnote of its own, numbered in the order they appear.
    """
    lines = [f"# {markdown_text(title)}"]
    footnotes: list[str] = []
    for heading, chosen in by_year(records):
        lines += ["", f"## {heading}", ""]
        for record in chosen:
            refs = ""
            for citation in record.citations:
                footnotes.append(footnote(reg, citation))
                refs += f"[^{len(footnotes)}]"
            lines.append(_bullet(reg, record, refs))
    lines += _legend(records)
    if footnotes:
        lines.append("")
        lines += [f"[^{n}]: {markdown_text(note)}" for n, note in enumerate(footnotes, 1)]
    return "\n".join(lines) + "\n"


def pandoc_citation(record: Record) -> str:
    """The record's sources as one Pandoc citation: '[@sethi-2017, Military Relations, note 24]'."""
    return (
        "["
        + "; ".join(f"@{source}, {markdown_text(where)}" for source, where in places(record.citations))
        + "]"
    )


def to_pandoc_markdown(reg: Registries, records: Sequence[Record], *, title: str = CHRONOLOGY_TITLE) -> str:
    """The chronology with Pandoc citations, which a citation style formats (`pandoc --citeproc`).

    The sources cited are in the front matter as CSL references, so the file renders on its own;
    written with -o, the same references are also put beside it as CSL-JSON for a reference manager.
    """
    cited = {c.source for r in records for c in r.citations}
    references = [csl_item(s) for s in reg.sources.values() if s.id in cited]
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "references:"]
    lines += [f"- {json.dumps(item, ensure_ascii=False)}" for item in references]
    lines += ["---"]
    for heading, chosen in by_year(records):
        lines += ["", f"## {heading}", ""]
        lines += [_bullet(reg, record, " " + pandoc_citation(record)) for record in chosen]
    lines += _legend(records)
    lines += ["", "## References"]
    return "\n".join(lines) + "\n"


def pandoc_references(reg: Registries, records: Sequence[Record], output: object = None) -> str:
    """The CSL-JSON of the sources the records cite, for the file beside a Pandoc chronology."""
    cited = {c.source for r in records for c in r.citations}
    return (
        json.dumps([csl_item(s) for s in reg.sources.values() if s.id in cited], ensure_ascii=False, indent=2)
        + "\n"
    )
