"""The shared source documents, cut into the stretches that locators name.

Which characters may differ between a passage and its source is ``tajru.evidence``'s
business; this module only finds the text a locator points to, with the journal
article's footnote markers and its one page header taken out.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from places import SOURCES_DIR  # noqa: E402

from tajru.evidence import printed_in

_PAGE_HEADER = re.compile(
    r"Dr\. Jajneswar Sethi\s*\(Pg\. 8576-8582\)\s*8581\s*"
    r"Copyright © 2017, Scholarly Research Journal for Interdisciplinary Studies",
)
_NOTE_MARKER = re.compile(r"^\s*(\d{1,2})\s*$", re.MULTILINE)

# Section headings of the journal article, in order, with the short names used in locators.
SETHI_SECTIONS = [
    ("Abstract", None),
    ("Introduction", "The breakup of the Soviet Union led to"),
    ("Language Policy", "Language Policy and its Impact on Tajik-Russian Relations"),
    ("Economic Engagement", "Tajikistan - Russia Economic Engagement"),
    ("Military Relations", "Tajikistan-Russia Military Relations"),
    ("Conclusion", "In Conclusion, it may be said"),
    ("Key Words", "KEY Words:"),
]


@dataclass(frozen=True)
class Segment:
    """A stretch of a source that a locator names."""

    section: str
    note: int | None  # the footnote marker that closes the stretch, if any
    text: str


def sethi_segments(raw: str) -> list[Segment]:
    """Split the journal article into (section, closing footnote) stretches."""
    raw = _PAGE_HEADER.sub(" ", raw)
    starts = [(0, SETHI_SECTIONS[0][0])]
    for name, heading in SETHI_SECTIONS[1:]:
        assert heading is not None
        at = raw.find(heading)
        if at < 0:
            raise ValueError(f"heading not found in source: {heading!r}")
        starts.append((raw.rfind("\n", 0, at) + 1, name))
    segments: list[Segment] = []
    for (start, name), (end, _) in zip(starts, [*starts[1:], (len(raw), "")], strict=True):
        body = raw[start:end]
        pos = 0
        for marker in _NOTE_MARKER.finditer(body):
            segments.append(Segment(name, int(marker.group(1)), body[pos : marker.start()]))
            pos = marker.end()
        segments.append(Segment(name, None, body[pos:]))
    return segments


def paragraphs(raw: str) -> list[str]:
    """The news article: a title line, then one paragraph per line (paragraph 1 is line 2)."""
    lines = [line for line in raw.splitlines() if line.strip()]
    return lines[1:]


_SETHI_LOCATOR = re.compile(r"^(?P<section>[A-Za-z ]+?)(?:, note (?P<note>\d+))?$")
_PARAGRAPH_LOCATOR = re.compile(r"^paragraph (?P<n>\d+)$")


def locate(file_name: str, locator: str) -> str | None:
    """The text a locator points to in a source file, or None if the locator is malformed."""
    raw = (SOURCES_DIR / file_name).read_text(encoding="utf-8")
    if m := _PARAGRAPH_LOCATOR.match(locator):
        paras = paragraphs(raw)
        n = int(m["n"])
        return paras[n - 1] if 1 <= n <= len(paras) else None
    if m := _SETHI_LOCATOR.match(locator):
        note = int(m["note"]) if m["note"] else None
        parts = [
            s.text
            for s in sethi_segments(raw)
            if s.section == m["section"] and (note is None or s.note == note)
        ]
        return " ".join(parts) if parts else None
    return None


def check_store(path: Path) -> list[str]:
    """Every evidence passage and quote of a store file checked against its sources."""
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = {s["id"]: s["file"] for s in doc["sources"]}
    problems = []
    for rec in doc["records"]:
        texts = []
        for cit in rec["sources"]:
            where = locate(files[cit["id"]], cit["locator"])
            if where is None:
                problems.append(f"{rec['id']}: locator {cit['locator']!r} finds nothing")
                continue
            texts.append(where)
            if not printed_in(where, cit["evidence"]):
                problems.append(f"{rec['id']}: evidence not at {cit['locator']!r}: {cit['evidence']!r}")
        if rec.get("kind") == "quote" and not any(printed_in(t, rec["quote"]) for t in texts):
            problems.append(f"{rec['id']}: quote not found verbatim: {rec['quote']!r}")
    return problems


if __name__ == "__main__":
    found = check_store(Path(sys.argv[1] if len(sys.argv) > 1 else "data/facts.yaml"))
    print("\n".join(found) or "all evidence found")
    sys.exit(1 if found else 0)
