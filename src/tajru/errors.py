"""The project's own exceptions: each carries the message a user sees and the exit status."""

from __future__ import annotations

import re
from collections import Counter
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


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the run is, as SIGINT raises KeyboardInterrupt: every cleanup on
    the way out runs (temporary files, journals), then the run ends with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = 128 + signum


def stop_on_signals() -> None:
    """Have SIGTERM and SIGHUP stop the run as an exception, so that it cleans up after itself."""
    import signal

    def stopped(signum: int, frame: object) -> None:
        raise Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), stopped)
            except ValueError:
                pass  # not the main thread: a caller in Python keeps its own handlers


class DataError(TajruError):
    """A store file that cannot be used; lists every problem found, not only the first."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = f"{count:,} problem{'s' if count != 1 else ''} in the data:" if count > 1 else ""
        lines = [head] if head else []
        lines += [str(p) for p in problems[:SCREENFUL]]
        if count > SCREENFUL:
            lines.append(summary_of_rest(problems[SCREENFUL:]))
            lines.append(
                "'tajru validate --all' lists every one, 'tajru validate --json' gives them to scripts"
            )
        super().__init__("\n".join(lines))


# A flood of problems (50,000 records without a title) is shown as a screenful, then counted by kind.
SCREENFUL = 20
_QUOTED = re.compile(r"'[^']*'")


def summary_of_rest(problems: list[Problem]) -> str:
    """'and 49,980 more: a record has no 'title' ×49,950; ...': the rest counted by kind, the most first.
    A kind is a message with its quoted values left out, shown as written when all of its are alike."""
    groups: dict[str, Counter[str]] = {}
    for problem in problems:
        groups.setdefault(_QUOTED.sub("'…'", problem.message), Counter())[problem.message] += 1
    kinds = Counter({kind: sum(exact.values()) for kind, exact in groups.items()})
    labels = {kind: next(iter(groups[kind])) if len(groups[kind]) == 1 else kind for kind in groups}
    shown = "; ".join(f"{labels[kind]} ×{n:,}" for kind, n in kinds.most_common(5))
    others = len(kinds) - 5
    return f"and {len(problems):,} more: {shown}" + (f", and {others} other kinds" if others > 0 else "")
