"""JSON for scripts: records as the data contract has them (with the speaker's name), registries, counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tajru.model import Actor, Hit, Record, Registries, Tally
from tajru.text import json_safe
from tajru.verify import Check


def _document(value: object) -> str:
    """A whole JSON document, indented for people who read it, ending with a newline as a text file does."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def record_json(reg: Registries, record: Record) -> dict[str, Any]:
    """The record as the data contract has it, with its date's precision and inferred flag beside the date
    (present for every dated record, so a script can sort and filter all kinds by one set of fields)."""
    out = record.to_dict()
    if record.date is not None:
        dated = {
            "date": out.pop("date"),
            "date_precision": record.date.precision,
            "date_inferred": record.date_inferred,
        }
        out.pop("date_inferred", None)
        out = {"id": out.pop("id"), "kind": out.pop("kind"), **dated, **out}
    if record.speaker is not None:
        out["speaker_name"] = reg.actors[record.speaker].name
    return out


def hits_json(reg: Registries, hits: Sequence[Hit]) -> str:
    """Search hits as a JSON array of records, each with how it matched ('all', 'some' or 'meaning') and
    the typed words it lacks."""
    return _document(
        [{**record_json(reg, h.record), "match": h.match, "missing": list(h.missing)} for h in hits]
    )


def record_document(reg: Registries, record: Record) -> str:
    """One record as a JSON document, as `tajru show ID --json` prints it."""
    return _document(record_json(reg, record))


def records_json(reg: Registries, records: Sequence[Record]) -> str:
    return _document([record_json(reg, r) for r in records])


def records_json_pieces(reg: Registries, records: Iterable[Record]) -> Iterator[str]:
    """records_json's text in pieces, a record each, for writing as the records are read: joined,
    the pieces are the same document, byte for byte."""
    first = True
    for record in records:
        item = json_safe(json.dumps(record_json(reg, record), ensure_ascii=False, indent=2)).replace(
            "\n", "\n  "
        )
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def sources_json(reg: Registries, counts: dict[str, dict[str, int]]) -> str:
    """Each source with the fields of the data contract, its formatted citation and its record counts."""
    out = []
    for source in reg.sources.values():
        fields = {k: v for k, v in source._asdict().items() if v not in (None, False, ()) and k != "layer"}
        if source.published is not None:
            fields["published"] = str(source.published)
        if source.sections:
            fields["sections"] = [s._asdict() for s in source.sections]
        out.append({**fields, "citation": source.citation, "records": counts[source.id]})
    return _document(out)


def topics_json(reg: Registries, tally: Tally) -> str:
    out = [{**t._asdict(), "records": tally.topics.get(t.id, 0)} for t in reg.topics.values()]
    return _document(out)


def actors_json(reg: Registries, tally: Tally) -> str:
    out = [
        {**a._asdict(), "aliases": list(a.aliases), "records": tally.actors.get(a.id, 0)}
        for a in reg.actors.values()
    ]
    return _document(out)


def actor_document(reg: Registries, actor: Actor, records: Sequence[Record]) -> str:
    """An actor with the fields of the data contract and the records that involve them."""
    return _document(
        {**actor._asdict(), "aliases": list(actor.aliases), "records": [record_json(reg, r) for r in records]}
    )


def stats_json(tally: Tally) -> str:
    out = {
        "records": sum(tally.kinds.values()),
        "kinds": tally.kinds,
        "topics": tally.topics,
        "sources": tally.sources,
        "years": {str(y): n for y, n in tally.years.items()},
        "undated": tally.undated,
    }
    return _document(out)


def to_json(reg: Registries, records: Sequence[Record]) -> str:
    """The records as one JSON array, exactly as `--json` writes them."""
    return records_json(reg, records)


def to_ndjson(reg: Registries, records: Sequence[Record]) -> str:
    """One compact JSON object per line, each the object to_json has for the record."""
    return "".join(ndjson_pieces(reg, records))


def ndjson_pieces(reg: Registries, records: Iterable[Record]) -> Iterator[str]:
    """to_ndjson's lines, a record each, as the records come."""
    for record in records:
        # json_safe also escapes what some line readers (str.splitlines, JavaScript) take for a line
        # break, so that a line is always exactly one object.
        yield (
            json_safe(json.dumps(record_json(reg, record), ensure_ascii=False, separators=(",", ":"))) + "\n"
        )


def checks_json(checks: Sequence[Check]) -> str:
    """Every check of `tajru verify`, passed or not, with "ok" and, for a failure, what was found instead."""
    return _document([{**c._asdict(), "ok": c.ok} for c in checks])
