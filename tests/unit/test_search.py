"""Full-text search: words anywhere in a record, ranked, highlighted, tolerant of case and accents."""

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

from tajru import index
from tajru.dates import PartialDate
from tajru.errors import UsageError
from tajru.index import match_expression
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
    return [h.record.id for h in store.search(build_query(store.registries, text=text, **filters))]  # type: ignore[arg-type]


def test_an_exact_phrase_ranks_first_even_against_more_frequent_words() -> None:
    store = _store(
        _record("apart", "Guards at the border post, and guards at another border", text="guards border"),
        _record("phrase", "A report", evidence="the Russian border guards left"),
        _record("one-word", "Border only"),
    )
    assert ids(store, "border guards") == ["phrase", "apart"]
    assert ids(store, '"border guards"') == ["phrase"]
    assert ids(store, '"guards border"') == ["apart"]


def test_case_accents_prefixes_and_names_and_aliases() -> None:
    store = _store(_record("r", "The Anti-Taliban campaign", text="Military help"))
    assert ids(store, "TALIBÁN") == ["r"]
    assert ids(store, "milit*") == ["r"] and ids(store, "milit") == []
    assert ids(store, "imomali") == ["r"] and ids(store, "rahmón") == ["r"]
    assert ids(store, "p. 1") == ["r"]  # the locator and evidence are searched too


@pytest.mark.parametrize(
    "typed", ["NEAR(a b)", "title:x", "AND", "-border", "bor^der", '"open quote', "a OR b"]
)
def test_fts_syntax_in_what_users_type_is_only_words(typed: str) -> None:
    store = _store(_record("r", "border guards"))
    assert re.fullmatch(r'"[^"]*"\*?( "[^"]*"\*?)*', match_expression(parse_terms(typed)))
    store.search(build_query(store.registries, text=typed))  # never an FTS5 syntax error


def test_listing_filter_and_search_find_the_same_records(mini_store: Path) -> None:
    store = open_store(mini_store)
    for text in ["milit*", "russian", '"military presence"', "1989"]:
        query = build_query(store.registries, text=text)
        assert {r.id for r in store.select(query)} == {h.record.id for h in store.search(query)}, text


def test_matches_are_highlighted_and_data_stays_literal() -> None:
    store = _store(_record("r", "Border guards withdraw"), _record("odd", "Border \x02x\x03 [bold]y"))
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    console.print(search_results(store, store.search(build_query(store.registries, text="border"))))
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

    def no_build(db: sqlite3.Connection) -> None:
        raise AssertionError("rebuilt the search index")

    monkeypatch.setattr(index, "_build_search_index", no_build)
    assert ids(open_store(data), "taliban") == first == ["anti-taliban"]


def test_a_read_only_cache_still_searches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "store.yaml"
    data.write_bytes(MINI.read_bytes())
    open_store(data)  # compiled, without an index

    def read_only(db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(index, "_build_search_index", read_only)
    assert ids(open_store(data), "taliban") == ["anti-taliban"]


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


def test_a_marker_character_in_any_searched_field_turns_highlighting_off() -> None:
    actor = Actor("a", "Emomali Rahmon", "person", aliases=("Imomali \x03Rakhmonov",))
    records = (_record("r", "A visit", evidence="Rakhmonov came"),)
    store = Store.from_dataset(Dataset((Source("s", "k"),), (actor,), (Topic("t", "T"),), records))
    (hit,) = store.search(build_query(store.registries, text="imomali"))
    assert (hit.title, hit.snippet, hit.marked) == ("A visit", "", False)
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    console.print(search_results(store, [hit]))
    assert "\x03" not in console.file.getvalue() and "\x1b[1;7m" not in console.file.getvalue()  # type: ignore[attr-defined]
