"""The compiled layout and its statements: DDL, compile, the cache's meta, select, tally.

Registries are stored as JSON rows; each record as its JSON body beside the columns queries
need (kind, first and last day as ordinals, date precision, speaker) and link tables for
topics, actors and sources. The search index (index.search) is built on the first search.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from tajru.model import (
    KINDS,
    Actor,
    Dataset,
    Record,
    Registries,
    Source,
    Topic,
    record_from_dict,
    registries_from_dicts,
)

_REGISTRIES = ("sources", "actors", "topics")

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE actors(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE topics(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE records(
    position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    first_day INTEGER, last_day INTEGER, rank INTEGER NOT NULL, speaker TEXT, body TEXT NOT NULL
);
CREATE TABLE record_topics(topic TEXT NOT NULL, position INTEGER NOT NULL, undated INTEGER NOT NULL);
CREATE TABLE record_actors(actor TEXT NOT NULL, position INTEGER NOT NULL, undated INTEGER NOT NULL);
CREATE TABLE record_sources(source TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE former_ids(id TEXT PRIMARY KEY, position INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX records_chronology ON records(first_day IS NULL, first_day, rank, position);
CREATE INDEX records_kind ON records(kind, first_day);
CREATE INDEX records_span ON records(first_day, last_day);
CREATE INDEX records_speaker ON records(speaker);
CREATE INDEX record_topics_topic ON record_topics(topic, position);
CREATE INDEX record_actors_actor ON record_actors(actor, position);
CREATE INDEX record_topics_undated ON record_topics(topic, undated, position);
CREATE INDEX record_actors_undated ON record_actors(actor, undated, position);
CREATE INDEX record_sources_source ON record_sources(source, position);
"""


def compile_into(db: sqlite3.Connection, data: Dataset, key: str, stamp: str | None = None) -> None:
    """Write a dataset into an empty database, with the cache key and file fingerprint it was made for."""
    writer = Writer(db)
    for record in data.records:
        writer.add(record)
    writer.finish(data, key, stamp)


class Writer:
    """A compile as the records come: each is written in a batch of its own, and none is kept."""

    BATCH = 2000

    def __init__(self, db: sqlite3.Connection) -> None:
        from tajru import columns  # only a compile needs it

        self.db = db
        self.row = columns.record_rows
        self.position = 0
        self.longest = 0
        self.batch: list[Record] = []
        db.executescript(SCHEMA)

    def add(self, record: Record) -> None:
        self.batch.append(record)
        if len(self.batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        records, topics, actors, sources, former = [], [], [], [], []
        for record in self.batch:
            row, its_topics, its_actors, its_sources = self.row(self.position, record)
            if record.span is not None:
                self.longest = max(self.longest, record.span[1].toordinal() - record.span[0].toordinal())
            records.append(row)
            topics += its_topics
            actors += its_actors
            sources += its_sources
            former += [(old, self.position) for old in record.formerly]
            self.position += 1
        self.db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", records)
        self.db.executemany("INSERT INTO record_topics VALUES (?, ?, ?)", topics)
        self.db.executemany("INSERT INTO record_actors VALUES (?, ?, ?)", actors)
        self.db.executemany("INSERT INTO record_sources VALUES (?, ?)", sources)
        self.db.executemany("INSERT INTO former_ids VALUES (?, ?)", former)
        self.batch = []

    def finish(self, data: Dataset, key: str, stamp: str | None) -> None:
        """The last records, the sources, actors and topics, the indexes and the key: the cache is whole."""
        self._flush()
        registries: tuple[tuple[str, Sequence[Source | Actor | Topic]], ...] = tuple(
            zip(_REGISTRIES, (data.sources, data.actors, data.topics), strict=True)
        )
        for table, items in registries:
            body = ((i, json.dumps(item._asdict(), ensure_ascii=False)) for i, item in enumerate(items))
            self.db.executemany(f"INSERT INTO {table} VALUES (?, ?)", body)
        self.db.executescript(INDEXES)
        meta = (("key", key), ("fingerprint", stamp or ""), ("longest_span", str(self.longest)))
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
        self.db.commit()


def in_memory(data: Dataset) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    compile_into(db, data, key="")
    return db


def whole_meta(db: sqlite3.Connection, size: int) -> dict[str, str] | None:
    """The meta table of a compiled file of `size` bytes, or None if it is truncated or not ours."""
    try:
        # A truncated file still has its header: the page count it claims must fill the file.
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        if pages * page_size == size:
            return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        pass
    return None


def set_fingerprint(db: sqlite3.Connection, stamp: str) -> None:
    with db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'fingerprint'", (stamp,))


def record(db: sqlite3.Connection, record_id: str) -> Record | None:
    """The record with this id, or with this id among its former ids (a renamed record)."""
    former = "SELECT body FROM records JOIN former_ids f USING (position) WHERE f.id = ?"
    sql = f"SELECT body FROM records WHERE id = ? UNION ALL {former}"
    row = db.execute(sql, (record_id, record_id)).fetchone()
    return record_from_dict(json.loads(row[0])) if row else None


def registries(db: sqlite3.Connection) -> Registries:
    def rows(table: str) -> list[dict[str, Any]]:
        return [json.loads(body) for (body,) in db.execute(f"SELECT body FROM {table} ORDER BY position")]

    return registries_from_dicts(rows("sources"), rows("actors"), rows("topics"))


def extent(db: sqlite3.Connection) -> tuple[int, int, int | None, int | None]:
    """How many records there are, how many are dated, and the first and last days they start on."""
    found = db.execute("SELECT count(*), count(first_day), min(first_day), max(first_day) FROM records")
    return tuple(found.fetchone())


def ids(db: sqlite3.Connection) -> list[str]:
    return [i for (i,) in db.execute("SELECT id FROM records ORDER BY position")]


def ids_near(db: sqlite3.Connection, record_id: str, limit: int = 2000) -> list[str]:
    """Ids that begin as record_id does (its first three letters, else its first), found through the
    index on ids: what a suggestion for a mistyped id is sought among, however large the store."""
    for size in (3, 1):
        head = record_id[:size]
        if not head:
            break
        found = [i for (i,) in db.execute(
            "SELECT id FROM records WHERE id >= ? AND id < ? LIMIT ?", (head, head + "\U0010ffff", limit)
        )]  # fmt: skip
        if found:
            return found
    return []


def speaker_ids(db: sqlite3.Connection) -> set[str]:
    return {i for (i,) in db.execute("SELECT DISTINCT speaker FROM records WHERE speaker IS NOT NULL")}


def count_by_source(db: sqlite3.Connection, sources: Sequence[str]) -> dict[str, dict[str, int]]:
    """For each source, how many records of each kind cite it."""
    counts: dict[str, dict[str, int]] = {s: dict.fromkeys(KINDS, 0) for s in sources}
    sql = (
        "SELECT source, kind, count(*) FROM record_sources JOIN records USING (position)"
        " GROUP BY source, kind"
    )
    for source, kind, n in db.execute(sql):
        counts[source][kind] = n
    return counts
