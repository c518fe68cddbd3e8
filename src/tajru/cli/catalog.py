"""The commands that describe the store: its sources, topics and actors, and the shape of any selection."""

# No `from __future__ import annotations`: Typer reads these signatures on every run.
from typing import Annotated

import typer

from tajru.cli.app import app
from tajru.cli.options import (
    ActorOpt,
    CitationFormat,
    DataOpt,
    FromOpt,
    IncludeOpt,
    KindOpt,
    Period,
    SearchOpt,
    ToOpt,
    TopicOpt,
    YearOpt,
    complete_actor,
    open_store,
    query,
    summary,
)
from tajru.cli.output import as_data, one_record_a_line, out, show


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
    store = open_store(data, include)
    if citation_format is not None:
        from tajru.formats import references

        out(as_data(references(citation_format.value, store.registries)))
    elif as_json:
        from tajru.formats.json_docs import sources_json

        out(sources_json(store.registries, store.count_by_source()))
    else:
        from tajru.views.detail import sources_view

        show(sources_view(store.registries, store.count_by_source(), summary(store)))


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
    store = open_store(data, include)
    if as_json:
        from tajru.formats.json_docs import topics_json

        out(topics_json(store.registries, store.tally()))
    elif one_record_a_line():
        from tajru.views.lines import topic_lines

        out(topic_lines(store.registries, store.tally()))
    else:
        from tajru.views.overview import topics_view

        show(topics_view(store.registries, store.tally()))


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
    store = open_store(data, include)
    if as_json:
        from tajru.formats.json_docs import actors_json

        out(actors_json(store.registries, store.tally()))
    elif one_record_a_line():
        from tajru.views.lines import actor_lines

        out(actor_lines(store.registries, store.tally()))
    else:
        from tajru.views.overview import actors_view

        show(actors_view(store.registries, store.tally()))


@app.command()
def who(
    name: Annotated[
        list[str],
        typer.Argument(metavar="NAME...", help="Any name of the actor.", autocompletion=complete_actor),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the actor and their records as a JSON object instead.")
    ] = False,
    data: DataOpt = None,
    include: IncludeOpt = None,
) -> None:
    """Who someone is: their names, what they are, and every record that involves them.

    \b
    Examples:
      tajru who rustam emomali
      tajru who massoud
      tajru who putin --json

    NAME matches an id, a name, any alias, a surname or a unique prefix, as
    everywhere. Their own words (quotes) come first, then events and figures.
    """
    from tajru.query import Query

    store = open_store(data, include)
    actor = store.actor(" ".join(name))
    records = store.select(Query(actors=frozenset({actor.id})))
    if as_json:
        from tajru.formats.json_docs import actor_document

        said = [r for r in records if r.speaker == actor.id]
        out(actor_document(store.registries, actor, said + [r for r in records if r not in said]))
    else:
        from tajru.views.detail import who_view

        show(who_view(store.registries, actor, records))


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
    store = open_store(data, include)
    counts = store.tally(query(store, date_from, date_to, year, topic, actor, kind, search))
    if as_json:
        from tajru.formats.json_docs import stats_json

        out(stats_json(counts))
    else:
        from tajru.views.overview import stats_view

        show(stats_view(store.registries, counts, by.value, summary(store)))
