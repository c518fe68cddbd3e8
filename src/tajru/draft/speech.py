"""Words said: a quotation in a sentence that says who said it ("..." Putin stated), and reported speech
(President Putin acknowledged that ...). A name in quotation marks ("Barky Tochik") or a phrase held at
a distance ("center" and "periphery") is not a quote: a quote needs a verb of saying and a speaker."""

from __future__ import annotations

import re
from typing import NamedTuple

from tajru.draft.filing import Named

SAYING = re.compile(
    r"\b(?:said|says|say|stated|states|declared|declares|characteri[sz]ed|described|called|emphasi[sz]ed|"
    r"stressed|noted|noting|told|added|affirmed|acknowledged|announced|warned|remarked|insisted|urged|"
    r"proclaimed|argued|asserted|observed|explained|assured|promised|vowed|according to|in the words of)\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"“([^“”]+)”")
_LEADING_CLAUSE = re.compile(r"^(?:While|When|During|At|Speaking|Addressing|Visiting|In)\b[^,“]{3,120},")


class Quoted(NamedTuple):
    words: str  # the words inside the marks, as printed, without a comma that ends them
    at: int


def quotations(sentence: str) -> list[Quoted]:
    """The quotations of three words or more: shorter ones are names and titles more often than speech."""
    found = []
    for match in _QUOTATION.finditer(sentence):
        words = match.group(1).strip()
        words = words[:-1] if words.endswith(",") else words
        if len(words.split()) >= 3:
            found.append(Quoted(words, match.start(1)))
    return found


def speaker(sentence: str, named: list[Named], persons: set[str], last: str | None) -> str | None:
    """Who the sentence reports as saying something: the person named nearest before its verb of saying
    (or after it, as in "... Putin stated"); "he" or "she", or no one named, is the last speaker."""
    verb = SAYING.search(sentence)
    if verb is None:
        return None
    people = [n for n in named if n.actor in persons]
    before = [n for n in people if n.at < verb.start()]
    if before:
        return before[-1].actor
    if people:
        return min(people, key=lambda n: n.at - verb.start()).actor
    return last  # "he emphasized", "The Tajik President said": the one who spoke last


def context(sentence: str) -> str | None:
    """Where or when the words were said, as the sentence opens: "While addressing the Tajik parliament
    on 22 April 2002"; None when it does not say."""
    found = _LEADING_CLAUSE.match(sentence)
    return found.group(0)[:-1].strip() if found else None
