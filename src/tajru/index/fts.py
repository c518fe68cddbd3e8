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
from typing import NamedTuple

from tajru import columns
from tajru.model import Record, Registries, record_from_dict
from tajru.query import Term

VERSION = "10"  # of the search index's layout: an older one in a cache is rebuilt
_COLUMNS = "title, body, names, evidence, about, extra"
_TOKENIZER = "tokenize = 'porter unicode61 remove_diacritics 2'"
# BM25 weights of the columns: a word in the title counts most; a topic's entry term, or another way
# of writing a word, least.
WEIGHTS = "10.0, 3.0, 2.0, 1.0, 1.0, 0.5"

Progress = Callable[[str], None]
_PART = 1 << 18  # vectors kept in one row: 128 MiB, below SQLite's limit on a value (1 GB)
_TABLES = ("records_fts", "search_text", "vocabulary", "record_vectors", "search_meta")


def _schema(at: str) -> list[str]:
    return [
        f"CREATE TABLE {at}.search_text(position INTEGER PRIMARY KEY, {_COLUMNS})",
        f"CREATE VIRTUAL TABLE {at}.records_fts USING fts5({_COLUMNS},"
        f" content = 'search_text', content_rowid = 'position', {_TOKENIZER})",
        f"CREATE TABLE {at}.vocabulary(word TEXT PRIMARY KEY, records INTEGER NOT NULL) WITHOUT ROWID",
        f"CREATE TABLE {at}.record_vectors(part INTEGER PRIMARY KEY, vectors BLOB NOT NULL)",
        f"CREATE TABLE {at}.search_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]


def _built(db: sqlite3.Connection, schemas: Sequence[str] = ("main", "temp")) -> bool:
    for schema in schemas:
        with contextlib.suppress(sqlite3.Error):
            found = db.execute(f"SELECT value FROM {schema}.search_meta WHERE key = 'version'").fetchone()
            if found is not None and found[0] == VERSION:
                return True
    return False


class _Made(NamedTuple):
    rows: list[tuple[object, ...]]
    counts: dict[str, int]
    vectors: list[bytes] | None


def _made(db: sqlite3.Connection, registries: Registries, progress: Progress) -> _Made:
    """The index's rows, vocabulary and vectors, computed from the compiled records (the slow part)."""
    from tajru.meaning import vectors
    from tajru.words import words

    records = [
        (p, record_from_dict(json.loads(b))) for p, b in db.execute("SELECT position, body FROM records")
    ]
    names, about = columns.entry_words(registries)
    rows: list[tuple[object, ...]] = []
    counts: dict[str, int] = {}
    for position, record in records:
        row, held = columns.search_row(record, names, about)
        rows.append((position, *row))
        for word in held:
            counts[word] = counts.get(word, 0) + 1
    for name in (*registries.actors, *names.values()):  # every name form, even of actors no record has
        for word in words(name):
            counts.setdefault(word, 0)
    progress(f"indexing the meaning of {len(records)} records")
    return _Made(rows, counts, vectors([columns.meaning_text(r) for _, r in records]))


def _write(db: sqlite3.Connection, at: str, made: _Made) -> None:
    """The index written into schema `at` of db, inside the transaction the caller holds."""
    for table in _TABLES:
        db.execute(f"DROP TABLE IF EXISTS {at}.{table}")
    for statement in _schema(at):
        db.execute(statement)
    db.executemany(f"INSERT INTO {at}.search_text VALUES (?, ?, ?, ?, ?, ?, ?)", made.rows)
    db.execute(f"INSERT INTO {at}.records_fts(records_fts) VALUES ('rebuild')")
    db.executemany(f"INSERT INTO {at}.vocabulary VALUES (?, ?)", made.counts.items())
    if made.vectors is not None:  # in position order, a part of at most _PART vectors a row
        found = made.vectors
        parts = (b"".join(found[i : i + _PART]) for i in range(0, len(found), _PART))
        db.executemany(f"INSERT INTO {at}.record_vectors VALUES (?, ?)", enumerate(parts))
    db.execute(f"INSERT INTO {at}.search_meta VALUES ('version', ?)", (VERSION,))


def ensure(db: sqlite3.Connection, registries: Registries, progress: Progress = lambda _: None) -> None:
    """The search index: in the cache file when it can be written, else for this run only.

    Writers of one cache file take turns: each takes the file's write lock (BEGIN IMMEDIATE), looks
    again whether another has built the index meanwhile, and builds it only if not, dropping and
    creating its tables in that one transaction. Readers see the old tables or the new, never a part.
    The index is computed once a run, whichever of the cache file or memory it is written to.
    """
    if _built(db):
        return
    path = next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), "")
    made: _Made | None = None
    if path:
        try:
            with contextlib.closing(sqlite3.connect(path, timeout=600, isolation_level=None)) as writer:
                writer.execute("BEGIN IMMEDIATE")
                try:
                    if not _built(writer, ("main",)):
                        made = _made(writer, registries, progress)
                        _write(writer, "main", made)
                    writer.execute("COMMIT")
                except BaseException:
                    writer.execute("ROLLBACK")
                    raise
            if _built(db):
                return
        except sqlite3.Error:
            pass  # a read-only cache: index this run's copy in memory instead
    made = made or _made(db, registries, progress)
    _write(db, "temp", made)
    db.commit()


def _form(words: Sequence[str], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def term_expression(term: Term) -> str:
    """A term as FTS5 syntax: any of its forms. Each is quoted, so nothing typed is an operator."""
    forms = [_form(f, term.prefix) for f in term.forms]
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def match_expression(
    terms: Sequence[Term], excluded: Sequence[Term] = (), *, any_of: bool = False, own: bool = False
) -> str:
    """Records with every term (or, with any_of, at least one), none of the excluded ones; with own, the
    terms held in the records' own words and names (as a filter wants them), not only in the thesaurus."""
    each = [_own(term_expression(t)) if own else term_expression(t) for t in terms]
    found = (" OR " if any_of else " AND ").join(each)
    if any_of and len(terms) > 1:
        found = f"({found})"
    return found + "".join(f" NOT {term_expression(t)}" for t in excluded)


def _own(expression: str) -> str:
    """The expression matched in a record's own words and names only, not in what its topics and
    actors are known by (the thesaurus column): there a word ranks a record, but it does not hold it."""
    return f"{{{' '.join(columns.OWN_COLUMNS)}}} : ({expression})"


def count(db: sqlite3.Connection, term: Term, own: bool = False) -> int:
    """How many records hold a term; with own, in their own words and names."""
    sql = "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?"
    expression = term_expression(term)
    return int(db.execute(sql, (_own(expression) if own else expression,)).fetchone()[0])


def vocabulary(db: sqlite3.Connection) -> list[str]:
    """Every word of the index, as folded, the most common first."""
    return [w for (w,) in db.execute("SELECT word FROM vocabulary ORDER BY records DESC, word")]


def known(db: sqlite3.Connection, words: Iterable[str]) -> set[str]:
    found = list(words)
    marks = ",".join("?" * len(found))
    return {w for (w,) in db.execute(f"SELECT word FROM vocabulary WHERE word IN ({marks})", found)}


def ranked(
    db: sqlite3.Connection, expression: str, chosen: tuple[str, list[object]] | None, limit: int | None = None
) -> list[int]:
    """Positions of the records matching an FTS5 expression among those chosen (all with None), best
    BM25 first; the first `limit` of them."""
    among = f" AND rowid IN ({chosen[0]})" if chosen else ""
    sql = (
        f"SELECT rowid FROM records_fts WHERE records_fts MATCH ?{among}"
        f" ORDER BY bm25(records_fts, {WEIGHTS}), rowid" + (" LIMIT ?" if limit else "")
    )
    params = [expression, *(chosen[1] if chosen else []), *([limit] if limit else [])]
    return [p for (p,) in db.execute(sql, params)]


def holders(
    db: sqlite3.Connection, term: Term, among: Sequence[int] | None = None, own: bool = False
) -> set[int]:
    """Positions of the records holding a term (with own, in their own words and names); only those
    among the positions given, when given."""
    sql = "SELECT rowid FROM records_fts WHERE records_fts MATCH ?"
    expression = _own(term_expression(term)) if own else term_expression(term)
    if among is None:
        return {p for (p,) in db.execute(sql, (expression,))}
    found: set[int] = set()
    listed = list(among)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        query = sql + f" AND rowid IN ({','.join('?' * len(chunk))})"
        found |= {p for (p,) in db.execute(query, (expression, *chunk))}
    return found


def telling(db: sqlite3.Connection, terms: Sequence[Term], share: float, large: int) -> list[Term]:
    """The terms that tell records apart: in a store of at least `large` records, those held by no more
    than `share` of them (by the vocabulary's counts of their words); all terms when none is, or in a
    smaller store."""
    last = db.execute("SELECT max(position) FROM search_text").fetchone()[0]  # positions run 0 to n - 1
    total = 0 if last is None else int(last) + 1
    if total < large:
        return list(terms)
    words = {w for t in terms for f in t.forms for w in f}
    counts = dict(
        db.execute(
            f"SELECT word, records FROM vocabulary WHERE word IN ({','.join('?' * len(words))})", list(words)
        )
    )

    def held_by(term: Term) -> int:  # a form is held by no more records than its rarest word
        return max(min(int(counts.get(w, 0)) for w in form) for form in term.forms)

    kept = [t for t in terms if held_by(t) <= share * total]
    return kept or list(terms)


def own_words(db: sqlite3.Connection, positions: Sequence[int]) -> sqlite3.Connection:
    """A small full-text index of the own words of a few records (a search's pool), with the index's
    tokenizer, for asking which of them hold each term. Asking the store's index instead costs what a
    term's whole list costs: a word that a thesaurus puts in every record of a topic, in thousands."""
    own = ", ".join(columns.OWN_COLUMNS)
    pool = sqlite3.connect(":memory:")
    pool.execute(f"CREATE VIRTUAL TABLE records_fts USING fts5({own}, {_TOKENIZER})")
    listed = list(positions)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        sql = f"SELECT position, {own} FROM search_text WHERE position IN ({','.join('?' * len(chunk))})"
        rows = db.execute(sql, chunk).fetchall()
        pool.executemany(
            f"INSERT INTO records_fts(rowid, {own}) VALUES (?{', ?' * len(columns.OWN_COLUMNS)})", rows
        )
    return pool


def spelled_near(db: sqlite3.Connection, word: str, limit: int) -> list[tuple[str, int]]:
    """Index words that may be within `limit` edits of word, with how many records hold each: those of a
    like length that share its first or second letter (a slip seldom changes both)."""
    sql = (
        "SELECT word, records FROM vocabulary WHERE length(word) BETWEEN ? AND ?"
        " AND (substr(word, 1, 1) = ? OR substr(word, 2, 1) = ?)"
    )
    return list(db.execute(sql, (len(word) - limit, len(word) + limit, word[:1], word[1:2])))


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
    """Every record's vector of meaning, in position order, as one run of bytes (see meaning.vectors)."""
    parts = [v for (v,) in db.execute("SELECT vectors FROM record_vectors ORDER BY part")]
    return parts[0] if len(parts) == 1 else b"".join(parts)  # one part, as a store of up to 262,144 has


def positions(db: sqlite3.Connection, chosen: tuple[str, list[object]]) -> list[int]:
    """The positions a subquery of tajru.index.selecting.chosen gives, in order."""
    return [p for (p,) in db.execute(f"SELECT position FROM ({chosen[0]}) ORDER BY position", chosen[1])]


def records_at(db: sqlite3.Connection, positions: Sequence[int]) -> dict[int, Record]:
    if not positions:
        return {}
    places = ",".join("?" * len(positions))
    sql = f"SELECT position, body FROM records WHERE position IN ({places})"
    return {p: record_from_dict(json.loads(b)) for p, b in db.execute(sql, list(positions))}
