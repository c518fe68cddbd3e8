"""The English word list search checks typed words against, kept once in the cache folder for all stores.

The list and its frequencies are pyspellchecker's (its `resources/en.json.gz`, 160,000 words counted in
a large corpus of everyday English), read from the installed package's folder, never imported. It is
copied once into an SQLite table, so that a search looks up its few words instead of loading the list.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from tajru.index.kept import kept_table

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
    return Lexicon(kept_table("lexicon", path, f"english {_FORMAT}", lambda db: _fill(db, path)))
