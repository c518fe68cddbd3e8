"""Pure filters over records: date-span overlap, topic, actor, kind and words; chronological or ranked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.model import KINDS, Record
from tajru.store import Hit, Store, Tally
from tajru.text import shown


class Query(NamedTuple):
    """What a listing asks for. Repeats of one filter mean any of them; different filters must all hold."""

    start: date | None = None
    end: date | None = None
    topics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    text: str | None = None  # an FTS5 match expression, built by match_expression
    dated_only: bool = False
    speakers: frozenset[str] = frozenset()
    phrase: str | None = None  # the words as one phrase, ranked first by search


_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w+")


class Words(NamedTuple):
    """What the user typed as words, as FTS5 expressions: all of them, and all as one phrase."""

    match: str
    phrase: str | None


def match_expression(text: str) -> Words:
    """Words, "exact phrases" and prefix* terms as an FTS5 query that the user's punctuation cannot break.

    Every term goes to FTS5 quoted, so its operators (AND, NEAR, -, ^, column:) are only
    words here. A quote left open runs to the end; '*' makes the word before it a prefix.
    """
    terms: list[str] = []
    bare: list[str] = []
    for m in _PART.finditer(text):
        if m[1] is not None:
            words = _WORD.findall(m[1])
            if words:
                terms.append('"' + " ".join(words) + '"')
            continue
        words = _WORD.findall(m[2])
        for n, word in enumerate(words):
            prefix = n == len(words) - 1 and m[2].endswith("*")
            terms.append(f'"{word}"' + ("*" if prefix else ""))
            bare.append(word)
    if not terms:
        raise UsageError(
            f"{shown(text)} has no words to look for", hint='search for words, "a phrase" or a prefix*'
        )
    phrase = '"' + " ".join(bare) + '"' if len(bare) > 1 and len(bare) == len(terms) else None
    return Words(" ".join(terms), phrase)


def build_query(
    store: Store,
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
    words = match_expression(text) if text is not None else None
    return Query(
        start=start,
        end=end,
        topics=frozenset(store.topic(t).id for t in topics),
        actors=frozenset(store.actor(a).id for a in actors),
        kinds=frozenset(kinds),
        text=words.match if words else None,
        dated_only=dated_only,
        speakers=frozenset(store.actor(s).id for s in speakers),
        phrase=words.phrase if words else None,
    )


def _placeholders(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


def _conditions(store: Store, query: Query) -> tuple[str, list[object]]:
    """The query as one SQL condition on the records table, each part indexed."""
    if query.text is not None:
        store.ensure_search_index()
    where: list[str] = []
    params: list[object] = []
    if query.kinds:
        where.append(f"kind IN ({_placeholders(query.kinds)})")
        params += sorted(query.kinds)
    if query.dated_only:
        where.append("first_day IS NOT NULL")
    if query.start is not None:
        where.append("last_day >= ?")
        params.append(query.start.toordinal())
    if query.end is not None:
        where.append("first_day <= ?")
        params.append(query.end.toordinal())
    if query.speakers:
        where.append(f"speaker IN ({_placeholders(query.speakers)})")
        params += sorted(query.speakers)
    for table, column, values in (
        ("record_topics", "topic", query.topics),
        ("record_actors", "actor", query.actors),
    ):
        if values:
            where.append(
                f"position IN (SELECT position FROM {table} WHERE {column} IN ({_placeholders(values)}))"
            )
            params += sorted(values)
    if query.text is not None:
        where.append("position IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
        params.append(query.text)
    return " AND ".join(where), params


def select(store: Store, query: Query) -> list[Record]:
    """The records a query asks for, in chronological order, undated ones last.

    A record matches a range when its span shares at least a day with it, so an undated
    record never matches a range. Each filter is one indexed condition on the compiled store.
    """
    return store.fetch(*_conditions(store, query))


def search(store: Store, query: Query) -> list[Hit]:
    """The records with all the query's words, best first: the words as an exact phrase, then by BM25."""
    assert query.text is not None, "search needs words"
    return store.ranked(*_conditions(store, query), query.text, query.phrase)


def tally(store: Store, query: Query) -> Tally:
    """Counts by kind, topic, actor, source and year of the records a query asks for."""
    return store.tally(*_conditions(store, query))
