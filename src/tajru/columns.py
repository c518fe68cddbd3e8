"""What each record puts in the compiled index's columns: its days, date precision, searchable text, links.

Plain Python values, in the order of tajru.index's tables; the SQL that stores them is there.
"""

from __future__ import annotations

import json

from tajru.model import Dataset

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}

Row = tuple[object, ...]


def rows(data: Dataset) -> tuple[list[Row], list[Row], list[Row], list[Row], list[Row]]:
    """Rows of the records, records_text, record_topics, record_actors and record_sources tables.

    A record's actors include its speaker. Its searchable text is in four parts, weighed
    apart by the ranking: title; its own words; the names of the people and bodies
    involved; locators and evidence.
    """
    names = {a.id: ", ".join(a.names) for a in data.actors}
    records: list[Row] = []
    texts: list[Row] = []
    topics: list[Row] = []
    actors: list[Row] = []
    sources: list[Row] = []
    for position, record in enumerate(data.records):
        span, when = record.span, record.when
        people = dict.fromkeys((*record.actors, *((record.speaker,) if record.speaker else ())))
        prose = (record.text, record.quote, record.context, record.caveat, record.date_note, record.unit)
        texts.append((
            position,
            record.title,
            " | ".join(w for w in prose if w),
            " | ".join(names[a] for a in people),
            " | ".join(f"{c.locator}: {c.evidence}" for c in record.citations),
        ))  # fmt: skip
        records.append((
            position, record.id, record.kind,
            span[0].toordinal() if span else None, span[1].toordinal() if span else None,
            _PRECISION_RANK[when.precision] if when else 0,
            record.speaker, json.dumps(record.to_dict(), ensure_ascii=False),
        ))  # fmt: skip
        topics += [(t, position) for t in record.topics]
        actors += [(a, position) for a in people]
        sources += [(s, position) for s in dict.fromkeys(c.source for c in record.citations)]
    return records, texts, topics, actors, sources
