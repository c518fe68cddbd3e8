"""A located stretch as a person reads it, and its sentences: what a drafted passage is cut from.

The reading keeps the source's characters and lets differ only what tajru.evidence allows to differ
(line breaks, a word hyphenated across a line end, the PDF's „ and ‟, the bullet, a superscript
ordinal), so that every sentence cut from it is printed in the stretch as the checker reads it.
Headings are left out: a line like "Tajikistan - Russia Economic Engagement" is not a sentence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tajru.evidence import extracted, readable

_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?][”’)]?(?=\s)")
# Words a full stop follows without ending a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen col lt sgt capt no nos pg pp p vol ed eds etc e.g i.e u.s u.k u.n jr sr vs "
    "approx jan feb mar apr jun jul aug sep sept oct nov dec fig al cf ca".split()
)


def _heading(line: str, before: str, after: str) -> bool:
    """A line that is a heading: short, title-cased, not ending a sentence, between two that do."""
    words = line.split()
    if not 2 <= len(words) <= 12 or line.rstrip()[-1] in '.,;:!?…”’"-–':
        return False
    long = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    if not long or sum(w[0].isupper() for w in long) < 0.6 * len(long):
        return False
    starts_sentence = bool(after) and (after.lstrip()[:1].isupper() or after.lstrip()[:1] in '“„"')
    return (not before or before.rstrip()[-1:] in '.!?”’":') and starts_sentence


def _without_headings(text: str) -> str:
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        before = lines[filled[k - 1]] if k > 0 else ""
        after = lines[filled[k + 1]] if k + 1 < len(filled) else ""
        if _heading(lines[i].strip(), before.strip(), after):
            lines[i] = ""
    return "\n".join(lines)


def reading(stretch: str, title: str | None = None) -> str:
    """The stretch as one line of text, as it reads: headings and a leading title left out."""
    text = _without_headings(extracted(stretch))
    text = readable(_LINE_END_HYPHEN.sub("-", text))
    if title:
        heading = readable(title)
        if text.startswith(heading):
            text = text[len(heading) :].lstrip()
    return text


class Sentence(NamedTuple):
    text: str
    start: int  # where it starts in the reading


def sentences(text: str) -> list[Sentence]:
    """The sentences of a reading, none cut inside a quotation or after an abbreviation or initial."""
    found: list[Sentence] = []
    start = 0
    depth = 0
    opened = 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth, opened = depth + 1, i
        elif ch == "”" and depth:
            depth -= 1
        if depth and i - opened > 800:  # a quotation never closed: its mark does not hold the text
            depth = 0
        closing = ch == "”" and text[i - 1 : i] in (".", "!", "?")  # '... Mashinasozi.” Spanning'
        if depth or not (closing or ch in ".!?"):
            continue
        end = _SENTENCE_END.match(text, i - 1 if closing else i)
        if end is None:
            continue
        rest = text[end.end() :].lstrip()
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in '“("‘'):
            continue
        word = text[start:i].split()[-1:] or [""]
        last = word[0].lstrip('(“"').casefold()
        if ch == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        found.append(Sentence(text[start : end.end()].strip(), start))
        start = end.end() + (len(text[end.end() :]) - len(text[end.end() :].lstrip()))
    if text[start:].strip():
        found.append(Sentence(text[start:].strip(), start))
    return found


def as_evidence(sentence: str) -> str:
    """The sentence as an evidence passage: its closing full stop left off, as the store writes them."""
    return sentence[:-1] if sentence.endswith(".") and sentence[-2:-1].isalnum() else sentence
