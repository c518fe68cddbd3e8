"""The Store: the facade commands use to open a store and ask it for records, hits, tallies and names.

It holds no SQL (tajru.index has it all) and no rules of matching names (tajru.names); it
ties a compiled database to the registries read from it once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tajru.errors import UsageError
from tajru.index import selecting
from tajru.index import tables as index
from tajru.model import Actor, Dataset, Record, Registries, Source, Tally, Topic
from tajru.names import find_actor, find_topic, suggest
from tajru.query import Prepared, Query, build_query
from tajru.settings import data_path, layer_paths
from tajru.text import shown

if TYPE_CHECKING:  # search and its index load only for a run that searches words
    from tajru.search import Found


def open_store(
    path: Path | None = None,
    include: Sequence[Path] | None = None,
    notice: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Store:
    """The main store (--data, TAJRU_DATA or the shipped one) with the files layered on it; notice hears
    why a run is slower than it should be, progress how far a compile has come (see cache.connect)."""
    from tajru.cache import connect

    main = data_path(path)
    return Store(connect(main, *layer_paths(main, include), notice=notice, progress=progress))


class Store:
    """Records and the registries they refer to, over a compiled database."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def from_dataset(cls, data: Dataset) -> Store:
        return cls(index.in_memory(data))

    @cached_property
    def registries(self) -> Registries:
        return index.registries(self.db)

    @property
    def sources(self) -> dict[str, Source]:
        return self.registries.sources

    @property
    def actors(self) -> dict[str, Actor]:
        return self.registries.actors

    @property
    def topics(self) -> dict[str, Topic]:
        return self.registries.topics

    def query(self, **asked: object) -> Query:
        """What a user typed (see query.build_query) resolved against this store's names."""
        return build_query(self.registries, **asked)  # type: ignore[arg-type]

    def select(self, query: Query = Query()) -> list[Record]:
        """The records a query asks for, in chronological order, undated ones last."""
        return self.answer(query)[0]

    def answer(self, query: Query = Query()) -> tuple[list[Record], list[str]]:
        """The records a query asks for, and what the user must hear about it (words searched instead,
        undated records left out)."""
        prepared = self.prepare(query)
        return selecting.select(self.db, prepared), list(prepared.notes)

    def stream(self, query: Query = Query()) -> tuple[Iterator[Record], list[str], Prepared]:
        """answer's records one at a time as they are read, its notes, and the query as it is run
        (for counting what a limit leaves out)."""
        prepared = self.prepare(query)
        return selecting.select_lazily(self.db, prepared), list(prepared.notes), prepared

    def count(self, prepared: Prepared) -> int:
        return selecting.count(self.db, prepared)

    def prepare(self, query: Query) -> Prepared:
        """The query as it will run, its words planned against the search index, and the notes a user
        must hear about it. The one way a query reaches the tables (see query.Prepared)."""
        notes: list[str] = []
        unheld: tuple[str, ...] = ()
        if query.terms:
            from tajru.planning import plan

            self.ensure_search_index()
            query, notes, unheld = plan(self.db, self.registries, query)
            more = []
            for terms, excluded in query.more:  # each further --search planned the same way
                planned, said, _ = plan(self.db, self.registries, query._replace(terms=terms, more=()))
                more.append((planned.terms, excluded))
                notes += [n for n in said if n not in notes]
            query = query._replace(more=tuple(more))
        prepared = Prepared(query, tuple(notes), unheld)
        if query.by_date and not query.undated and (left := selecting.undated_left_out(self.db, prepared)):
            where = "in the range asked" if query.start or query.end or query.years else "on a timeline"
            some, them = (f"{left} undated records", "them") if left != 1 else ("1 undated record", "it")
            notes.append(f"{some} left out, as no date places {them} {where}; --undated adds {them}")
        return prepared._replace(notes=tuple(notes))

    def search(
        self, query: Query, *, limit: int | None = None, use_words: bool = True, use_meaning: bool = True
    ) -> Found:
        """The first `limit` records a query's words find (all with None), best first, with notes."""
        from tajru.search import find

        prepared = self.prepare(query)
        found = find(
            self.db, self.registries, prepared, use_words=use_words, use_meaning=use_meaning, limit=limit
        )
        return found._replace(notes=list(prepared.notes) + found.notes)

    def ensure_search_index(self, progress: Callable[[str], None] = lambda _: None) -> None:
        from tajru.index import fts

        fts.ensure(self.db, self.registries, progress)

    def tally(self, query: Query = Query()) -> Tally:
        """Counts by kind, topic, actor, source and year of the records a query asks for."""
        return selecting.tally(self.db, self.prepare(query), self.registries)

    @property
    def records(self) -> list[Record]:
        return self.select()

    def ids(self) -> list[str]:
        return index.ids(self.db)

    def extent(self) -> tuple[int, int, int | None, int | None]:
        """What the store holds: how many records, how many of them dated, and the first and last years
        they start in."""
        import datetime

        total, dated, first, last = index.extent(self.db)
        first_year, last_year = (datetime.date.fromordinal(d).year if d else None for d in (first, last))
        return total, dated, first_year, last_year

    def speakers(self) -> list[Actor]:
        """The actors who have a quote, in the order of the actors list."""
        said = index.speaker_ids(self.db)
        return [a for a in self.actors.values() if a.id in said]

    def record(self, record_id: str) -> Record:
        found = index.record(self.db, record_id)
        if found is None and record_id in self.actors:
            raise UsageError(
                f"{shown(record_id)} is an actor, not a record", hint=f"see it with 'tajru who {record_id}'"
            )
        if found is None:
            near = index.ids_near(self.db, record_id)
            raise UsageError(f"no record with id {shown(record_id)}", hint=suggest(record_id, near))
        return found

    def count_by_source(self) -> dict[str, dict[str, int]]:
        """For each source, how many records of each kind cite it."""
        return index.count_by_source(self.db, list(self.sources))

    def topic(self, name: str) -> Topic:
        return find_topic(self.topics, name)

    def actor(self, name: str) -> Actor:
        return find_actor(self.actors, name)
