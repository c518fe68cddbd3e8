"""Saved web pages: the main text, found by readability-lxml (the article, without menus, footers and
sidebars), one paragraph a line; and what the page's head says about it: its <title>, <meta
name="author">, the citation_* tags scholarly sites write and the article:* tags of news sites."""

from __future__ import annotations

import re
from pathlib import Path

from tajru.documents import Metadata, refuse

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARED = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre dt dd td th figcaption caption".split())
_DATE = re.compile(r"^(\d{4})(?:[-/](\d{2}))?(?:[-/](\d{2}))?")


def read_html(path: Path, raw: bytes) -> tuple[list[str], Metadata]:
    """The page's main text as paragraphs, and its metadata; refused when it has no text to read."""
    from tajru.documents.plain import decoded

    head = raw[:4096]
    found = _DECLARED.search(head) or _XML_DECLARED.search(head)
    text = decoded(path, raw, found[1].decode("ascii") if found else None)
    try:
        import lxml.html
        from readability import Document
    except ImportError as err:  # name what is missing: lxml_html_clean, not readability, on some installs
        missing = (err.name or "readability-lxml").split(".")[0].replace("readability", "readability-lxml")
        raise refuse(path, f"is a web page, and reading one needs {missing}: pip install {missing}") from None
    import logging

    logging.getLogger("readability").setLevel(logging.ERROR)  # its notes on the page are not the user's
    if not text.strip():
        raise refuse(path, "is an empty web page: it holds no text")
    try:
        page = lxml.html.document_fromstring(text)
    except Exception as err:  # lxml raises its own kinds on markup it cannot parse
        raise refuse(path, f"is a web page that cannot be parsed ({type(err).__name__})") from None
    visible = [t for t in page.xpath("//body//text()[not(ancestor::script or ancestor::style)]") if t.strip()]
    try:
        main = lxml.html.fragment_fromstring(Document(text).summary(html_partial=True)) if visible else None
    except Exception as err:  # readability raises its own kinds on pages it cannot make sense of
        raise refuse(path, f"is a web page whose main text cannot be found ({type(err).__name__})") from None
    paragraphs = _paragraphs(main) if main is not None else []
    if not paragraphs:
        raise refuse(path, "is a web page with no main text to read (an empty page, or one its scripts fill)")
    return paragraphs, _metadata(page)


def _paragraphs(root: object) -> list[str]:
    """The text of each innermost block (a block holding no other block), in the page's order."""
    out = []
    for element in root.iter():  # type: ignore[attr-defined]
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _BLOCKS:
            continue
        if any(isinstance(e.tag, str) and e.tag in _BLOCKS for e in element.iterdescendants()):
            continue
        words = " ".join(element.text_content().split())
        if words:
            out.append(words)
    return out


def _metadata(page: object) -> Metadata:
    """The page's own description of itself; a tag that is absent stays None."""

    def meta(*names: str) -> str | None:
        for name in names:
            for attribute in ("name", "property"):
                found = page.xpath(f"//meta[@{attribute}=$n]/@content", n=name)  # type: ignore[attr-defined]
                values = [" ".join(str(v).split()) for v in found if str(v).strip()]
                if values:
                    return "; ".join(dict.fromkeys(values)) if name == "citation_author" else values[0]
        return None

    titles = page.xpath("//title/text()")  # type: ignore[attr-defined]
    title = meta("citation_title", "og:title", "dc.title", "DC.title") or (
        " ".join(str(titles[0]).split()) if titles and str(titles[0]).strip() else None
    )
    author = meta("citation_author", "author", "dc.creator", "DC.creator")
    if author and author.startswith(("http://", "https://")):
        author = None  # article:author is often a profile's address, not a name
    published = None
    raw_date = meta(
        "citation_publication_date", "citation_date", "article:published_time", "dc.date", "DC.date", "date"
    )
    if raw_date and (found := _DATE.match(raw_date)):
        published = "-".join(part for part in found.groups() if part)
    canonical = page.xpath("//link[@rel='canonical']/@href")  # type: ignore[attr-defined]
    url = meta("citation_public_url", "og:url") or (str(canonical[0]) if canonical else None)
    doi = meta("citation_doi", "dc.identifier", "DC.identifier")
    if doi:
        doi = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", doi, flags=re.IGNORECASE)
        doi = doi if doi.startswith("10.") else None
    return Metadata(
        title=title,
        author=author,
        published=published,
        published_in=meta("citation_journal_title", "og:site_name"),
        url=url,
        doi=doi,
    )
