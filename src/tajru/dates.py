"""Partial dates: a year, a month or a day, with the span of days each one covers."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from tajru.errors import DateError
from tajru.text import shown

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PartialDate(NamedTuple):
    """A date known to a year, a month or a day; its string is the one written, as the syntax is strict."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "1989", "1990-02" or "2003-04-26"; anything else, or an impossible day, is a DateError."""
        m = _PATTERN.fullmatch(text)
        if not m:
            if text.isascii() and text.isdigit() and int(text) == 0:
                raise DateError(f"{shown(text)} is not a date: there is no year 0")
            if text.isascii() and text.isdigit():
                raise DateError(f"{shown(text)} is not a date: write the year with four digits, like 1989")
            raise DateError(
                f"{shown(text)} is not a date",
                hint="write a year, a year and month or a full date: 1989, 1990-02, 2003-04-26",
            )
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if year < 1:
            raise DateError(f"'{text}' is not a date: there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' is not a date: there is no month {month}")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"'{text}' is not a date: {_MONTHS[month - 1]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[date, int]:
        """Earlier first days first; at a tie the coarser date (the whole year) first."""
        rank = {"year": 0, "month": 1, "day": 2}[self.precision]
        return (self.first_day, rank)

    def display(self) -> str:
        """'1989', 'Feb 1990', '26 Apr 2003': never more precise than what is known."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


def display_span(start: PartialDate, end: PartialDate | None) -> str:
    """'1998–2001', 'Feb–Mar 1990', or the single date when there is no end."""
    if end is None or end == start:
        return start.display()
    if start.year == end.year and start.precision == end.precision == "month":
        return f"{_MONTHS[(start.month or 1) - 1]}–{end.display()}"
    return f"{start.display()}–{end.display()}"
