"""What a user asked for, parsed into a Query of ids, days and search terms; no SQL, no writes.

Repeats of one filter mean any of them; different filters must all hold. tajru.index turns
a Query into SQL; names typed here are resolved against the store's registries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.model import KINDS, Registries
from tajru.names import find_actor, find_topic
from tajru.text import shown


class Term(NamedTuple):
    """One thing to look for: a word, or the words of a "quoted phrase"; a prefix* when prefix is set."""

    words: tuple[str, ...]
    prefix: bool = False


class Query(NamedTuple):
    start: date | None = None
    end: date | None = None
    topics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    terms: tuple[Term, ...] = ()  # every term must match
    dated_only: bool = False
    speakers: frozenset[str] = frozenset()

    @property
    def phrase(self) -> tuple[str, ...] | None:
        """Several plain words typed apart, which search ranks first where they stand together."""
        if len(self.terms) > 1 and all(len(t.words) == 1 for t in self.terms):
            return tuple(t.words[0] for t in self.terms)
        return None


_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w+")


def parse_terms(text: str) -> tuple[Term, ...]:
    """Words, "exact phrases" and prefix* terms, whatever punctuation surrounds them.

    Only word characters are kept, so no operator of the search engine can be typed: AND,
    NEAR, '-', '^' and 'column:' are words or nothing. A quote left open runs to the end;
    '*' makes the word before it a prefix.
    """
    terms: list[Term] = []
    for m in _PART.finditer(text):
        if m[1] is not None:
            words = _WORD.findall(m[1])
            if words:
                terms.append(Term(tuple(words)))
            continue
        words = _WORD.findall(m[2])
        for n, word in enumerate(words):
            terms.append(Term((word,), prefix=n == len(words) - 1 and m[2].endswith("*")))
    if not terms:
        raise UsageError(
            f"{shown(text)} has no words to look for", hint='search for words, "a phrase" or a prefix*'
        )
    return tuple(terms)


def build_query(
    registries: Registries,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    year: str | None = None,
    topics: Iterable[str] = (),
    actors: Iterable[str] = (),
    kinds: Iterable[str] = (),
    text: str | None = None,
    dated_only: bool = False,
    speakers: Iterable[str] = (),
) -> Query:
    """Resolve what a user typed into ids and days; anything unknown is a UsageError."""
    start = PartialDate.parse(date_from).first_day if date_from else None
    end = PartialDate.parse(date_to).last_day if date_to else None
    if year is not None:
        whole = PartialDate.parse(year)
        if whole.precision != "year":
            raise UsageError(
                f"--year takes a year like 2003, not {shown(year)}", hint="use --from and --to for a range"
            )
        start = max(start, whole.first_day) if start else whole.first_day
        end = min(end, whole.last_day) if end else whole.last_day
    if start and end and start > end:
        raise UsageError(
            f"the range is reversed: it starts {start.isoformat()} and ends {end.isoformat()}",
            hint="swap --from and --to",
        )
    for kind in kinds:
        if kind not in KINDS:
            raise UsageError(f"unknown kind {shown(kind)}", hint=f"kinds are: {', '.join(KINDS)}")
    return Query(
        start=start,
        end=end,
        topics=frozenset(find_topic(registries.topics, t).id for t in topics),
        actors=frozenset(find_actor(registries.actors, a).id for a in actors),
        kinds=frozenset(kinds),
        terms=parse_terms(text) if text is not None else (),
        dated_only=dated_only,
        speakers=frozenset(find_actor(registries.actors, s).id for s in speakers),
    )
