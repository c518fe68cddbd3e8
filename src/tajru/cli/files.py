"""The commands about files: export a selection, validate store files, print the store's JSON Schema."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tajru.cli.app import app
from tajru.cli.options import (
    ActorOpt,
    DataOpt,
    ExportFormat,
    FromOpt,
    IncludeOpt,
    JsonOpt,
    KindOpt,
    SearchOpt,
    SourcesOpt,
    ToOpt,
    TopicOpt,
    UndatedOpt,
    YearOpt,
    nothing_matched,
    open_store,
    query,
    records_by_id,
)
from tajru.cli.output import as_data, out, out_bytes, out_pieces, say
from tajru.errors import TajruError, UsageError
from tajru.text import json_safe, literal, shown_path

if TYPE_CHECKING:
    from tajru.formats import Format
    from tajru.query import Query
    from tajru.store import Store


@app.command()
def export(
    export_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="The file format.")] = (
        ExportFormat.json  # type: ignore[attr-defined]
    ),
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout ('-' is stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    search: SearchOpt = None,
    undated: UndatedOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """The records a filter selects, as a file for other tools.

    \b
    Examples:
      tajru export --format csv --topic military -o military.csv
      tajru export --format markdown --from 2000 > chronology.md
      tajru export --format sqlite -o tajru.db

    json and ndjson (one record a line) for scripts; csv (RFC 4180, lists joined
    by '; ') for spreadsheets; markdown, a chronology by year with the citations
    as footnotes, to paste into a paper; pandoc, the same with Pandoc citations
    (and, with -o, its CSL-JSON references beside it); html, one self-contained
    page to open offline; timelinejs for TimelineJS3; sqlite, a database with
    full-text search for Datasette or the sqlite3 shell (needs -o; its Datasette
    metadata is written beside it). A file is written whole or not at all, and
    an existing one only with --force.
    """
    from tajru.formats import FORMATS
    from tajru.user_files import replace

    chosen = FORMATS[export_format.value]
    if output is not None and str(output) == "-":  # as pandoc and sqlite-utils read it: stdout
        output = None
    if output is not None:
        _writable(output, chosen.companion_path(output), chosen.name, force)
    if chosen.binary and output is None:
        raise UsageError(f"--format {chosen.name} writes a binary file", hint="name it with -o FILE")
    if output is not None and not output.parent.is_dir():
        raise UsageError(
            f"there is no folder {shown_path(output.parent)} to write {shown_path(output.name)} in"
        )
    store = open_store(data, include)
    asked = query(store, date_from, date_to, year, topic, actor, kind, search, undated=undated)
    if chosen.pieces is not None:
        _export_streaming(store, asked, chosen, output)
        return
    records, notes = store.answer(asked)
    for note in notes:
        say(note)
    if chosen.dated_only and (left := sum(r.date is None for r in records)):
        some = f"{left} undated record{'s' if left != 1 else ''}"
        say(f"{some} left out of the {chosen.name} file: it places records by date")
    if not records:
        say(nothing_matched(store))
    written = chosen.write(store.registries, records)
    data_bytes = written if isinstance(written, bytes) else written.encode("utf-8")
    if output is not None:
        replace(output, lambda temp: temp.write_bytes(data_bytes), say)
        companion = chosen.companion_file(store.registries, records, output)
        if companion is not None:
            path, text = companion
            replace(path, lambda temp: temp.write_text(text, encoding="utf-8"), say)
            say(f"wrote {path} beside it")
    elif isinstance(written, bytes):
        out_bytes(written)
    else:
        out(as_data(written))


def _writable(output: Path, beside: Path | None, name: str, force: bool) -> None:
    """Refuse, before anything is read, an output that is a folder, or a file (or the file a format
    writes beside it) that is there already, unless --force says to replace it."""
    if output.is_dir():
        raise UsageError(f"{shown_path(output)} is a folder", hint="name a file in it, like -o records.json")
    if output.exists() and not force:
        raise UsageError(f"{shown_path(output)} exists", hint="add --force to replace it")
    if beside is not None and beside.exists() and not force:
        raise UsageError(
            f"{shown_path(beside)} exists, and --format {name} writes it beside {shown_path(output.name)}",
            hint="add --force to replace it",
        )


def _export_streaming(store: "Store", asked: "Query", chosen: "Format", output: Path | None) -> None:
    """An export written as its records are read, into the file or onto stdout: memory holds a few
    records at a time, and a reader leaving stdout stops the reading."""
    from tajru.formats import pieces_of
    from tajru.user_files import replace

    records, notes, prepared = store.stream(asked)
    for note in notes:
        say(note)
    if store.count(prepared) == 0:
        say(nothing_matched(store))
    pieces = pieces_of(chosen, store.registries, records)
    if output is None:
        out_pieces(map(as_data, pieces), batch=500)
        return

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)

    replace(output, write, say)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="Store files (default: the store in use)."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="List every problem, not a screenful and a count by kind.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print every problem as JSON (file, line, record, message) instead."),
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Check store files and list every problem, each with its file, line and record.

    \b
    Examples:
      tajru validate
      tajru validate notes.yaml
      tajru timeline --include notes.yaml --from 2020

    With no FILE, checks the store in use (--data, TAJRU_DATA or the shipped one)
    with its layers (--include, TAJRU_INCLUDE). A FILE holding all four lists is
    checked on its own; one holding only some of them is checked as a layer on
    the store in use, as --include would load it. Reads the files, never the cache.
    Exits 1 when any file has a problem. A flood of problems is shown as a
    screenful and then counted by kind; --all lists every one.
    """
    from tajru.errors import SCREENFUL, summary_of_rest
    from tajru.load import check_files
    from tajru.settings import data_path, layer_paths

    main = data_path(data)
    verdicts, problems = check_files(files or [], main, layer_paths(main, include))
    if as_json:
        import json

        fields = [p._asdict() for p in problems]
        checked = [{"file": str(v.file), "records": v.records, "layered": v.layered} for v in verdicts]
        out(json_safe(json.dumps({"ok": checked, "problems": fields}, ensure_ascii=False, indent=2)) + "\n")
    else:
        for v in verdicts:
            layered = " with the store it is layered on" if v.layered else ""
            out(f"{literal(str(v.file))}: ok, {v.records} records{layered}\n")
        out("".join(f"{literal(str(w))}\n" for w in dict.fromkeys(w for v in verdicts for w in v.warnings)))
        shown = problems if every else problems[:SCREENFUL]
        out("".join(f"{literal(str(p))}\n" for p in shown))
        if len(shown) < len(problems):
            out(literal(summary_of_rest(problems[len(shown) :])) + " (--all lists every one)\n")
    if problems:
        raise TajruError(f"{len(problems):,} problem{'s' if len(problems) != 1 else ''} found")


@app.command()
def verify(
    record_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...", help="Only these records (default: every record).", show_default=False
        ),
    ] = None,
    sources: SourcesOpt = None,
    as_json: JsonOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Check that every evidence passage and quote is printed in its source, at its locator.

    \b
    Examples:
      tajru verify
      tajru verify --include notes.yaml --sources ~/papers
      tajru verify credible-army-difficulty --json

    Each source names its text file; verify looks for it in --sources DIR (or
    TAJRU_SOURCES), then beside the store file that names it, then, for the
    shipped store in a source checkout, in ../shared/sources/. A passage must be
    the source's own characters; only the artefacts of PDF extraction may differ
    (see 'Locators and evidence' in the README). For each passage not found it
    prints the stretch of the source most like it, with the differences marked.
    Exits 1 when any passage is not found or a text is missing.
    """
    from tajru.query import Query
    from tajru.settings import data_path, default_data_path, layer_paths, same_file, sources_folders
    from tajru.verify import find_text
    from tajru.verify import verify as check

    store = open_store(data, include)
    records = records_by_id(store, record_ids) if record_ids else store.select(Query())
    main = data_path(data)
    folders = sources_folders(sources, [main, *layer_paths(main, include)])
    shipped = same_file(main, default_data_path())
    checks = check(
        records,
        store.registries.sources,
        lambda source: find_text(source, folders, shipped=shipped and source.layer is None),
    )
    if as_json:
        from tajru.formats.json_docs import checks_json

        out(checks_json(checks))
    else:
        from tajru.views.verification import report, summary

        out(report(checks))
        if all(c.ok for c in checks):
            out(summary(checks) + "\n")
    if not all(c.ok for c in checks):
        from tajru.views.verification import summary

        raise TajruError(summary(checks))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the store file, for editors that check YAML as you type.

    \b
    Examples:
      tajru schema > tajru.schema.json
      tajru schema | less

    Save it beside your store and name it in the file's first line; an editor with
    the YAML language server then completes field names and marks mistakes.
    """
    import json

    from tajru.schema import store_schema

    out(json.dumps(store_schema(), ensure_ascii=False, indent=2) + "\n")
