"""Records as an SQLite database for other tools: Datasette, the sqlite3 shell, pandas, R.

The schema is for people to query, not tajru's cache: one readable column per field,
dates as the strings written, link tables for topics, actors and citations, and a
full-text index named as Datasette expects (records_fts over the records table). The index
covers what `tajru search` reads, with its tokenizer: the record's words, the names of
everyone involved (column `names`), its evidence, and its other spellings and joined word
pairs (column `variants`), stemmed by porter, so that 'guard' finds 'guards' here too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tajru.columns import entry_words, search_row
from tajru.labels import full_citation
from tajru.model import Record, Registries, Source
from tajru.text import json_safe

SCHEMA = """
CREATE TABLE sources(
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT, author TEXT, published_in TEXT,
    year INTEGER, year_inferred INTEGER NOT NULL, pages TEXT, file TEXT, note TEXT, citation TEXT NOT NULL
);
CREATE TABLE actors(id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, description TEXT);
CREATE TABLE actor_aliases(actor_id TEXT NOT NULL REFERENCES actors(id), alias TEXT NOT NULL);
CREATE TABLE topics(id TEXT PRIMARY KEY, label TEXT NOT NULL, description TEXT);
CREATE TABLE records(
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT, date_precision TEXT, date_inferred INTEGER NOT NULL,
    end_date TEXT, date_note TEXT, title TEXT NOT NULL, text TEXT, value NUMERIC, unit TEXT, qualifier TEXT,
    speaker_id TEXT REFERENCES actors(id), quote TEXT, context TEXT, caveat TEXT,
    names TEXT NOT NULL, evidence TEXT NOT NULL, variants TEXT NOT NULL, citation TEXT NOT NULL, file TEXT
);
CREATE TABLE record_topics(
    record_id TEXT NOT NULL REFERENCES records(id), topic_id TEXT NOT NULL REFERENCES topics(id)
);
CREATE TABLE record_actors(
    record_id TEXT NOT NULL REFERENCES records(id), actor_id TEXT NOT NULL REFERENCES actors(id)
);
CREATE TABLE citations(
    record_id TEXT NOT NULL REFERENCES records(id), source_id TEXT NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL, locator TEXT NOT NULL, evidence TEXT NOT NULL
);
CREATE TABLE former_ids(
    former_id TEXT PRIMARY KEY, record_id TEXT NOT NULL REFERENCES records(id)
);
-- content="records" written just so: Datasette finds a table's full-text index by that text.
CREATE VIRTUAL TABLE records_fts USING fts5(
    title, text, quote, context, caveat, names, evidence, variants,
    content="records", content_rowid="rowid", tokenize='porter unicode61 remove_diacritics 2'
);
"""


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _source_row(s: Source) -> tuple[object, ...]:
    return (s.id, s.kind, s.title, s.author, s.published_in, s.year, s.year_inferred, s.pages, s.file, s.note,
            s.citation)  # fmt: skip


def _record_row(reg: Registries, r: Record, names: tuple[Any, Any]) -> tuple[object, ...]:
    (_, _, who, evidence, _, variants), _ = search_row(r, names[0], names[1])
    precision = r.date.precision if r.date else None
    return (r.id, r.kind, _text(r.date), precision, r.date_inferred, _text(r.end), r.date_note, r.title,
            r.text, r.value, r.unit, r.qualifier, r.speaker, r.quote, r.context, r.caveat, who, evidence,
            variants, " ".join(full_citation(reg, r)), r.file)  # fmt: skip


def to_sqlite(reg: Registries, records: Sequence[Record]) -> bytes:
    """The database file's bytes, built in memory."""
    db = sqlite3.connect(":memory:")
    try:
        write_sqlite(db, reg, records)
        return db.serialize()
    finally:
        db.close()


def write_sqlite(db: sqlite3.Connection, reg: Registries, records: Sequence[Record]) -> None:
    """Fill an empty database with the records and every source, actor and topic of the store."""
    actors = reg.actors.values()
    names = entry_words(reg)
    db.executescript(SCHEMA)
    db.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        map(_source_row, reg.sources.values()),
    )
    db.executemany(
        "INSERT INTO actors VALUES (?, ?, ?, ?)", ((a.id, a.name, a.kind, a.description) for a in actors)
    )
    db.executemany("INSERT INTO actor_aliases VALUES (?, ?)", ((a.id, n) for a in actors for n in a.aliases))
    db.executemany(
        "INSERT INTO topics VALUES (?, ?, ?)", ((t.id, t.label, t.description) for t in reg.topics.values())
    )
    db.executemany(
        f"INSERT INTO records VALUES ({', '.join('?' * 21)})",
        (_record_row(reg, r, names) for r in records),
    )
    db.executemany("INSERT INTO record_topics VALUES (?, ?)", ((r.id, t) for r in records for t in r.topics))
    db.executemany("INSERT INTO record_actors VALUES (?, ?)", ((r.id, a) for r in records for a in r.actors))
    db.executemany(
        "INSERT INTO citations VALUES (?, ?, ?, ?, ?)",
        ((r.id, c.source, n, c.locator, c.evidence) for r in records for n, c in enumerate(r.citations, 1)),
    )
    db.executemany("INSERT INTO former_ids VALUES (?, ?)", ((f, r.id) for r in records for f in r.formerly))
    db.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
    db.commit()


# What each column of the records table holds, for Datasette's column descriptions: the store
# format's own help where the column is a field of the format, else said here.
_COLUMNS = {
    "date_precision": "How precise the date is: year, month or day.",
    "end_date": "The last date of a record that spans a time.",
    "speaker_id": "The id of the actor who said the words (a quote) or whose words the record reports.",
    "names": "Every name and alias of the actors involved, for full-text search.",
    "evidence": "The verbatim evidence of every citation, joined, for full-text search.",
    "variants": "Other spellings of the record's words, for full-text search.",
    "citation": "The record's sources in full, with their places, ready to paste.",
    "file": "The layer file the record was read from (a user's notes); empty for the store's own.",
}


def datasette_metadata(reg: Registries, records: Sequence[Record], output: Path) -> str:
    """Datasette's metadata for the exported database: title, description, sources, licence, and what
    every table and column holds. `datasette DB --metadata DB.metadata.json` shows them."""
    from tajru import __version__
    from tajru.fields import TABLES

    help_of = {f.name: f.help for f in TABLES["records"]}
    columns = {name: help_of.get(name, "") for name in ("id", "kind", "date", "date_inferred", "date_note",
               "title", "text", "value", "unit", "qualifier", "quote", "context", "caveat")}  # fmt: skip
    tables = {
        "records": {
            "description": "One row a record: an event, a figure, a quote or an assertion, each traced "
            "to its sources (see citations).",
            "columns": {**columns, **_COLUMNS},
            "facets": ["kind"],
            "fts_table": "records_fts",
        },
        "citations": {
            "description": "Where each record is supported: source, locator and verbatim evidence."
        },
        "sources": {"description": "The documents the records come from, with a full citation each."},
        "actors": {"description": "The people, states, organisations and places the records involve."},
        "actor_aliases": {"description": "The other names each actor goes by."},
        "topics": {"description": "The subjects records are filed under."},
        "record_topics": {"description": "Which topics each record is filed under."},
        "record_actors": {"description": "Which actors each record involves."},
        "former_ids": {"description": "The ids renamed records had before, and the record each now is."},
    }
    metadata = {
        "title": "Tajikistan–Russia relations",
        "description": f"{len(records)} records exported by tajru {__version__}; every record cites its "
        "sources with a locator and the evidence verbatim.",
        "source": "; ".join(s.citation for s in reg.sources.values()),
        "license": "MIT",
        "license_url": "https://opensource.org/licenses/MIT",
        "databases": {output.stem: {"tables": tables}},
    }
    return json_safe(json.dumps(metadata, ensure_ascii=False, indent=2)) + "\n"
