"""Name lookup: ids, names, aliases, surnames and prefixes, ignoring case and diacritics."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajru.errors import UsageError
from tajru.store import Store, open_store


@pytest.fixture
def store(mini_store: Path) -> Store:
    return open_store(mini_store)


@pytest.mark.parametrize(
    "name", ["rakhmonov", "Rahmon", "emomali-rahmon", "Emomali Rahmon", "IMOMALI RAKHMONOV", "Rahmón", "rahm"]
)
def test_every_form_of_the_presidents_name_finds_him(store: Store, name: str) -> None:
    assert store.actor(name).id == "emomali-rahmon"


def test_a_surname_finds_its_person(store: Store) -> None:
    assert store.actor("putin").id == "vladimir-putin"


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:
    with pytest.raises(UsageError) as caught:
        store.actor("emomali")
    assert caught.value.message == (
        "'emomali' could be any of: Emomali Rahmon (emomali-rahmon), Rustam Emomali (rustam-emomali)"
    )


def test_an_exact_name_beats_a_wider_match(store: Store) -> None:
    assert store.actor("Rustam Emomali").id == "rustam-emomali"


def test_an_unknown_name_suggests_a_near_one(store: Store) -> None:
    with pytest.raises(UsageError) as caught:
        store.actor("Poutine")
    assert caught.value.message == "no one called 'Poutine' in the store"
    assert caught.value.hint == "did you mean 'Putin'?"


def test_topics_match_by_id_or_label_and_suggest_on_typos(store: Store) -> None:
    assert store.topic("MILITARY").id == "military"
    assert store.topic("Language policy").id == "language"
    with pytest.raises(UsageError) as caught:
        store.topic("militery")
    assert caught.value.hint == "did you mean 'military'?"


def test_an_unknown_record_id_suggests_the_nearest(store: Store) -> None:
    with pytest.raises(UsageError) as caught:
        store.record("language-law-1998")
    assert caught.value.hint == "did you mean 'language-law-1989'?"
