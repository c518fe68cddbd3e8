"""PDF: each page's text layer, read with pypdf (pure Python, imported only here), and the document's
info (title, author). Page N is the PDF's Nth page, whatever number is printed on it.

Ligatures (ﬁ, ﬂ) are the letters they print, and soft hyphens are not text: both are read as such, so
that a passage copied from the page is found in it.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from tajru.documents import Metadata, refuse

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\xad": ""}
)


def read_pdf(path: Path, raw: bytes) -> tuple[list[str], Metadata]:
    """The text of each page, and the document's info; refused when there is no text to read."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise refuse(path, "is a PDF, and reading one needs pypdf: pip install pypdf") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not the user's
    try:
        reader = PdfReader(io.BytesIO(raw))
        locked = reader.is_encrypted and not _opened(reader)
        pages = [] if locked else [(page.extract_text() or "").translate(_LIGATURES) for page in reader.pages]
        info = None if locked else reader.metadata
    except PdfReadError as err:
        raise refuse(path, f"is not a readable PDF ({_one_line(err)})") from None
    except Exception as err:  # pypdf raises many kinds on a damaged file; each is a bad document here
        raise refuse(path, f"is a damaged PDF ({type(err).__name__}: {_one_line(err)})") from None
    if locked:
        raise refuse(path, "is an encrypted PDF that needs a password; save an unlocked copy to read it")
    if not pages:
        raise refuse(path, "is a PDF with no pages")
    if not any(page.strip() for page in pages):
        raise refuse(
            path,
            f"is a PDF with no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''} of images, as a "
            "scan is); run OCR on it first, like 'ocrmypdf in.pdf out.pdf'",
        )
    return pages, _metadata(info)


def _opened(reader: object) -> bool:
    """Whether an encrypted PDF opens without a password, as most 'protected' PDFs do."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # an algorithm pypdf cannot run without an extra package is a locked PDF here
        return False


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:120] or type(err).__name__


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def _metadata(info: object) -> Metadata:
    """The PDF's Title and Author when it gives them; its CreationDate as when the file was made."""
    if info is None:
        return Metadata()

    def field(name: str) -> str | None:
        try:
            value = info.get(name)  # type: ignore[attr-defined]
        except Exception:
            return None
        text = " ".join(str(value).split()) if value is not None else ""
        return text or None

    made = None
    if (created := field("/CreationDate")) and (found := _PDF_DATE.match(created)):
        made = "-".join(part for part in found.groups() if part)
    return Metadata(title=field("/Title"), author=field("/Author"), made=made)
