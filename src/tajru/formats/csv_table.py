"""Records as RFC 4180 CSV for spreadsheets: one row a record, list cells joined by "; "."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tajru.formats.json_docs import record_json
from tajru.labels import full_citation
from tajru.model import Record, Registries

CSV_COLUMNS = (
    "id",
    "kind",
    "date",
    "date_precision",
    "date_inferred",
    "end",
    "date_note",
    "title",
    "text",
    "value",
    "unit",
    "qualifier",
    "speaker",
    "speaker_name",
    "quote",
    "context",
    "caveat",
    "topics",
    "actors",
    "sources",
    "locators",
    "evidence",
    "citation",
    "formerly",
    "file",
)
LIST_SEPARATOR = "; "
_LIST_SPECIAL = re.compile(r"[\\;]")


def join_list(items: Iterable[str]) -> str:
    """Items joined by "; ", with a backslash before any ';' or '\\' in an item, so the cell splits back.

    Ids never hold either character, so only free text (locators, evidence) is ever escaped.
    """
    return LIST_SEPARATOR.join(_LIST_SPECIAL.sub(r"\\\g<0>", item) for item in items)


def split_list(cell: str) -> list[str]:
    """The inverse of join_list: the items of a list cell of to_csv."""
    if cell == "":
        return []
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ";":
            items.append("".join(current))
            current = []
            next(chars, None)  # the space of the separator
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def _cell(value: Any) -> str:
    if value is True:
        return "true"
    if value is None or value is False:
        return ""
    return str(value)


def csv_row(reg: Registries, record: Record) -> dict[str, str]:
    """One record as the cells of its CSV row, by column name."""
    data = record_json(reg, record)
    row = {name: _cell(data.get(name)) for name in CSV_COLUMNS}
    row["topics"] = join_list(record.topics)
    row["actors"] = join_list(record.actors)
    row["sources"] = join_list(c.source for c in record.citations)
    row["locators"] = join_list(c.locator for c in record.citations)
    row["evidence"] = join_list(c.evidence for c in record.citations)
    row["citation"] = " ".join(full_citation(reg, record))  # the one full style, ready to paste
    row["formerly"] = join_list(record.formerly)
    return row


def to_csv(reg: Registries, records: Sequence[Record]) -> str:
    """RFC 4180 CSV: a header row, then one row per record; list cells joined by "; " (see join_list)."""
    return "".join(csv_pieces(reg, records))


def csv_pieces(reg: Registries, records: Iterable[Record]) -> Iterator[str]:
    """to_csv's header, then its rows one at a time, as the records come."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(reg, record))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()
