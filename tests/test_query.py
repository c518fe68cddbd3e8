"""Filters: date-span overlap, topic, actor, kind and text, alone and combined."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajru.dates import PartialDate
from tajru.errors import DateError, UsageError
from tajru.model import Citation, Record
from tajru.query import build_query, chronological, overlaps, select
from tajru.store import Store, open_store


@pytest.fixture
def store(mini_store: Path) -> Store:
    return open_store(mini_store)


def ids(store: Store, **filters: object) -> list[str]:
    return [r.id for r in select(store, build_query(store, **filters))]  # type: ignore[arg-type]


def test_no_filter_lists_everything_in_date_order(store: Store) -> None:
    assert ids(store) == ["language-law-1989", "russians-10", "anti-taliban", "putin-201st-presence-2003"]


def test_a_span_overlaps_a_range_that_starts_inside_it(store: Store) -> None:
    assert ids(store, date_from="2000") == ["anti-taliban", "putin-201st-presence-2003"]
    assert ids(store, date_from="2001", date_to="2002") == ["anti-taliban"]


def test_a_year_matches_records_dated_to_that_year_at_any_precision(store: Store) -> None:
    assert ids(store, year="2003") == ["putin-201st-presence-2003"]
    assert ids(store, year="1989") == ["language-law-1989", "russians-10"]
    assert ids(store, date_to="1989-06") == ["language-law-1989", "russians-10"]


def test_repeats_of_a_filter_mean_any_and_different_filters_mean_all(store: Store) -> None:
    assert ids(store, topics=["military", "language"]) == ids(store)
    assert ids(store, topics=["military"], kinds=["quote"]) == ["putin-201st-presence-2003"]
    assert ids(store, topics=["language"], kinds=["quote"]) == []
    assert ids(store, kinds=["figure", "quote"]) == ["russians-10", "putin-201st-presence-2003"]


def test_actor_filter_uses_name_matching(store: Store) -> None:
    assert ids(store, actors=["rakhmonov"]) == ["putin-201st-presence-2003"]
    assert ids(store, actors=["rakhmonov"], date_to="2000") == []


def test_search_ignores_case_and_diacritics_and_reaches_actor_names(store: Store) -> None:
    assert ids(store, text="LANGUAGE law") == ["language-law-1989"]
    assert ids(store, text="Talibán") == ["anti-taliban"]
    assert ids(store, text="imomali") == ["putin-201st-presence-2003"]
    assert ids(store, text="201st mrd") == ["putin-201st-presence-2003"]


@pytest.mark.parametrize(
    ("filters", "error"),
    [
        ({"date_from": "2005", "date_to": "2001"}, "the range is reversed"),
        ({"year": "2003-04"}, "--year takes a year"),
        ({"kinds": ["evnt"]}, "unknown kind 'evnt'"),
        ({"topics": ["nope"]}, "unknown topic 'nope'"),
        ({"text": "   "}, "--search needs some text"),
    ],
)
def test_bad_filters_are_usage_errors(store: Store, filters: dict[str, object], error: str) -> None:
    with pytest.raises(UsageError, match=error):
        build_query(store, **filters)  # type: ignore[arg-type]


def test_an_impossible_date_filter_is_a_date_error(store: Store) -> None:
    with pytest.raises(DateError, match="no month 13"):
        build_query(store, date_from="2025-13")


def _record(start: str, end: str | None = None) -> Record:
    return Record(
        id="r",
        kind="event",
        title="t",
        topics=("x",),
        actors=(),
        citations=(Citation("s", "l", "e"),),
        date=PartialDate.parse(start),
        end=PartialDate.parse(end) if end else None,
    )


years = st.integers(min_value=1900, max_value=2100)


@given(years, years, years, years)
def test_overlap_is_true_exactly_when_the_year_spans_share_a_day(a: int, b: int, c: int, d: int) -> None:
    start, end = sorted((a, b))
    lo, hi = sorted((c, d))
    record = _record(str(start), str(end))
    expected = not (end < lo or start > hi)
    assert overlaps(record, date(lo, 1, 1), date(hi, 12, 31)) is expected


@given(st.lists(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)), max_size=20))
def test_chronological_order_is_by_first_day(days: list[date]) -> None:
    records = [_record(d.isoformat()) for d in days]
    firsts = [r.span[0] for r in chronological(records) if r.span]
    assert firsts == sorted(firsts)


def test_undated_records_come_last_and_never_match_a_range() -> None:
    undated = Record(
        id="u", kind="figure", title="t", topics=("x",), actors=(), citations=(), value=1, unit="u"
    )
    dated = _record("2001")
    assert chronological([undated, dated]) == [dated, undated]
    assert overlaps(undated, None, None)
    assert not overlaps(undated, date(2000, 1, 1), None)


filter_values = st.fixed_dictionaries(
    {},
    optional={
        "topics": st.lists(st.sampled_from(["military", "language"]), min_size=1, max_size=2),
        "kinds": st.lists(st.sampled_from(["event", "figure", "quote"]), min_size=1, max_size=3),
        "actors": st.lists(st.sampled_from(["putin", "rahmon"]), min_size=1, max_size=2),
        "year": st.sampled_from(["1989", "1999", "2001", "2003", "2010"]),
        "text": st.sampled_from(["russian", "law", "taliban", "nothing-like-this"]),
    },
)


@given(filter_values, filter_values)
def test_different_filters_intersect(
    mini_store_path: Path, a: dict[str, object], b: dict[str, object]
) -> None:
    store = open_store(mini_store_path)
    if set(a) & set(b):
        return  # the same filter twice would merge, not intersect
    both = set(ids(store, **a, **b))
    assert both == set(ids(store, **a)) & set(ids(store, **b))


@given(st.lists(st.sampled_from(["military", "language"]), min_size=1, max_size=2, unique=True))
def test_repeated_values_of_one_filter_unite(mini_store_path: Path, topics: list[str]) -> None:
    store = open_store(mini_store_path)
    union = set().union(*(ids(store, topics=[t]) for t in topics))
    assert set(ids(store, topics=topics)) == union
