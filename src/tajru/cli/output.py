"""Where output goes: stdout written at once, Rich on a terminal (paged when long), plain into a pipe.

Views and formats return; this module prints. A reader that goes away mid-output (`tajru
timeline | head -1`) ends the run quietly with the status a shell gives a writer ended by
SIGPIPE.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import typer

from tajru.settings import layout, pager_command
from tajru.text import literal, terminal_safe

if TYPE_CHECKING:
    from rich.console import RenderableType

BROKEN_PIPE_STATUS = 141  # what a shell reports for a writer ended by SIGPIPE, as `yes | head` does
paging = {"on": True}  # switched off by --no-pager for the run
chosen_layout: dict[str, str | None] = {"layout": None}  # "lines" or "wrapped" by --lines or --wrap


class Meter:
    """A compile's progress on one line of a terminal's stderr, rewritten in place: the stage, how much
    of it is done, the rate and the time left; cleared when a stage ends with an empty one."""

    def __init__(self) -> None:
        self.stage = ""
        self.started = 0.0
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        import time

        if stage != self.stage:
            self.stage, self.started = stage, time.monotonic()
        line = f"tajru: {literal(stage)}" if stage else ""
        if stage and total:
            line += f": {done:,} of {total:,}"
            elapsed = time.monotonic() - self.started
            if done and elapsed > 0.5:
                rate = done / elapsed
                line += f", {rate:,.0f}/s, {max(total - done, 0) / rate:,.0f} s left"
        elif stage:
            line += " (once; later runs read the cache)"
        sys.stderr.write("\r" + line.ljust(self.shown) + ("" if stage else "\r"))
        sys.stderr.flush()
        self.shown = len(line)


def meter() -> Meter | None:
    """A progress meter for a terminal; nothing of it goes into a pipe or a file."""
    return Meter() if sys.stderr.isatty() else None


def say(message: str) -> None:
    """One message on stderr, with anything typed or read from a file shown literally."""
    print(f"tajru: {literal(message)}", file=sys.stderr)


def out(text: str) -> None:
    """Write to stdout at once, so that a reader who has gone is noticed here, not at exit."""
    with _pipe_guard():
        sys.stdout.write(text)
        sys.stdout.flush()


def out_pieces(pieces: Iterable[str], batch: int = 200) -> int:
    """Write text as it is made, a batch of pieces at a time; how many pieces were written."""
    written, waiting = 0, []
    for piece in pieces:
        waiting.append(piece)
        written += 1
        if len(waiting) >= batch:
            out("".join(waiting))
            waiting = []
    out("".join(waiting))
    return written


def as_data(text: str) -> str:
    """A file's text for stdout: as it is into a pipe or a file; on a terminal, with what could act on
    the terminal shown as escapes, as the views show data."""
    return terminal_safe(text) if sys.stdout.isatty() else text


def out_bytes(data: bytes) -> None:
    with _pipe_guard():
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def one_record_a_line() -> bool:
    """Whether listings go out one record a line: into a pipe or a file, unless told otherwise."""
    return layout(chosen_layout["layout"], sys.stdout.isatty()) == "lines"


def show(renderable: RenderableType) -> None:
    """Rich output on a terminal; plain lines without Rich's trailing padding into a pipe or file."""
    from rich.console import Console

    console = Console()
    with console.capture() as captured:
        console.print(renderable)
    rendered = captured.get()
    if not console.is_terminal:
        out("".join(line.rstrip() + "\n" for line in rendered.splitlines()))
    elif not _page(rendered, console.size.height):
        out(rendered)


def _page(text: str, height: int) -> bool:
    """Show text through the pager when it is longer than the terminal; False if not paged."""
    command = pager_command()
    if not paging["on"] or not command.strip() or text.count("\n") < height:
        return False
    import shlex
    import subprocess

    try:
        subprocess.run(shlex.split(command), input=text.encode(sys.stdout.encoding or "utf-8", "replace"))
    except (OSError, ValueError):
        return False  # no such pager: print as if there were none
    return True


@contextlib.contextmanager
def _pipe_guard() -> Iterator[None]:
    """A reader that has gone ends the run quietly, with status 141.

    Typer would report it as a failure (status 1) and Python would print 'Exception
    ignored' when flushing at exit, so it is caught where the writing happens.
    """
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(BROKEN_PIPE_STATUS) from None


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, later flushes must not raise again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
