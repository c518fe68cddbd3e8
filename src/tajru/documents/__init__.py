"""Documents as users have them, read into the text that locators count in: plain text and Markdown
(one paragraph a line), PDF (pages separated by form feeds) and saved web pages (their main text, one
paragraph a line), with what the document says about itself (title, author, date).

`verify`, `add` and `draft` all read a source's file through read_document, so a passage drafted from
a PDF is checked against the same text. A file that is not a document tajru can read is refused with
one line naming it (DocumentError); nothing here prints.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from tajru.errors import TajruError


class DocumentError(TajruError):
    """A file that cannot be read as a document: its message names the file and says why, in one line."""

    exit_code = 1


class Metadata(NamedTuple):
    """What a document says about itself; None where it says nothing (nothing is guessed)."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # "2025", "2025-10" or "2025-10-09", as the document dates itself
    published_in: str | None = None
    url: str | None = None
    doi: str | None = None
    made: str | None = None  # when the file was made (a PDF's CreationDate): not its publication date


class Document(NamedTuple):
    """A document's text as locators count in it, how they count, and what it says about itself."""

    path: Path
    form: str  # "text", "markdown", "pdf" or "html"
    text: str
    locators: str  # "paragraph" or "page"
    meta: Metadata


# The first bytes of files that are not documents, and what they are, so that a refusal can say it.
_NOT_DOCUMENTS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub is one: save it as PDF or text first)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (save it as PDF or text first)"),
)
FORMS = "plain text, Markdown, PDF or HTML"


def refuse(path: Path, why: str) -> DocumentError:
    return DocumentError(f"{path}: {why}")


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing file, a folder, a device or one over the size limit is refused."""
    from tajru.settings import max_store_bytes

    limit = max_store_bytes()
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise refuse(path, "is a folder, not a document")
        if not stat.S_ISREG(info.st_mode):
            raise refuse(path, "is not a regular file (a pipe, device or socket)")
        if info.st_size > limit:
            raise refuse(
                path, f"is {info.st_size:,} bytes, over the limit of {limit:,}; TAJRU_MAX_BYTES raises it"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse(path, "no such file") from None
    except OSError as err:
        raise refuse(path, f"cannot be read: {err.strerror or err}") from None


def form_of(path: Path, raw: bytes) -> str:
    """Which kind of document the bytes are: by what they hold first, then by the file's name."""
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if raw.startswith(b"%PDF-") or raw[:1024].find(b"%PDF-") >= 0 and path.suffix.lower() == ".pdf":
        return "pdf"
    for magic, what in _NOT_DOCUMENTS:
        if raw.startswith(magic):
            raise refuse(path, f"is {what}, not a document tajru reads ({FORMS})")
    if path.suffix.lower() == ".pdf":
        raise refuse(path, "is named .pdf but is not a PDF (it does not start with %PDF-)")
    if head.startswith((b"<!doctype html", b"<html")) or path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return "html"
    if path.suffix.lower() in (".md", ".markdown"):
        return "markdown"
    return "text"


def read_document(path: Path) -> Document:
    """The document at path, read by its kind; a DocumentError naming the file when it cannot be."""
    raw = read_bytes(path)
    form = form_of(path, raw)
    if form == "pdf":
        from tajru.documents.pdf import read_pdf

        pages, meta = read_pdf(path, raw)
        return Document(path, form, "\f".join(pages), "page", meta)
    if form == "html":
        from tajru.documents.html import read_html

        paragraphs, meta = read_html(path, raw)
        return Document(path, form, "\n".join(paragraphs), "paragraph", meta)
    from tajru.documents.plain import decoded, markdown_paragraphs

    text = decoded(path, raw)
    if form == "markdown":
        text = "\n".join(markdown_paragraphs(text))
    if not text.strip():
        raise refuse(path, "holds no text")
    return Document(path, form, text, "paragraph", Metadata())
