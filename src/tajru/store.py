"""The Store: a validated dataset with lookups by id and by the names people type."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tajru.errors import UsageError
from tajru.load import load_file
from tajru.model import Actor, Dataset, Record, Source, Topic
from tajru.text import fold

DATA_ENV = "TAJRU_DATA"


def default_data_path() -> Path:
    """The shipped store: inside the installed package, or data/ of a source checkout."""
    packaged = Path(__file__).parent / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "facts.yaml"


def data_path(explicit: Path | None = None) -> Path:
    """--data wins over TAJRU_DATA, which wins over the shipped store."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else default_data_path()


def open_store(path: Path | None = None) -> Store:
    return Store(load_file(data_path(path)))


@dataclass(frozen=True)
class Store:
    """Records and the registries they refer to, indexed for lookup."""

    data: Dataset

    @property
    def records(self) -> tuple[Record, ...]:
        return self.data.records

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.data.sources}

    @cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.data.actors}

    @cached_property
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for t in self.data.topics}

    @cached_property
    def records_by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.data.records}

    def record(self, record_id: str) -> Record:
        found = self.records_by_id.get(record_id)
        if found is None:
            raise UsageError(f"no record with id '{record_id}'", hint=_suggest(record_id, self.records_by_id))
        return found

    def topic(self, name: str) -> Topic:
        """A topic by id or label, ignoring case; an unknown one suggests the nearest."""
        key = fold(name)
        for topic in self.data.topics:
            if key in (fold(topic.id), fold(topic.label)):
                return topic
        known = ", ".join(self.topics)
        raise UsageError(
            f"unknown topic '{name}'", hint=_suggest(name, self.topics) or f"topics are: {known}"
        )

    def actor(self, name: str) -> Actor:
        """An actor by id, name, alias, a word of a name (a surname) or a unique prefix.

        Each rule is tried in turn and the first that finds anyone decides: more than one
        actor there is an ambiguity, listed for the user to choose from.
        """
        key = fold(name)
        if not key:
            raise UsageError("an empty name matches no one")

        def exact(names: tuple[str, ...]) -> bool:
            return key in names

        def word(names: tuple[str, ...]) -> bool:
            return any(key in n.split() for n in names)

        def prefix(names: tuple[str, ...]) -> bool:
            return any(n.startswith(key) or any(w.startswith(key) for w in n.split()) for n in names)

        rules = (exact, word, prefix)
        for rule in rules:
            found = [a for a in self.data.actors if rule(self._folded_names(a))]
            if len(found) == 1:
                return found[0]
            if found:
                choices = ", ".join(f"{a.name} ({a.id})" for a in found)
                raise UsageError(
                    f"'{name}' could be any of: {choices}", hint="give more of the name, or the id"
                )
        # Surnames count as names here, so 'Poutine' can lead to 'Putin'.
        everyone = {n for a in self.data.actors for full in (a.id, *a.names) for n in (full, *full.split())}
        raise UsageError(f"no one called '{name}' in the store", hint=_suggest(name, sorted(everyone)))

    def _folded_names(self, actor: Actor) -> tuple[str, ...]:
        return self.folded_names[actor.id]

    @cached_property
    def folded_names(self) -> dict[str, tuple[str, ...]]:
        return {a.id: tuple(fold(n) for n in (a.id, *a.names)) for a in self.data.actors}

    @cached_property
    def search_text(self) -> dict[str, str]:
        """Each record's searchable words, folded once: its own text and its actors' names."""
        out = {}
        for r in self.data.records:
            people = [*r.actors, *([r.speaker] if r.speaker else [])]
            names = [n for a in people if a in self.actors for n in self.actors[a].names]
            parts: Iterable[str | None] = (r.title, r.text, r.quote, r.context, *names)
            out[r.id] = fold(" \n ".join(p for p in parts if p))
        return out


def _suggest(name: str, known: Iterable[str]) -> str | None:
    guesses = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    if not guesses:
        folded = {fold(k): k for k in known}
        guesses = [folded[g] for g in difflib.get_close_matches(fold(name), list(folded), n=3, cutoff=0.6)]
    if guesses:
        return "did you mean " + " or ".join(f"'{g}'" for g in guesses) + "?"
    return None
