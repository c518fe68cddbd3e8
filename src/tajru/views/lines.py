"""Listings as one record a line, for pipes: grep, sort, cut and fzf see whole records.

Each line holds tab-separated fields: the date (ISO 8601 at its precision, a span as
start--end, or 'undated'), written so that `sort` puts lines in the timeline's order; how the
date is known ('stated', 'inferred' or 'undated'); the kind, the id, what the record says, the
short citation, then its caveat ('caveat: ...') and the layer it was read from ('file: ...') when
it has them. Tabs and line breaks inside a field are written as \\t and \\n, so a record never
spills onto a second line. No Rich here: a run into a pipe does not load it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tajru.labels import actor_name, actors_by_count, citations_label, figure_value
from tajru.model import Hit, Record, Registries, Tally
from tajru.text import literal

CAVEAT_FIELD = "caveat: "
FILE_FIELD = "file: "


def _field(value: str) -> str:
    return literal(value).replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def iso_date(record: Record) -> str:
    """'2003-04-26', '1998--2001' for a span, 'undated' when there is none.

    A span is ISO 8601's start--end, not start/end: '-' sorts before the digits and '/' after
    them, and a span must sort as its start does, before the finer dates of its first year."""
    if record.date is None:
        return "undated"
    return str(record.date) + (f"--{record.end}" if record.end else "")


def date_known(record: Record) -> str:
    return "undated" if record.date is None else "inferred" if record.date_inferred else "stated"


def _line(reg: Registries, record: Record, kind: str, says: str) -> str:
    fields = [iso_date(record), date_known(record), kind, record.id, says, citations_label(reg, record)]
    if record.caveat:
        fields.append(CAVEAT_FIELD + record.caveat)
    if record.file:
        fields.append(FILE_FIELD + record.file)
    return "\t".join(_field(f) for f in fields) + "\n"


def _says(record: Record) -> str:
    value = figure_value(record)
    return f"{record.title}: {value}" if value else record.title


def record_lines(reg: Registries, records: Sequence[Record]) -> str:
    """Timeline, facts and search results: what each record says, a figure with its value."""
    return "".join(_line(reg, r, r.kind, _says(r)) for r in records)


def quote_lines(reg: Registries, records: Sequence[Record]) -> str:
    """Words said: the speaker's words in quotation marks, or the source's account, marked reported."""
    lines = []
    for record in records:
        speaker = actor_name(reg, record.speaker)
        if record.quote is None:
            lines.append(_line(reg, record, "reported", f"{speaker}: {record.title}"))
        else:
            lines.append(_line(reg, record, record.kind, f"{speaker}: “{record.quote}” ({record.title})"))
    return "".join(lines)


MISSING_FIELD = "missing: "
MEANING_FIELD = "match: meaning"


def hit_lines(reg: Registries, hits: Sequence[Hit]) -> str:
    """Search hits as record lines; a partial hit adds 'missing: ...' (the typed words it lacks), and one
    found by meaning alone 'match: meaning', so a script can keep the hits that hold every word."""
    lines = []
    for hit in hits:
        line = _line(reg, hit.record, hit.record.kind, _says(hit.record))
        extra = [MEANING_FIELD] if hit.match == "meaning" else []
        extra += [MISSING_FIELD + ", ".join(hit.missing)] if hit.match != "all" and hit.missing else []
        lines.append(line[:-1] + "".join("\t" + _field(e) for e in extra) + "\n")
    return "".join(lines)


def _row(*fields: str) -> str:
    return "\t".join(_field(f) for f in fields if f) + "\n"


def actor_lines(reg: Registries, tally: Tally) -> str:
    """Actors as their listing orders them: id, record count, name, kind and other names, '; ' between."""
    return "".join(
        _row(a.id, str(tally.actors.get(a.id, 0)), a.name, a.kind, "; ".join(a.aliases))
        for a in actors_by_count(reg, tally)
    )


def topic_lines(reg: Registries, tally: Tally) -> str:
    """Topics: id, record count and label."""
    return "".join(_row(t.id, str(tally.topics.get(t.id, 0)), t.label) for t in reg.topics.values())


# The line form of each named view of tajru.views.listings.
FOR_VIEW = {
    "timeline": record_lines,
    "facts_table": record_lines,
    "quote_cards": quote_lines,
}
