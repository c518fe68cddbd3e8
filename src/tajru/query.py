"""Pure filters over records: date-span overlap, topic, actor, kind and text; chronological order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.model import KINDS, Record
from tajru.store import Store
from tajru.text import fold


@dataclass(frozen=True)
class Query:
    """What a listing asks for. Repeats of one filter mean any of them; different filters must all hold."""

    start: date | None = None
    end: date | None = None
    topics: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    text: str | None = None
    dated_only: bool = False


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
) -> Query:
    """Resolve what a user typed into ids and days; anything unknown is a UsageError."""
    start = PartialDate.parse(date_from).first_day if date_from else None
    end = PartialDate.parse(date_to).last_day if date_to else None
    if year is not None:
        whole = PartialDate.parse(year)
        if whole.precision != "year":
            raise UsageError(
                f"--year takes a year like 2003, not '{year}'", hint="use --from and --to for a range"
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
            raise UsageError(f"unknown kind '{kind}'", hint=f"kinds are: {', '.join(KINDS)}")
    if text is not None and not fold(text):
        raise UsageError("--search needs some text to look for")
    return Query(
        start=start,
        end=end,
        topics=frozenset(store.topic(t).id for t in topics),
        actors=frozenset(store.actor(a).id for a in actors),
        kinds=frozenset(kinds),
        text=fold(text) if text is not None else None,
        dated_only=dated_only,
    )


def overlaps(record: Record, start: date | None, end: date | None) -> bool:
    """A record matches a range when its span shares at least a day with it; undated ones never do."""
    span = record.span
    if span is None:
        return start is None and end is None
    first, last = span
    return (start is None or last >= start) and (end is None or first <= end)


def matches(store: Store, record: Record, query: Query) -> bool:
    if query.kinds and record.kind not in query.kinds:
        return False
    if query.dated_only and record.when is None:
        return False
    if not overlaps(record, query.start, query.end):
        return False
    if query.topics and query.topics.isdisjoint(record.topics):
        return False
    if query.actors and query.actors.isdisjoint(_people(record)):
        return False
    return query.text is None or query.text in store.search_text[record.id]


def _people(record: Record) -> tuple[str, ...]:
    return (*record.actors, record.speaker) if record.speaker else record.actors


def chronological(records: Iterable[Record]) -> list[Record]:
    """Earliest first; a span sorts by its start; undated records last, in file order."""
    indexed = list(enumerate(records))

    def key(item: tuple[int, Record]) -> tuple[int, tuple[date, int], int]:
        position, record = item
        when = record.when
        return (0, when.sort_key(), position) if when else (1, (date.min, 0), position)

    return [record for _, record in sorted(indexed, key=key)]


def select(store: Store, query: Query) -> list[Record]:
    """The records a query asks for, in chronological order."""
    return chronological(r for r in store.records if matches(store, r, query))


def records_per_source(store: Store) -> dict[str, dict[str, int]]:
    """For each source, how many records of each kind cite it (a record citing twice counts once)."""
    counts: dict[str, dict[str, int]] = {s: dict.fromkeys(KINDS, 0) for s in store.sources}
    for record in store.records:
        for source in {c.source for c in record.citations}:
            counts[source][record.kind] += 1
    return counts
