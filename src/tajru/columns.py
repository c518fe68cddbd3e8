"""What each record puts in the compiled tables' columns, and in the search index's.

Plain Python values, in the order of tajru.index's tables; the SQL that stores them is there.
"""

from __future__ import annotations

import json

from tajru.model import Record, Registries
from tajru.words import cyrillic, variants, words

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


def search_row(
    record: Record, names: dict[str, str], about: tuple[dict[str, str], dict[str, str]]
) -> tuple[Row, set[str]]:
    """A record's words for the full-text index, in parts the ranking weighs apart, and the set of them.

    Title; the record's own words (text, quote, context, caveat); the names of the people and
    bodies involved, every form of them; the evidence; what its topics and actors are known by
    beyond their names (labels, entry terms, descriptions: a thesaurus, as MeSH's entry terms map
    a reader's words to a heading); and the other ways of writing the record's own words
    (words.variants). Not the date note or the locators: their boilerplate would match every
    record of a document. A word found only in the thesaurus part ranks a record, but the record
    does not hold it (see OWN_COLUMNS).
    """
    people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
    own = " · ".join(w for w in (record.text, record.quote, record.context, record.caveat) if w)
    who = " · ".join(names[a] for a in people if a in names)
    evidence = " · ".join(c.evidence for c in record.citations)
    topics, actors = about
    known_as = " · ".join(
        [*(topics[t] for t in record.topics if t in topics), *(actors[a] for a in people if a in actors)]
    )
    texts = (record.title, own, who, evidence, known_as)
    parts = [words(part) for part in texts]
    # The index holds Latin letters only: a Cyrillic name or term goes in as search reads it (words).
    row = tuple(" ".join(p) if cyrillic(t) else t for p, t in zip(parts, texts, strict=True))
    return (*row, " ".join(variants(parts[:4]))), {w for p in parts for w in p}


# The columns holding a record's own words and names, where a word must be for the record to hold it.
OWN_COLUMNS = ("title", "body", "names", "evidence", "extra")


def entry_words(registries: Registries) -> tuple[dict[str, str], tuple[dict[str, str], dict[str, str]]]:
    """What each actor adds to the index rows of its records (its names), and what each topic and
    actor is known by beyond its names (labels, entry terms, an actor's description: Rustam Emomali
    is the mayor of Dushanbe, and Rahmon's son): by topic and by actor."""
    names = {a.id: ", ".join(a.names) for a in registries.actors.values()}
    topics = {
        t.id: _as_searched(", ".join((t.label, *(m for term in t.terms for m in term.split(" = ")))))
        for t in registries.topics.values()
    }
    actors = {
        a.id: _as_searched(", ".join((*a.terms, *((a.description,) if a.description else ()))))
        for a in registries.actors.values()
    }
    return names, (topics, actors)


def _as_searched(text: str) -> str:
    """Text in Cyrillic as search reads it (stems, romanised), done once per topic or actor rather than
    once per record, which would stem the same words a million times in a large store."""
    return " ".join(words(text)) if cyrillic(text) else text


def meaning_text(record: Record) -> str:
    """What a record is about, in words, for its vector of meaning: its own words and its evidence, the
    source's own sentence, which a question written from the source is most often near."""
    own = (record.title, record.text, record.quote, record.context, *(c.evidence for c in record.citations))
    return " ".join(w for w in own if w)
