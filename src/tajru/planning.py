"""A query's words planned for the search index: what each typed word is searched as, and what was said.

Each word is spelt one way (labour/labor), romanised from Cyrillic (and, in Russian, searched by its
stem too: таджиков, таджики and таджикам all find Tajiks), widened to every name of the person it
names (Massoud: Ahmed Shah Masood), and joined with its neighbour when a record writes the two as one
(air base: airbase). Stop and question words drop out. A word no record holds is corrected only when
it is a misspelling (see tajru.spelling): a word of the language is searched as typed, and said to be
in no record. What was searched instead of what is said.
"""

from __future__ import annotations

import sqlite3

from tajru.index import fts
from tajru.model import Registries
from tajru.query import Query, Term
from tajru.text import fold
from tajru.words import STOP_WORDS, canonical, cyrillic, romanised, words

HOW_WORDS = frozenset("big large high long old far often soon large small".split())


def _name_forms(registries: Registries, in_cyrillic: bool) -> dict[str, set[tuple[str, ...]]]:
    """For each folded name form (a whole name, or a word of a person's name), the forms to search."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for actor in registries.actors.values():
        forms = {tuple(words(n)) for n in (actor.id.replace("-", " "), *actor.names)}
        # A form that is one common or very short word ('a', 'us') would find far more than the actor.
        forms = {f for f in forms if len(f) > 1 or (f and f[0] not in STOP_WORDS and len(f[0]) > 2)}
        keys = {" ".join(f) for f in forms}
        if actor.kind == "person":
            keys |= {w for f in forms for w in f if w not in STOP_WORDS and len(w) > 2}
        # A person's name written in Cyrillic (an entry term, 'Рахмон') stands for the names it
        # transliterates; it is looked up only for a word typed in Cyrillic (see _widen).
        if actor.kind == "person" and in_cyrillic:  # the Russian stemmer loads only for Cyrillic typed
            for term in (t for t in actor.terms if cyrillic(t)):
                keys |= {
                    CYRILLIC_KEY + k
                    for k in (*words(term), *(romanised(w) for w in term.split()))
                    if len(k) > 2
                }
                keys |= {CYRILLIC_KEY + " ".join(words(term))}
        for key in keys:
            found.setdefault(key, set()).update(forms)
    return found


CYRILLIC_KEY = "\x00"  # marks a key made from a Cyrillic name, for words typed in Cyrillic only


def _widen(term: Term, names: dict[str, set[tuple[str, ...]]]) -> Term:
    keys = [" ".join(f) for f in term.forms[:1]]
    if cyrillic(term.typed):
        keys += [CYRILLIC_KEY + " ".join(f) for f in term.forms]
    found = [form for key in keys if key in names for form in sorted(names[key])]
    if term.prefix or not found:
        return term
    return Term(tuple(dict.fromkeys((*term.forms, *found))), False, term.typed)


def _spelt(term: Term) -> Term:
    """The term's forms as the index writes words; a Cyrillic word also as romanised whole."""
    forms = [tuple(canonical(w) for w in words(" ".join(f))) for f in term.forms]
    if cyrillic(term.typed) and len(term.forms) == 1 and len(term.forms[0]) == 1:
        whole = romanised(term.forms[0][0])  # first: a name ('Душанбе') is most often written whole
        forms = [(whole,), *forms] if whole else forms
    kept = tuple(dict.fromkeys(f for f in forms if f))
    return Term(kept or term.forms, term.prefix, term.typed)


def plan(
    db: sqlite3.Connection, registries: Registries, query: Query
) -> tuple[Query, list[str], tuple[str, ...]]:
    """The query's terms as the index should look for them; what was searched instead of what; and the
    words as typed that no record holds (every hit lacks them)."""
    from tajru.spelling import corrections

    said = words(query.text)
    # 'how big', 'how long': the second word asks for a figure, as 'how many' does; it is no subject
    asking = {w for before, w in zip(said, said[1:], strict=False) if before == "how" and w in HOW_WORDS}
    typed = [t for t in query.terms if fold(t.typed) not in asking]
    plain = [t for t in typed if len(t.forms) == 1 and len(t.forms[0]) == 1 and not t.prefix]
    content = [t for t in plain if fold(t.forms[0][0]) not in STOP_WORDS and words(t.forms[0][0])]
    if content or len(plain) < len(typed):  # only stop words typed: look for them after all
        typed = [t for t in typed if t not in plain or t in content]
    names = _name_forms(registries, cyrillic(query.text))
    spelt = _synonymous([_spelt(t) for t in typed], rings(registries))
    terms = _join_compounds(db, [_widen(t, names) for t in spelt])
    nowhere = [n for n, t in enumerate(terms) if not fts.count(db, t)]
    notes: list[str] = []
    for n, correction in zip(nowhere, corrections(db, [terms[n] for n in nowhere]), strict=True):
        if correction is not None:
            terms[n] = _widen(Term(((correction,),), terms[n].prefix, terms[n].typed), names)
            notes.append(f"searched for '{correction}' instead of '{terms[n].typed}'")
    for term in terms:  # a word typed in Cyrillic is said as it is searched, in Latin letters
        if cyrillic(term.typed) and len(term.typed.split()) == 1:
            held = [f for f in term.forms if fts.count(db, Term((f,), term.prefix), own=True)]
            shown = " ".join(held[0] if held else term.forms[0])  # the first form a record says
            notes.append(f"searched for '{shown}' instead of '{term.typed}'")
    # A word found only where a thesaurus put it (a topic's entry terms) still ranks records, but no
    # record says it: it is said to be in none.
    unheld = [t.typed for t in terms if not fts.count(db, t, own=True)]
    if unheld:
        listed = " or ".join(f"'{w}'" for w in unheld)
        notes.append(f"no record mentions {listed}")
    return query._replace(terms=tuple(terms)), notes, tuple(unheld)


RING = " = "  # an entry term 'remittances = money sent home' is a ring of synonyms


def rings(registries: Registries) -> list[tuple[tuple[str, ...], ...]]:
    """The thesaurus's rings of synonyms, each member as its words, from the terms of every topic and
    actor written as 'a = b = c'."""
    found = []
    for terms in (
        *(t.terms for t in registries.topics.values()),
        *(a.terms for a in registries.actors.values()),
    ):
        for term in terms:
            if RING in term:
                members = [tuple(canonical(w) for w in words(m)) for m in term.split(RING)]
                found.append(tuple(dict.fromkeys(m for m in members if m)))
    return found


def _synonymous(terms: list[Term], found: list[tuple[tuple[str, ...], ...]]) -> list[Term]:
    """Typed words that spell a member of a ring of synonyms ('money sent home') become one term that any
    member satisfies ('remittances'), as PubMed maps a reader's words to a heading through its entry
    terms; the longest run of words first."""
    member_of = {member: ring for ring in found for member in ring}
    longest = max((len(m) for m in member_of), default=0)
    out: list[Term] = []
    n = 0
    while n < len(terms):
        for size in range(min(longest, len(terms) - n), 0, -1):
            run = terms[n : n + size]
            if any(len(t.forms) != 1 or t.prefix for t in run):
                continue
            key = tuple(w for t in run for w in t.forms[0])
            if key in member_of:
                ring = member_of[key]
                out.append(Term((key, *(m for m in ring if m != key)), False, " ".join(t.typed for t in run)))
                n += size
                break
        else:
            out.append(terms[n])
            n += 1
    return out


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
