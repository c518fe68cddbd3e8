"""Plain text and Markdown: the bytes decoded by their byte-order mark or as UTF-8, and a Markdown
file's paragraphs (its blocks between blank lines, each heading and list item its own), one a line."""

from __future__ import annotations

import re
from pathlib import Path

from tajru.documents import FORMS, refuse

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decoded(path: Path, raw: bytes, declared: str | None = None) -> str:
    """The text, by its byte-order mark, else its declared encoding, else as UTF-8; refused naming the
    file, the byte and how to convert it when none of them reads it. A text is never guessed at: a
    wrong guess would turn every evidence passage into other characters."""
    for mark, codec in _BOMS:
        if raw.startswith(mark):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as err:
                raise refuse(
                    path, f"is not {codec.upper()} text as its byte-order mark says (byte {err.start})"
                ) from None
    if declared:
        try:
            return raw.decode(declared)
        except LookupError:
            raise refuse(
                path, f"declares the encoding '{declared[:40]}', which is not one Python knows"
            ) from None
        except UnicodeDecodeError as err:
            raise refuse(path, f"is not {declared} text as it declares (byte {err.start})") from None
    if b"\0" in raw[:4096] or _controls(raw[:4096]):
        raise refuse(path, f"is a binary file, not a document tajru reads ({FORMS})")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise refuse(
            path,
            f"is not UTF-8 text (byte {err.start}, line {line}); convert it first, like "
            f"'iconv -f WINDOWS-1252 -t UTF-8', naming the encoding it is in",
        ) from None


def _controls(head: bytes) -> bool:
    """Whether the bytes hold control characters that no text holds (a binary file without NULs)."""
    bad = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bad > max(4, len(head) // 100)


_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def markdown_paragraphs(text: str) -> list[str]:
    """A Markdown text's paragraphs, one a line: the lines of a block joined, each heading (without its
    #s), list item and fenced code line its own. Other markup is kept as written."""
    paragraphs: list[str] = []
    current: list[str] = []
    fenced = False

    def close() -> None:
        if current:
            paragraphs.append(" ".join(part.strip() for part in current))
            current.clear()

    for line in text.splitlines():
        if _FENCE.match(line):
            close()
            fenced = not fenced
            continue
        if fenced:
            if line.strip():
                paragraphs.append(line.strip())
            continue
        if not line.strip():
            close()
        elif _HEADING.match(line):
            close()
            paragraphs.append(_HEADING.sub("", line).strip())  # a heading's words, without its marks
        elif _BLOCK_START.match(line):
            close()
            current.append(line)
        else:
            current.append(line)
    close()
    return paragraphs
