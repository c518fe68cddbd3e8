"""The compiled store: a validated dataset as an indexed SQLite database, cached between runs.

A cache file is used only when its key, a hash of the data file's bytes with the tool's
version and this format's number, matches: an edit that keeps the size and timestamp
still misses. Anything wrong with the cache (unreadable, corrupt, truncated, foreign,
unwritable directory) means compiling again, in memory if need be; never a wrong answer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tajru import __version__
from tajru.files import decode, read_bytes
from tajru.model import Actor, Dataset, Source, Topic
from tajru.text import fold

FORMAT = 1
CACHE_ENV = "TAJRU_CACHE_DIR"
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE actors(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE topics(position INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE records(
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    rank INTEGER NOT NULL,
    speaker TEXT,
    search TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE record_topics(topic TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE record_actors(actor TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE record_sources(source TEXT NOT NULL, position INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX records_kind ON records(kind, first_day);
CREATE INDEX records_span ON records(first_day, last_day);
CREATE INDEX records_speaker ON records(speaker);
CREATE INDEX record_topics_topic ON record_topics(topic, position);
CREATE INDEX record_actors_actor ON record_actors(actor, position);
CREATE INDEX record_sources_source ON record_sources(source, position);
"""


def cache_dir() -> Path:
    """TAJRU_CACHE_DIR, else the platform's user cache directory, under 'tajru'."""
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit)
    if os.name == "nt" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "tajru" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tajru"


def cache_key(content: bytes) -> str:
    digest = hashlib.sha256(content)
    digest.update(f"\0tajru {__version__}\0format {FORMAT}".encode())
    return digest.hexdigest()


def cache_file(data_path: Path) -> Path:
    """One cache file per data file, named by a hash of the data file's absolute path."""
    name = hashlib.sha256(str(data_path.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"store-{name}.sqlite3"


def compile_into(db: sqlite3.Connection, data: Dataset, key: str) -> None:
    """Write a dataset into an empty database: registries as JSON, records with query columns."""
    db.executescript(SCHEMA)
    registries: tuple[tuple[str, Sequence[Source | Actor | Topic]], ...] = (
        ("sources", data.sources),
        ("actors", data.actors),
        ("topics", data.topics),
    )
    for table, items in registries:
        db.executemany(
            f"INSERT INTO {table} VALUES (?, ?)",
            ((i, json.dumps(dataclasses.asdict(item), ensure_ascii=False)) for i, item in enumerate(items)),
        )
    names = {a.id: " \n ".join(a.names) for a in data.actors}
    rows, topics, actors, sources = [], [], [], []
    for position, record in enumerate(data.records):
        span = record.span
        when = record.when
        people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
        words = (record.title, record.text, record.quote, record.context, *(names[a] for a in people))
        rows.append(
            (
                position,
                record.id,
                record.kind,
                span[0].toordinal() if span else None,
                span[1].toordinal() if span else None,
                _PRECISION_RANK[when.precision] if when else 0,
                record.speaker,
                fold(" \n ".join(w for w in words if w)),
                json.dumps(record.to_dict(), ensure_ascii=False),
            )
        )
        topics += [(t, position) for t in record.topics]
        actors += [(a, position) for a in people]
        sources += [(s, position) for s in dict.fromkeys(c.source for c in record.citations)]
    db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO record_topics VALUES (?, ?)", topics)
    db.executemany("INSERT INTO record_actors VALUES (?, ?)", actors)
    db.executemany("INSERT INTO record_sources VALUES (?, ?)", sources)
    db.executescript(INDEXES)
    db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
    db.commit()


def in_memory(data: Dataset) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    compile_into(db, data, key="")
    return db


def _open_valid(path: Path, key: str) -> sqlite3.Connection | None:
    """The cache at path if it is whole and was compiled from exactly this content, else None."""
    try:
        size = path.stat().st_size
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        # A truncated file still has its header: the page count it claims must fill the file.
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        if pages * page_size == size and row is not None and row[0] == key:
            return db
    except sqlite3.Error:
        pass
    db.close()
    return None


def _write(path: Path, data: Dataset, key: str) -> None:
    """Compile to a temporary file beside the cache and rename it into place, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".store-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(temp)
        try:
            compile_into(db, data, key)
        finally:
            db.close()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def connect(data_path: Path) -> sqlite3.Connection:
    """A database for the data file: the cached one when it is current, else freshly compiled."""
    content = read_bytes(data_path)
    key = cache_key(content)
    path = cache_file(data_path)
    if (db := _open_valid(path, key)) is not None:
        return db
    from tajru.load import parse  # the YAML parser is loaded only when the cache misses

    data = parse(decode(content, str(data_path)), str(data_path))
    try:
        _write(path, data, key)
    except (OSError, sqlite3.Error):
        return in_memory(data)  # an unwritable or full cache directory costs speed, not answers
    return _open_valid(path, key) or in_memory(data)
