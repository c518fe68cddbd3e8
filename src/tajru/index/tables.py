"""The compiled layout and its statements: DDL, compile, the cache's meta, select, tally.

Registries are stored as JSON rows; each record as its JSON body beside the columns queries
need (kind, first and last day as ordinals, date precision, speaker) and link tables for
topics, actors and sources. The search index (index.search) is built on the first search.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from tajru.model import (
    KINDS,
    Actor,
    Dataset,
    Record,
    Registries,
    Source,
    Tally,
    Topic,
    record_from_dict,
    registries_from_dicts,
)
from tajru.query import Query

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
# Records come in chronological order, undated ones last, coarser dates before finer at a tie.
# records_chronology holds this very order, so a listing of everything reads its first record at
# once instead of sorting the whole table first (`tajru facts | head -1`).
_CHRONOLOGICAL = " ORDER BY first_day IS NULL, first_day, rank, position"


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


def _longest_span(db: sqlite3.Connection) -> int | None:
    """The most days any record spans, as the compile kept it; None for a cache that has not."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'longest_span'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and row[0].isdigit() else None


def conditions(db: sqlite3.Connection, query: Query) -> tuple[str, list[object]]:
    """The query as one SQL condition on the records table, each part indexed."""
    where: list[str] = []
    params: list[object] = []
    if query.kinds:
        where.append(f"kind IN ({','.join('?' * len(query.kinds))})")
        params += sorted(query.kinds)
    dates: list[str] = []
    if query.dated_only:
        dates.append("first_day IS NOT NULL")
    # No record spans more days than the longest does: a record ending on or after a day starts no
    # earlier than that day less the longest span. Said to SQLite, this bounds the range of starts it
    # reads from its index, so a year in a large store costs as little as the records it holds.
    longest = _longest_span(db)
    if query.start is not None:
        dates.append("last_day >= ?")
        params.append(query.start.toordinal())
        if longest is not None:
            dates.append("first_day >= ?")
            params.append(query.start.toordinal() - longest)
    if query.end is not None:
        dates.append("first_day <= ?")
        params.append(query.end.toordinal())
    if query.years:
        bounded = longest is not None
        one = "(last_day >= ? AND first_day <= ?" + (" AND first_day >= ?)" if bounded else ")")
        dates.append("(" + " OR ".join(one for _ in query.years) + ")")
        for first, last in query.years:
            params += [first.toordinal(), last.toordinal()]
            params += [first.toordinal() - (longest or 0)] if bounded else []
    if dates:
        dated = " AND ".join(dates)
        where.append(f"(({dated}) OR first_day IS NULL)" if query.undated else dated)
    if query.spoken:
        where.append("speaker IS NOT NULL")
    if query.speakers:
        where.append(f"speaker IN ({','.join('?' * len(query.speakers))})")
        params += sorted(query.speakers)
    for table, column, values in (
        ("record_topics", "topic", query.topics),
        ("record_actors", "actor", query.actors),
    ):
        if values:
            marks = ",".join("?" * len(values))
            if dates and not query.undated:
                # A range of dates picks few records of a large store; each is then looked up in the
                # links, rather than every record of a topic being fetched to have its date checked.
                link = (
                    f"SELECT 1 FROM {table} t WHERE t.{column} IN ({marks}) AND t.position = records.position"
                )
                where.append(f"EXISTS ({link})")
            else:
                where.append(f"position IN (SELECT position FROM {table} WHERE {column} IN ({marks}))")
            params += sorted(values)
    if query.terms:
        from tajru.index.fts import match_expression  # only a run that searches words needs it

        searches = [(query.terms, query.excluded), *query.more]
        found = "position IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)"
        where.append("(" + " OR ".join(found for _ in searches) + ")")
        params += [match_expression(terms, excluded) for terms, excluded in searches]
    return " AND ".join(where), params


def _records(db: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[Record]:
    return [record_from_dict(json.loads(body)) for (body,) in db.execute(sql, params)]


def select_lazily(db: sqlite3.Connection, query: Query) -> Iterator[Record]:
    """select's records one at a time, as SQLite finds them: a listing can write the first before the
    last is read, and stop reading when its reader has gone."""
    where, params = conditions(db, query)
    sql = "SELECT body FROM records" + (f" WHERE {where}" if where else "") + _CHRONOLOGICAL
    for (body,) in db.execute(sql, params):
        yield record_from_dict(json.loads(body))


def count(db: sqlite3.Connection, query: Query) -> int:
    where, params = conditions(db, query)
    sql = "SELECT count(*) FROM records" + (f" WHERE {where}" if where else "")
    return int(db.execute(sql, params).fetchone()[0])


def select(db: sqlite3.Connection, query: Query) -> list[Record]:
    """The records a query asks for, in chronological order, undated ones last.

    A record matches a range when its span shares at least a day with it, so an undated
    record never matches a range.
    """
    return list(select_lazily(db, query))


def undated_left_out(db: sqlite3.Connection, query: Query) -> int:
    """How many undated records the query's other filters hold, which its dates leave out.

    When the only other filter is topics or actors, the count is read off the links' own index of
    undated records, which costs little however many records a topic holds."""
    pairs = (("record_topics", "topic", query.topics), ("record_actors", "actor", query.actors))
    links = [(t, c, v) for t, c, v in pairs if v]
    others = query.kinds or query.speakers or query.spoken or query.terms or query.excluded or query.more
    if len(links) == 1 and not others:
        table, column, values = links[0]
        marks = ",".join("?" * len(values))
        sql = f"SELECT count(DISTINCT position) FROM {table} WHERE {column} IN ({marks}) AND undated = 1"
        return int(db.execute(sql, sorted(values)).fetchone()[0])
    where, params = conditions(db, query._replace(start=None, end=None, years=(), dated_only=False))
    sql = "SELECT count(*) FROM records WHERE first_day IS NULL" + (f" AND {where}" if where else "")
    return int(db.execute(sql, params).fetchone()[0])


def wanted(db: sqlite3.Connection, positions: Sequence[int], asked: str) -> set[int]:
    """Those of the records that are what a question asks for: dated, words said, or of a kind."""
    marks = ",".join("?" * len(positions))
    tests = {"dated": "first_day IS NOT NULL", "said": "speaker IS NOT NULL"}
    test = tests.get(asked, "kind = ?")
    extra = [] if asked in tests else [asked]
    sql = f"SELECT position FROM records WHERE position IN ({marks}) AND {test}"
    return {p for (p,) in db.execute(sql, [*positions, *extra])}


def record(db: sqlite3.Connection, record_id: str) -> Record | None:
    """The record with this id, or with this id among its former ids (a renamed record)."""
    former = "SELECT body FROM records JOIN former_ids f USING (position) WHERE f.id = ?"
    found = _records(db, f"SELECT body FROM records WHERE id = ? UNION ALL {former}", (record_id, record_id))
    return found[0] if found else None


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


def tally(db: sqlite3.Connection, query: Query, registries: Registries) -> Tally:
    """How many records a query selects, by kind, topic, actor, source and year of their first day."""
    where, params = conditions(db, query)
    condition = f" WHERE {where}" if where else ""
    chosen = f"SELECT position FROM records{condition}"

    def counts(sql: str) -> dict[str, int]:
        return dict(db.execute(sql, params))

    def linked(name: str) -> dict[str, int]:
        sql = f"SELECT {name}, count(*) FROM record_{name}s WHERE position IN ({chosen}) GROUP BY {name}"
        return counts(sql)

    years: dict[int, int] = {}
    undated = 0
    for (first_day,) in db.execute(f"SELECT first_day FROM records{condition}", params):
        if first_day is None:
            undated += 1
        else:
            year = datetime.date.fromordinal(first_day).year
            years[year] = years.get(year, 0) + 1
    by_kind = counts(f"SELECT kind, count(*) FROM records{condition} GROUP BY kind")
    by_topic, by_source = linked("topic"), linked("source")
    return Tally(
        kinds={k: by_kind.get(k, 0) for k in KINDS},
        topics={t: by_topic[t] for t in registries.topics if t in by_topic},
        actors=linked("actor"),
        sources={s: by_source[s] for s in registries.sources if s in by_source},
        years=dict(sorted(years.items())),
        undated=undated,
    )
