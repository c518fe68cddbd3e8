"""The tajru command line: options in, a query through query.py, a view out.

Every command is a few lines of glue. ``TajruGroup.main`` is the one exit point: it turns
the project's errors and Typer's usage errors into a one-line message and an exit status
(0 success, 1 data or runtime problem, 2 usage problem), and keeps tracebacks for --debug.
"""

# No `from __future__ import annotations` here: Typer reads each command's signature on
# every run, and string annotations would cost a get_type_hints evaluation each time.
import contextlib
import copy
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from tajru import __version__
from tajru.errors import TajruError
from tajru.query import Query, build_query, select
from tajru.text import literal, shown

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tajru.model import Record
    from tajru.store import Store

DEBUG_ENV = "TAJRU_DEBUG"
PAGER_ENV = "TAJRU_PAGER"
DEFAULT_PAGER = "less -FIRX"  # quit if one screen, keep colours, leave the text on the screen
_settings = {"pager": True}
BROKEN_PIPE_STATUS = 141  # what a shell reports for a writer ended by SIGPIPE, as `yes | head` does


def _debugging(args: Sequence[str]) -> bool:
    return "--debug" in args or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _say(message: str) -> None:
    """One message on stderr, with anything typed or read from a file shown literally."""
    print(f"tajru: {literal(message)}", file=sys.stderr)


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
            return status if isinstance(status, int) else 0
        except typer.Exit as done:
            return done.exit_code
        except TajruError as err:
            message = f"error: {err.message}" + (f"; {err.hint}" if err.hint else "")
            _say(message)
            return err.exit_code
        except typer.TyperException as err:  # Typer's own usage errors: bad option, missing value
            ctx = getattr(err, "ctx", None)
            if type(err).__name__ == "NoArgsIsHelpError" and ctx is not None:
                try:
                    _out(ctx.get_help() + "\n")
                except typer.Exit as done:  # the reader has gone
                    return done.exit_code
                return 0
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _say(f"error: {err.format_message()}{where}")
            return err.exit_code
        except typer.Abort:
            _say("aborted")
            return 130
        except KeyboardInterrupt:
            return 130
        except Exception as err:
            if _debugging(argv):
                import traceback

                traceback.print_exc()
            else:
                _say(
                    f"internal error: {type(err).__name__}: {err}. This is a bug in tajru {__version__}; "
                    "please report it with the command you ran (add --debug to see the traceback)."
                )
            return 1


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, later flushes must not raise again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
        _out(f"tajru {__version__}\n")
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
) -> None:
    """Tajikistan–Russia relations: dated events, figures and quotes, each traced to its source.

    \b
    Examples:
      tajru timeline --from 1989
      tajru facts --topic military
      tajru quote putin
    """
    _settings["pager"] = not no_pager


def _completion_store(ctx: typer.Context) -> "Store | None":
    """The store a command line being completed would use; None when it cannot be opened."""
    from tajru.errors import TajruError as Failure
    from tajru.store import open_store

    try:
        return open_store(ctx.params.get("data"), ctx.params.get("include"))
    except Failure:
        return None


def _complete(ctx: typer.Context, incomplete: str, names: Callable[["Store"], Iterator[str]]) -> list[str]:
    from tajru.text import fold

    store = _completion_store(ctx)
    if store is None:
        return []
    # Shells keep only candidates that start with what was typed, as typed; so a name that
    # matches ignoring case comes back in the user's case ('pu' gives 'putin', not 'Putin').
    n = len(incomplete)
    found = (
        name if name.startswith(incomplete) else incomplete + name[n:]
        for name in names(store)
        if fold(name[:n]) == fold(incomplete)
    )
    return list(dict.fromkeys(found))


def complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: iter(store.topics))


def complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: (n for a in store.actors.values() for n in a.forms))


def complete_speaker(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: (n for a in store.speakers() for n in a.forms))


def complete_record(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: iter(store.ids()))


def complete_kind(incomplete: str) -> list[str]:
    return [k for k in ("event", "figure", "quote") if k.startswith(incomplete)]


# Choices of options, as Typer shows and checks them.
class Period(StrEnum):
    auto = "auto"
    year = "year"
    decade = "decade"


class CitationFormat(StrEnum):
    bibtex = "bibtex"
    csl_json = "csl-json"


class ExportFormat(StrEnum):
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"
    sqlite = "sqlite"


# Shared options, declared once so every command spells them the same way.
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", metavar="PATH", help="Use this store file instead of the shipped one [env: TAJRU_DATA]."
    ),
]
IncludeOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--include",
        metavar="PATH",
        help="Layer this store file on top (repeatable) [env: TAJRU_INCLUDE, a list like PATH].",
    ),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="Only records overlapping DATE or later.")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Only records overlapping DATE or earlier.")
]
YearOpt = Annotated[str | None, typer.Option("--year", metavar="YEAR", help="Only records overlapping YEAR.")]
TopicOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        metavar="TOPIC",
        help="Only records on TOPIC (repeat for any of several).",
        autocompletion=complete_topic,
    ),
]
ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor",
        metavar="NAME",
        help="Only records involving NAME (repeat for any of several).",
        autocompletion=complete_actor,
    ),
]
KindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="Only records of KIND: event, figure or quote (repeatable).",
        autocompletion=complete_kind,
    ),
]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", metavar="WORDS", help="Only records with all these words (as 'tajru search')."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON array of records instead.")]


def _open(data: Path | None, include: list[Path] | None) -> "Store":
    from tajru.store import open_store

    return open_store(data, include)


def _query(
    store: "Store",
    date_from: str | None,
    date_to: str | None,
    year: str | None,
    topic: list[str] | None,
    actor: list[str] | None,
    kind: list[str] | None,
    search: str | None,
    *,
    dated_only: bool = False,
    speakers: list[str] | None = None,
) -> Query:
    return build_query(
        store,
        date_from=date_from,
        date_to=date_to,
        year=year,
        topics=topic or (),
        actors=actor or (),
        kinds=kind or (),
        text=search,
        dated_only=dated_only,
        speakers=speakers or (),
    )


def _emit(store: "Store", records: "list[Record]", as_json: bool, view: str) -> None:
    """Print the result once: JSON for scripts, or the named view of render.listing for people.

    The view is named, not passed, so that --json never imports Rich.
    """
    if not records:
        _say("no records match")
    if as_json:
        from tajru.render.json_out import records_json

        _out(records_json(store, records) + "\n")
        return
    if records:
        from tajru.render import listing

        _print(getattr(listing, view)(store, records))


def _print(renderable: "RenderableType") -> None:
    """Rich output on a terminal; plain lines without Rich's trailing padding into a pipe or file."""
    from rich.console import Console

    console = Console()
    with console.capture() as captured:
        console.print(renderable)
    rendered = captured.get()
    if not console.is_terminal:
        _out("".join(line.rstrip() + "\n" for line in rendered.splitlines()))
    elif not _page(rendered, console.size.height):
        _out(rendered)


def _page(text: str, height: int) -> bool:
    """Show text through the pager when it is longer than the terminal; False if not paged."""
    command = os.environ.get(PAGER_ENV, DEFAULT_PAGER)
    if not _settings["pager"] or not command.strip() or text.count("\n") < height:
        return False
    import shlex
    import subprocess

    try:
        subprocess.run(shlex.split(command), input=text.encode(sys.stdout.encoding or "utf-8", "replace"))
    except (OSError, ValueError):
        return False  # no such pager: print as if there were none
    return True


def _out(text: str) -> None:
    """Write to stdout at once, so that a reader who has gone is noticed here, not at exit."""
    with _pipe_guard():
        sys.stdout.write(text)
        sys.stdout.flush()


@contextlib.contextmanager
def _pipe_guard() -> Iterator[None]:
    """A reader that has gone (`tajru timeline | head -1`) ends the run quietly, with status 141.

    Typer would report it as a failure (status 1) and Python would print 'Exception
    ignored' when flushing at exit, so it is caught where the writing happens.
    """
    try:
        yield
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(BROKEN_PIPE_STATUS) from None


def _listing(view: str, doc: str, *, dated_only: bool = False) -> Callable[..., None]:
    """A listing command: the shared filters, a query, and the named view (timeline and facts)."""

    def command(
        date_from: FromOpt = None,
        date_to: ToOpt = None,
        year: YearOpt = None,
        topic: TopicOpt = None,
        actor: ActorOpt = None,
        kind: KindOpt = None,
        search: SearchOpt = None,
        as_json: JsonOpt = False,
        data: DataOpt = None,
        include: IncludeOpt = None,
    ) -> None:
        store = _open(data, include)
        query = _query(store, date_from, date_to, year, topic, actor, kind, search, dated_only=dated_only)
        _emit(store, select(store, query), as_json, view)

    command.__doc__ = doc
    return command


app.command("timeline")(
    _listing(
        "timeline",
        """Dated records in order, grouped by year.

    \b
    Examples:
      tajru timeline --from 1989
      tajru timeline --from 1998 --to 2003 --topic military
      tajru timeline --actor rahmon --json
    """,
        dated_only=True,
    )
)
app.command("facts")(
    _listing(
        "facts_table",
        """Records of every kind in a table.

    \b
    Examples:
      tajru facts --topic military
      tajru facts --kind figure --topic economy
      tajru facts --search "border" --json

    Figures show their value with the unit and the source's hedge ("over",
    "nearly"); every row names its source and locator.
    """,
    )
)


@app.command()
def quote(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]", help="Only quotes by this speaker.", autocompletion=complete_speaker
        ),
    ] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    search: SearchOpt = None,
    as_json: JsonOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Quotes as cards, optionally by one speaker.

    \b
    Examples:
      tajru quote putin
      tajru quote rakhmonov
      tajru quote --topic energy --json

    Each card shows the words, the speaker, the date, the context and the
    citation.

    NAME matches a speaker's id, name, any alias, a surname or a unique prefix,
    ignoring case and accents: 'rakhmonov' and 'rahmon' are the same president.
    """
    store = _open(data, include)
    query = _query(
        store, date_from, date_to, year, topic, actor, ["quote"], search, speakers=[name] if name else []
    )
    _emit(store, select(store, query), as_json, "quote_cards")


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(metavar="TEXT...", help='Words, "a phrase" or a prefix*.')],
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    as_json: JsonOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Records found by their words, best match first.

    \b
    Examples:
      tajru search border guards
      tajru search '"201st military base"' --json
      tajru search milit* --from 2000

    Looks in titles, texts, quotes, contexts, the names and aliases of the people
    and bodies involved, locators and evidence, ignoring case and accents. All
    the words must appear; records holding them as an exact phrase come first.
    "Quoted words" must appear together; a word ending in * is a prefix.
    """
    from tajru.query import search as find

    store = _open(data, include)
    text = " ".join(words)
    query = _query(store, date_from, date_to, year, topic, actor, kind, text)
    hits = find(store, query)
    if not hits:
        from tajru.text import fold, latin

        hint = f"; try '{latin(text)}'" if fold(latin(text)) != fold(text) else ""
        _say(f"no records match{hint}")
    if as_json:
        from tajru.render.json_out import records_json

        _out(records_json(store, [h.record for h in hits]) + "\n")
    elif hits:
        from tajru.render.listing import search_results

        _print(search_results(store, hits))


@app.command()
def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The record's id, as listed by --json.", autocompletion=complete_record
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the record as a JSON object instead.")
    ] = False,
    cite: Annotated[
        bool, typer.Option("--cite", help="Print only a ready-to-paste citation, with its locator.")
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """One record in full, with its evidence.

    \b
    Examples:
      tajru show putin-201st-presence-2003
      tajru show language-law-1989 --cite
      tajru show language-law-1989 --json

    Shows every field, then each source with its locator and the verbatim
    evidence passage.
    """
    store = _open(data, include)
    record = store.record(record_id)
    if cite:
        from tajru.render.cite import record_citation

        _out(literal(record_citation(store, record)).rstrip("\n") + "\n")
        return
    if as_json:
        import json

        from tajru.render.json_out import record_json

        _out(json.dumps(record_json(store, record), ensure_ascii=False, indent=2) + "\n")
        return
    from tajru.render.listing import detail

    _print(detail(store, record))


@app.command()
def sources(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the sources as a JSON array instead.")
    ] = False,
    citation_format: Annotated[
        CitationFormat | None,
        typer.Option("--format", help="Print the references for a reference manager or pandoc instead."),
    ] = None,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """The source documents, with their citation and what cites them.

    \b
    Examples:
      tajru sources
      tajru sources --format bibtex > tajru.bib
      tajru sources --json

    Lists each source's full reference and how many events, figures and
    quotes cite it. --format bibtex or csl-json gives entries to import into
    Zotero, JabRef or pandoc (--bibliography), keyed by source id.
    """
    store = _open(data, include)
    if citation_format is not None:
        from tajru.render import cite as references

        writer = references.to_bibtex if citation_format == "bibtex" else references.to_csl_json
        _out(writer(store).rstrip("\n") + "\n")
        return
    counts = store.count_by_source()
    if as_json:
        from tajru.render.json_out import sources_json

        _out(sources_json(store, counts) + "\n")
        return
    from tajru.render.listing import sources_view

    _print(sources_view(store, counts))


@app.command()
def export(
    export_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="The file format.")] = (
        ExportFormat.json
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    search: SearchOpt = None,
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
    as footnotes, to paste into a paper; timelinejs for TimelineJS3; sqlite, a
    database with full-text search for Datasette or the sqlite3 shell (needs -o).
    A file is written whole or not at all, and an existing one only with --force.
    """
    from tajru.errors import UsageError
    from tajru.files import replace_atomically

    if output is not None and output.exists() and not force:
        raise UsageError(f"{shown(str(output))} exists", hint="add --force to replace it")
    if export_format == "sqlite" and output is None:
        raise UsageError("--format sqlite writes a database file", hint="name it with -o FILE")
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"there is no folder {shown(str(output.parent))} to write {shown(output.name)} in")
    store = _open(data, include)
    records = select(store, _query(store, date_from, date_to, year, topic, actor, kind, search))
    if not records:
        _say("no records match")
    if export_format == "sqlite":
        import sqlite3

        from tajru.render.sqlite_out import write_sqlite

        def fill(temp: Path) -> None:
            with contextlib.closing(sqlite3.connect(temp)) as db:
                write_sqlite(db, store, records)

        assert output is not None
        replace_atomically(output, fill)
        return
    from tajru.render import export as formats

    writer = {
        "json": formats.to_json,
        "ndjson": formats.to_ndjson,
        "csv": formats.to_csv,
        "markdown": formats.to_markdown,
        "timelinejs": formats.to_timelinejs,
    }[export_format]
    text = writer(store, records)
    if export_format in ("json", "timelinejs"):
        text += "\n"
    if output is None:
        _out(text)
    else:
        replace_atomically(output, lambda temp: temp.write_bytes(text.encode("utf-8")))


@app.command()
def topics(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the topics as a JSON array instead.")
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """The topics records are filed under, with how many records each has.

    \b
    Examples:
      tajru topics
      tajru topics --json
    """
    from tajru.query import Query, tally

    store = _open(data, include)
    counts = tally(store, Query())
    if as_json:
        from tajru.render.json_out import topics_json

        _out(topics_json(store, counts) + "\n")
        return
    from tajru.render.overview import topics_view

    _print(topics_view(store, counts))


@app.command()
def actors(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the actors as a JSON array instead.")
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """People, states, organisations and places, with their other names and record counts.

    \b
    Examples:
      tajru actors
      tajru actors --json

    Most cited first. Any of the names listed works wherever a command takes a
    NAME (--actor, quote NAME).
    """
    from tajru.query import Query, tally

    store = _open(data, include)
    counts = tally(store, Query())
    if as_json:
        from tajru.render.json_out import actors_json

        _out(actors_json(store, counts) + "\n")
        return
    from tajru.render.overview import actors_view

    _print(actors_view(store, counts))


@app.command()
def stats(
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    search: SearchOpt = None,
    by: Annotated[
        Period, typer.Option("--by", help="Bars per year or per decade (auto: years when under 40).")
    ] = Period.auto,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the counts as a JSON object instead.")
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """The shape of the store: records per kind, topic and source, and a chart over time.

    \b
    Examples:
      tajru stats
      tajru stats --topic military --by year
      tajru stats --from 2000 --json

    Takes the filters of the listings, to show the shape of any selection.
    """
    from tajru.query import tally

    store = _open(data, include)
    counts = tally(store, _query(store, date_from, date_to, year, topic, actor, kind, search))
    if as_json:
        from tajru.render.json_out import stats_json

        _out(stats_json(counts) + "\n")
        return
    from tajru.render.overview import stats_view

    _print(stats_view(store, counts, by.value))


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILE]...", help="Store files (default: the store in use)."),
    ] = None,
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
    Exits 1 when any file has a problem.
    """
    from tajru.errors import DataError
    from tajru.load import is_whole_store, parse_layers, read_text
    from tajru.store import data_path, include_paths

    texts: dict[Path, str] = {}

    def text_of(path: Path) -> str:
        if path not in texts:
            texts[path] = read_text(path)
        return texts[path]

    main = data_path(data)
    checks: list[list[Path]] = [[main, *include_paths(include)]] if not files else []
    problems = []
    for file in files or []:
        try:
            checks.append([file] if is_whole_store(text_of(file)) else [main, file])
        except DataError as err:
            problems += err.problems
    for layered in checks:
        try:
            data_set = parse_layers([(text_of(f), str(f)) for f in layered])
        except DataError as err:
            problems += err.problems
            continue
        what = f"{len(data_set.records)} records" + (
            " with the store it is layered on" if len(layered) > 1 else ""
        )
        _out(f"{literal(str(layered[-1]))}: ok, {what}\n")
    if problems:
        _out("".join(f"{literal(str(p))}\n" for p in problems))
        count = len(problems)
        raise TajruError(f"{count} problem{'s' if count != 1 else ''} found")


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

    _out(json.dumps(store_schema(), ensure_ascii=False, indent=2) + "\n")


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app, holding only the command that argv names when it names one.

    Typer builds every command's options from its signature before parsing anything, a
    third of a warm run; a run of one command needs only that one. Help, group options
    and a misspelt command still get the whole app.
    """
    first = argv[0] if argv else ""
    chosen = [c for c in app.registered_commands if _command_name(c) == first]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _command_name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def run(argv: Sequence[str]) -> int:
    """Run the app on argv as the command line does, and return its exit status."""
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
