"""The console script's entry: start-up and exit cut to what a command of a fraction of a second needs.

Measured on `tajru quote putin` (alternating runs against the import floor), two costs the
interpreter pays by default are a sixth of the whole run, and a short command needs neither:

- The cyclic garbage collector runs dozens of times while typer, rich and tajru import,
  and finds nothing, as modules, classes and functions live to the end. It is paused
  during the imports, and what they made is frozen out of later collections (gc.freeze,
  as CPython's documentation suggests for this case); collection then runs as usual, so
  a long compile of a large store frees its cycles.
- Tearing down every module at exit. The command has finished: the cache is written,
  closed and renamed into place before any output, and nothing registers exit handlers.
  The streams are flushed, and the process ends with os._exit.

`tajru.cli.main` stays an ordinary function that raises SystemExit, for callers in Python.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    status = INTERRUPTED
    try:
        gc.disable()
        from tajru import cli

        gc.freeze()
        gc.enable()
        status = _flushed(cli.run(sys.argv[1:]), broken_pipe=cli.BROKEN_PIPE_STATUS)
    except KeyboardInterrupt:  # Ctrl-C before the command's own handling began, or after it ended
        status = interrupted()
    os._exit(status)


INTERRUPTED = 130  # what a shell reports for a run ended by SIGINT


def interrupted() -> int:
    """Say in one line that the run was interrupted; a second Ctrl-C while saying it changes nothing."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        sys.stderr.write("tajru: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return INTERRUPTED


def _flushed(status: int, broken_pipe: int) -> int:
    """Flush what is buffered; a reader that has gone away makes it the broken-pipe status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            status = broken_pipe
        except (OSError, ValueError):
            pass  # a closed or failing stream: nothing more can be said on it
    return status
