"""The values a store holds and a query returns: sources, actors, topics, records, hits and tallies."""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from tajru.dates import PartialDate
from tajru.fields import KINDS as KINDS  # the format's own names, re-exported beside the values
from tajru.fields import Kind as Kind


class Section(NamedTuple):
    """A stretch of a document that 'section-note' locators name, and the words its first line holds."""

    name: str
    starts: str | None = None


class Source(NamedTuple):
    """A document the facts come from, described only as far as the document itself says."""

    id: str
    kind: str
    file: str | None = None
    locators: str | None = None
    sections: tuple[Section, ...] = ()
    ignore: tuple[str, ...] = ()
    title: str | None = None
    author: str | None = None
    published_in: str | None = None
    year: int | None = None
    year_inferred: bool = False
    pages: str | None = None
    note: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    doi: str | None = None
    layer: str | None = None  # the layer file that defines it; None for the main store's own

    @property
    def issued(self) -> int | None:
        """The year of publication: the year given, or the published date's."""
        return self.year if self.year is not None else (self.published.year if self.published else None)

    @property
    def short(self) -> str:
        """'Sethi 2017', or the title's head for an anonymous piece: 'Dushanbe Dialogue 2025'."""
        if self.author:
            head = self.author.split()[-1]
        elif self.title:
            head = self.title.split(":")[0].strip()
        else:
            head = self.id
        return f"{head} {self.issued}" if self.issued else head

    @property
    def citation(self) -> str:
        """A full reference built only from what the document gives; missing parts stay missing."""
        when = (
            self.published.display() if self.published and self.published.precision != "year" else self.issued
        )
        year = f"({when}{', year inferred' if self.year_inferred else ''})" if when else "(n.d.)"
        who = f"{self.author} {year}." if self.author else ""
        what = f"“{self.title}”" + ("." if self.author else f" {year}.") if self.title else ""
        venue = ", ".join(p for p in (self.published_in, f"pp. {self.pages}" if self.pages else None) if p)
        link = f"https://doi.org/{self.doi}" if self.doi else self.url
        return " ".join(p for p in (who, what, f"{venue}." if venue else "", link or "") if p)


class Actor(NamedTuple):
    """A person, state, organisation, military unit, company or place, with its name forms."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    terms: tuple[str, ...] = ()  # entry terms for search: words that stand for the actor, not its names

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def words(self) -> tuple[str, ...]:
        """The words of its several-word names that may stand for it alone, like a surname: those written
        with a capital or a digit ('Putin', '201st'), never the 'of' or 'and' between them."""
        split = (w for name in self.names if " " in name.strip() for w in name.split())
        return tuple(dict.fromkeys(w for w in split if w[:1].isupper() or w[:1].isdigit()))

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form a NAME may take: the id, each name and alias, and each word of them (a surname)."""
        return tuple(dict.fromkeys((self.id, *self.names, *self.words)))


class Topic(NamedTuple):
    id: str
    label: str
    description: str | None = None
    terms: tuple[str, ...] = ()  # entry terms for search: the everyday words for the topic


class Citation(NamedTuple):
    """Where in a source a record is supported, with the supporting words themselves."""

    source: str
    locator: str
    evidence: str


class Record(NamedTuple):
    """An event, a figure, a quote or an assertion. Fields that do not apply to a kind stay None."""

    id: str
    kind: Kind
    title: str
    topics: tuple[str, ...]
    actors: tuple[str, ...]
    citations: tuple[Citation, ...]
    date: PartialDate | None = None
    end: PartialDate | None = None
    date_inferred: bool = False
    date_note: str | None = None
    text: str | None = None
    caveat: str | None = None
    value: int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    speaker: str | None = None
    quote: str | None = None
    context: str | None = None
    formerly: tuple[str, ...] = ()  # ids it had before it was renamed
    file: str | None = None  # the layer it was read from; None for the main store's own records

    @property
    def span(self) -> tuple[datetime.date, datetime.date] | None:
        """First and last day the record covers, or None when it is undated."""
        start = self.date
        if start is None:
            return None
        return (start.first_day, (self.end or start).last_day)

    def to_dict(self) -> dict[str, Any]:
        """The record as the data contract writes it: dates as strings, absent fields left out."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.formerly:
            out["formerly"] = list(self.formerly)
        for name in ("date", "end"):
            value = getattr(self, name)
            if value is not None:
                out[name] = str(value)
        if self.date_inferred:
            out["date_inferred"] = True
        for name in ("date_note", "title", "text"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        for name in ("value", "unit", "qualifier"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        for name in ("speaker", "quote", "context", "caveat"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out["topics"] = list(self.topics)
        out["actors"] = list(self.actors)
        out["sources"] = [
            {"id": c.source, "locator": c.locator, "evidence": c.evidence} for c in self.citations
        ]
        if self.file is not None:
            out["file"] = self.file
        return out


class Dataset(NamedTuple):
    """Everything one validated store file holds, in file order."""

    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    records: tuple[Record, ...]


def _date(value: Any) -> PartialDate | None:
    return PartialDate.parse(value) if value is not None else None


def record_from_dict(data: dict[str, Any]) -> Record:
    """The inverse of Record.to_dict, for records read back from the compiled cache."""
    return Record(
        id=data["id"],
        kind=data["kind"],
        title=data["title"],
        topics=tuple(data["topics"]),
        actors=tuple(data["actors"]),
        citations=tuple(Citation(c["id"], c["locator"], c["evidence"]) for c in data["sources"]),
        date=_date(data.get("date")),
        end=_date(data.get("end")),
        date_inferred=data.get("date_inferred", False),
        date_note=data.get("date_note"),
        text=data.get("text"),
        caveat=data.get("caveat"),
        value=data.get("value"),
        unit=data.get("unit"),
        qualifier=data.get("qualifier"),
        speaker=data.get("speaker"),
        quote=data.get("quote"),
        context=data.get("context"),
        formerly=tuple(data.get("formerly", ())),
        file=data.get("file"),
    )


class Registries(NamedTuple):
    """The sources, actors and topics that records refer to, by id, in store order.

    Views and formats take these plain dictionaries, never the SQLite-backed store.
    """

    sources: dict[str, Source]
    actors: dict[str, Actor]
    topics: dict[str, Topic]


def _source(fields: dict[str, Any]) -> Source:
    """A source from the compiled cache's JSON, where tuples came back as lists and a date as its text."""
    sections = tuple(Section(*s) for s in fields.get("sections", ()))
    kept = fields.get("published")
    published = PartialDate(*kept) if isinstance(kept, list) else _date(kept)
    return Source(
        **{**fields, "sections": sections, "ignore": tuple(fields.get("ignore", ())), "published": published}
    )


def registries_from_dicts(
    sources: list[dict[str, Any]], actors: list[dict[str, Any]], topics: list[dict[str, Any]]
) -> Registries:
    """Registries from their fields as the compiled cache keeps them (lists where tuples were)."""
    return Registries(
        sources={s["id"]: _source(s) for s in sources},
        actors={
            a["id"]: Actor(**{**a, "aliases": tuple(a["aliases"]), "terms": tuple(a.get("terms", ()))})
            for a in actors
        },
        topics={t["id"]: Topic(**{**t, "terms": tuple(t.get("terms", ()))}) for t in topics},
    )


# Around the matched words in a Hit's title and snippet. Control characters, so that data
# (where the views show them escaped) cannot be mistaken for them.
MATCH_START, MATCH_END = "\x02", "\x03"


class Hit(NamedTuple):
    """A record found by its words, with its title and best passage marked where they match.

    marked is False when the record's own words hold a marker character: then title and
    snippet are the record's title and an empty passage, never misread as highlights.
    """

    record: Record
    title: str
    snippet: str
    marked: bool
    match: str = "all"  # how it matched: 'all' the searched words, 'some' of them, or 'meaning' alone
    missing: tuple[str, ...] = ()  # the typed words it lacks


class Tally(NamedTuple):
    """Counts of records by kind (every kind, zeros too), topic, actor, source and year of their first day."""

    kinds: dict[str, int]
    topics: dict[str, int]
    actors: dict[str, int]
    sources: dict[str, int]
    years: dict[int, int]
    undated: int
