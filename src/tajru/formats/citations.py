"""The sources as reference-manager entries (BibTeX, CSL-JSON) and a record's citation as plain text.

Entries hold only what a Source records: no author, title, venue or date is ever guessed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tajru.labels import full_citation
from tajru.model import Record, Registries, Source
from tajru.text import json_safe

# BibTeX's special characters, written so that LaTeX prints each one literally. Braces are
# spelled out: BibTeX counts a brace even after a backslash, so an unbalanced "\{" would run on.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIBTEX_ESCAPES))
_PAGE_RANGE = re.compile(r"(?<=\w)\s*[-‐‑‒–—]+\s*(?=\w)")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_INFERRED_NOTE = "year inferred"


def bibtex_escape(value: str) -> str:
    """The value with every BibTeX/LaTeX special character escaped; line breaks become spaces."""
    flat = _LINE_BREAKS.sub(" ", value)
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], flat)


def _is_article(source: Source) -> bool:
    return source.kind == "journal-article"


def bibtex_entry(source: Source) -> str:
    """One source as a BibTeX entry keyed by its id: @article for a journal article, else @misc."""
    fields: list[tuple[str, str]] = []
    if source.author:
        fields.append(("author", bibtex_escape(source.author)))
    if source.title:
        # Double braces keep the title's capitals (proper names) from a style's lowercasing.
        fields.append(("title", "{" + bibtex_escape(source.title) + "}"))
    if source.published_in:
        venue = "journal" if _is_article(source) else "howpublished"
        fields.append((venue, bibtex_escape(source.published_in)))
    if source.issued is not None:
        fields.append(("year", str(source.issued)))
    if source.published is not None and source.published.precision != "year":
        fields.append(("date", str(source.published)))  # biblatex's full date; BibTeX keeps the year
    if source.pages:
        fields.append(("pages", bibtex_escape(_PAGE_RANGE.sub("--", source.pages))))
    if source.doi:
        fields.append(("doi", bibtex_escape(source.doi)))
    if source.url:
        fields.append(("url", source.url))
    if source.year_inferred:
        fields.append(("note", _INFERRED_NOTE))
    entry_type = "article" if _is_article(source) else "misc"
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@{entry_type}{{{source.id},\n{body}}}\n"


def to_bibtex(reg: Registries) -> str:
    """Every source of the store as a BibTeX entry, in store order, separated by blank lines."""
    return "\n".join(bibtex_entry(s) for s in reg.sources.values())


def _csl_author(name: str) -> dict[str, str]:
    """'Jajneswar Sethi' as given and family names, the last word the family name, as Source.short has it."""
    given, _, family = name.strip().rpartition(" ")
    if not given:
        return {"literal": family}
    return {"family": family, "given": given}


def csl_item(source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item: article-journal for a journal article, else article."""
    item: dict[str, Any] = {"id": source.id, "type": "article-journal" if _is_article(source) else "article"}
    if source.title:
        item["title"] = source.title
    if source.author:
        item["author"] = [_csl_author(source.author)]
    if source.published_in:
        item["container-title"] = source.published_in
    if source.pages:
        item["page"] = source.pages
    if source.published is not None:
        parts = [p for p in source.published[:3] if p is not None]
        item["issued"] = {"date-parts": [parts]}
    elif source.year is not None:
        item["issued"] = {"date-parts": [[source.year]]}
    if source.doi:
        item["DOI"] = source.doi
    if source.url:
        item["URL"] = source.url
    if source.year_inferred:
        item["note"] = _INFERRED_NOTE
    return item


def to_csl_json(reg: Registries) -> str:
    """Every source of the store as a CSL-JSON array, for Zotero, Pandoc and citeproc."""
    return (
        json_safe(json.dumps([csl_item(s) for s in reg.sources.values()], ensure_ascii=False, indent=2))
        + "\n"
    )


def record_citation(reg: Registries, record: Record) -> str:
    """The record's sources as plain text to paste, in the one full style: a line per source."""
    return "\n".join(full_citation(reg, record))
