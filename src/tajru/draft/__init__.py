"""Drafting records from a document: candidates proposed from its text (propose.py), each checked to be
printed at its locator, those the store already records there left out, written as a YAML layer.

No terminal here: the CLI prints the layer, or opens it in the user's editor and adds what is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from tajru.draft.propose import Candidate
from tajru.model import Dataset, Source


class Drafted(NamedTuple):
    """What drafting a document gave: the candidates with their proposed ids, those left out, and the
    source they cite (a new one proposed when the document is not a source of the store yet)."""

    source: Source
    new_source: bool
    candidates: list[tuple[str, Candidate]]
    recorded: int  # left out: the store or a layer records them at that locator already
    unprinted: int  # left out: not found printed at their locator (none should be)
    source_notes: tuple[str, ...] = ()  # what to complete in a new source's entry
    new_topic: tuple[str, str] | None = None  # (id, label) of a topic to file under, in a store with none


def recorded_at(source: str, data: Dataset) -> dict[str, list[str]]:
    """The evidence each locator of the source is cited with already, by the store and its layers."""
    found: dict[str, list[str]] = {}
    for record in data.records:
        for citation in record.citations:
            if citation.source == source:
                found.setdefault(" ".join(citation.locator.split()), []).append(citation.evidence)
    return found


def _already(candidate: Candidate, cited: Sequence[str]) -> bool:
    """Whether a passage cited at the candidate's locator shares a stretch of its words."""
    from tajru.evidence import parts, printed_in

    for evidence in cited:
        if printed_in(evidence, candidate.evidence):
            return True
        if any(len(part) >= 15 and printed_in(candidate.evidence, part) for part in parts(evidence)):
            return True
    return False


def draft(source: Source, raw: str, data: Dataset, source_notes: Sequence[str] | None = None) -> Drafted:
    """The candidates the source's text gives, checked and numbered, and what was left out; source_notes
    (what to complete) when the source is a new one proposed for a document."""
    from tajru.authoring import propose_id
    from tajru.draft.filing import Filing
    from tajru.draft.propose import propose
    from tajru.evidence import first_missing, printed_in
    from tajru.locators import locate

    filing = Filing(data.actors, data.topics, data.records)
    cited = recorded_at(source.id, data)
    taken = {r.id for r in data.records}
    kept: list[tuple[str, Candidate]] = []
    recorded = unprinted = 0
    for candidate in propose(source, raw, filing):
        if _already(candidate, cited.get(candidate.locator, [])):
            recorded += 1
            continue
        place = locate(source, raw, candidate.locator).text
        quote_ok = candidate.quote is None or (place is not None and printed_in(place, candidate.quote))
        if place is None or first_missing(place, candidate.evidence) is not None or not quote_ok:
            unprinted += 1  # a drafted passage is the source's own or it is not proposed
            continue
        record_id = propose_id(candidate.title, candidate.date, taken)
        taken.add(record_id)
        kept.append((record_id, candidate))
    new_topic = None
    if not data.topics:  # a store of one's own with no topics yet: one to file the drafts under
        new_topic = ("drafted", f"Drafted from {source.id}")
        kept = [(i, c._replace(topics=("drafted",))) for i, c in kept]
    notes = tuple(source_notes or ())
    return Drafted(source, source_notes is not None, kept, recorded, unprinted, notes, new_topic)


def proposed_source(document: object, file: str, data: Dataset) -> tuple[Source, list[str]]:
    """A source entry for a new document, from what it says about itself, and notes on what to complete."""
    from tajru.authoring import propose_id
    from tajru.dates import PartialDate
    from tajru.documents import Document
    from tajru.errors import DateError

    assert isinstance(document, Document)
    meta = document.meta
    notes = [
        "A new source, proposed from what the document says about itself: complete it (author, year,",
        "where it was published); nothing was guessed. Its file is found beside the layer naming it.",
    ]
    title = meta.title
    if title is None and document.form in ("text", "markdown"):
        first = document.text.strip().splitlines()[0].strip() if document.text.strip() else ""
        if first and len(first) <= 150 and first[-1:] not in ".!?":
            title = first
            notes.append(
                "Its title is the document's first line: keep it as the line reads, or paragraphs count it."
            )
    if title is None and meta.author is None:
        title = Path(file).name
        notes.append("The document gives no title: the file's name stands in for it; write the title.")
    published = None
    if meta.published:
        try:
            published = PartialDate.parse(meta.published)
        except DateError:
            published = None
    if meta.made and not published:
        notes.append(
            f"The file was made on {meta.made} (its own record): not necessarily when the work was published."
        )
    head = meta.author.split(";")[0].split()[-1] if meta.author else (title or "document")
    named = head if meta.author else " ".join((title or "").split()[:4])
    source_id = propose_id(named, published.iso() if published else None, {s.id for s in data.sources})
    kind = "web-page" if document.form == "html" else "document"
    source = Source(id=source_id, kind=kind, file=file, locators=document.locators, title=title,
                    author=meta.author, published_in=meta.published_in, published=published, url=meta.url,
                    doi=meta.doi, layer="draft")  # fmt: skip
    return source, notes
