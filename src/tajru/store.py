"""The Store: the compiled dataset, with registries in memory and records fetched by query."""

from __future__ import annotations

import datetime
import difflib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from tajru.errors import UsageError
from tajru.model import KINDS, Actor, Dataset, Record, Source, Topic, record_from_dict
from tajru.text import fold, latin, shown

DATA_ENV = "TAJRU_DATA"
INCLUDE_ENV = "TAJRU_INCLUDE"


def default_data_path() -> Path:
    """The shipped store: inside the installed package, or data/ of a source checkout."""
    packaged = Path(__file__).parent / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "facts.yaml"


def data_path(explicit: Path | None = None) -> Path:
    """--data wins over TAJRU_DATA, which wins over the shipped store."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else default_data_path()


def include_paths(explicit: Sequence[Path] | None = None) -> list[Path]:
    """--include wins over TAJRU_INCLUDE (paths separated as in PATH); none by default."""
    if explicit:
        return list(explicit)
    return [Path(p) for p in os.environ.get(INCLUDE_ENV, "").split(os.pathsep) if p]


def open_store(path: Path | None = None, include: Sequence[Path] | None = None) -> Store:
    """The main store (--data, TAJRU_DATA or the shipped one) with the files layered on it."""
    from tajru.cache import connect

    return Store(connect(data_path(path), *include_paths(include)))


# Around the matched words in a Hit's title and snippet. Control characters, so that data
# (where the views show them escaped) cannot be mistaken for them; see render.listing.
MATCH_START, MATCH_END = "\x02", "\x03"


class Hit(NamedTuple):
    """A record found by its words, with its title and best passage marked where they match.

    marked is False when the record's own words hold a marker character: then title and
    snippet are the record's title and an empty passage, never misread as highlights.
    """

    record: Record
    title: str
    snippet: str
    marked: bool


class Tally(NamedTuple):
    """Counts of records by kind (every kind, zeros too), topic, actor, source and year of their first day."""

    kinds: dict[str, int]
    topics: dict[str, int]
    actors: dict[str, int]
    sources: dict[str, int]
    years: dict[int, int]
    undated: int


class Store:
    """Records and the registries they refer to, over a compiled database (see cache.py)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def from_dataset(cls, data: Dataset) -> Store:
        from tajru.cache import in_memory

        return cls(in_memory(data))

    def _registry(self, table: str) -> list[dict[str, Any]]:
        return [
            json.loads(body) for (body,) in self.db.execute(f"SELECT body FROM {table} ORDER BY position")
        ]

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s["id"]: Source(**s) for s in self._registry("sources")}

    @cached_property
    def actors(self) -> dict[str, Actor]:
        actors = (Actor(**{**a, "aliases": tuple(a["aliases"])}) for a in self._registry("actors"))
        return {a.id: a for a in actors}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t["id"]: Topic(**t) for t in self._registry("topics")}

    def fetch(self, where: str = "", params: Sequence[object] = ()) -> list[Record]:
        """Records matching an SQL condition over the records table, in chronological order."""
        sql = "SELECT body FROM records" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY first_day IS NULL, first_day, rank, position"
        return [record_from_dict(json.loads(body)) for (body,) in self.db.execute(sql, params)]

    def ensure_search_index(self) -> None:
        from tajru.cache import ensure_search_index

        ensure_search_index(self.db)

    def ranked(self, where: str, params: Sequence[object], match: str, phrase: str | None) -> list[Hit]:
        """Records matching an FTS5 expression and an SQL condition, best first.

        Records holding the words as an exact phrase come first, then BM25 with a title
        match weighing most, then text, names and evidence.
        """
        conditions = ["records_fts MATCH ?", *([where] if where else [])]
        phrase_first = (
            "(records.position IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)) DESC, "
        )
        sql = (
            "SELECT records.body, highlight(records_fts, 0, ?, ?), snippet(records_fts, -1, ?, ?, '…', 20),"
            " (SELECT instr(w, ?) OR instr(w, ?) FROM (SELECT t.title || t.body || t.names || t.evidence AS w"
            " FROM records_text AS t WHERE t.position = records.position))"
            " FROM records_fts JOIN records ON records.position = records_fts.rowid"
            f" WHERE {' AND '.join(conditions)} ORDER BY {phrase_first if phrase else ''}"
            "bm25(records_fts, 10.0, 3.0, 2.0, 1.0), records.position"
        )
        marks = [MATCH_START, MATCH_END] * 3
        hits = []
        for body, title, snippet, clash in self.db.execute(
            sql, [*marks, match, *params, *([phrase] if phrase else [])]
        ):
            record = record_from_dict(json.loads(body))
            hits.append(
                Hit(record, title, snippet, True) if not clash else Hit(record, record.title, "", False)
            )
        return hits

    @property
    def records(self) -> list[Record]:
        return self.fetch()

    def ids(self) -> list[str]:
        return [i for (i,) in self.db.execute("SELECT id FROM records ORDER BY position")]

    def speakers(self) -> list[Actor]:
        """The actors who have a quote, in the order of the actors list."""
        said = {
            i for (i,) in self.db.execute("SELECT DISTINCT speaker FROM records WHERE speaker IS NOT NULL")
        }
        return [a for a in self.actors.values() if a.id in said]

    def record(self, record_id: str) -> Record:
        found = self.fetch("id = ?", (record_id,))
        if not found:
            raise UsageError(f"no record with id {shown(record_id)}", hint=_suggest(record_id, self.ids()))
        return found[0]

    def count_by_source(self) -> dict[str, dict[str, int]]:
        """For each source, how many records of each kind cite it."""
        rows = self.db.execute(
            "SELECT source, kind, count(*) FROM record_sources JOIN records USING (position)"
            " GROUP BY source, kind"
        )
        counts: dict[str, dict[str, int]] = {s: dict.fromkeys(KINDS, 0) for s in self.sources}
        for source, kind, n in rows:
            counts[source][kind] = n
        return counts

    def tally(self, where: str = "", params: Sequence[object] = ()) -> Tally:
        """How many records match an SQL condition, by kind, topic, actor, source and year."""
        condition = f" WHERE {where}" if where else ""
        chosen = f"SELECT position FROM records{condition}"

        def counts(sql: str) -> dict[str, int]:
            return dict(self.db.execute(sql, params))

        def linked(name: str) -> dict[str, int]:
            return counts(
                f"SELECT {name}, count(*) FROM record_{name}s WHERE position IN ({chosen}) GROUP BY {name}"
            )

        years: dict[int, int] = {}
        undated = 0
        for (first_day,) in self.db.execute(f"SELECT first_day FROM records{condition}", params):
            if first_day is None:
                undated += 1
            else:
                year = datetime.date.fromordinal(first_day).year
                years[year] = years.get(year, 0) + 1
        by_kind = counts(f"SELECT kind, count(*) FROM records{condition} GROUP BY kind")
        by_topic, by_source = linked("topic"), linked("source")
        return Tally(
            kinds={k: by_kind.get(k, 0) for k in KINDS},
            topics={t: by_topic[t] for t in self.topics if t in by_topic},
            actors=linked("actor"),
            sources={s: by_source[s] for s in self.sources if s in by_source},
            years=dict(sorted(years.items())),
            undated=undated,
        )

    def topic(self, name: str) -> Topic:
        """A topic by id or label, ignoring case; an unknown one suggests the nearest."""
        key = fold(name)
        for topic in self.topics.values():
            if key in (fold(topic.id), fold(topic.label)):
                return topic
        known = ", ".join(self.topics)
        raise UsageError(
            f"unknown topic {shown(name)}", hint=_suggest(name, self.topics) or f"topics are: {known}"
        )

    def actor(self, name: str) -> Actor:
        """An actor by id, name, alias, a word of a name (a surname) or a unique prefix.

        Each rule is tried in turn and the first that finds anyone decides: more than one
        actor there is an ambiguity, listed for the user to choose from.
        """
        key = fold(name)
        if not key:
            raise UsageError("an empty name matches no one")

        def exact(names: tuple[str, ...]) -> bool:
            return key in names

        def word(names: tuple[str, ...]) -> bool:
            return any(key in n.split() for n in names)

        def prefix(names: tuple[str, ...]) -> bool:
            return any(n.startswith(key) or any(w.startswith(key) for w in n.split()) for n in names)

        for rule in (exact, word, prefix):
            found = [a for a in self.actors.values() if rule(self.folded_names[a.id])]
            if len(found) == 1:
                return found[0]
            if found:
                choices = ", ".join(f"{a.name} ({a.id})" for a in found)
                raise UsageError(
                    f"{shown(name)} could be any of: {choices}", hint="give more of the name, or the id"
                )
        # Surnames count as names here, so 'Poutine' can lead to 'Putin'.
        everyone = {n for a in self.actors.values() for n in a.forms}
        raise UsageError(f"no one called {shown(name)} in the store", hint=_suggest(name, sorted(everyone)))

    @cached_property
    def folded_names(self) -> dict[str, tuple[str, ...]]:
        return {a.id: tuple(fold(n) for n in (a.id, *a.names)) for a in self.actors.values()}


def _suggest(name: str, known: Iterable[str]) -> str | None:
    """The nearest known names, as typed, then folded, then romanised from Cyrillic."""
    known = list(known)
    guesses = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    folded: dict[str, str] = {}
    for k in known:  # the first form of each folded name: capitalised names sort before ids
        folded.setdefault(fold(k), k)
    for key in (fold(name), fold(latin(name))):
        if not guesses:
            guesses = [folded[g] for g in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.6)]
    if guesses:
        return "did you mean " + " or ".join(f"'{g}'" for g in guesses) + "?"
    return None
