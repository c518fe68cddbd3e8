"""A search, from the words typed to ranked hits.

1. Plan: each word is spelt one way (labour/labor), romanised from Cyrillic, widened to every
   name of the person it names (Massoud: Ahmed Shah Masood), corrected when nothing holds it
   (Puttin: Putin), joined with its neighbour when written together elsewhere (air base:
   airbase); stop words and question words drop out. What was searched instead is said.
2. Words: the records holding every term, by BM25; when none does, those holding most terms.
3. Meaning: the records nearest the question's vector (tajru.meaning).
4. Both ranks are fused (reciprocal-rank fusion), with a nudge for what a question asks
   for (when: dated records; how many: figures; who said: quotes). Words decide which
   records are shown when any record shares a word; meaning alone only when none does.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections import Counter
from itertools import chain
from typing import NamedTuple

from tajru.index import fts, tables
from tajru.model import MATCH_END, MATCH_START, Hit, Registries
from tajru.query import Query, Term
from tajru.text import fold
from tajru.words import STOP_WORDS, asks_for, canonical, words

FUSION_K = 10  # reciprocal-rank fusion: 1 / (K + rank); a small K lets the first few ranks count most
MEANING_WEIGHT = 1.0
NUDGE = 0.03  # what a question asks for, added to a fused score (the first rank gives 1/11)
MEANING_ONLY = 10  # hits shown when no record shares a word, at most
MEANING_FLOOR = 0.25  # and only those at least this near (cosine): below it they are noise
# How near (difflib's ratio) a word the index holds must be to replace one it does not: at 0.75,
# 'big' became 'bring'; 'puttin', 'dushambe', 'eaeu' and 'rahmonov' are all above 0.85.
CORRECTION_CUTOFF = 0.8
NUDGED = 500  # the first this many of a group get the nudge
BM25_UP_TO = 5000  # records holding some of the words are ranked by BM25 among themselves up to this many


class Plan(NamedTuple):
    query: Query
    notes: list[str]


class Found(NamedTuple):
    hits: list[Hit]
    notes: list[str]
    total: int  # hits in all, of which `hits` are the first


def _name_forms(registries: Registries) -> dict[str, set[tuple[str, ...]]]:
    """For each folded name form (a whole name, or a word of a person's name), the forms to search."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for actor in registries.actors.values():
        forms = {tuple(words(n)) for n in (actor.id.replace("-", " "), *actor.names)}
        # A form that is one common or very short word ('a', 'us') would find far more than the actor.
        forms = {f for f in forms if len(f) > 1 or (f and f[0] not in STOP_WORDS and len(f[0]) > 2)}
        keys = {" ".join(f) for f in forms}
        if actor.kind == "person":
            keys |= {w for f in forms for w in f if w not in STOP_WORDS and len(w) > 2}
        for key in keys:
            found.setdefault(key, set()).update(forms)
    return found


def _widen(term: Term, names: dict[str, set[tuple[str, ...]]]) -> Term:
    key = " ".join(term.forms[0])
    if term.prefix or key not in names:
        return term
    return Term(tuple(dict.fromkeys((*term.forms, *sorted(names[key])))), False, term.typed)


def plan(db: sqlite3.Connection, registries: Registries, query: Query) -> Plan:
    """The query's terms as the index should look for them, and what was searched instead of what."""
    notes: list[str] = []
    typed = list(query.terms)
    plain = [t for t in typed if len(t.forms) == 1 and len(t.forms[0]) == 1 and not t.prefix]
    if len(plain) < len(typed) or any(t.forms[0][0] not in STOP_WORDS for t in plain):
        typed = [t for t in typed if t not in plain or t.forms[0][0] not in STOP_WORDS]
    names = _name_forms(registries)
    terms: list[Term] = []
    for term in typed:
        forms = tuple(tuple(canonical(w) for w in words(" ".join(f))) for f in term.forms)
        terms.append(_widen(Term(tuple(f for f in forms if f) or term.forms, term.prefix, term.typed), names))
    terms = _join_compounds(db, terms)
    vocabulary: list[str] | None = None
    for n, term in enumerate(terms):
        if fts.count(db, term):
            continue
        word = " ".join(term.forms[0])
        vocabulary = vocabulary if vocabulary is not None else fts.vocabulary(db)
        guess = difflib.get_close_matches(word, vocabulary, n=1, cutoff=CORRECTION_CUTOFF)
        if guess:
            terms[n] = _widen(Term(((guess[0],),), term.prefix, term.typed), names)
    for term in terms:  # a misspelling corrected or a script romanised is said; a British spelling is not
        searched, written = " ".join(term.forms[0]), " ".join(fold(term.typed).split())
        if searched not in (written, " ".join(canonical(w) for w in written.split())):
            notes.append(f"searched for '{searched}' instead of '{term.typed}'")
    return Plan(query._replace(terms=tuple(terms)), notes)


def _join_compounds(db: sqlite3.Connection, terms: list[Term]) -> list[Term]:
    """Neighbouring words that some record writes as one word ('air base', 'airbase') become one term."""
    out: list[Term] = []
    for term in terms:
        last = out[-1] if out else None
        if (
            last is not None
            and len(last.forms) == len(term.forms) == 1
            and len(last.forms[0]) == len(term.forms[0]) == 1
        ):
            joined = last.forms[0][0] + term.forms[0][0]
            if fts.known(db, [joined]):
                out[-1] = Term(
                    (last.forms[0] + term.forms[0], (joined,)), term.prefix, f"{last.typed} {term.typed}"
                )
                continue
        out.append(term)
    return out


def _fused(
    db: sqlite3.Connection, group: list[int], meaning_rank: dict[int, int], asked: str | None
) -> list[int]:
    """A group of word hits in the order of their fused ranks; at a tie, the words' order."""
    score = {
        p: 1 / (FUSION_K + rank + 1)
        + (MEANING_WEIGHT / (FUSION_K + meaning_rank[p] + 1) if p in meaning_rank else 0.0)
        for rank, p in enumerate(group)
    }
    order = sorted(group, key=lambda p: -score[p])
    if asked is None or not order:
        return order
    # Deeper than this, a nudge can no longer lift a record to where anyone reads.
    head = order[:NUDGED]
    for p in tables.wanted(db, head, asked):
        score[p] += NUDGE
    return sorted(head, key=lambda p: -score[p]) + order[NUDGED:]


def meaning_order(
    db: sqlite3.Connection, query: Query, where: str, params: list[object]
) -> list[tuple[int, float]]:
    """(position, cosine) of the records a query's filters allow, nearest in meaning first."""
    from tajru.index.model import open_model
    from tajru.meaning import similarities

    model = open_model()
    vector = model.vector(" ".join(words(query.text))) if model is not None and query.text else None
    if vector is None:
        return []
    chosen = fts.positions(db, where, params) if where else None
    return similarities(vector, fts.vectors(db), chosen)


def find(
    db: sqlite3.Connection,
    registries: Registries,
    query: Query,
    *,
    use_words: bool = True,
    use_meaning: bool = True,
    limit: int | None = None,
) -> Found:
    """The first `limit` hits of a planned query (all with None), best first, and how many there are."""
    filters = tables.conditions(db, query._replace(terms=(), excluded=()))
    expression = fts.match_expression(query.terms, query.excluded)
    notes: list[str] = []
    word_order = fts.ranked(db, expression, *filters) if use_words else []
    held: dict[int, int] = {}
    bm25: list[int] = []
    if use_words and len(query.terms) > 1:  # then those holding most of the words
        expression = fts.match_expression(query.terms, query.excluded, any_of=True)
        holding = {t: fts.holders(db, t) for t in query.terms}
        counts = Counter(chain.from_iterable(holding.values()))
        left_out = set(word_order).union(*(fts.holders(db, t) for t in query.excluded))
        allowed = set(fts.positions(db, *filters)) if filters[0] else None
        held = {p: n for p, n in counts.items() if p not in left_out and (allowed is None or p in allowed)}
        # Within as many words held, BM25 decides while it is cheap; past that, meaning does.
        bm25 = fts.ranked(db, expression, *filters) if len(held) <= BM25_UP_TO else []
        if held and not word_order:
            absent = ", ".join(f"'{t.typed}'" for t, found in holding.items() if not found)
            notes.append(
                f"no record holds {absent}; these hold most of the other words"
                if absent
                else "no record holds all of those words; these hold most of them"
            )
    nearest = meaning_order(db, query, *filters) if use_meaning else []
    meaning = [p for p, _ in nearest]
    if not word_order and not held and meaning:
        chosen = [p for p, near in nearest[:MEANING_ONLY] if near >= MEANING_FLOOR] if use_words else meaning
        if use_words and chosen:
            notes.append("no record shares a word with that; these are the nearest in meaning")
        shown = chosen[:limit] if limit else chosen
        records = fts.records_at(db, shown)
        return Found([Hit(records[p], records[p].title, "", False) for p in shown], notes, len(chosen))
    meaning_rank = {p: r for r, p in enumerate(meaning)}
    asked = asks_for(query.text)
    together = set(fts.holders(db, Term.of(*query.phrase))) if query.phrase else set()
    order = _fused(db, [p for p in word_order if p in together], meaning_rank, asked)
    order += _fused(db, [p for p in word_order if p not in together], meaning_rank, asked)
    tie = {p: r for r, p in enumerate(bm25)} if bm25 else meaning_rank
    by_held = sorted(held, key=lambda p: (-held[p], tie.get(p, len(tie)), p))
    partial = _fused(db, by_held, meaning_rank, asked)
    order += sorted(partial, key=lambda p: -held[p])  # most words first; sorted() keeps the fused order
    shown = order[:limit] if limit else order
    records = fts.records_at(db, shown)
    marks = fts.marked(db, shown, expression, (MATCH_START, MATCH_END))
    hits = []
    for position in shown:
        record = records[position]
        title, passage, ok = marks.get(position, (record.title, "", False))
        hits.append(Hit(record, title, passage, True) if ok else Hit(record, record.title, "", False))
    return Found(hits, notes, len(order))
