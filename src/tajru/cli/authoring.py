"""`tajru add`: a record written in an editor, given as options or as YAML on stdin, checked against the
store and its source's text, then appended to a store file with every earlier byte kept."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tajru.cli.app import app
from tajru.cli.options import DataOpt, IncludeOpt, SourcesOpt, complete_kind
from tajru.cli.output import out, say
from tajru.errors import TajruError, UsageError
from tajru.text import literal, shown, shown_path

if TYPE_CHECKING:
    from tajru.adding import Context


@app.command()
def add(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="[KIND]", help="event, figure, quote or assertion.", autocompletion=complete_kind
        ),
    ] = "event",
    to: Annotated[
        Path | None,
        typer.Option(
            "--to",
            metavar="FILE",
            help="The store file to add to, created if absent (default: your notes layer, which every "
            "command includes).",
            dir_okay=False,
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Write the record in $VISUAL or $EDITOR even when stdin is a pipe.")
    ] = False,
    record_id: Annotated[
        str | None, typer.Option("--id", help="The record's id (default: proposed).")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The record's one-line headline.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help='Its date: "1989", "1990-02" or "2003-04-26".')
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="A longer account.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="A topic id (repeatable).")] = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", help="An actor id (repeatable).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="The cited source's id.")] = None,
    locator: Annotated[
        str | None, typer.Option("--locator", help="Where in the source, like 'page 3'.")
    ] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="The supporting words, as the source prints them.")
    ] = None,
    caveat: Annotated[str | None, typer.Option("--caveat", help="What is doubtful about it.")] = None,
    no_verify: Annotated[
        bool,
        typer.Option("--no-verify", help="Add the record without checking its evidence against its source."),
    ] = False,
    sources: SourcesOpt = None,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Add a record to a store file, checked and verified first.

    \b
    Examples:
      tajru add event --to notes.yaml
      tajru add assertion --to notes.yaml --title "A note" --topic diplomacy --source sethi-2017 --locator Abstract --evidence "Tajik-Russian relations"

    With no record options and stdin a terminal (or with --edit), opens $VISUAL
    or $EDITOR on a commented template of KIND, as git commit does. On save the
    record is checked as `tajru validate` would, and its evidence as `tajru
    verify` would; if anything is wrong the file opens again with the problems
    on top. A record left empty or untouched adds nothing. With options, or with
    YAML on stdin, the same record is added without an editor. An id left out is
    proposed from the title and date; an id the store or a layer uses is refused.
    The record is appended after the file's last record: every byte already in
    the file stays as it was. A draft that is not added is kept in a file beside
    FILE, and the message names it.
    """  # noqa: E501 (an example is one command line, as long as it is)
    from tajru.fields import KINDS
    from tajru.names import suggest

    if kind not in KINDS:
        raise UsageError(
            f"unknown kind {shown(kind)}", hint=suggest(kind, KINDS) or f"kinds are: {', '.join(KINDS)}"
        )
    context = _context(to, sources, data, include, verifying=not no_verify)
    cited = ((source or "", locator or "", evidence or ""),) if source or locator or evidence else ()
    flags: dict[str, object] = {"id": record_id, "title": title, "date": date, "text": text,
                                "topics": tuple(topic or ()), "actors": tuple(actor or ()), "caveat": caveat,
                                "sources": cited}  # fmt: skip
    given = any(v not in (None, ()) for v in flags.values())
    if given:
        from tajru.authoring import from_fields

        _add_or_keep(context, from_fields(kind, flags), "the options")
    elif not edit and not sys.stdin.isatty():
        given_text = sys.stdin.read()
        if not given_text.strip():
            say("nothing added: stdin was empty")
            return
        _add_or_keep(context, given_text, "stdin")
    else:
        from tajru.cli.editing import edit_and_add

        edit_and_add(context, kind)


def _context(
    to: Path | None, sources: Path | None, data: Path | None, include: list[Path] | None, verifying: bool
) -> "Context":
    """The file to add to (--to, else the user's notes layer) and the store it is checked against."""
    import os

    from tajru.adding import open_context
    from tajru.settings import data_path, layer_paths, notes_path

    target = to if to is not None else notes_path()
    if target is None:
        raise UsageError("there is no home folder to keep your notes in", hint="name the file with --to FILE")
    if target.is_dir():
        raise UsageError(f"{shown_path(target)} is a folder", hint="name a file in it, like --to notes.yaml")
    if to is None and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not os.path.isdir(os.path.dirname(os.path.realpath(target))):
        raise UsageError(
            f"there is no folder {shown_path(target.parent)} to write {shown_path(target.name)} in"
        )
    main = data_path(data)
    return open_context(target, main, layer_paths(main, include), sources, verifying)


def _add_or_keep(context: "Context", draft: str, where: str) -> None:
    """Add the draft to the file as it is now, or keep it in a file and fail with its problems."""
    from tajru.adding import commit, keep

    try:
        written = commit(context, draft, say)
    except OSError as err:
        try:
            kept: Path | None = keep(context.target, draft)
        except OSError:
            kept = None
        raise not_written(context, err, draft, kept) from None
    if written.file is None:
        kept = keep(context.target, draft)
        problems = written.attempt.problems
        out("".join(f"{literal(p)}\n" for p in problems))
        raise TajruError(
            f"the record from {where} is not added: {len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}; it is kept in {kept}"
        )
    added(context, written.attempt.record_id or "")


def not_written(context: "Context", err: OSError, draft: str, kept: Path | None) -> TajruError:
    """The machine refused the write (a full disk, a read-only file system): the file is as it was, and
    the draft is kept, or, when it cannot be kept either, printed on stdout so that it is not lost."""
    where = f"the draft is kept in {kept}" if kept else "the draft could not be kept either: it is on stdout"
    if kept is None:
        out(draft)
    return TajruError(
        f"the record is not added ({err.strerror or err}); {context.target} is as it was; {where}"
    )


def added(context: "Context", record_id: str) -> None:
    """Say what was added where, the notes layer's path the first time it is made."""
    from tajru.settings import notes_path, same_file

    notes = notes_path()
    if context.original is None and notes is not None and same_file(context.target, notes):
        say(f"made your notes layer, {notes}: every command includes it (--no-notes leaves it out)")
    unchecked = "" if context.verifying else ", its evidence not checked (--no-verify)"
    say(f"added {record_id} to {context.target}{unchecked}")
    out(f"{record_id}\n")
