"""Partial dates: parsing, validation, spans, ordering and display at their precision."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajru.dates import PartialDate, display_span
from tajru.errors import DateError


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("1989", "year", date(1989, 1, 1), date(1989, 12, 31)),
        ("1990-02", "month", date(1990, 2, 1), date(1990, 2, 28)),
        ("2000-02", "month", date(2000, 2, 1), date(2000, 2, 29)),
        ("2003-04-26", "day", date(2003, 4, 26), date(2003, 4, 26)),
    ],
)
def test_a_partial_date_spans_the_days_it_covers(text: str, precision: str, first: date, last: date) -> None:
    parsed = PartialDate.parse(text)
    assert (parsed.precision, parsed.first_day, parsed.last_day) == (precision, first, last)
    assert str(parsed) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [("1989", "1989"), ("1990-02", "Feb 1990"), ("2003-04-26", "26 Apr 2003"), ("2025-10-09", "9 Oct 2025")],
)
def test_display_never_claims_more_precision_than_known(text: str, shown: str) -> None:
    assert PartialDate.parse(text).display() == shown


def test_a_span_of_years_displays_with_an_en_dash() -> None:
    assert display_span(PartialDate.parse("1998"), PartialDate.parse("2001")) == "1998–2001"
    assert display_span(PartialDate.parse("1990-02"), PartialDate.parse("1990-03")) == "Feb–Mar 1990"
    assert display_span(PartialDate.parse("1989"), None) == "1989"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2025-02-30", "Feb 2025 has 28 days"),
        ("2023-02-29", "has 28 days"),
        ("2025-13", "no month 13"),
        ("2025-00", "no month 0"),
        ("0000", "no year 0"),
        ("abc", "is not a date"),
        ("89", "is not a date"),
        ("1989-1-2", "is not a date"),
        ("1989-01-01T00:00", "is not a date"),
        (" 1989", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_impossible_or_malformed_dates_are_refused_with_the_reason(text: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        PartialDate.parse(text)


def test_leap_day_is_accepted_in_a_leap_year() -> None:
    assert PartialDate.parse("2024-02-29").last_day == date(2024, 2, 29)


def test_ordering_puts_the_whole_year_before_its_months_and_days() -> None:
    texts = ["2003-04-26", "2003", "2002-12-31", "2003-04"]
    ordered = sorted((PartialDate.parse(t) for t in texts), key=PartialDate.sort_key)
    assert [str(d) for d in ordered] == ["2002-12-31", "2003", "2003-04", "2003-04-26"]


partial_dates = st.dates(min_value=date(1, 1, 1)).flatmap(
    lambda d: st.sampled_from([f"{d.year:04d}", f"{d.year:04d}-{d.month:02d}", d.isoformat()])
)


@given(partial_dates)
def test_every_valid_date_round_trips_and_spans_forwards(text: str) -> None:
    parsed = PartialDate.parse(text)
    assert str(parsed) == parsed.iso() == text
    assert parsed.first_day <= parsed.last_day
    assert parsed.first_day.year == parsed.last_day.year == parsed.year
    if parsed.precision == "month":
        assert parsed.last_day.day == calendar.monthrange(parsed.year, parsed.first_day.month)[1]


@given(partial_dates, partial_dates)
def test_sort_order_follows_first_days(a: str, b: str) -> None:
    pa, pb = PartialDate.parse(a), PartialDate.parse(b)
    if pa.first_day < pb.first_day:
        assert pa.sort_key() < pb.sort_key()


@given(st.text(max_size=20))
def test_any_text_either_parses_or_raises_a_date_error(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except DateError:
        return
    assert parsed.iso() == text


def test_digits_of_other_scripts_are_not_a_date() -> None:
    with pytest.raises(DateError):
        PartialDate.parse("١٩٨٩")


@given(st.lists(st.tuples(partial_dates, st.one_of(st.none(), partial_dates)), min_size=2, max_size=12))
def test_piped_lines_sort_by_their_date_field_in_the_chronologys_order(
    spans: list[tuple[str, str | None]],
) -> None:
    from tajru.model import Record
    from tajru.views.lines import iso_date

    records = []
    for n, (first, other) in enumerate(spans):
        start, end = PartialDate.parse(first), PartialDate.parse(other) if other else None
        if end is not None and end.sort_key() < start.sort_key():
            start, end = end, start
        records.append(
            Record(f"r{n}", "event", "t", ("x",), (), (), date=start, end=end, date_inferred=n % 2 == 1)
        )
    as_sort_sees_them = sorted(records, key=lambda r: iso_date(r) + "\t")  # a line: the date, then a tab
    keys = [r.date.sort_key() for r in as_sort_sees_them if r.date is not None]
    assert keys == sorted(keys)
