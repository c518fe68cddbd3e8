"""Candidates written as one YAML layer: a comment line over each (its locator and why it was
proposed), a source entry for a new document, every string quoted so YAML reads it as written."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from tajru.draft.propose import Candidate
from tajru.model import Source

_FIELDS = ("kind", "date", "end", "date_inferred", "date_note", "title", "speaker", "quote", "context",
           "value", "unit", "qualifier")  # fmt: skip
_SOURCE_FIELDS = ("kind", "title", "author", "published_in", "year", "published", "url", "doi", "file",
                  "locators", "note")  # fmt: skip


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return _quoted(str(value))


def record_lines(record_id: str, candidate: Candidate, source: str) -> list[str]:
    """The candidate as one item of a block list of records, with its comment line above it."""
    lines = [f"  # {candidate.locator}: {candidate.why}", f"  - id: {record_id}"]
    for name in _FIELDS:
        value = getattr(candidate, name)
        if value is None or value is False:
            continue
        lines.append(f"    {name}: {value if name in ('kind', 'speaker') else _scalar(value)}")
    lines.append(f"    topics: [{', '.join(candidate.topics)}]")
    lines.append(f"    actors: [{', '.join(candidate.actors)}]")
    lines += [
        "    sources:",
        f"      - id: {source}",
        f"        locator: {_quoted(candidate.locator)}",
        f"        evidence: {_quoted(candidate.evidence)}",
    ]
    return lines


def source_lines(source: Source, notes: Iterable[str]) -> list[str]:
    """A proposed source entry, with what the document did not say left for the user to write."""
    lines = [f"  # {note}" for note in notes]
    lines.append(f"  - id: {source.id}")
    for name in _SOURCE_FIELDS:
        value = getattr(source, name)
        if value is None or value == ():
            continue
        shown = value.iso() if name == "published" else value
        lines.append(f"    {name}: {shown if name in ('kind', 'locators') else _scalar(shown)}")
    return lines


def layer_text(
    header: Sequence[str],
    records: Sequence[tuple[str, Candidate]],
    source: str,
    new_source: tuple[Source, Sequence[str]] | None = None,
    new_topic: tuple[str, str] | None = None,
) -> str:
    """The whole layer: the header as comments, a new source and topic when there are, the records."""
    lines = [f"# {line}" if line else "#" for line in header]
    if new_source is not None:
        lines += ["sources:", *source_lines(*new_source)]
    if new_topic is not None:
        lines += ["topics:", f"  - id: {new_topic[0]}", f"    label: {_quoted(new_topic[1])}"]
    lines.append("records:")
    for record_id, candidate in records:
        lines += record_lines(record_id, candidate, source)
    return "\n".join(lines) + "\n"
