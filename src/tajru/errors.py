"""The project's own exceptions: each carries the message a user sees and the exit status."""

from __future__ import annotations

from typing import NamedTuple


class TajruError(Exception):
    """An error that ends a command with a message, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(TajruError):
    """Something the user typed is wrong: a bad value, an unknown topic or name."""

    exit_code = 2


class DateError(UsageError):
    """A date string that is malformed or names a day that does not exist."""


class Problem(NamedTuple):
    """One thing wrong in a data file, located as precisely as the file allows."""

    file: str
    line: int | None
    record: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f" ({self.record})" if self.record else ""
        return f"{where}{what}: {self.message}"


class DataError(TajruError):
    """A store file that cannot be used; lists every problem found, not only the first."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data:" if count > 1 else ""
        lines = [head] if head else []
        lines += [str(p) for p in problems]
        super().__init__("\n".join(lines))
