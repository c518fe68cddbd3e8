"""Files for other tools, every export format registered here: its name, what it is, how it is written.

A format's writer takes the registries and the records and returns the whole file: text
ending with a newline, or bytes for a binary format, which goes to a file, never a terminal.
Writers are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import NamedTuple

from tajru.model import Record, Registries

Writer = Callable[[Registries, Sequence[Record]], "str | bytes"]


class Format(NamedTuple):
    name: str
    help: str
    extension: str
    binary: bool
    writer: str  # "module:function" under tajru.formats
    dated_only: bool = False  # the format can place dated records only (a timeline)

    def write(self, reg: Registries, records: Sequence[Record]) -> str | bytes:
        module, function = self.writer.split(":")
        writer: Writer = getattr(importlib.import_module(f"tajru.formats.{module}"), function)
        return writer(reg, records)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "a JSON array of records, as --json prints it", "json", False, "json_docs:to_json"),
        Format("ndjson", "one JSON object a line", "ndjson", False, "json_docs:to_ndjson"),
        Format("csv", "RFC 4180, lists joined by '; ', for spreadsheets", "csv", False, "csv_table:to_csv"),
        Format(
            "markdown",
            "a chronology by year with the citations as footnotes, to paste into a paper",
            "md",
            False,
            "markdown:to_markdown",
        ),
        Format(
            "timelinejs",
            "the JSON of a TimelineJS3 timeline",
            "json",
            False,
            "timelinejs:to_timelinejs",
            True,
        ),
        Format(
            "sqlite",
            "a database with full-text search, for Datasette or the sqlite3 shell",
            "db",
            True,
            "database:to_sqlite",
        ),
    )
}

# The sources as references for a reference manager or pandoc (`tajru sources --format`).
CITATION_FORMATS = {"bibtex": "citations:to_bibtex", "csl-json": "citations:to_csl_json"}


def references(name: str, reg: Registries) -> str:
    """Every source as a file of references in the named citation format."""
    module, function = CITATION_FORMATS[name].split(":")
    writer: Callable[[Registries], str] = getattr(
        importlib.import_module(f"tajru.formats.{module}"), function
    )
    return writer(reg)
