"""The options commands share, declared once so every command spells them alike, with their completion."""

# No `from __future__ import annotations` here: Typer reads each command's signature on
# every run, and string annotations would cost a get_type_hints evaluation each time.
from collections.abc import Callable, Iterator
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tajru.formats import CITATION_FORMATS, FORMATS
from tajru.model import KINDS

if TYPE_CHECKING:
    from tajru.model import Record
    from tajru.query import Query
    from tajru.store import Store


def _completion_store(ctx: typer.Context) -> "Store | None":
    """The store a command line being completed would use; None when it cannot be opened."""
    from tajru.errors import TajruError
    from tajru.store import open_store

    try:
        return open_store(ctx.params.get("data"), ctx.params.get("include"))
    except TajruError:
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
    def known(store: "Store") -> Iterator[str]:  # names first, then the thesaurus's entry terms
        yield from (n for a in store.actors.values() for n in a.forms)
        yield from (m for a in store.actors.values() for t in a.terms for m in t.split(" = "))

    return _complete(ctx, incomplete, known)


def complete_speaker(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: (n for a in store.speakers() for n in a.forms))


def complete_record(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, lambda store: iter(store.ids()))


def complete_kind(incomplete: str) -> list[str]:
    return [k for k in KINDS if k.startswith(incomplete)]


# Choices of options, as Typer shows and checks them; the formats come from their registry.
class Sort(StrEnum):
    relevance = "relevance"
    date = "date"


class CiteFormat(StrEnum):
    text = "text"
    pandoc = "pandoc"


class Period(StrEnum):
    auto = "auto"
    year = "year"
    decade = "decade"


ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
CitationFormat = Enum("CitationFormat", {name: name for name in CITATION_FORMATS}, type=str)  # type: ignore[misc]

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
SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        metavar="DIR",
        help="Look for the sources' text files in DIR first [env: TAJRU_SOURCES].",
        file_okay=False,
    ),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="Only records overlapping DATE or later.")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Only records overlapping DATE or earlier.")
]
YearOpt = Annotated[
    list[str] | None,
    typer.Option("--year", metavar="YEAR", help="Only records overlapping YEAR (repeat for any of several)."),
]
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
        help="Only records of KIND: event, figure, quote or assertion (repeatable).",
        autocompletion=complete_kind,
    ),
]
SearchOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--search",
        metavar="WORDS",
        help="Only records with all these words, as 'tajru search' reads them (repeat for any of several).",
    ),
]
YearsArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="[YEAR]...", help="A year, read as --year YEAR.", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON array of records instead.")]
LimitOpt = Annotated[
    int, typer.Option("--limit", "-n", metavar="N", min=0, help="Show the first N records; 0 shows all.")
]
ReverseOpt = Annotated[bool, typer.Option("--reverse", help="Newest first (undated records stay last).")]
UndatedOpt = Annotated[
    bool,
    typer.Option("--undated", help="Add the undated records, which a date filter leaves out, at the end."),
]


def open_store(data: Path | None, include: list[Path] | None) -> "Store":
    from tajru.cli.output import meter, say
    from tajru.store import open_store as opened

    return opened(data, include, notice=say, progress=meter())


def summary(store: "Store") -> str:
    """What the whole store holds, and where a user's own records go."""
    from tajru.labels import store_summary

    return store_summary(store.registries, store.extent())


def nothing_matched(store: "Store") -> str:
    """The one line for a selection or search that finds nothing: what the store it searched holds."""
    from tajru.labels import store_scope

    return f"no records match, in a store of {store_scope(store.registries, store.extent())}"


def records_by_id(store: "Store", ids: list[str]) -> "list[Record]":
    """The records of these ids, every id checked before any output; a renamed record's former id leads
    to it, with a line saying so."""
    from tajru.cli.output import say
    from tajru.text import shown

    records = [store.record(record_id) for record_id in ids]
    for asked, record in zip(ids, records, strict=True):
        if record.id != asked:
            say(f"{shown(asked)} is a former id of '{record.id}'")
    return records


def lone_years(command: str, typed: list[str] | None) -> list[str]:
    """Years typed without --year ('tajru timeline 1992'); anything else there is a usage error naming
    the option it was likely meant for."""
    import re

    from tajru.errors import UsageError
    from tajru.text import shown

    for word in typed or ():
        if not re.fullmatch(r"[0-9]{4}", word):
            dated = re.fullmatch(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?", word)
            hint = (
                f"for a month or a day, use --from {word} --to {word}"
                if dated
                else (f"for words try --search {shown(word)}, for a name --actor {shown(word)}")
            )
            raise UsageError(
                f"{command} takes a year, like 'tajru {command} 1992', not {shown(word)}", hint=hint
            )
    return list(typed or ())


def query(
    store: "Store",
    date_from: str | None,
    date_to: str | None,
    year: list[str] | None,
    topic: list[str] | None,
    actor: list[str] | None,
    kind: list[str] | None,
    search: str | list[str] | None,
    *,
    dated_only: bool = False,
    speakers: list[str] | None = None,
    spoken: bool = False,
    undated: bool = False,
) -> "Query":
    """The shared filters as typed, resolved against the store."""
    from tajru.query import build_query

    return build_query(
        store.registries,
        date_from=date_from,
        date_to=date_to,
        year=year or (),
        topics=topic or (),
        actors=actor or (),
        kinds=kind or (),
        text=search,
        dated_only=dated_only,
        speakers=speakers or (),
        spoken=spoken,
        undated=undated,
    )
