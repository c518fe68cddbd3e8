"""Evidence is checked character for character; only the named extraction artefacts may differ."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajru.evidence import printed_in

NEWS = "hosting the “Central Asia – Russia” summit, Putin’s visit"
JOURNAL = (
    "of 1989 law, making „Tajik‟ the primary state language. Moscow sees Tajikistan as the key\n"
    "point of the re-\nemerging balance of power. Tajikistan‟s stability\n\uf09e While visiting the 201\nst\n"
    "MRD located in Tajikistan"
)


@pytest.mark.parametrize(
    "passage",
    [
        "the “Central Asia – Russia” summit",
        "Putin’s visit",
        "hosting the ... summit, Putin’s",
    ],
)
def test_a_passage_as_printed_is_found(passage: str) -> None:
    assert printed_in(NEWS, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "the 'Central Asia – Russia' summit",  # straight quotes for curly ones
        'the "Central Asia – Russia" summit',
        "the “Central Asia - Russia” summit",  # a hyphen for the en dash
        "Putin's visit",
        "putin’s visit",  # case
        "the “Central Asia – Russia” conference",  # a forged word
        "Putin’s visit ... hosting the",  # elided parts out of order
    ],
)
def test_any_other_difference_is_refused(passage: str) -> None:
    assert not printed_in(NEWS, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "making “Tajik” the primary state language",  # „ and ‟ stand for “ and ”
        "Tajikistan’s stability",  # ‟ stands for ’
        "the key point of the re-emerging balance",  # a line break is a space; a line-end hyphen kept
        "the reemerging balance",  # or the word written whole
        "stability While visiting the 201st MRD",  # no bullet; the superscript ordinal is one word
    ],
)
def test_the_named_extraction_artefacts_are_allowed(passage: str) -> None:
    assert printed_in(JOURNAL, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "making 'Tajik' the primary state language",
        "making “Tajik” the state language",  # a dropped word
        "the re emerging balance",
    ],
)
def test_the_journal_is_held_to_its_characters_too(passage: str) -> None:
    assert not printed_in(JOURNAL, passage)


_WORDS = st.text(alphabet="abcdefghij’“”–-,. ", min_size=1, max_size=60)


@given(_WORDS, st.data())
def test_every_stretch_of_a_text_is_printed_in_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    passage = text[start:end]
    if "..." in passage or not passage.strip():
        return
    assert printed_in(text, passage)
