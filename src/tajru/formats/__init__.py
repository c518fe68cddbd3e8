"""Files for other tools, every export format registered here: its name, what it is, how it is written.

A format's writer takes the registries and the records and returns the whole file: text
ending with a newline, or bytes for a binary format, which goes to a file, never a terminal.
Writers are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
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
    # A text file written beside the output file, its name the output's stem and this suffix.
    companion: tuple[str, str] | None = None  # (suffix, "module:function")
    # The same file in pieces as the records come ("module:function"), for a format that can be
    # written as it is read: an export then holds one record at a time, and `| head` stops it.
    pieces: str | None = None

    def write(self, reg: Registries, records: Sequence[Record]) -> str | bytes:
        return _writer(self.writer)(reg, records)

    def companion_file(
        self, reg: Registries, records: Sequence[Record], output: Path
    ) -> tuple[Path, str] | None:
        """The file to write beside output, and its text; None for a format that has none."""
        beside = self.companion_path(output)
        if beside is None or self.companion is None:
            return None
        module, function = self.companion[1].split(":")
        writer = getattr(importlib.import_module(f"tajru.formats.{module}"), function)
        text: str = writer(reg, records, output)
        return beside, text

    def companion_path(self, output: Path) -> Path | None:
        """Where the file written beside output goes; None for a format that writes none."""
        if self.companion is None:
            return None
        return output.with_name(output.name.removesuffix(output.suffix) + self.companion[0])


def pieces_of(fmt: Format, reg: Registries, records: Iterable[Record]) -> Iterator[str]:
    """The format's file in pieces, as the records come; only for a format with pieces."""
    assert fmt.pieces is not None
    module, function = fmt.pieces.split(":")
    made: Iterator[str] = getattr(importlib.import_module(f"tajru.formats.{module}"), function)(reg, records)
    return made


def _writer(name: str) -> Writer:
    module, function = name.split(":")
    writer: Writer = getattr(importlib.import_module(f"tajru.formats.{module}"), function)
    return writer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            "a JSON array of records, as --json prints it",
            "json",
            False,
            "json_docs:to_json",
            pieces="json_docs:records_json_pieces",
        ),
        Format(
            "ndjson",
            "one JSON object a line",
            "ndjson",
            False,
            "json_docs:to_ndjson",
            pieces="json_docs:ndjson_pieces",
        ),
        Format(
            "csv",
            "RFC 4180, lists joined by '; ', for spreadsheets",
            "csv",
            False,
            "csv_table:to_csv",
            pieces="csv_table:csv_pieces",
        ),
        Format(
            "markdown",
            "a chronology by year with the citations as footnotes, to paste into a paper",
            "md",
            False,
            "markdown:to_markdown",
        ),
        Format(
            "html",
            "one self-contained page, a timeline to open offline or send, with a filter box",
            "html",
            False,
            "html_page:to_html",
        ),
        Format(
            "pandoc",
            "the chronology in Markdown with Pandoc citations, its references in the front matter and, "
            "with -o, beside it as CSL-JSON",
            "md",
            False,
            "markdown:to_pandoc_markdown",
            companion=(".references.json", "markdown:pandoc_references"),
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
            companion=(".metadata.json", "database:datasette_metadata"),
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
