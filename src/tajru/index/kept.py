"""Tables built once from a file an installed package ships (the embedding model, the English word
list), kept in the cache folder for all stores, so that a search looks up a few rows instead of
loading the file.

A kept table is named by the file's size and time, and marked with what it was built as: a new
version of the package, or of the table's layout, builds a new one. An unwritable cache folder
costs time, never answers: the table is then built in memory, for this run.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tajru.files import replace_atomically
from tajru.settings import cache_dir


def kept_table(
    name: str, source: Path, mark: str, fill: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection:
    """A read-only connection to the table fill() builds from source, built on first use."""
    stamp = source.stat()
    path = cache_dir() / f"{name}-{stamp.st_size:x}-{stamp.st_mtime_ns:x}.sqlite3"
    with contextlib.suppress(sqlite3.Error, OSError):
        if path.is_file():
            db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            if db.execute("SELECT mark FROM kept").fetchone() == (mark,):
                return db
            db.close()

    def built(db: sqlite3.Connection) -> sqlite3.Connection:
        fill(db)
        db.execute("CREATE TABLE kept(mark TEXT NOT NULL)")
        db.execute("INSERT INTO kept VALUES (?)", (mark,))
        db.commit()
        return db

    def written(temp: Path) -> None:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            built(db)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, written)
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return built(sqlite3.connect(":memory:"))
