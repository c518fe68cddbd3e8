"""Records as JSON for scripts: the data contract's fields, plus the speaker's resolved name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tajru.model import Record
from tajru.store import Store, Tally


def record_json(store: Store, record: Record) -> dict[str, Any]:
    out = record.to_dict()
    if record.speaker is not None:
        out["speaker_name"] = store.actors[record.speaker].name
    return out


def records_json(store: Store, records: Sequence[Record]) -> str:
    return json.dumps([record_json(store, r) for r in records], ensure_ascii=False, indent=2)


def sources_json(store: Store, counts: dict[str, dict[str, int]]) -> str:
    """Each source with the fields of the data contract, its formatted citation and its record counts."""
    out = []
    for source in store.sources.values():
        fields = {k: v for k, v in source._asdict().items() if v is not None and v is not False}
        out.append({**fields, "citation": source.citation, "records": counts[source.id]})
    return json.dumps(out, ensure_ascii=False, indent=2)


def topics_json(store: Store, tally: Tally) -> str:
    out = [{**t._asdict(), "records": tally.topics.get(t.id, 0)} for t in store.topics.values()]
    return json.dumps(out, ensure_ascii=False, indent=2)


def actors_json(store: Store, tally: Tally) -> str:
    out = [
        {**a._asdict(), "aliases": list(a.aliases), "records": tally.actors.get(a.id, 0)}
        for a in store.actors.values()
    ]
    return json.dumps(out, ensure_ascii=False, indent=2)


def stats_json(tally: Tally) -> str:
    out = {
        "records": sum(tally.kinds.values()),
        "kinds": tally.kinds,
        "topics": tally.topics,
        "sources": tally.sources,
        "years": {str(y): n for y, n in tally.years.items()},
        "undated": tally.undated,
    }
    return json.dumps(out, ensure_ascii=False, indent=2)
