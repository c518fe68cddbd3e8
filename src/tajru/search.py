"""Ranked hits for a prepared query, from its words and its meaning, each saying how it matched.

1. Words: the records holding any searched word, by BM25 over all of them, so that a rare word weighs
   much and "russian", in nearly every record, little.
2. Meaning: the records nearest the question's vector (tajru.meaning).
3. Both lists are pooled and fused over their union by reciprocal rank, as hybrid retrieval does
   (Elasticsearch, Vespa), so a record that shares no word but answers the question can come first.
   Holding every word is a strong signal, not a wall; what a question asks for (when: dated records;
   how many: figures; who said: words said) nudges.
4. Each hit says how it matched: `all` the searched words, `some` of them (and which typed words it
   lacks), or `meaning` alone.

The planning of the words (spelling, names, Cyrillic) is tajru.planning's.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import NamedTuple

from tajru.index import fts, selecting
from tajru.model import MATCH_END, MATCH_START, Hit, Registries
from tajru.query import Prepared, Term
from tajru.words import asks_for, canonical, words

FUSION_K = 30  # reciprocal-rank fusion: 1 / (K + rank)
WORDS_WEIGHT = 1.0
MEANING_WEIGHT = 1.0
ALL_WORDS = 0.06  # added for holding every searched word: about the first rank of one list
SHARE_POWER = (
    4.0  # a share of the words held counts as its fourth power: most of them counts, one of many little
)
TOGETHER = 0.06  # added for holding the words typed apart as one phrase ('border guards')
NUDGE = 0.03  # what a question asks for
WORD_POOL = 200  # the best of the records holding any word, by BM25, that are fused
MEANING_POOL = 50  # the nearest records in meaning that are fused
MEANING_FLOOR = 0.25  # cosine below which a record is no nearer than noise
# In a large store, a word most records hold ('russia') adds next to nothing to BM25 and costs a pass
# over every record: the pool is drawn by the other words (it still counts for what a hit holds).
LARGE = 10_000
COMMON_SHARE = 0.3


class Found(NamedTuple):
    hits: list[Hit]
    notes: list[str]
    total: int  # hits in all, of which `hits` are the first


def meaning_order(
    db: sqlite3.Connection, text: str, chosen: tuple[str, list[object]] | None
) -> list[tuple[int, float]]:
    """(position, cosine) of the records the filters allow, nearest in meaning to the text first."""
    from tajru.index.model import open_model
    from tajru.meaning import similarities

    model = open_model()
    spelt = " ".join(canonical(w) for w in words(text))  # 'defence' and 'defense' mean alike
    vector = model.vector(spelt) if model is not None and spelt else None
    if vector is None:
        return []
    # Enough of the nearest for the pool, with room for those a '-word' leaves out.
    return similarities(
        vector, fts.vectors(db), fts.positions(db, chosen) if chosen else None, 4 * MEANING_POOL
    )


def find(
    db: sqlite3.Connection,
    registries: Registries,
    prepared: Prepared,
    *,
    use_words: bool = True,
    use_meaning: bool = True,
    limit: int | None = None,
) -> Found:
    """The first `limit` hits of a prepared query (all with None), best first, and how many there are."""
    query = prepared.query
    chosen = selecting.chosen(db, prepared)
    searched = list(query.terms)
    excluded: set[int] = set()
    for term in query.excluded:
        excluded |= fts.holders(db, term)
    word_order: list[int] = []
    if use_words and searched:
        anything = fts.match_expression(fts.telling(db, searched, COMMON_SHARE, LARGE), any_of=True)
        word_order = [p for p in fts.ranked(db, anything, chosen, WORD_POOL) if p not in excluded]
    nearest = meaning_order(db, query.text, chosen) if use_meaning else []
    meaning = [p for p, near in nearest if p not in excluded and near >= MEANING_FLOOR][:MEANING_POOL]
    pool = list(dict.fromkeys((*word_order, *meaning)))
    held, lacking, together = _holding(db, pool, searched, query.phrase if use_words else None)
    # Holding the words in a record's own text, not only through the thesaurus, counts: in part for
    # each word held, and wholly for holding them all.
    bonus = (
        {p: ALL_WORDS * (held[p] / len(searched)) ** SHARE_POWER for p in pool}
        if use_words and searched
        else {}
    )
    for p in together:
        bonus[p] = bonus.get(p, 0.0) + TOGETHER
    order = _fused(db, pool, word_order, meaning, bonus, asks_for(query.text))
    shown = order[:limit] if limit else order
    records = fts.records_at(db, shown)
    expression = fts.match_expression(searched, any_of=True) if searched else ""
    marks = fts.marked(db, shown, expression, (MATCH_START, MATCH_END)) if expression else {}
    hits = []
    for position in shown:
        record = records[position]
        match = "meaning" if held[position] == 0 else "all" if not lacking[position] else "some"
        missing = tuple(dict.fromkeys(lacking[position])) if match != "all" else ()
        title, passage, ok = marks.get(position, (record.title, "", False))
        marked = ok and match != "meaning"
        hits.append(
            Hit(record, title if marked else record.title, passage if marked else "", marked, match, missing)
        )
    notes = [] if any(h.match == "all" for h in hits) or not hits else [PARTIAL]
    return Found(hits, notes, len(order))


def _holding(
    db: sqlite3.Connection, pool: list[int], searched: list[Term], phrase: tuple[str, ...] | None
) -> tuple[dict[int, int], dict[int, list[str]], set[int]]:
    """For each record of the pool, how many searched terms its own words hold and the typed words it
    lacks; and which hold the words typed apart as one phrase."""
    held = dict.fromkeys(pool, 0)
    lacking: dict[int, list[str]] = {p: [] for p in pool}
    if not searched or not pool:
        return held, lacking, set()
    with contextlib.closing(fts.own_words(db, pool)) as own:
        for term in searched:
            holding = fts.holders(own, term)
            for p in pool:
                if p in holding:
                    held[p] += 1
                else:
                    lacking[p].append(term.typed)
        together = fts.holders(own, Term.of(*phrase)) if phrase else set()
    return held, lacking, together


def _fused(
    db: sqlite3.Connection,
    pool: list[int],
    word_order: list[int],
    meaning: list[int],
    bonus: dict[int, float],
    asked: str | None,
) -> list[int]:
    """The pool in the order of its fused scores: each list's reciprocal rank, the bonuses for holding
    every word or the phrase, the nudge for what a question asks for; at a tie, the pool's order."""
    by_words = {p: r for r, p in enumerate(word_order)}
    by_meaning = {p: r for r, p in enumerate(meaning)}
    score = {p: bonus.get(p, 0.0) for p in pool}
    for p in pool:
        if p in by_words:
            score[p] += WORDS_WEIGHT / (FUSION_K + by_words[p] + 1)
        if p in by_meaning:
            score[p] += MEANING_WEIGHT / (FUSION_K + by_meaning[p] + 1)
    if asked is not None and pool:
        for p in selecting.wanted(db, pool, asked):
            score[p] += NUDGE
    tie = {p: n for n, p in enumerate(pool)}
    return sorted(pool, key=lambda p: (-score[p], tie[p]))


PARTIAL = (
    "no record holds all of those words: these hold some of them or are near in meaning, "
    "and may not answer the question"
)
