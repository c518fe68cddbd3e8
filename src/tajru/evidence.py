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
    return first_missing(text, passage) is None


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def readable(text: str) -> str:
    """The extracted text as a person reads it: one space for each run of white space, and the PDF's
    „ and ‟ as the marks they stand for (‟ before a letter is an apostrophe)."""
    text = " ".join(extracted(text).split()).replace("„", "“")
    return re.sub("‟(?=\\w)", "’", text).replace("‟", "”")


def closest(text: str, part: str) -> str:
    """The stretch of the text most like the part: what the passage was most likely copied from."""
    from difflib import SequenceMatcher

    hay = readable(text)
    if len(hay) <= len(part) + 40:
        return hay
    best, found = -1.0, hay[: len(part)]
    for a, b, size in SequenceMatcher(None, hay, part, autojunk=False).get_matching_blocks():
        if size < 4:
            continue
        start = max(0, a - b)
        window = hay[start : start + len(part)]
        ratio = SequenceMatcher(None, window, part, autojunk=False).ratio()
        if ratio > best:
            best, found = ratio, window
    start = hay.find(found)
    # Widen to whole words, so the passage shown begins and ends where words do.
    while start > 0 and not hay[start - 1].isspace():
        start -= 1
    end = hay.find(found) + len(found)
    while end < len(hay) and not hay[end].isspace():
        end += 1
    return hay[start:end]


def differences(passage: str, printed: str) -> str:
    """The passage with what differs from the printed text marked, readable without colour: [-...-] is
    only in the passage, {+...+} only in the print. Words differ whole; each punctuation mark, quote
    and dash is compared on its own, so a straight quote for a curly one shows as exactly that."""
    from difflib import SequenceMatcher

    ours, theirs = _TOKEN.findall(passage), _TOKEN.findall(printed)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(ours[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(ours[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(theirs[j1:j2]) + "+}")
    return "".join(out)


def first_missing(text: str, passage: str) -> str | None:
    """The first part of the passage (between elisions) not printed where it should be, or None."""
    text = extracted(text)
    pos = 0
    for part in parts(passage):
        found = _pattern(part).search(text, pos)
        if found is None:
            return part
        pos = found.end()
    return None
