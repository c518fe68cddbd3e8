"""Search: words in any form, spelling or script, names by any name, ranked with meaning, highlighted."""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from places import MINI
from rich.console import Console
from typer.testing import Result

from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.index import fts as index
from tajru.index.fts import match_expression
from tajru.model import Actor, Citation, Dataset, Record, Source, Topic
from tajru.query import build_query, parse_terms
from tajru.store import Store, open_store
from tajru.views.listings import search_results

Run = Callable[..., Result]


def _record(rid: str, title: str, evidence: str = "e", text: str | None = None) -> Record:
    return Record(
        id=rid, kind="event", title=title, topics=("t",), actors=("a",),
        citations=(Citation("s", "p. 1", evidence),), date=PartialDate(2001), text=text,
    )  # fmt: skip


def _store(*records: Record) -> Store:
    actor = Actor("a", "Emomali Rahmon", "person", aliases=("Imomali Rakhmonov",))
    return Store.from_dataset(Dataset((Source("s", "k"),), (actor,), (Topic("t", "T"),), records))


def ids(store: Store, text: str, **filters: object) -> list[str]:
    query = build_query(store.registries, text=text, **filters)  # type: ignore[arg-type]
    return [h.record.id for h in store.search(query).hits]


def all_words(store: Store, text: str) -> list[str]:
    """The hits holding every word: those a listing's --search selects."""
    return [r.id for r in store.select(build_query(store.registries, text=text))]


def test_an_exact_phrase_ranks_first_even_against_more_frequent_words() -> None:
    store = _store(
        _record("apart", "Guards at the border post, and guards at another border", text="guards border"),
        _record("phrase", "A report", evidence="the Russian border guards left"),
        _record("one-word", "Border only"),
    )
    assert ids(store, "border guards")[:2] == ["phrase", "apart"]
    assert all_words(store, '"border guards"') == ["phrase"]
    assert all_words(store, '"guards border"') == ["apart"]


def test_case_accents_prefixes_and_names_and_aliases() -> None:
    store = _store(_record("r", "The Anti-Taliban campaign", text="Military help"))
    assert ids(store, "TALIBÁN") == ["r"]
    assert all_words(store, "milit*") == ["r"]
    found = store.search(build_query(store.registries, text="milit"))  # too far from 'military' to correct
    assert not any("searched for" in n for n in found.notes) and all_words(store, "milit") == []
    assert "no record mentions 'milit'" in found.notes and all(h.match == "meaning" for h in found.hits)
    assert ids(store, "imomali") == ["r"] and ids(store, "rahmón") == ["r"]
    assert all_words(store, "p. 1") == []  # a locator is not searched (the date-note test has why)


@pytest.mark.parametrize(
    "typed", ["NEAR(a b)", "title:x", "AND", "-border", "bor^der", '"open quote', "a OR b"]
)
def test_fts_syntax_in_what_users_type_is_only_words(typed: str) -> None:
    store = _store(_record("r", "border guards"))
    outside_quotes = re.sub(r'"[^"]*"', " ", match_expression(*parse_terms(typed)))
    assert set(outside_quotes.split()) <= {"AND", "OR", "NOT", "(", ")", "*"}, outside_quotes
    store.search(build_query(store.registries, text=typed))  # never an FTS5 syntax error


def test_listing_filter_and_search_find_the_same_records(mini_store: Path) -> None:
    store = open_store(mini_store)
    for text in ["milit*", "russian", '"military presence"', "1989"]:
        query = build_query(store.registries, text=text)
        selected = [r.id for r in store.select(query)]
        hits = [h.record.id for h in store.search(query).hits]
        assert set(hits[: len(selected)]) == set(selected), text  # every word first, then most


def test_matches_are_highlighted_and_data_stays_literal() -> None:
    store = _store(_record("r", "Border guards withdraw"), _record("odd", "Border \x02x\x03 [bold]y"))
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    console.print(search_results(store, store.search(build_query(store.registries, text="border")).hits))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert re.search(r"\x1b\[1;7mBorder\x1b\[0m", out)
    assert "\\x02x\\x03 [bold]y" in out and "\x02" not in out


def test_the_index_is_built_once_and_kept_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "store.yaml"
    data.write_bytes(MINI.read_bytes())
    first = ids(open_store(data), "taliban")

    def no_build(*args: object) -> None:
        raise AssertionError("rebuilt the search index")

    monkeypatch.setattr(index, "_made", no_build)
    assert ids(open_store(data), "taliban") == first == ["anti-taliban"]


def test_a_read_only_cache_still_searches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "store.yaml"
    data.write_bytes(MINI.read_bytes())
    open_store(data)  # compiled, without an index

    write, made = index._write, index._made
    computed: list[object] = []

    def read_only(db: sqlite3.Connection, at: str, *args: object) -> None:
        if at == "main":
            raise sqlite3.OperationalError("attempt to write a readonly database")
        write(db, at, *args)  # type: ignore[arg-type]

    def counted(*args: object) -> object:
        computed.append(1)
        return made(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(index, "_write", read_only)
    monkeypatch.setattr(index, "_made", counted)
    assert ids(open_store(data), "taliban")[0] == "anti-taliban"
    assert len(computed) == 1  # the index is computed once, though the cache could not keep it


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_any_text_is_a_valid_search_or_a_usage_error(typed: str) -> None:
    """Whatever a user types, FTS5 never sees a syntax error: the words are searched, or we say there are none."""
    store = _store(_record("r", "Border guards withdraw"))
    try:
        query = build_query(store.registries, text=typed)
    except UsageError:
        return
    store.search(query)
    store.select(query)


def test_a_marker_character_in_the_words_shown_turns_highlighting_off() -> None:
    store = _store(_record("r", "A visit", evidence="Rakhmonov \x03came"))
    (hit,) = store.search(build_query(store.registries, text="rakhmonov")).hits
    assert (hit.title, hit.snippet, hit.marked) == ("A visit", "", False)
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    console.print(search_results(store, [hit]))
    assert "\x03" not in console.file.getvalue() and "\x1b[1;7m" not in console.file.getvalue()  # type: ignore[attr-defined]


def test_word_forms_spellings_and_compounds_find_each_other() -> None:
    store = _store(
        _record("guards", "Russian border guards withdraw"),
        _record("labour", "New documents on labour migration", text="Migrants send remittances home"),
        _record("airbase", "An airbase for the United States"),
        _record("apart", "The air base at Ayni"),
    )
    assert ids(store, "border guard") == ["guards"]
    assert ids(store, "labor") == ids(store, "labour") == ["labour"]
    assert ids(store, "migrant remittance") == ["labour"]
    assert set(ids(store, "air base")) == set(ids(store, "airbase")) == {"airbase", "apart"}


def test_a_name_finds_its_person_by_any_of_their_names() -> None:
    store = _store(_record("r", "A visit", evidence="Imomali Rakhmonov came"))
    assert ids(store, "Rahmon") == ids(store, "emomali") == ["r"]


def test_a_misspelt_word_or_cyrillic_is_searched_as_the_nearest_word_and_said() -> None:
    store = _store(_record("r", "Putin visits Dushanbe"), _record("other", "Another matter"))
    for typed, searched in (("Puttin", "putin"), ("Dushambe", "dushanbe"), ("Путин", "putin")):
        found = store.search(build_query(store.registries, text=typed))
        assert [h.record.id for h in found.hits] == ["r"], typed
        assert f"searched for '{searched}' instead of '{typed}'" in found.notes


def test_records_with_every_word_come_first_then_those_with_most() -> None:
    store = _store(
        _record("two", "Border guards"), _record("three", "Russian border guards"), _record("none", "Trade")
    )
    found = store.search(build_query(store.registries, text="russian border guards leave"))
    assert [h.record.id for h in found.hits][:2] == ["three", "two"]
    assert [(h.match, h.missing) for h in found.hits][:2] == [
        ("some", ("leave",)),
        ("some", ("russian", "leave")),
    ]
    assert "no record mentions 'leave'" in found.notes
    assert store.select(build_query(store.registries, text="russian border guards leave")) == []
    some = store.search(build_query(store.registries, text="russian trade guards"))
    assert [n for n in some.notes if n.startswith("no record holds all of those words")]
    assert all(h.match != "all" for h in some.hits)


def test_stop_words_and_question_words_do_not_block_a_match() -> None:
    store = _store(_record("r", "Russian border guards withdraw"))
    assert ids(store, "when did the russian border guards withdraw") == ["r"]


def test_or_and_leaving_out() -> None:
    store = _store(_record("a", "Border guards"), _record("b", "Air bases"), _record("c", "Border and air"))
    assert set(all_words(store, "guards OR bases")) == {"a", "b"}
    assert all_words(store, "border -guards") == ["c"] == all_words(store, "border NOT guards")


def test_date_notes_and_locators_are_not_searched() -> None:
    record = _record("r", "A count", evidence="words")._replace(
        date_note="Inferred from paragraph 4", date_inferred=True
    )
    store = _store(record)
    assert all_words(store, "inferred") == [] and all_words(store, "paragraph") == []
    assert all_words(store, "count") == ["r"]
