"""The commands that list records: timeline, facts, quote, search, and show for one record in full."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from tajru.cli.app import app
from tajru.cli.options import (
    ActorOpt,
    CiteFormat,
    DataOpt,
    FromOpt,
    IncludeOpt,
    JsonOpt,
    KindOpt,
    LimitOpt,
    ReverseOpt,
    SearchOpt,
    Sort,
    ToOpt,
    TopicOpt,
    UndatedOpt,
    YearOpt,
    YearsArg,
    complete_record,
    complete_speaker,
    lone_years,
    nothing_matched,
    open_store,
    query,
    records_by_id,
)
from tajru.cli.output import as_data, one_record_a_line, out, out_pieces, say, show
from tajru.errors import UsageError

if TYPE_CHECKING:
    from tajru.model import Record
    from tajru.query import Query
    from tajru.store import Store


def emit(
    store: "Store",
    records: "Sequence[Record]",
    notes: Sequence[str],
    as_json: bool,
    view: str,
    limit: int = 0,
    reverse: bool = False,
) -> None:
    """JSON for scripts, or the named view of tajru.views.listings for people; notes on stderr.

    The view is named, not passed, so that --json never imports Rich.
    """
    dated = [r for r in records if r.date is not None]  # newest first with --reverse; undated stay last
    chosen = (dated[::-1] if reverse else dated) + [r for r in records if r.date is None]
    for note in notes:
        say(note)
    if not records:
        say(nothing_matched(store))
    elif limit and len(records) > limit:
        chosen = chosen[:limit]
        say(f"the first {limit} of {len(records)} records; --limit 0 shows them all")
    if as_json:
        from tajru.formats.json_docs import records_json

        out(records_json(store.registries, chosen))
    elif chosen and one_record_a_line():
        from tajru.views.lines import FOR_VIEW

        out(FOR_VIEW[view](store.registries, chosen))
    elif chosen:
        from tajru.views import listings

        show(getattr(listings, view)(store.registries, chosen))


def emit_query(store: "Store", asked: "Query", as_json: bool, view: str, limit: int, reverse: bool) -> None:
    """The records a query selects, written as they are read when the output allows it: JSON, or lines
    into a pipe. `| head` then gets its lines at once and, leaving, stops the reading (status 141).
    Wrapped listings for a terminal and --reverse need every record first, and go through emit."""
    if reverse or not (as_json or one_record_a_line()):
        emit(store, *store.answer(asked), as_json, view, limit, reverse)
        return
    from itertools import islice

    records, notes, query = store.stream(asked)
    for note in notes:
        say(note)
    if limit and (total := store.count(query)) > limit:
        say(f"the first {limit} of {total} records; --limit 0 shows them all")
    chosen = islice(records, limit) if limit else records
    if as_json:
        from tajru.formats.json_docs import records_json_pieces

        pieces = records_json_pieces(store.registries, chosen)
    else:
        from tajru.views.lines import FOR_VIEW

        pieces = (FOR_VIEW[view](store.registries, [record]) for record in chosen)
    written = out_pieces(pieces)
    if written <= (1 if as_json else 0):  # JSON's closing piece alone: nothing matched
        say(nothing_matched(store))


def _listing(view: str, doc: str, *, dated_only: bool = False) -> Callable[..., None]:
    """A listing command: the shared filters, a query, and the named view (timeline and facts)."""

    def command(
        years: YearsArg = None,
        date_from: FromOpt = None,
        date_to: ToOpt = None,
        year: YearOpt = None,
        topic: TopicOpt = None,
        actor: ActorOpt = None,
        kind: KindOpt = None,
        search: SearchOpt = None,
        undated: UndatedOpt = False,
        limit: LimitOpt = 0,
        reverse: ReverseOpt = False,
        as_json: JsonOpt = False,
        data: DataOpt = None,
        include: IncludeOpt = None,
    ) -> None:
        year = [*(year or []), *lone_years(view.removesuffix("_table"), years)]
        store = open_store(data, include)
        asked = query(
            store,
            date_from,
            date_to,
            year,
            topic,
            actor,
            kind,
            search,
            dated_only=dated_only,
            undated=undated,
        )
        emit_query(store, asked, as_json, view, limit, reverse)

    command.__doc__ = doc
    return command


app.command("timeline")(
    _listing(
        "timeline",
        """Dated records in order, grouped by year; --undated adds the undated ones at the end.

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
        list[str] | None,
        typer.Argument(
            metavar="[NAME]...", help="Only words said by this speaker.", autocompletion=complete_speaker
        ),
    ] = None,
    verbatim: Annotated[
        bool,
        typer.Option("--verbatim", help="Only their own words, leaving out what others report they said."),
    ] = False,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    search: SearchOpt = None,
    undated: UndatedOpt = False,
    limit: LimitOpt = 0,
    reverse: ReverseOpt = False,
    as_json: JsonOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """What people said, as cards, optionally by one speaker.

    \b
    Examples:
      tajru quote putin
      tajru quote putin --search dushanbe
      tajru quote rakhmonov --verbatim

    Each card shows what the words are about, the words, the speaker, the
    date, where they were said and the citation. A quote is the speaker's own
    words; a card marked "reported" is the source's account of what they said
    (an event, figure or assertion with a speaker), in the source's words.

    NAME matches a speaker's id, name, any alias, a surname or a unique prefix,
    ignoring case and accents: 'rakhmonov' and 'rahmon' are the same president.
    """
    store = open_store(data, include)
    speakers = [" ".join(name)] if name else []
    kinds = ["quote"] if verbatim else []
    asked = query(
        store,
        date_from,
        date_to,
        year,
        topic,
        actor,
        kinds,
        search,
        speakers=speakers,
        spoken=True,
        undated=undated,
    )
    emit_query(store, asked, as_json, "quote_cards", limit, reverse)


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(metavar="TEXT...", help='Words, "a phrase" or a prefix*.')],
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    year: YearOpt = None,
    topic: TopicOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", min=0, help="Show the best N hits; 0 shows all.")
    ] = 20,
    sort: Annotated[
        Sort, typer.Option("--sort", help="Best first (relevance), or the shown hits in date order.")
    ] = Sort.relevance,
    reverse: ReverseOpt = False,
    as_json: JsonOpt = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Records that answer a question or hold its words, best first.

    \b
    Examples:
      tajru search border guards
      tajru search which hydropower plant does russia own
      tajru search '"201st military base"' --json

    Type words as you would ask: word forms (guard, guards), British and American
    spellings, a compound written apart or together, any name of a person, a
    misspelling and Cyrillic all find their records, and the output says what
    was searched instead. Records holding every word come first, ranked by
    their words and by meaning; when none holds them all, those holding most of
    them. "Quoted words" must stand together, a word ending in * is a prefix,
    OR joins two choices and -word or NOT word leaves records out.
    """
    store = open_store(data, include)
    if sys.stderr.isatty():
        store.ensure_search_index(progress=lambda step: say(f"{step} (once, for the search index)"))
    found = store.search(
        query(store, date_from, date_to, year, topic, actor, kind, " ".join(words)), limit=limit or None
    )
    hits = found.hits
    if sort == Sort.date:  # the best N, then in the order of the chronology, undated last
        dated = sorted((h for h in hits if h.record.date), key=lambda h: h.record.date.sort_key())  # type: ignore[union-attr]
        hits = (dated[::-1] if reverse else dated) + [h for h in hits if not h.record.date]
    elif reverse:
        hits = hits[::-1]
    for note in found.notes:
        say(note)
    if hits and not any(h.match == "all" for h in hits):
        say(coverage(store))
    if not hits:
        say(nothing_matched(store))
    elif len(hits) < found.total:
        say(f"the best {len(hits)} of {found.total} hits; --limit 0 shows them all")
    if as_json:
        from tajru.formats.json_docs import hits_json

        out(hits_json(store.registries, hits))
    elif hits and one_record_a_line():
        from tajru.views.lines import hit_lines

        out(hit_lines(store.registries, hits))
    elif hits:
        from tajru.views.listings import search_results

        show(search_results(store.registries, hits))


def coverage(store: "Store") -> str:
    """What the store covers, in one line, for a search that nothing answers in full."""
    from tajru.labels import store_scope

    return (
        f"the store knows only what its records say: {store_scope(store.registries, store.extent())}; "
        "'tajru sources' lists them, and 'tajru add' keeps what you find elsewhere"
    )


@app.command("show")
def show_record(
    record_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...", help="Records' ids, as every listing shows them.", autocompletion=complete_record
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the record as a JSON object (several: an array) instead.")
    ] = False,
    cite: Annotated[
        bool, typer.Option("--cite", help="Print only a ready-to-paste citation, with its locator.")
    ] = False,
    cite_format: Annotated[
        CiteFormat,
        typer.Option(
            "--format",
            help="With --cite: 'text', the full citation, or 'pandoc', a citation like "
            "[@sethi-2017, Military Relations, note 24] that pandoc --citeproc formats.",
        ),
    ] = CiteFormat.text,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Records in full, with their evidence.

    \b
    Examples:
      tajru show putin-201st-presence-2003
      tajru show language-law-1989 --cite
      tajru show language-law-1989 russians-share-of-population --json

    Shows every field, then each source with its locator and the verbatim
    evidence passage; several ids, one record after another.
    """
    store = open_store(data, include)
    records = records_by_id(store, record_ids)
    if cite_format is not CiteFormat.text and not cite:
        raise UsageError("--format chooses how --cite writes a citation", hint="add --cite")
    if cite and cite_format is CiteFormat.pandoc:
        from tajru.formats.markdown import pandoc_citation

        out(as_data("".join(pandoc_citation(r) + "\n" for r in records)))
    elif cite:
        from tajru.formats.citations import record_citation
        from tajru.text import literal

        out("".join(literal(record_citation(store.registries, r)).rstrip("\n") + "\n" for r in records))
    elif as_json:
        from tajru.formats.json_docs import record_document, records_json

        single = len(records) == 1
        out(
            record_document(store.registries, records[0])
            if single
            else records_json(store.registries, records)
        )
    else:
        from rich.console import Group
        from rich.text import Text

        from tajru.views.detail import detail

        parts = [detail(store.registries, r) for r in records]
        show(Group(*(p for n, part in enumerate(parts) for p in ([Text("")] if n else []) + [part])))
