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
from typing import NamedTuple

from tajru.index import fts, tables
from tajru.model import MATCH_END, MATCH_START, Hit, Record, Registries
from tajru.query import Query, Term
from tajru.text import fold
from tajru.words import STOP_WORDS, asks_for, canonical, words

FUSION_K = 10  # reciprocal-rank fusion: 1 / (K + rank); a small K lets the first few ranks count most
MEANING_WEIGHT = 1.0
NUDGE = 0.03  # what a question asks for, added to a fused score (the first rank gives 1/11)
MEANING_ONLY = 10  # hits shown when no record shares a word, at most
MEANING_FLOOR = 0.25  # and only those at least this near (cosine): below it they are noise


class Plan(NamedTuple):
    query: Query
    notes: list[str]


class Found(NamedTuple):
    hits: list[Hit]
    notes: list[str]


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
        guess = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
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
    word_order: list[int], meaning_order: list[int], records: dict[int, Record], asked: str | None
) -> list[int]:
    score: dict[int, float] = {}
    for rank, position in enumerate(word_order):
        score[position] = 1 / (FUSION_K + rank + 1)
    meaning_rank = {p: r for r, p in enumerate(meaning_order)}
    for position in score:
        if position in meaning_rank:
            score[position] += MEANING_WEIGHT / (FUSION_K + meaning_rank[position] + 1)
        record = records[position]
        wanted = (asked == "dated" and record.when is not None) or asked == record.kind
        score[position] += NUDGE if wanted else 0.0
    return sorted(score, key=lambda p: (-score[p], word_order.index(p)))


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
    rows = fts.vectors_of(db, where, params)
    scores = similarities(vector, [v for _, v in rows])
    return sorted(zip((p for p, _ in rows), scores, strict=True), key=lambda x: -x[1])


def find(
    db: sqlite3.Connection,
    registries: Registries,
    query: Query,
    *,
    use_words: bool = True,
    use_meaning: bool = True,
) -> Found:
    """The hits of a planned query, best first."""
    filters = tables.conditions(db, query._replace(terms=(), excluded=()))
    expression = fts.match_expression(query.terms, query.excluded)
    notes: list[str] = []
    word_order = fts.ranked(db, expression, *filters) if use_words else []
    held: dict[int, int] = {}
    if use_words and len(query.terms) > 1:  # then those holding most of the words
        expression = fts.match_expression(query.terms, query.excluded, any_of=True)
        holders = [fts.holders(db, t) for t in query.terms]
        every = set(word_order)
        held = {
            p: sum(p in h for h in holders) for p in fts.ranked(db, expression, *filters) if p not in every
        }
        if held and not word_order:
            notes.append("no record holds all of those words; these hold most of them")
    nearest = meaning_order(db, query, *filters) if use_meaning else []
    meaning = [p for p, _ in nearest]
    if not word_order and not held and meaning:
        chosen = [p for p, near in nearest[:MEANING_ONLY] if near >= MEANING_FLOOR] if use_words else meaning
        if use_words and chosen:
            notes.append("no record shares a word with that; these are the nearest in meaning")
        records = fts.records_at(db, chosen)
        return Found([Hit(records[p], records[p].title, "", False) for p in chosen], notes)
    partial = sorted(held, key=lambda p: -held[p])
    records = fts.records_at(db, word_order + partial)
    asked = asks_for(query.text)
    fused = _fused(partial, meaning, records, asked)
    together = fts.holders(db, Term.of(*query.phrase)) if query.phrase else set()
    first = [p for p in word_order if p in together]
    rest = [p for p in word_order if p not in together]
    order = _fused(first, meaning, records, asked) + _fused(rest, meaning, records, asked)
    order += sorted(fused, key=lambda p: -held[p])
    marks = fts.marked(db, order, expression, (MATCH_START, MATCH_END))
    hits = []
    for position in order:
        title, passage, ok = marks.get(position, (records[position].title, "", False))
        hit = (
            Hit(records[position], title, passage, True)
            if ok
            else Hit(records[position], records[position].title, "", False)
        )
        hits.append(hit)
    return Found(hits, notes)
