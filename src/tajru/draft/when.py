"""The dates a sentence states, and those it implies: the precision the text gives, never more.

A date stated whole ("26 April 2003", "February 1990", "in 1992", "between 1998-2001") is the record's.
A date that needs context is inferred, and says from what: a day without its year takes the document's
year ("October 9th"); "this year" and "last year" count from the document's year; "at that time" and
"the following year" from the date stated before them. A year the text looks ahead to ("until 2042",
"by 2034") is what the record says, not when it happened, so it dates nothing.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = (
    {name: n for n, name in enumerate(_MONTH_NAMES, start=1)}
    | {name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1) if name != "may"}
    | {"sept": 9}
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = (
    r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d,.]\d|s\b|’s|'s|\s*(?:%|percent|per cent|million|billion|thousand))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b(?:mid-|early\s+|late\s+)?{_MONTH}\s*,?\s+(?:of\s+)?{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*\d)", re.IGNORECASE),
    re.compile(
        r"(?<![\d$€£.,])\b(?P<year>1[5-9]\d\d|20\d\d)\s*(?:-|–|—|to|and|until)\s*(?P<end>1[5-9]\d\d|20\d\d)\b"
    ),
    re.compile(rf"(?<![\d$€£.,\w-])(?:mid-)?{_YEAR}"),
)
_LOOKS_AHEAD = re.compile(
    r"\b(?:until|till|through|up to|by|before)\s+(?:the\s+)?(?:end\s+of\s+|mid-|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"until|till|up to", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|their)\s+(?:mid-)?$", re.IGNORECASE)
_RELATIVE = (
    (re.compile(r"\b(?:earlier|later)?\s*this year\b", re.IGNORECASE), "document", 0),
    (re.compile(r"\blast year\b|\bthe previous year\b", re.IGNORECASE), "document", -1),
    (re.compile(r"\bthe (?:following|next) year\b|\ba year later\b", re.IGNORECASE), "before", 1),
    (re.compile(r"\bat that time\b|\bthat (?:same )?year\b|\bthe same year\b", re.IGNORECASE), "before", 0),
)


class Stated(NamedTuple):
    """A date found in a sentence: ISO at its precision, an end for a span, and how it was found."""

    date: str
    end: str | None
    at: int  # where in the sentence
    words: str  # the words that give it
    attributive: bool = False  # "the 2019 agreement": the date of a thing named, not of a happening
    needs_year: bool = False  # "October 9th": a day and month without a year


def stated(sentence: str, document_year: int | None) -> list[Stated]:
    """Every date the sentence gives, in order; each stretch of text gives one date at most."""
    found: list[Stated] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            groups = match.groupdict()
            before = sentence[: match.start()]
            year = groups.get("year")
            ahead = _LOOKS_AHEAD.search(before)
            if (
                year
                and ahead
                and (_UNTIL.match(ahead.group(0)) or document_year is None or int(year) > document_year)
            ):
                continue  # a year looked ahead to, or a limit: the record's content, not its date
            month = MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            parts = [f"{int(year):04d}" if year else "????"]
            if month:
                parts.append(f"{month:02d}")
                if day:
                    parts.append(f"{day:02d}")
            end = groups.get("end")
            if end and int(end) <= int(year or 0):
                end = None
            found.append(
                Stated(
                    "-".join(parts),
                    end,
                    match.start(),
                    match.group(0),
                    attributive=bool(_ATTRIBUTIVE.search(before)) and not month,
                    needs_year=year is None,
                )
            )
    return sorted(found, key=lambda s: s.at)


class Implied(NamedTuple):
    """A date the sentence implies: the date and why, in words for a date_note."""

    date: str
    note: str


def relative(sentence: str, document_year: int | None, before: str | None) -> Implied | None:
    """The date "this year", "last year", "the following year" or "at that time" stand for, if known."""
    for pattern, base, shift in _RELATIVE:
        match = pattern.search(sentence)
        if match is None:
            continue
        phrase = " ".join(match.group(0).split())
        if base == "document" and document_year is not None:
            year = document_year + shift
            return Implied(str(year), f"'{phrase}' in a document of {document_year}")
        if base == "before" and before is not None:
            if shift == 0:
                return Implied(before, f"'{phrase}': the date stated before it in the text, {before}")
            year = int(before[:4]) + shift
            return Implied(str(year), f"'{phrase}' after {before[:4]}, the year stated before it in the text")
    return None
