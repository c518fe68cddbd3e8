"""Whether an evidence passage is printed in a source text, character for character.

A passage must reproduce its source as printed: the same letters, case, quote marks
and dashes.  Only the artefacts that extracting a PDF to text leaves behind may differ,
and each is allowed here by name, nowhere else:

- a line break (with any spaces around it) stands for one space;
- a word hyphenated across a line end may be written whole, with or without its hyphen;
- the PDF's „ stands for “, and its ‟ for ’ or ”;
- the private-use bullet U+F09E is not text;
- an ordinal suffix set as superscript on a line of its own ("201" / "st") is one word.

Footnote-marker lines and page headers are removed before matching, by the code that
finds the stretch a locator names.  A passage may leave out text with "..." (or "…")
inside that stretch: each part must then be found, in order.
"""

from __future__ import annotations

import re
from functools import lru_cache

ELISION = re.compile(r"\s*(?:\.\.\.|…)\s*")
_BULLET = "\uf09e"
_SUPERSCRIPT_ORDINAL = re.compile(r"(\d)[ \t]*\n[ \t]*(st|nd|rd|th)[ \t]*\n")
# What each printed character may appear as in an extracted text.
_PRINTED_AS = {"“": "[“„]", "’": "[’‟]", "”": "[”‟]"}
_LINE_END_HYPHEN = r"(?:-[ \t]*\n\s*)?"


def extracted(text: str) -> str:
    """The text with the artefacts that are not characters at all taken out."""
    text = text.replace(_BULLET, "")
    return _SUPERSCRIPT_ORDINAL.sub(r"\1\2 ", text)


@lru_cache(maxsize=512)
def _pattern(part: str) -> re.Pattern[str]:
    pieces: list[str] = []
    previous = ""
    for ch in part:
        if ch.isspace():
            if previous.isspace():
                continue
            pieces.append(r"\s+")
        elif ch == "-":
            pieces.append(r"-(?:[ \t]*\n\s*)?")
        else:
            if previous.isalpha() and ch.isalpha():
                pieces.append(_LINE_END_HYPHEN)
            pieces.append(_PRINTED_AS.get(ch, re.escape(ch)))
        previous = ch
    return re.compile("".join(pieces))


def parts(passage: str) -> list[str]:
    """The stretches of a passage between its elisions."""
    return [p for p in ELISION.split(passage.strip()) if p]


def printed_in(text: str, passage: str) -> bool:
    """True when every part of the passage is printed in the text, in order."""
    text = extracted(text)
    pos = 0
    for part in parts(passage):
        found = _pattern(part).search(text, pos)
        if found is None:
            return False
        pos = found.end()
    return True
