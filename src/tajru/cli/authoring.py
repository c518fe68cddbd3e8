"""`tajru add`: a record written in an editor, given as options or as YAML on stdin, checked against the
store and its source's text, then appended to a store file with every earlier byte kept."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
import sys
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from tajru.cli.app import app
from tajru.cli.options import DataOpt, IncludeOpt, SourcesOpt, complete_kind
from tajru.cli.output import out, say
from tajru.errors import DataError, TajruError, UsageError
from tajru.model import Dataset, Record, Registries
from tajru.text import literal, shown


class Attempt(NamedTuple):
    """What checking a draft found: the file's new text and the record's id, or the problems."""

    text: str | None
    record_id: str | None
    problems: list[str]
    warnings: list[str]


class _Context(NamedTuple):
    target: Path
    main: Path
    layers: list[Path]
    original: bytes | None
    sources: Path | None
    files: list[tuple[str, str]]  # the store, its layers and the target as read once: (text, name)
    base: Dataset  # what they hold now, parsed once for every save of a draft


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
            help="The store file to add to, created if absent (default: the first --include layer).",
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
    from tajru.settings import data_path, include_paths

    if kind not in KINDS:
        raise UsageError(
            f"unknown kind {shown(kind)}", hint=suggest(kind, KINDS) or f"kinds are: {', '.join(KINDS)}"
        )
    layers = include_paths(include)
    target = to or (layers[0] if layers else None)
    if target is None:
        raise UsageError("name the file to add the record to", hint="give --to FILE, or --include FILE")
    from tajru.files import decode, read_text
    from tajru.load import parse_layers

    original = target.read_bytes() if target.is_file() else None
    main = data_path(data)
    files = [(read_text(p), str(p)) for p in dict.fromkeys([main, *layers])]
    if original is not None and target not in (main, *layers):
        files.append((decode(original, str(target)), str(target)))
    context = _Context(target, main, layers, original, sources, files, parse_layers(files))
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
        _edit(context, kind)


def _add_or_keep(context: _Context, draft: str, where: str) -> None:
    """Add the draft, or keep it in a file and fail with its problems."""
    attempt = _attempt(context, draft)
    if attempt.text is None:
        kept = _keep(context.target, draft)
        out("".join(f"{literal(p)}\n" for p in attempt.problems))
        raise TajruError(
            f"the record from {where} is not added: {len(attempt.problems)} problem"
            f"{'s' if len(attempt.problems) != 1 else ''}; it is kept in {kept}"
        )
    _write(context, attempt)


def _edit(context: _Context, kind: str) -> None:
    """The editor loop: open, check, reopen with the problems, until the record is added or given up."""
    import shlex
    import subprocess

    from tajru.authoring import PROBLEM_MARK, template, untouched, with_problems
    from tajru.settings import editor_command

    base = context.base
    registries = Registries(
        sources={s.id: s for s in base.sources},
        actors={a.id: a for a in base.actors},
        topics={t.id: t for t in base.topics},
    )
    blank = template(kind, context.target.name, registries)  # type: ignore[arg-type]
    draft_path = _keep(context.target, blank)
    written = ""  # the last draft that held something, kept if the user gives up
    while True:
        command = editor_command()
        try:
            status = subprocess.run([*shlex.split(command), str(draft_path)], check=False).returncode
        except (OSError, ValueError) as err:
            raise TajruError(
                f"cannot run the editor {shown(command)} ({err}); the draft is kept in {draft_path}",
                hint="set $VISUAL or $EDITOR",
            ) from None
        draft = draft_path.read_text(encoding="utf-8")
        if status != 0:
            raise TajruError(
                f"the editor exited with status {status}; nothing added, the draft is kept in {draft_path}"
            )
        if untouched(draft, blank):
            if written:
                draft_path.write_text(written, encoding="utf-8")
                say(f"nothing added; the draft you wrote is kept in {draft_path}")
            else:
                draft_path.unlink()
                say("nothing added")
            return
        body = "".join(line for line in draft.splitlines(keepends=True) if not line.startswith(PROBLEM_MARK))
        written = body
        attempt = _attempt(context, body)
        if attempt.text is not None:
            _write(context, attempt)
            draft_path.unlink()
            return
        draft_path.write_text(with_problems(body, attempt.problems), encoding="utf-8")


def _attempt(context: _Context, draft: str) -> Attempt:
    """The draft checked as it will stand in the file: its fields, its id, its place, its evidence."""
    from tajru.authoring import appended, propose_id, read_draft, with_id
    from tajru.files import decode
    from tajru.load import parse_layers

    name = str(context.target)
    try:
        fields = read_draft(draft, "the record")
    except DataError as err:
        return Attempt(None, None, [_where(p.line, p.message) for p in err.problems], [])
    taken = {r.id for r in context.base.records}
    record_id = fields.get("id")
    if record_id in (None, ""):
        title, date = fields.get("title"), fields.get("date")
        record_id = propose_id(str(title or ""), str(date) if date else None, taken)
        draft = with_id(draft, str(record_id))
    current = decode(context.original, name) if context.original is not None else None
    try:
        done = appended(current, draft)
    except DataError as err:
        return Attempt(None, None, [f"{name}: {p.message}" for p in err.problems], [])
    files = [(done.text if file == name else text, file) for text, file in context.files]
    if name not in (file for _, file in files):
        files.append((done.text, name))
    try:
        data = parse_layers(files)
    except DataError as err:
        problems = []
        for p in err.problems:
            line = done.draft_line(p.line) if p.file == name else None
            problems.append(_where(line, p.message) if line is not None else str(p))
        return Attempt(None, None, problems, [])
    record = next(r for r in data.records if r.id == record_id)
    problems, warnings = _verified(context, data, record)
    return Attempt(None if problems else done.text, str(record_id), problems, warnings)


def _verified(context: _Context, data: Dataset, record: Record) -> tuple[list[str], list[str]]:
    from tajru.settings import sources_folders
    from tajru.verify import find_text, verify

    folders = sources_folders(context.sources, [context.main, *context.layers, context.target])
    sources = {s.id: s for s in data.sources}
    checks = verify([record], sources, lambda s: find_text(s, folders))
    problems = [
        f"{c.source}, {c.locator or c.what}: {c.problem}; differs: {c.differences}"
        if c.differences
        else f"{c.source}, {c.locator or c.what}: {c.problem}"
        for c in checks
        if not c.ok and not c.unchecked
    ]
    warnings = list(dict.fromkeys(f"not verified: {c.problem}" for c in checks if c.unchecked))
    return problems, warnings


def _where(line: int | None, message: str) -> str:
    return f"line {line}: {message}" if line is not None else message


def _write(context: _Context, attempt: Attempt) -> None:
    """Write the file's new text in one step; its earlier bytes are a prefix, or kept around the record."""
    from tajru.files import replace_atomically

    assert attempt.text is not None
    bom = b"\xef\xbb\xbf" if context.original and context.original.startswith(b"\xef\xbb\xbf") else b""
    encoded = bom + attempt.text.encode("utf-8")
    replace_atomically(context.target, lambda path: path.write_bytes(encoded))
    for warning in attempt.warnings:
        say(warning)
    say(f"added {attempt.record_id} to {context.target}")
    out(f"{attempt.record_id}\n")


def _keep(target: Path, draft: str) -> Path:
    """A new file beside the target holding the draft, named so that it sorts by time."""
    import time

    stamp = time.strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        path = target.with_name(f"{target.stem}.draft-{stamp}{'' if n == 1 else f'-{n}'}.yaml")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(draft)
            return path
        except FileExistsError:
            n += 1
