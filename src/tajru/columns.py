"""What each record puts in the compiled tables' columns, and in the search index's.

Plain Python values, in the order of tajru.index's tables; the SQL that stores them is there.
"""

from __future__ import annotations

import json

from tajru.model import Record
from tajru.words import variants, words

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}

Row = tuple[object, ...]


def record_rows(position: int, record: Record) -> tuple[Row, list[Row], list[Row], list[Row]]:
    """One record's row and its links to topics, actors and sources."""
    span, when = record.span, record.date
    people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
    row: Row = (
        position, record.id, record.kind,
        span[0].toordinal() if span else None, span[1].toordinal() if span else None,
        _PRECISION_RANK[when.precision] if when else 0,
        record.speaker, json.dumps(record.to_dict(), ensure_ascii=False),
    )  # fmt: skip
    undated = record.date is None
    topics: list[Row] = [(t, position, undated) for t in record.topics]
    actors: list[Row] = [(a, position, undated) for a in people]
    sources: list[Row] = [(s, position) for s in dict.fromkeys(c.source for c in record.citations)]
    return row, topics, actors, sources


def search_row(record: Record, names: dict[str, str]) -> tuple[Row, set[str]]:
    """A record's words for the full-text index, in parts the ranking weighs apart, and the set of them.

    Title; the record's own words (text, quote, context, caveat); the names of the people
    and bodies involved, every form of them; the evidence; and the other ways of writing
    all of these (words.variants). Not the date note or the locators: their boilerplate
    would match every record of a document.
    """
    people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
    own = " · ".join(w for w in (record.text, record.quote, record.context, record.caveat) if w)
    who = " · ".join(names[a] for a in people if a in names)
    evidence = " · ".join(c.evidence for c in record.citations)
    parts = [words(part) for part in (record.title, own, who, evidence)]
    return (record.title, own, who, evidence, " ".join(variants(parts))), {w for p in parts for w in p}


def meaning_text(record: Record) -> str:
    """What a record is about, in words, for its vector of meaning."""
    return " ".join(w for w in (record.title, record.text, record.quote, record.context) if w)
