"""Filters: date-span overlap, topic, actor, kind and text, alone and combined."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tajru.dates import PartialDate
from tajru.errors import DateError, UsageError
from tajru.model import Citation, Dataset, Record, Source, Topic
from tajru.query import build_query
from tajru.store import Store, open_store


@pytest.fixture
def store(mini_store: Path) -> Store:
    return open_store(mini_store)


def ids(store: Store, **filters: object) -> list[str]:
    return [r.id for r in store.select(build_query(store.registries, **filters))]  # type: ignore[arg-type]


def test_no_filter_lists_everything_in_date_order(store: Store) -> None:
    dated = ["language-law-1989", "russians-10", "anti-taliban", "putin-201st-presence-2003"]
    assert ids(store) == [*dated, "security-dependence"]  # the undated last


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
        ({"text": "   "}, "has no words to look for"),
    ],
)
def test_bad_filters_are_usage_errors(store: Store, filters: dict[str, object], error: str) -> None:
    with pytest.raises(UsageError, match=error):
        build_query(store.registries, **filters)  # type: ignore[arg-type]


def test_an_impossible_date_filter_is_a_date_error(store: Store) -> None:
    with pytest.raises(DateError, match="no month 13"):
        build_query(store.registries, date_from="2025-13")


def _record(n: int, start: str | None, end: str | None = None) -> Record:
    return Record(
        id=f"r{n}",
        kind="event",
        title="t",
        topics=("x",),
        actors=(),
        citations=(Citation("s", "l", "e"),),
        date=PartialDate.parse(start) if start else None,
        end=PartialDate.parse(end) if end else None,
    )


def _store(records: list[Record]) -> Store:
    return Store.from_dataset(
        Dataset(
            sources=(Source("s", "k", author="A"),),
            actors=(),
            topics=(Topic("x", "X"),),
            records=tuple(records),
        )
    )


years = st.integers(min_value=1900, max_value=2100)
spans = st.lists(st.tuples(years, years), max_size=12)


@given(spans, years, years)
def test_a_range_selects_exactly_the_spans_that_share_a_day_with_it(
    pairs: list[tuple[int, int]], c: int, d: int
) -> None:
    lo, hi = sorted((c, d))
    records = [_record(n, str(min(p)), str(max(p))) for n, p in enumerate(pairs)]
    store = _store(records)
    expected = {r.id for r, p in zip(records, pairs, strict=True) if not (max(p) < lo or min(p) > hi)}
    chosen = store.select(build_query(store.registries, date_from=str(lo), date_to=str(hi)))
    assert {r.id for r in chosen} == expected


@given(
    st.lists(
        st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))), max_size=20
    )
)
def test_results_come_in_order_of_first_day_with_undated_last(days: list[date | None]) -> None:
    records = [_record(n, d.isoformat() if d else None) for n, d in enumerate(days)]
    chosen = _store(records).select(build_query(_store(records).registries))
    firsts = [r.span[0] if r.span else date.max for r in chosen]
    assert firsts == sorted(firsts)
    assert len(chosen) == len(records)


def test_undated_records_never_match_a_range() -> None:
    store = _store([_record(0, None), _record(1, "2001")])
    assert [r.id for r in store.select(build_query(store.registries, date_from="1900"))] == ["r1"]


filter_values = st.fixed_dictionaries(
    {},
    optional={
        "topics": st.lists(st.sampled_from(["military", "language"]), min_size=1, max_size=2),
        "kinds": st.lists(st.sampled_from(["event", "figure", "quote", "assertion"]), min_size=1, max_size=4),
        "actors": st.lists(st.sampled_from(["putin", "rahmon"]), min_size=1, max_size=2),
        "year": st.sampled_from(["1989", "1999", "2001", "2003", "2010"]),
        "text": st.sampled_from(["russian", "law", "taliban", "nothing-like-this"]),
    },
)


@given(filter_values, filter_values)
def test_different_filters_intersect(
    mini_store_path: Path, a: dict[str, object], b: dict[str, object]
) -> None:
    assume(not set(a) & set(b))  # the same filter twice would merge, not intersect
    store = open_store(mini_store_path)
    both = set(ids(store, **a, **b))
    assert both == set(ids(store, **a)) & set(ids(store, **b))


@given(st.lists(st.sampled_from(["military", "language"]), min_size=1, max_size=2, unique=True))
def test_repeated_values_of_one_filter_unite(mini_store_path: Path, topics: list[str]) -> None:
    store = open_store(mini_store_path)
    union = set().union(*(ids(store, topics=[t]) for t in topics))
    assert set(ids(store, topics=topics)) == union


def test_the_undated_left_out_are_counted_right_for_any_topics_or_actors() -> None:
    from tajru.index.selecting import undated_left_out
    from tajru.store import open_store as shipped_store

    store = shipped_store(None)
    records = store.select(build_query(store.registries))
    for name, options in (("topics", list(store.topics)), ("actors", list(store.actors))):
        for n in range(len(options)):
            chosen = options[n : n + 1 + n % 3]
            query = build_query(store.registries, year="2003", **{name: chosen})
            expected = sum(
                r.date is None
                and bool(set(chosen) & set(r.topics if name == "topics" else (*r.actors, r.speaker)))
                for r in records
            )
            assert undated_left_out(store.db, store.prepare(query)) == expected, (name, chosen)
