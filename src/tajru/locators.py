"""The stretch of a source's text that a citation's locator names, by the scheme the source declares.

- 'paragraph': "paragraph N", one paragraph a line (blank lines between are not counted), N from 1;
  a first line that is the source's title is not a paragraph.
- 'section-note': "<section>" for a whole section, or "<section>, note N" for the stretch of it that
  ends at footnote marker N, a bare number on its own line, as PDF extraction leaves them. The
  sections are the source's `sections`, each starting at the line holding its `starts` words.
- 'page': "page N" or "p. N", pages separated by form feeds, as pdftotext writes them and as
  tajru.documents reads a PDF (page N is the PDF's Nth page, not the number printed on it).
- 'none': the whole text, whatever the locator says.

Before any of these, the source's `ignore` texts (a page header, say) are cut out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tajru.model import Source

_NOTE_MARKER = re.compile(r"^\s*(\d{1,3})\s*$", re.MULTILINE)
_PARAGRAPH = re.compile(r"^paragraph\s+(\d+)$", re.IGNORECASE)
_PAGE = re.compile(r"^(?:page|p\.)\s*(\d+)$", re.IGNORECASE)
_SECTION_NOTE = re.compile(r"^(?P<section>.+?)(?:,\s*note\s+(?P<note>\d+))?$")


class Located(NamedTuple):
    """The text a locator names, or None with the reason it names nothing."""

    text: str | None
    problem: str = ""


def cleaned(source: Source, raw: str) -> str:
    """The text with the source's ignored stretches cut out."""
    for stretch in source.ignore:
        pattern = r"\s+".join(re.escape(word) for word in stretch.split())
        raw = re.sub(pattern, " ", raw)
    return raw


def locate(source: Source, raw: str, locator: str) -> Located:
    """The stretch of the source's text that the locator names."""
    text = cleaned(source, raw)
    scheme = source.locators or "none"
    where = " ".join(locator.split())
    if scheme == "none":
        return Located(text)
    if scheme == "paragraph":
        return _paragraph(source, text, where)
    if scheme == "page":
        return _page(text, where)
    return _section(source, text, where)


def _paragraph(source: Source, text: str, where: str) -> Located:
    found = _PARAGRAPH.match(where)
    if found is None:
        return Located(None, f"'{where}' is not 'paragraph N', as {source.id}'s locators are")
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and source.title and " ".join(lines[0].split()) == " ".join(source.title.split()):
        lines = lines[1:]
    n = int(found[1])
    if not 1 <= n <= len(lines):
        return Located(None, f"{source.id} has paragraphs 1 to {len(lines)}, not {n}")
    return Located(lines[n - 1])


def _page(text: str, where: str) -> Located:
    found = _PAGE.match(where)
    if found is None:
        return Located(None, f"'{where}' is not 'page N'")
    pages = text.split("\f")
    n = int(found[1])
    if not 1 <= n <= len(pages):
        return Located(None, f"the text has pages 1 to {len(pages)}, not {n}")
    return Located(pages[n - 1])


def sections(source: Source, text: str) -> list[tuple[str, str]] | str:
    """(name, text) of each declared section in order, or what is wrong with the declaration."""
    starts: list[tuple[int, str]] = []
    for section in source.sections:
        if section.starts is None:
            starts.append((0, section.name))
            continue
        at = text.find(section.starts)
        if at < 0:
            words = section.starts
            return f"{source.id}'s section '{section.name}' starts with words not in its text: '{words}'"
        starts.append((text.rfind("\n", 0, at) + 1, section.name))
    starts.sort()
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [(name, text[start:end]) for (start, name), end in zip(starts, ends, strict=True)]


def _section(source: Source, text: str, where: str) -> Located:
    parts = sections(source, text)
    if isinstance(parts, str):
        return Located(None, parts)
    found = _SECTION_NOTE.match(where)
    assert found is not None  # the pattern takes any non-empty text
    names = dict(parts)
    name, note = found["section"], found["note"]
    if name not in names:
        return Located(None, f"{source.id} has no section '{name}'; its sections are: {', '.join(names)}")
    body = names[name]
    if note is None:
        return Located(_NOTE_MARKER.sub(" ", body))
    pos = 0
    for marker in _NOTE_MARKER.finditer(body):
        if int(marker[1]) == int(note):
            return Located(body[pos : marker.start()])
        pos = marker.end()
    return Located(None, f"section '{name}' of {source.id} has no footnote marker {note}")


def places(source: Source, raw: str) -> list[tuple[str, str]]:
    """Every (locator, stretch) of the source's text by its scheme, in the text's order: each paragraph,
    each page, each section's stretch up to each footnote marker and the section itself for what follows
    its last marker. Each stretch is what locate() gives for its locator."""
    text = cleaned(source, raw)
    scheme = source.locators or "none"
    if scheme == "paragraph":
        lines = [line for line in text.splitlines() if line.strip()]
        skip = bool(lines and source.title and " ".join(lines[0].split()) == " ".join(source.title.split()))
        return [(f"paragraph {n}", line) for n, line in enumerate(lines[1:] if skip else lines, start=1)]
    if scheme == "page":
        return [(f"page {n}", page) for n, page in enumerate(text.split("\f"), start=1) if page.strip()]
    if scheme == "none":
        return [("the whole text", text)]
    parts = sections(source, text)
    if isinstance(parts, str):
        return []
    found: list[tuple[str, str]] = []
    for name, body in parts:
        pos = 0
        for marker in _NOTE_MARKER.finditer(body):
            found.append((f"{name}, note {int(marker[1])}", body[pos : marker.start()]))
            pos = marker.end()
        if body[pos:].strip():
            # What follows the last marker is cited by the section's name alone, which names all of it.
            found.append((name, body[pos:]))
    return found
