"""The compiled store: a validated dataset as an indexed SQLite database, cached between runs.

A cache file is used only when its key, a hash of the data file's bytes with the tool's
version and this format's number, matches: an edit that keeps the size and timestamp
still misses. Hashing a large file on every run would cost more than the query, so the
cache also records the file's stat fingerprint (size, mtime, ctime, inode) when it last
matched; an unchanged fingerprint skips the hash. ctime cannot be set back by a user
(touch and os.utime move it to now), so a rewrite with the old size and mtime still
changes it. A fingerprint taken within a moment of the file's last change is not
recorded, as a second change inside the same clock tick would leave it unchanged.

Anything wrong with the cache (unreadable, corrupt, truncated, foreign, unwritable
directory) means compiling again, in memory if need be; never a wrong answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

from tajru import __version__
from tajru.files import decode, read_bytes, replace_atomically
from tajru.model import Actor, Dataset, Source, Topic

FORMAT = 3
CACHE_ENV = "TAJRU_CACHE_DIR"
# A file changed less than this long before its stat was taken may change again unseen by
# the timestamps (coarse clocks, 2-second FAT times), so its fingerprint is not trusted.
SETTLED_SECONDS = 2.0
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
    body TEXT NOT NULL
);
CREATE TABLE records_text(
    position INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    names TEXT NOT NULL,
    evidence TEXT NOT NULL
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


def cache_key(contents: Sequence[bytes]) -> str:
    import hashlib  # loads OpenSSL, which costs more than a warm query; only needed on a miss

    digest = hashlib.sha256()
    for content in contents:
        digest.update(f"{len(content)}\0".encode())
        digest.update(content)
    digest.update(f"\0tajru {__version__}\0format {FORMAT}".encode())
    return digest.hexdigest()


def fingerprint(stat: os.stat_result, now: float) -> str | None:
    """The file's identity and timestamps with the tool's version, or None while it is unsettled."""
    if now - stat.st_ctime < SETTLED_SECONDS or now - stat.st_mtime < SETTLED_SECONDS:
        return None
    parts = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev, __version__, FORMAT)
    return ":".join(map(str, parts))


def cache_file(*data_paths: Path) -> Path:
    """One cache file per data file and the layers on it, named by a checksum of their absolute paths.

    The name only spreads files apart; what a cache holds is decided by its key, so two
    paths sharing a name cost a recompile, never a wrong answer.
    """
    raw = "\0".join(str(p.resolve()) for p in data_paths).encode("utf-8", "surrogateescape")
    return cache_dir() / f"store-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.sqlite3"


def compile_into(db: sqlite3.Connection, data: Dataset, key: str, stamp: str | None = None) -> None:
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
            ((i, json.dumps(item._asdict(), ensure_ascii=False)) for i, item in enumerate(items)),
        )
    names = {a.id: ", ".join(a.names) for a in data.actors}
    rows, texts, topics, actors, sources = [], [], [], [], []
    for position, record in enumerate(data.records):
        span = record.span
        when = record.when
        people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
        prose = (record.text, record.quote, record.context, record.caveat, record.date_note, record.unit)
        texts.append(
            (
                position,
                record.title,
                " | ".join(w for w in prose if w),
                " | ".join(names[a] for a in people),
                " | ".join(f"{c.locator}: {c.evidence}" for c in record.citations),
            )
        )
        rows.append(
            (
                position,
                record.id,
                record.kind,
                span[0].toordinal() if span else None,
                span[1].toordinal() if span else None,
                _PRECISION_RANK[when.precision] if when else 0,
                record.speaker,
                json.dumps(record.to_dict(), ensure_ascii=False),
            )
        )
        topics += [(t, position) for t in record.topics]
        actors += [(a, position) for a in people]
        sources += [(s, position) for s in dict.fromkeys(c.source for c in record.citations)]
    db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO records_text VALUES (?, ?, ?, ?, ?)", texts)
    db.executemany("INSERT INTO record_topics VALUES (?, ?)", topics)
    db.executemany("INSERT INTO record_actors VALUES (?, ?)", actors)
    db.executemany("INSERT INTO record_sources VALUES (?, ?)", sources)
    db.executescript(INDEXES)
    db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
    db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (stamp or "",))
    db.commit()


# Full-text search over the words of each record. Built on the first search rather than at
# compile time, which is kept for the lookups every run makes: about a tenth of a compile.
_FTS_COLUMNS = "title, body, names, evidence"
_FTS_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"


def _has_search_index(db: sqlite3.Connection) -> bool:
    found = db.execute(
        "SELECT 1 FROM sqlite_schema WHERE name = 'records_fts'"
        " UNION ALL SELECT 1 FROM sqlite_temp_schema WHERE name = 'records_fts'"
    )
    return found.fetchone() is not None


def build_search_index(db: sqlite3.Connection) -> None:
    """Create the full-text index in this database, which must be writable."""
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS records_fts USING fts5({_FTS_COLUMNS},"
        f" content = 'records_text', content_rowid = 'position', {_FTS_TOKENIZER})"
    )
    db.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
    db.commit()


def ensure_search_index(db: sqlite3.Connection) -> None:
    """The full-text index: in the cache file when it can be written, else for this run only."""
    if _has_search_index(db):
        return
    path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    try:
        if path:
            with contextlib.closing(sqlite3.connect(path, timeout=10)) as writer:
                build_search_index(writer)
        else:
            build_search_index(db)
        if _has_search_index(db):
            return
    except sqlite3.Error:
        pass  # a read-only cache: index this run's copy in memory instead
    db.execute(f"CREATE VIRTUAL TABLE temp.records_fts USING fts5({_FTS_COLUMNS}, {_FTS_TOKENIZER})")
    columns = f"position, {_FTS_COLUMNS}"
    db.execute(f"INSERT INTO temp.records_fts(rowid, {_FTS_COLUMNS}) SELECT {columns} FROM records_text")


def in_memory(data: Dataset) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    compile_into(db, data, key="")
    return db


def _open_whole(path: Path) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """The cache at path opened read-only with its meta table, if it is a whole SQLite file of ours."""
    try:
        size = path.stat().st_size
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        # A truncated file still has its header: the page count it claims must fill the file.
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        if pages * page_size == size:
            return db, dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        pass
    db.close()
    return None


def _write(path: Path, data: Dataset, key: str, stamp: str | None) -> None:
    """Compile to a temporary file beside the cache and rename it into place, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def fill(temp: Path) -> None:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            compile_into(db, data, key, stamp)

    replace_atomically(path, fill)


def _restamp(path: Path, stamp: str) -> None:
    """Record a new fingerprint for a cache whose content still matches (the file was touched)."""
    try:
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'fingerprint'", (stamp,))
        db.close()
    except sqlite3.Error:
        pass  # a read-only cache only means hashing again next time


def _stamp(paths: Sequence[Path]) -> str | None:
    """The fingerprints of all the files, or None when any of them is unsettled or unreadable."""
    now = time.time()
    stamps = []
    for path in paths:
        try:
            stamp = fingerprint(os.stat(path), now)
        except OSError:
            return None  # reading the file below reports what is wrong with it
        if stamp is None:
            return None
        stamps.append(stamp)
    return "|".join(stamps)


def connect(data_path: Path, *layers: Path) -> sqlite3.Connection:
    """A database for the data file and the files layered on it: the cached one if current, else compiled."""
    paths = (data_path, *layers)
    path = cache_file(*paths)
    stamp = _stamp(paths)
    cached = _open_whole(path)
    if cached is not None and stamp is not None and cached[1].get("fingerprint") == stamp:
        return cached[0]
    contents = [read_bytes(p) for p in paths]
    key = cache_key(contents)
    if cached is not None:
        db, meta = cached
        if meta.get("key") == key:
            if stamp is not None:
                _restamp(path, stamp)
            return db
        db.close()
    from tajru.load import parse_layers  # the YAML parser is loaded only when the cache misses

    data = parse_layers([(decode(c, str(p)), str(p)) for c, p in zip(contents, paths, strict=True)])
    try:
        _write(path, data, key, stamp)
    except (OSError, sqlite3.Error):
        return in_memory(data)  # an unwritable or full cache directory costs speed, not answers
    written = _open_whole(path)
    return written[0] if written is not None else in_memory(data)
