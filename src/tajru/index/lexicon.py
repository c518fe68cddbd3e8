"""The English word list search checks typed words against, kept once in the cache folder for all stores.

The list and its frequencies are pyspellchecker's (its `resources/en.json.gz`, 160,000 words counted in
a large corpus of everyday English), read from the installed package's folder, never imported. It is
copied once into an SQLite table, so that a search looks up its few words instead of loading the list.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from tajru.files import replace_atomically
from tajru.settings import cache_dir

_FORMAT = 1


def list_file() -> Path | None:
    """The English word list inside the installed pyspellchecker package, if it is there."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"
    return path if path.is_file() else None


def _fill(db: sqlite3.Connection, path: Path) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        counts: dict[str, int] = json.load(handle)
    db.execute("CREATE TABLE english(word TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID")
    db.executemany("INSERT INTO english VALUES (?, ?)", counts.items())
    db.execute("CREATE TABLE lexicon_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO lexicon_meta VALUES ('format', ?)", (str(_FORMAT),))
    db.commit()


class Lexicon:
    """How often each of some words is used in English; a word the list lacks is not an English word."""

    def __init__(self, db: sqlite3.Connection | None) -> None:
        self.db = db

    def counts(self, words: Iterable[str]) -> dict[str, int]:
        found = list(dict.fromkeys(words))
        if self.db is None or not found:
            return {}
        sql = f"SELECT word, count FROM english WHERE word IN ({','.join('?' * len(found))})"
        return dict(self.db.execute(sql, found))


def open_lexicon() -> Lexicon:
    """The word list's table, made on first use; an empty lexicon when the list is not installed (then no
    typed word is known to be English, and only a word close to a name of the store is corrected)."""
    path = list_file()
    if path is None:
        return Lexicon(None)
    stamp = path.stat()
    table = cache_dir() / f"lexicon-{_FORMAT}-{stamp.st_size:x}-{stamp.st_mtime_ns:x}.sqlite3"
    with contextlib.suppress(sqlite3.Error, OSError):
        if table.is_file():
            db = sqlite3.connect(f"file:{table}?mode=ro", uri=True)
            if db.execute("SELECT value FROM lexicon_meta WHERE key = 'format'").fetchone() == (
                str(_FORMAT),
            ):
                return Lexicon(db)
            db.close()
    try:
        table.parent.mkdir(parents=True, exist_ok=True)

        def fill(temp: Path) -> None:
            with contextlib.closing(sqlite3.connect(temp)) as db:
                _fill(db, path)

        replace_atomically(table, fill)
        return Lexicon(sqlite3.connect(f"file:{table}?mode=ro", uri=True))
    except (OSError, sqlite3.Error):
        memory = sqlite3.connect(":memory:")  # an unwritable cache folder costs time, not answers
        _fill(memory, path)
        return Lexicon(memory)
