"""Small PDFs written byte by byte for the tests: pages of text in a standard font (no library, no
browser), a page with no text layer, as a scan has, and an encrypted one made with pypdf."""

from __future__ import annotations

from pathlib import Path


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(path: Path, pages: list[list[str]], title: str | None = None, author: str | None = None) -> Path:
    """A PDF whose pages hold these lines of text (Latin-1), with an info dictionary when given one."""
    objects: list[bytes] = []
    kids = []
    font_ref = 3 + 2 * len(pages)
    for n, lines in enumerate(pages):
        page_no, content_no = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_no} 0 R")
        body = "BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(f"({_escaped(line)}) '" for line in lines) + " ET"
        stream = body.encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_no} 0 R "
            f"/Resources << /Font << /F1 {font_ref} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info = []
    if title:
        info.append(f"/Title ({_escaped(title)})")
    if author:
        info.append(f"/Author ({_escaped(author)})")
    objects.append(("<< " + " ".join(info) + " >>").encode("latin-1"))
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    everything = head + objects
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(everything, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(everything) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(everything) + 1} /Root 1 0 R /Info {len(everything)} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of pages with no text on them, as a scan without OCR is."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def encrypted_pdf(path: Path, source: Path, password: str = "secret") -> Path:
    """The source PDF locked with a password (RC4, which pypdf writes without other packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def printed_pdf(html: Path, path: Path) -> Path:
    """The page as headless Chromium prints it to PDF (A4-like defaults, text kept as text)."""
    import base64

    from browser import chromium
    from selenium.webdriver.common.print_page_options import PrintOptions

    with chromium() as driver:
        driver.get(html.resolve().as_uri())
        path.write_bytes(base64.b64decode(driver.print_page(PrintOptions())))
    return path


def news_page(text: str, path: Path) -> Path:
    """A plain text of a title line and paragraphs, one a line, as a web page: an h1 and a p each."""
    import html

    title, *paragraphs = text.splitlines()
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    path.write_text(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>",
        encoding="utf-8",
    )
    return path
