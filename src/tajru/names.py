"""Topics and actors found by any form of their name, and the nearest names suggested for a miss."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from tajru.errors import UsageError
from tajru.model import Actor, Topic
from tajru.text import fold, latin, shown


def find_topic(topics: dict[str, Topic], name: str) -> Topic:
    """A topic by id or label, ignoring case; an unknown one suggests the nearest."""
    key = fold(name)
    for topic in topics.values():
        if key in (fold(topic.id), fold(topic.label)):
            return topic
    hint = suggest(name, topics) or f"topics are: {', '.join(topics)}"
    raise UsageError(f"unknown topic {shown(name)}", hint=hint)


def find_actor(actors: dict[str, Actor], name: str) -> Actor:
    """An actor by id, name, alias, a word of a name (a surname), a unique prefix, or an entry term.

    Each rule is tried in turn and the first that finds anyone decides: more than one
    actor there is an ambiguity, listed for the user to choose from.
    """
    key = fold(name)
    if not key:
        raise UsageError("an empty name matches no one")

    def exact(actor: Actor) -> bool:
        return key in names[actor.id]

    def word(actor: Actor) -> bool:
        return key in words[actor.id]

    def prefix(actor: Actor) -> bool:
        return any(n.startswith(key) for n in (*names[actor.id], *words[actor.id]))

    def term(actor: Actor) -> bool:  # an entry term of the thesaurus: 'Kremlin' for Russia
        return key in (fold(m) for t in actor.terms for m in t.split(" = "))

    names = {a.id: tuple(fold(n) for n in (a.id, *a.names)) for a in actors.values()}
    # Only the words that can name someone alone: 'of' or 'and' in a name or an id finds no one.
    words = {a.id: tuple(fold(w) for w in (*a.words, *_id_words(a))) for a in actors.values()}
    for rule in (exact, word, prefix, term):
        found = [a for a in actors.values() if rule(a)]
        if len(found) == 1:
            return found[0]
        if found:
            choices = ", ".join(f"{a.name} ({a.id})" for a in found[:_SHOWN_CANDIDATES])
            more = len(found) - _SHOWN_CANDIDATES
            if more <= 0:
                raise UsageError(
                    f"{shown(name)} could be any of: {choices}", hint="give more of the name, or the id"
                )
            raise UsageError(
                f"{shown(name)} could be any of {len(found)}: {choices} and {more} more",
                hint="give more of the name, or the id ('tajru actors' lists every id)",
            )
    # Surnames count as names here, so 'Poutine' can lead to 'Putin'.
    everyone = {n for a in actors.values() for n in a.forms}
    raise UsageError(f"no one called {shown(name)} in the store", hint=suggest(name, sorted(everyone)))


def _id_words(actor: Actor) -> list[str]:
    """The parts of an id ('ahmad-shah-massoud'), but those its names write in lower case ('and', 'of')."""
    small = {w for name in actor.names for w in name.split() if w[:1].islower()}
    return [part for part in actor.id.split("-") if part not in small]


# Above this many names, a guess is sought only among names that begin alike and are of a like
# length: difflib over every id of a large store, for each of thousands of misses, took minutes.
_NARROW_ABOVE = 500
_SHOWN_CANDIDATES = 5


def likely(name: str, known: Sequence[str]) -> list[str]:
    """The names worth comparing with name: all of a small list, else those sharing its first letter
    and within three letters of its length (at most a few thousand)."""
    if len(known) <= _NARROW_ABOVE:
        return list(known)
    first = name[:1].casefold()
    size = len(name)
    return [k for k in known if k[:1].casefold() == first and abs(len(k) - size) <= 3][:5000]


class Known(set[str]):
    """The ids of one list of a store, which remembers the guesses it has made for misses."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self._guesses: dict[str, str | None] = {}
        self._sorted: list[str] | None = None

    def nearest(self, name: str) -> str | None:
        if name not in self._guesses:
            if self._sorted is None:
                self._sorted = sorted(self)
            found = difflib.get_close_matches(name, likely(name, self._sorted), n=1)
            self._guesses[name] = found[0] if found else None
        return self._guesses[name]


def suggest(name: str, known: Iterable[str]) -> str | None:
    """'did you mean ...?' with the nearest names: as typed, then folded, then romanised from Cyrillic."""
    known = likely(name, list(known))
    guesses = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    folded: dict[str, str] = {}
    for k in known:  # the first form of each folded name: capitalised names sort before ids
        folded.setdefault(fold(k), k)
    for key in (fold(name), fold(latin(name))):
        if not guesses:
            guesses = [folded[g] for g in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.6)]
    if guesses:
        return "did you mean " + " or ".join(f"'{g}'" for g in guesses) + "?"
    return None
