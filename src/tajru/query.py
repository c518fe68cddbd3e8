"""What a user asked for, parsed into a Query of ids, days and search terms; no SQL, no writes.

Repeats of one filter mean any of them; different filters must all hold. tajru.index turns
a Query into SQL; names typed here are resolved against the store's registries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.model import KINDS, Registries
from tajru.names import find_actor, find_topic, suggest
from tajru.text import shown


class Term(NamedTuple):
    """One thing to look for: any of its forms, each a run of words that stand together.

    A prefix* term matches words that start with its last word. `typed` is what the user
    wrote, for messages about what was searched instead.
    """

    forms: tuple[tuple[str, ...], ...]
    prefix: bool = False
    typed: str = ""

    @classmethod
    def of(cls, *words: str, prefix: bool = False) -> Term:
        return cls((tuple(words),), prefix, " ".join(words))


class Query(NamedTuple):
    start: date | None = None
    end: date | None = None
    years: tuple[tuple[date, date], ...] = ()  # any of these spans (--year, repeatable)
    topics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    terms: tuple[Term, ...] = ()  # every term must match
    dated_only: bool = False
    speakers: frozenset[str] = frozenset()
    spoken: bool = False  # only records of words said: quotes, and other kinds that report a speaker
    excluded: tuple[Term, ...] = ()  # no record matching any of these
    # Further searches, each (terms, excluded), any of which may match instead (--search, repeated).
    more: tuple[tuple[tuple[Term, ...], tuple[Term, ...]], ...] = ()
    undated: bool = False  # undated records too, whatever the dates asked (--undated)
    text: str = ""  # the words as typed, for what a question asks for

    @property
    def by_date(self) -> bool:
        """True when the query keeps only records with a date in some range."""
        return self.dated_only or self.start is not None or self.end is not None or bool(self.years)

    @property
    def phrase(self) -> tuple[str, ...] | None:
        """Several plain words typed apart, which search ranks first where they stand together."""
        if len(self.terms) > 1 and all(len(t.forms[0]) == 1 and not t.prefix for t in self.terms):
            return tuple(t.forms[0][0] for t in self.terms)
        return None


class Prepared(NamedTuple):
    """A query as the store runs it: its words planned against the search index (spelling, names,
    compounds), with what the user must hear about it. Only Store.prepare makes one, and every reader
    of records below the store takes one, so that no query is run unprepared."""

    query: Query
    notes: tuple[str, ...] = ()
    unheld: tuple[str, ...] = ()  # words as typed that no record holds: every hit lacks them


_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def parse_terms(text: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Words, "exact phrases", prefix*, OR between two terms and -word or NOT word to leave out.

    Returns (terms, excluded). Only word characters reach the index, so nothing typed can be
    read as an operator of the search engine: anything else is a word or nothing. A quote
    left open runs to the end; '*' makes the word before it a prefix.
    """
    terms: list[Term] = []
    excluded: list[Term] = []
    join_next = leave_out_next = False
    for m in _PART.finditer(text):
        raw = m[3] or ""
        if raw == "OR" and terms:
            join_next = True
            continue
        if raw == "NOT":
            leave_out_next = True
            continue
        negated = bool(m[1]) or (raw.startswith("-") and len(raw) > 1)
        if m[2] is not None:
            found = [Term.of(*w)] if (w := _WORD.findall(m[2])) else []
        else:
            words = _WORD.findall(raw)
            found = [
                Term.of(w, prefix=n == len(words) - 1 and raw.endswith("*")) for n, w in enumerate(words)
            ]
        if not found:
            continue
        if leave_out_next or negated:
            excluded += found
        elif join_next and len(found) == 1:
            last = terms.pop()
            terms.append(
                Term(
                    last.forms + found[0].forms,
                    last.prefix or found[0].prefix,
                    f"{last.typed} OR {found[0].typed}",
                )
            )
        else:
            terms += found
        join_next = leave_out_next = False
    if not terms:  # only words to leave out: look for them instead
        terms, excluded = excluded, []
    if not terms:
        raise UsageError(
            f"{shown(text)} has no words to look for", hint='search for words, "a phrase" or a prefix*'
        )
    return tuple(terms), tuple(excluded)


def build_query(
    registries: Registries,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    year: str | Iterable[str] | None = None,
    topics: Iterable[str] = (),
    actors: Iterable[str] = (),
    kinds: Iterable[str] = (),
    text: str | Sequence[str] | None = None,
    dated_only: bool = False,
    speakers: Iterable[str] = (),
    spoken: bool = False,
    undated: bool = False,
) -> Query:
    """Resolve what a user typed into ids and days; anything unknown is a UsageError."""
    start = PartialDate.parse(date_from).first_day if date_from else None
    end = PartialDate.parse(date_to).last_day if date_to else None
    if start and end and start > end:
        raise UsageError(
            f"the range is reversed: it starts {start.isoformat()} and ends {end.isoformat()}",
            hint="swap --from and --to",
        )
    spans = []
    for typed in [year] if isinstance(year, str) else list(year or ()):
        whole = PartialDate.parse(typed)
        if whole.precision != "year":
            raise UsageError(
                f"--year takes a year like 2003, not {shown(typed)}", hint="use --from and --to for a range"
            )
        first, last = (
            max(start or whole.first_day, whole.first_day),
            min(end or whole.last_day, whole.last_day),
        )
        if first > last:
            asked = " ".join(
                f"{flag} {day.isoformat()}" for flag, day in (("--from", start), ("--to", end)) if day
            )
            raise UsageError(f"--year {whole.year} lies outside {asked}", hint="drop one of them")
        spans.append((first, last))
    texts = [text] if isinstance(text, str) else list(text or ())
    parsed = [parse_terms(t) for t in texts]
    terms, excluded = parsed[0] if parsed else ((), ())
    for kind in kinds:
        if kind not in KINDS:
            raise UsageError(
                f"unknown kind {shown(kind)}", hint=suggest(kind, KINDS) or f"kinds are: {', '.join(KINDS)}"
            )
    return Query(
        start=start,
        end=end,
        years=tuple(spans),
        topics=frozenset(find_topic(registries.topics, t).id for t in topics),
        actors=frozenset(find_actor(registries.actors, a).id for a in actors),
        kinds=frozenset(kinds),
        terms=terms,
        dated_only=dated_only,
        speakers=frozenset(find_actor(registries.actors, s).id for s in speakers),
        spoken=spoken,
        excluded=excluded,
        more=tuple(parsed[1:]),
        text=" ".join(texts),
        undated=undated,
    )
