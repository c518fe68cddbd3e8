"""The figures a sentence gives: a number with its unit and the source's own hedge ("over 170 Russian
companies", "nearly $2 billion", "exceeding 25.3 billion rubles", "75%", "one million Tajik citizens").

A number is a figure only with a unit: a bare count ("five republics") or a year is not one. The value
is exact decimal arithmetic on the printed number (25.3 billion is 25300000000, never 25299999999.99).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

_SCALES = {"thousand": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6, "billion": 10**9,
           "billions": 10**9, "bn": 10**9, "trillion": 10**12}  # fmt: skip
_WORD_NUMBERS: dict[str, int | Decimal] = {
    w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_WORD_NUMBERS |= {"a": 1, "half a": Decimal("0.5"), "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                  "fifty": 50, "a hundred": 100, "hundred": 100}  # fmt: skip
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
_CURRENCY_WORDS = {"rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "dollars": "USD",
                   "dollar": "USD", "euros": "EUR", "euro": "EUR", "somoni": "TJS", "usd": "USD",
                   "rub": "RUB", "eur": "EUR", "tjs": "TJS"}  # fmt: skip
_HEDGES = ("more than", "less than", "fewer than", "at least", "up to", "just over", "just under", "close to",
           "over", "nearly", "about", "approximately", "almost", "around", "exceeding", "roughly", "some",
           "under", "below", "above", "an estimated", "estimated", "upwards of")  # fmt: skip
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORDS = r"(?P<words>" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True)) + r")"
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_FIGURE = re.compile(
    r"(?P<hedge>\b(?:" + "|".join(_HEDGES) + r")\s+)?"
    r"(?P<sign>US\$|[$€£₽])?\s?"
    rf"(?:{_NUMBER}(?:\s*(?P<scale>{_SCALE})\b)?|\b{_WORDS}\s+(?P<wscale>{_SCALE})\b)"
    r"(?P<percent>\s*%|\s+per\s?cent\b)?",
    re.IGNORECASE,
)
# Words that end a unit: what follows a figure's noun is not part of what it counts.
_UNIT_STOPS = frozenset(
    "of from in on at with for to by and or but which that who whose as than is are was were have has had "
    "will would be been being this these those its their it they he she we respectively each per a an the "
    "while when where so".split()
)


class Figure(NamedTuple):
    value: int | float
    unit: str
    qualifier: str | None
    at: int  # where in the sentence
    words: str  # the words that give it, as printed


def _value(number: str | None, words: str | None, scale: str | None) -> Decimal:
    base = Decimal(number.replace(",", "")) if number else Decimal(_WORD_NUMBERS[words.lower()])  # type: ignore[union-attr]
    return base * _SCALES[scale.lower()] if scale else base


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _unit_after(rest: str) -> str:
    """The noun a number counts: up to three words after it, before a preposition, verb or mark."""
    words: list[str] = []
    for match in re.finditer(r"\S+", rest):
        word = match.group(0)
        bare = word.strip("“”\"’'(),.;:!?")
        if not bare or bare.lower() in _UNIT_STOPS or bare.lower().endswith("ing") or not bare[0].isalpha():
            break
        if bare.lower() in ("square", "cubic") or not words or len(words) < 3:
            words.append(bare)
        if word[-1] in ",.;:!?)”" or len(words) == 3:
            break
    return " ".join(words)


def figures(sentence: str, dates: list[tuple[int, int]]) -> list[Figure]:
    """The figures of a sentence, in order; numbers inside the given date spans are not figures."""
    found = []
    for match in _FIGURE.finditer(sentence):
        start, end = match.span("number") if match.group("number") else match.span("words")
        if any(a <= start < b for a, b in dates) or sentence[end : end + 2] in ("st", "nd", "rd", "th"):
            continue
        if re.search(r"\w-?$", sentence[:start]) or re.match(r"-?\w", sentence[end:]):
            continue  # part of a name or a code: "Sangtuda-1", "S-300", "F16"
        if re.search(r"(?:note|page|p\.|pp\.|no\.|paragraph)\s*$", sentence[:start], re.IGNORECASE):
            continue
        scale = match.group("scale") or match.group("wscale")
        value = _value(match.group("number"), match.group("words"), scale)
        sign, percent = match.group("sign"), match.group("percent")
        rest = sentence[match.end() :]
        if percent:
            unit = "percent"
        elif sign:
            unit = _CURRENCY_SIGNS[sign.upper() if sign.upper() == "US$" else sign]
        else:
            noun = _unit_after(rest)
            unit = _CURRENCY_WORDS.get(noun.split()[0].lower(), noun) if noun else ""
        if not unit or (
            not sign
            and not percent
            and not scale
            and value >= 1000
            and "," not in match.group(0)
            and "." not in match.group(0)
        ):
            continue  # a bare number, or a four-digit one that is more likely a year or a code than a count
        hedge = match.group("hedge")
        found.append(
            Figure(
                _plain(value),
                unit,
                hedge.strip().lower() if hedge else None,
                match.start(),
                match.group(0).strip(),
            )
        )
    return found
