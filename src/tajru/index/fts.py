"""The search index and its statements: full-text (FTS5, porter-stemmed), the vocabulary, record vectors.

Built on the first search, not at compile time, which is kept for the lookups every run
makes; kept in the cache file when it can be written, else made for this run only. Its
rows come from tajru.columns and its vectors from tajru.meaning.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence

from tajru import columns
from tajru.model import Record, Registries, record_from_dict
from tajru.query import Term

VERSION = "4"  # of the search index's layout: an older one in a cache is rebuilt
_COLUMNS = "title, body, names, evidence, extra"
_TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'"
# BM25 weights of the columns: a word in the title counts most, another way of writing it least.
WEIGHTS = "10.0, 3.0, 2.0, 1.0, 0.5"

Progress = Callable[[str], None]
_PART = 1 << 18  # vectors kept in one row: 128 MiB, below SQLite's limit on a value (1 GB)


def _schema(at: str) -> str:
    return f"""
    CREATE TABLE {at}.search_text(position INTEGER PRIMARY KEY, {_COLUMNS});
    CREATE VIRTUAL TABLE {at}.records_fts USING fts5({_COLUMNS},
        content = 'search_text', content_rowid = 'position', {_TOKENIZER});
    CREATE TABLE {at}.vocabulary(word TEXT PRIMARY KEY, records INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE {at}.record_vectors(part INTEGER PRIMARY KEY, vectors BLOB NOT NULL);
    CREATE TABLE {at}.search_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """


def _built(db: sqlite3.Connection) -> bool:
    for schema in ("main", "temp"):
        with contextlib.suppress(sqlite3.Error):
            found = db.execute(f"SELECT value FROM {schema}.search_meta WHERE key = 'version'").fetchone()
            if found is not None and found[0] == VERSION:
                return True
    return False


def _records(db: sqlite3.Connection) -> list[tuple[int, Record]]:
    return [(p, record_from_dict(json.loads(b))) for p, b in db.execute("SELECT position, body FROM records")]


def _fill(db: sqlite3.Connection, at: str, registries: Registries, progress: Progress) -> None:
    from tajru.meaning import vectors
    from tajru.words import words

    records = _records(db)
    names = {a.id: ", ".join(a.names) for a in registries.actors.values()}
    rows = []
    counts: dict[str, int] = {}
    for position, record in records:
        row, held = columns.search_row(record, names)
        rows.append((position, *row))
        for word in held:
            counts[word] = counts.get(word, 0) + 1
    for name in (*registries.actors, *names.values()):  # every name form, even of actors no record has
        for word in words(name):
            counts.setdefault(word, 0)
    progress(f"indexing the meaning of {len(records)} records")
    found = vectors([columns.meaning_text(r) for _, r in records])
    with contextlib.suppress(sqlite3.Error):
        db.executescript(f"DROP TABLE IF EXISTS {at}.records_fts; DROP TABLE IF EXISTS {at}.search_text;"
                         f"DROP TABLE IF EXISTS {at}.vocabulary; DROP TABLE IF EXISTS {at}.record_vectors;"
                         f"DROP TABLE IF EXISTS {at}.search_meta;")  # fmt: skip
    db.executescript(_schema(at))
    db.executemany(f"INSERT INTO {at}.search_text VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.execute(f"INSERT INTO {at}.records_fts(records_fts) VALUES ('rebuild')")
    db.executemany(f"INSERT INTO {at}.vocabulary VALUES (?, ?)", counts.items())
    if found is not None:  # in position order, a part of at most _PART vectors a row
        parts = (b"".join(found[i : i + _PART]) for i in range(0, len(found), _PART))
        db.executemany(f"INSERT INTO {at}.record_vectors VALUES (?, ?)", enumerate(parts))
    db.execute(f"INSERT INTO {at}.search_meta VALUES ('version', ?)", (VERSION,))
    db.commit()


def ensure(db: sqlite3.Connection, registries: Registries, progress: Progress = lambda _: None) -> None:
    """The search index: in the cache file when it can be written, else for this run only."""
    if _built(db):
        return
    path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    try:
        if path:
            with contextlib.closing(sqlite3.connect(path, timeout=10)) as writer:
                _fill(writer, "main", registries, progress)
        else:
            _fill(db, "main", registries, progress)
        if _built(db):
            return
    except sqlite3.Error:
        pass  # a read-only cache: index this run's copy in memory instead
    _fill(db, "temp", registries, progress)


def _form(words: Sequence[str], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def term_expression(term: Term) -> str:
    """A term as FTS5 syntax: any of its forms. Each is quoted, so nothing typed is an operator."""
    forms = [_form(f, term.prefix) for f in term.forms]
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def match_expression(terms: Sequence[Term], excluded: Sequence[Term] = (), *, any_of: bool = False) -> str:
    """Records with every term (or, with any_of, at least one), none of the excluded ones."""
    found = (" OR " if any_of else " AND ").join(term_expression(t) for t in terms)
    if any_of and len(terms) > 1:
        found = f"({found})"
    return found + "".join(f" NOT {term_expression(t)}" for t in excluded)


def count(db: sqlite3.Connection, term: Term) -> int:
    """How many records hold a term."""
    sql = "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?"
    return int(db.execute(sql, (term_expression(term),)).fetchone()[0])


def vocabulary(db: sqlite3.Connection) -> list[str]:
    """Every word of the index, as folded, the most common first."""
    return [w for (w,) in db.execute("SELECT word FROM vocabulary ORDER BY records DESC, word")]


def known(db: sqlite3.Connection, words: Iterable[str]) -> set[str]:
    found = list(words)
    marks = ",".join("?" * len(found))
    return {w for (w,) in db.execute(f"SELECT word FROM vocabulary WHERE word IN ({marks})", found)}


def ranked(db: sqlite3.Connection, expression: str, where: str, params: Sequence[object]) -> list[int]:
    """Positions of the records matching an FTS5 expression and an SQL condition, best BM25 first."""
    condition = f" AND records.{where}" if where else ""
    sql = (
        "SELECT records.position FROM records_fts JOIN records ON records.position = records_fts.rowid"
        f" WHERE records_fts MATCH ?{condition} ORDER BY bm25(records_fts, {WEIGHTS}), records.position"
    )
    return [p for (p,) in db.execute(sql, [expression, *params])]


def holders(db: sqlite3.Connection, term: Term) -> list[int]:
    """Positions of the records holding a term."""
    sql = "SELECT rowid FROM records_fts WHERE records_fts MATCH ?"
    return [p for (p,) in db.execute(sql, (term_expression(term),))]


def marked(
    db: sqlite3.Connection, positions: Sequence[int], expression: str, marks: tuple[str, str]
) -> dict[int, tuple[str, str, bool]]:
    """For each record, its title and best passage (own words or evidence) with the matches marked.

    The flag is False when the record's own words hold a marker character, which would be
    misread as a highlight.
    """
    if not positions:
        return {}
    start, end = marks
    places = ",".join("?" * len(positions))
    sql = (
        "SELECT rowid, highlight(records_fts, 0, ?, ?), snippet(records_fts, 1, ?, ?, '…', 20),"
        " snippet(records_fts, 3, ?, ?, '…', 20), instr(title || body || evidence, ?) OR"
        " instr(title || body || evidence, ?) FROM records_fts"
        f" WHERE records_fts MATCH ? AND rowid IN ({places})"
    )
    out = {}
    for position, title, own, evidence, clash in db.execute(
        sql, [*marks * 3, start, end, expression, *positions]
    ):
        passage = own if start in own else evidence if start in evidence else own
        out[position] = (title, passage, not clash)
    return out


def vectors(db: sqlite3.Connection) -> bytes:
    """Every record's vector of meaning, in position order, as one run of float16 bytes."""
    parts = [v for (v,) in db.execute("SELECT vectors FROM record_vectors ORDER BY part")]
    return parts[0] if len(parts) == 1 else b"".join(parts)  # one part, as a store of up to 262,144 has


def positions(db: sqlite3.Connection, where: str, params: Sequence[object]) -> list[int]:
    """The positions of the records matching an SQL condition, in order."""
    return [p for (p,) in db.execute(f"SELECT position FROM records WHERE {where} ORDER BY position", params)]


def records_at(db: sqlite3.Connection, positions: Sequence[int]) -> dict[int, Record]:
    if not positions:
        return {}
    places = ",".join("?" * len(positions))
    sql = f"SELECT position, body FROM records WHERE position IN ({places})"
    return {p: record_from_dict(json.loads(b)) for p, b in db.execute(sql, list(positions))}
