"""A store file's bytes cut into its records, found by their lines: a compile reads one at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from tajru.errors import DataError, Problem

_RECORDS_LINE = re.compile(rb"^records:[ \t]*(?:#.*)?$", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"^(?![ \t]*(?:#|\r?$))( *)(- )?", re.MULTILINE)  # the first line with content
_TOP_LEVEL = re.compile(rb"^(?=[^\s#-]|-\S)", re.MULTILINE)  # a line starting a top-level key


class Split(NamedTuple):
    """A store file cut in two: everything but its records (their lines left blank, so every line
    keeps its number), and its records one by one, each with the number of lines before it; read
    from the file's bytes as they are asked for, so that no more than one is held as text."""

    head: str
    total: int
    records: Iterator[tuple[int, str]]


def split_records(raw: bytes) -> Split | None:
    """The file's records one by one, found by their lines: the block list under a top-level
    'records:' line, an item starting wherever a line holds '- ' at the list's own indent (a
    continuation of a value is always indented further). None for any other layout, which is then
    read whole. raw must be valid UTF-8 (see utf8_checked)."""
    found = list(_RECORDS_LINE.finditer(raw))
    if len(found) != 1:
        return None
    line_end = raw.find(b"\n", found[0].end())
    begin = len(raw) if line_end < 0 else line_end + 1
    first = _FIRST_ITEM.search(raw, begin)
    if first is None or first[2] is None:
        return None  # no records under 'records:', a flow list, or something else
    indent = len(first[1])
    top = _TOP_LEVEL.search(raw, begin)  # never a line of the list: at column 0 its items start '- '
    end = top.start() if top is not None else len(raw)
    item = re.compile(rb"^ {%d}- " % indent, re.MULTILINE)
    starts = [m.start() for m in item.finditer(raw, begin, end)]
    blank = b"\n" * raw.count(b"\n", found[0].start(), end)
    head = (raw[: found[0].start()] + b"records: []" + blank + raw[end:]).decode("utf-8")

    def records() -> Iterator[tuple[int, str]]:
        line = raw.count(b"\n", 0, starts[0]) if starts else 0
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else end
            yield line, raw[start:stop].decode("utf-8")
            line += raw.count(b"\n", start, stop)

    return Split(head, len(starts), records())


def utf8_checked(raw: bytes, file: str) -> bytes:
    """The bytes without a byte-order mark, once known to be UTF-8 throughout; checked a megabyte at a
    time, so that the whole file is never held as text as well as bytes."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    for at in range(0, len(raw), step):
        try:
            decoder.decode(raw[at : at + step], final=at + step >= len(raw))
        except UnicodeDecodeError as err:
            where = at + err.start
            line = raw.count(b"\n", 0, where) + 1
            raise DataError([Problem(file, line, None, f"is not UTF-8 text (byte {where})")]) from None
    return raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw
