"""A prepared query as SQL over the compiled tables: the one condition every reader of records uses, and
select, count, the undated left out, and tally.

Each filter is a condition on the records table, with its values as parameters; a consumer that joins
other tables (the search index) takes the chosen records as `position IN (SELECT position FROM records
WHERE ...)` (see chosen), never by splicing a condition onto another table's name.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from collections.abc import Iterator, Sequence

from tajru.model import KINDS, Record, Registries, Tally, record_from_dict
from tajru.query import Prepared

_CHRONOLOGICAL = " ORDER BY first_day IS NULL, first_day, rank, position"


def _longest_span(db: sqlite3.Connection) -> int | None:
    """The most days any record spans, as the compile kept it; None for a cache that has not."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'longest_span'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and row[0].isdigit() else None


def conditions(db: sqlite3.Connection, prepared: Prepared) -> tuple[str, list[object]]:
    """The query as one SQL condition on the records table, each part indexed."""
    query = prepared.query
    where: list[str] = []
    params: list[object] = []
    if query.kinds:
        where.append(f"kind IN ({','.join('?' * len(query.kinds))})")
        params += sorted(query.kinds)
    dates: list[str] = []
    if query.dated_only:
        dates.append("first_day IS NOT NULL")
    # No record spans more days than the longest does: a record ending on or after a day starts no
    # earlier than that day less the longest span. Said to SQLite, this bounds the range of starts it
    # reads from its index, so a year in a large store costs as little as the records it holds.
    longest = _longest_span(db)
    if query.start is not None:
        dates.append("last_day >= ?")
        params.append(query.start.toordinal())
        if longest is not None:
            dates.append("first_day >= ?")
            params.append(query.start.toordinal() - longest)
    if query.end is not None:
        dates.append("first_day <= ?")
        params.append(query.end.toordinal())
    if query.years:
        bounded = longest is not None
        one = (
            "(last_day >= ? AND first_day <= ? AND first_day >= ?)"
            if bounded
            else "(last_day >= ? AND first_day <= ?)"
        )
        dates.append("(" + " OR ".join(one for _ in query.years) + ")")
        for first, last in query.years:
            params += [first.toordinal(), last.toordinal()]
            params += [first.toordinal() - (longest or 0)] if bounded else []
    if dates:
        dated = " AND ".join(dates)
        where.append(f"(({dated}) OR first_day IS NULL)" if query.undated else dated)
    if query.spoken:
        where.append("speaker IS NOT NULL")
    if query.speakers:
        where.append(f"speaker IN ({','.join('?' * len(query.speakers))})")
        params += sorted(query.speakers)
    for table, column, values in (
        ("record_topics", "topic", query.topics),
        ("record_actors", "actor", query.actors),
    ):
        if values:
            marks = ",".join("?" * len(values))
            if dates and not query.undated:
                # A range of dates picks few records of a large store; each is then looked up in the
                # links, rather than every record of a topic being fetched to have its date checked.
                link = (
                    f"SELECT 1 FROM {table} t WHERE t.{column} IN ({marks}) AND t.position = records.position"
                )
                where.append(f"EXISTS ({link})")
            else:
                where.append(f"position IN (SELECT position FROM {table} WHERE {column} IN ({marks}))")
            params += sorted(values)
    if query.terms:
        from tajru.index.fts import match_expression  # only a run that searches words needs it

        searches = [(query.terms, query.excluded), *query.more]
        found = "position IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)"
        where.append("(" + " OR ".join(found for _ in searches) + ")")
        params += [match_expression(terms, excluded, own=True) for terms, excluded in searches]
    return " AND ".join(where), params


def select_lazily(db: sqlite3.Connection, prepared: Prepared) -> Iterator[Record]:
    """select's records one at a time, as SQLite finds them: a listing can write the first before the
    last is read, and stop reading when its reader has gone."""
    where, params = conditions(db, prepared)
    sql = "SELECT body FROM records" + (f" WHERE {where}" if where else "") + _CHRONOLOGICAL
    for (body,) in db.execute(sql, params):
        yield record_from_dict(json.loads(body))


def count(db: sqlite3.Connection, prepared: Prepared) -> int:
    where, params = conditions(db, prepared)
    return int(
        db.execute("SELECT count(*) FROM records" + (f" WHERE {where}" if where else ""), params).fetchone()[
            0
        ]
    )


def select(db: sqlite3.Connection, prepared: Prepared) -> list[Record]:
    """The records a query asks for, in chronological order, undated ones last.

    A record matches a range when its span shares at least a day with it, so an undated
    record never matches a range.
    """
    return list(select_lazily(db, prepared))


def undated_left_out(db: sqlite3.Connection, prepared: Prepared) -> int:
    """How many undated records the query's other filters hold, which its dates leave out.

    When the only other filter is topics or actors, the count is read off the links' own index of
    undated records, which costs little however many records a topic holds."""
    query = prepared.query
    links = [
        (t, c, v)
        for t, c, v in (("record_topics", "topic", query.topics), ("record_actors", "actor", query.actors))
        if v
    ]
    others = query.kinds or query.speakers or query.spoken or query.terms or query.excluded or query.more
    if len(links) == 1 and not others:
        table, column, values = links[0]
        marks = ",".join("?" * len(values))
        sql = f"SELECT count(DISTINCT position) FROM {table} WHERE {column} IN ({marks}) AND undated = 1"
        return int(db.execute(sql, sorted(values)).fetchone()[0])
    undated = prepared._replace(query=query._replace(start=None, end=None, years=(), dated_only=False))
    where, params = conditions(db, undated)
    sql = "SELECT count(*) FROM records WHERE first_day IS NULL" + (f" AND {where}" if where else "")
    return int(db.execute(sql, params).fetchone()[0])


def wanted(db: sqlite3.Connection, positions: Sequence[int], asked: str) -> set[int]:
    """Those of the records that are what a question asks for: dated, words said, or of a kind."""
    marks = ",".join("?" * len(positions))
    tests = {"dated": "first_day IS NOT NULL", "said": "speaker IS NOT NULL"}
    test = tests.get(asked, "kind = ?")
    extra = [] if asked in tests else [asked]
    sql = f"SELECT position FROM records WHERE position IN ({marks}) AND {test}"
    return {p for (p,) in db.execute(sql, [*positions, *extra])}


def tally(db: sqlite3.Connection, prepared: Prepared, registries: Registries) -> Tally:
    """How many records a query selects, by kind, topic, actor, source and year of their first day."""
    where, params = conditions(db, prepared)
    condition = f" WHERE {where}" if where else ""
    chosen = f"SELECT position FROM records{condition}"

    def counts(sql: str) -> dict[str, int]:
        return dict(db.execute(sql, params))

    def linked(name: str) -> dict[str, int]:
        return counts(
            f"SELECT {name}, count(*) FROM record_{name}s WHERE position IN ({chosen}) GROUP BY {name}"
        )

    years: dict[int, int] = {}
    undated = 0
    for (first_day,) in db.execute(f"SELECT first_day FROM records{condition}", params):
        if first_day is None:
            undated += 1
        else:
            year = datetime.date.fromordinal(first_day).year
            years[year] = years.get(year, 0) + 1
    by_kind = counts(f"SELECT kind, count(*) FROM records{condition} GROUP BY kind")
    by_topic, by_source = linked("topic"), linked("source")
    return Tally(
        kinds={k: by_kind.get(k, 0) for k in KINDS},
        topics={t: by_topic[t] for t in registries.topics if t in by_topic},
        actors=linked("actor"),
        sources={s: by_source[s] for s in registries.sources if s in by_source},
        years=dict(sorted(years.items())),
        undated=undated,
    )


def chosen(db: sqlite3.Connection, prepared: Prepared) -> tuple[str, list[object]] | None:
    """The records a query's filters (not its words) allow, as a subquery of positions; None for all."""
    filters = prepared._replace(query=prepared.query._replace(terms=(), excluded=(), more=()))
    where, params = conditions(db, filters)
    return (f"SELECT position FROM records WHERE {where}", params) if where else None
