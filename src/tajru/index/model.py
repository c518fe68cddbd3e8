"""The embedding model's lookup tables, kept once in the cache folder for all stores: tokens, merges, vectors.

A question's vector needs a few dozen rows of them; reading these tables costs a search
far less than loading the tokenizer's 2 MB of JSON and numpy would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from tajru import meaning
from tajru.index.kept import kept_table

_FORMAT = 2
_SCHEMA = """
CREATE TABLE tokens(token TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE merges(pair TEXT PRIMARY KEY, rank INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE token_vectors(id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
"""


def _fill(db: sqlite3.Connection, files: tuple[Path, Path]) -> None:
    vocabulary, merges = meaning.tokenizer_tables(files[0])
    count, raw = meaning.read_weights(files[1])
    width = 2 * meaning.DIMENSIONS
    db.executescript(_SCHEMA)
    db.executemany("INSERT INTO tokens VALUES (?, ?)", vocabulary.items())
    db.executemany("INSERT INTO merges VALUES (?, ?)", ((m, r) for r, m in enumerate(merges)))
    db.executemany(
        "INSERT INTO token_vectors VALUES (?, ?)",
        ((i, raw[i * width : (i + 1) * width]) for i in range(count)),
    )


def open_model() -> Model | None:
    """The lookup tables, built from the installed model on first use; None when it is not installed."""
    files = meaning.model_files()
    if files is None:
        return None
    mark = f"{meaning.MODEL} {_FORMAT}"
    return Model(kept_table("model", files[1], mark, lambda db: _fill(db, files)))


class Model:
    """Token ids, merge ranks and token vectors, looked up a few at a time."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def ids(self, tokens: Sequence[str]) -> dict[str, int]:
        unique = list(dict.fromkeys(tokens))
        found: dict[str, int] = {}
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            sql = f"SELECT token, id FROM tokens WHERE token IN ({','.join('?' * len(chunk))})"
            found.update(self.db.execute(sql, chunk))
        return found

    def ranks(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
        # A merge is kept as its two tokens with a space between, as the tokenizer writes it:
        # tokens hold no spaces ('▁' stands for one).
        keys = {f"{a} {b}": (a, b) for a, b in pairs}
        found: dict[tuple[str, str], int] = {}
        listed = list(keys)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            sql = f"SELECT pair, rank FROM merges WHERE pair IN ({','.join('?' * len(chunk))})"
            found.update({keys[pair]: rank for pair, rank in self.db.execute(sql, chunk)})
        return found

    def vector(self, text: str) -> bytes | None:
        """The text's normalised vector, from its tokens' vectors."""
        ids = meaning.token_ids(text, self.ids, self.ranks)
        if not ids:
            return None
        unique = list(dict.fromkeys(ids))
        sql = f"SELECT id, vector FROM token_vectors WHERE id IN ({','.join('?' * len(unique))})"
        rows = dict(self.db.execute(sql, unique))
        return meaning.average([rows[i] for i in ids if i in rows])
