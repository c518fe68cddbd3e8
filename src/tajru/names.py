"""Topics and actors found by any form of their name, and the nearest names suggested for a miss."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

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
    """An actor by id, name, alias, a word of a name (a surname) or a unique prefix.

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

    names = {a.id: tuple(fold(n) for n in (a.id, *a.names)) for a in actors.values()}
    # Only the words that can name someone alone: 'of' or 'and' in a name or an id finds no one.
    words = {a.id: tuple(fold(w) for w in (*a.words, *_id_words(a))) for a in actors.values()}
    for rule in (exact, word, prefix):
        found = [a for a in actors.values() if rule(a)]
        if len(found) == 1:
            return found[0]
        if found:
            choices = ", ".join(f"{a.name} ({a.id})" for a in found)
            raise UsageError(
                f"{shown(name)} could be any of: {choices}", hint="give more of the name, or the id"
            )
    # Surnames count as names here, so 'Poutine' can lead to 'Putin'.
    everyone = {n for a in actors.values() for n in a.forms}
    raise UsageError(f"no one called {shown(name)} in the store", hint=suggest(name, sorted(everyone)))


def _id_words(actor: Actor) -> list[str]:
    """The parts of an id ('ahmad-shah-massoud'), but those its names write in lower case ('and', 'of')."""
    small = {w for name in actor.names for w in name.split() if w[:1].islower()}
    return [part for part in actor.id.split("-") if part not in small]


def suggest(name: str, known: Iterable[str]) -> str | None:
    """'did you mean ...?' with the nearest names: as typed, then folded, then romanised from Cyrillic."""
    known = list(known)
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
