"""The app and its exit policy: the one place where a run ends and its status is decided.

``TajruGroup.main`` turns the project's errors and Typer's usage errors into a one-line
message and an exit status (0 success, 1 data or runtime problem, 2 usage problem), and
keeps tracebacks for --debug.
"""

# No `from __future__ import annotations` here: Typer reads each command's signature on
# every run, and string annotations would cost a get_type_hints evaluation each time.
import copy
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tajru import __version__
from tajru.cli.output import chosen_layout, out, paging, say
from tajru.errors import Stopped, TajruError, stop_on_signals
from tajru.launch import INTERRUPTED, interrupted
from tajru.settings import debugging, own_layers


class TajruGroup(TyperGroup):
    """The app's group, owning the single place where a run ends and its status is decided."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        status = self._run(argv, prog_name or "tajru", complete_var, **extra)
        if standalone_mode:
            sys.exit(status)
        return status

    def _run(self, argv: list[str], prog_name: str, complete_var: str | None, **extra: Any) -> int:
        try:
            # Out of standalone mode, Typer returns an Exit raised by a command as its status.
            status = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            if status == INTERRUPTED:  # Typer turns Ctrl-C in a command into this status, silently
                return interrupted()
            return status if isinstance(status, int) else 0
        except typer.Exit as done:
            return done.exit_code
        except TajruError as err:
            say(f"error: {err.message}" + (f"; {err.hint}" if err.hint else ""))
            return err.exit_code
        except typer.TyperException as err:  # Typer's own usage errors: bad option, missing value
            ctx = getattr(err, "ctx", None)
            if type(err).__name__ == "NoArgsIsHelpError" and ctx is not None:
                try:
                    out(ctx.get_help() + "\n")
                except typer.Exit as done:  # the reader has gone
                    return done.exit_code
                return 0
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            say(f"error: {err.format_message()}{where}")
            return err.exit_code
        except typer.Abort:
            say("aborted")
            return 130
        except KeyboardInterrupt:
            return interrupted()
        except Stopped as stop:
            return stop.status
        except MemoryError:
            say("error: out of memory; the store may be too large for this machine's memory")
            return 1
        except Exception as err:
            if _system_refused(err) and not debugging(argv):
                where = f" ({err.filename})" if isinstance(err, OSError) and err.filename else ""
                say(f"error: {getattr(err, 'strerror', None) or err}{where}")
                return 1
            if debugging(argv):
                import traceback

                traceback.print_exc()
            else:
                say(
                    f"internal error: {type(err).__name__}: {err}. This is a bug in tajru {__version__}; "
                    "please report it with the command you ran (add --debug to see the traceback)."
                )
            return 1


def _system_refused(err: Exception) -> bool:
    """A full disk, a read-only file system or a permission refused: the machine's answer, not a bug."""
    import errno

    refusals = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)
    return isinstance(err, OSError) and err.errno in refusals


app = typer.Typer(
    cls=TajruGroup,
    name="tajru",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        out(f"tajru {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page long output [env: TAJRU_PAGER='' does the same].")
    ] = False,
    lines: Annotated[
        bool,
        typer.Option(
            "--lines",
            help="Listings one record a line, tab-separated, even on a terminal (as into a pipe) "
            "[env: TAJRU_LAYOUT=lines].",
        ),
    ] = False,
    wrap: Annotated[
        bool,
        typer.Option(
            "--wrap",
            help="Listings as wrapped records, even into a pipe (as on a terminal) "
            "[env: TAJRU_LAYOUT=wrapped].",
        ),
    ] = False,
    no_notes: Annotated[
        bool,
        typer.Option(
            "--no-notes",
            help="Leave out your own layers for this command: your notes and the files your config includes.",
        ),
    ] = False,
) -> None:
    """Tajikistan–Russia relations: events, figures, quotes and assertions, each traced to its source.

    \b
    Examples:
      tajru timeline --from 1989
      tajru facts --topic military
      tajru quote putin

    The shipped store holds 116 records drawn from two documents only: Sethi (2017), a journal
    article on Tajikistan–Russia relations after the Soviet Union, and "Dushanbe Dialogue", a news
    analysis of Putin's state visit to Dushanbe in October 2025 (the year inferred). Its records are
    dated from 1929 to 2025, many not at all. Add your own records and documents in a layer file
    (--include, 'tajru add'); 'tajru sources' and 'tajru stats' say what a store holds.
    """
    paging["on"] = not no_pager
    own_layers["on"] = not no_notes
    if lines and wrap:
        from tajru.errors import UsageError

        raise UsageError("--lines and --wrap ask for opposite layouts", hint="give one of them")
    chosen_layout["layout"] = "lines" if lines else "wrapped" if wrap else None


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app, holding only the command that argv names when it names one.

    Typer builds every command's options from its signature before parsing anything, a
    third of a warm run; a run of one command needs only that one. Help, group options
    and a misspelt command still get the whole app.
    """
    first = next((a for a in argv if a not in _ANYWHERE), "")
    chosen = [c for c in app.registered_commands if _command_name(c) == first]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _command_name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


# The app's own switches, taken wherever they stand before '--' ('tajru facts --no-pager' as
# 'tajru --no-pager facts'), as a user adds them at the end of a command line recalled from history.
_ANYWHERE = ("--no-pager", "--debug", "--lines", "--wrap", "--no-notes")


def hoisted(argv: Sequence[str]) -> list[str]:
    """argv with the app's switches moved in front of the command."""
    end = list(argv).index("--") if "--" in argv else len(argv)
    switches = [a for a in argv[:end] if a in _ANYWHERE]
    return [*switches, *(a for a in argv[:end] if a not in _ANYWHERE), *argv[end:]]


def run(argv: Sequence[str]) -> int:
    """Run the app on argv as the command line does, and return its exit status."""
    argv = hoisted(argv)
    stop_on_signals()
    # Under LANG=C or PYTHONIOENCODING=ascii, print what can be printed rather than fail.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    status: int = typer.main.get_command(app_for(argv)).main(
        args=list(argv), prog_name="tajru", standalone_mode=False
    )
    return status


def main() -> None:
    """Run the app on the process's arguments and exit with its status."""
    sys.exit(run(sys.argv[1:]))
