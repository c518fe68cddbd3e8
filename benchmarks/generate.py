"""Build synthetic stores of any size from the real one, for benchmarks (never for tests of facts).

Each synthetic record is a real record with a new id and its dates shifted by whole years,
keeping the real actors, topics and sources, so the store is valid. Copy c of the real
records moves by +1, -1, +2, -2, ... years, so a year holds about as many records at any
size, as in a chronology that grows by covering more of history rather than by repeating it.

Quotes are the one exception to "the same actors": beyond the first copy, a quote's
speaker is one of a pool of synthetic speakers, as a grown store quotes many people. With
the real speakers repeated in every copy, `quote putin` on 100,000 records would return
some 3,000 quotes by five people, and measure printing rather than looking up.

    python benchmarks/generate.py 100000 /tmp/tajru-100k.yaml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEAKERS = 500
_DATE = re.compile(r'^(\s+(?:date|end|published): ")(\d{4})', re.MULTILINE)
_SPEAKER = re.compile(r"^(    speaker: )(\S+)$", re.MULTILINE)
_FORMERLY = re.compile(r"^(    formerly: \[)([^\]]*)\]$", re.MULTILINE)


def split_records(text: str) -> tuple[str, list[str]]:
    """The text before `records:` and each record's block, as written."""
    head, _, body = text.partition("\nrecords:\n")
    blocks = re.split(r"\n(?=  - id: )", body.strip("\n"))
    return head + "\nrecords:\n", [b for b in blocks if b.strip()]


def shift_of(copy: int, low: int = -(10**9), high: int = 10**9) -> int:
    """0, +1, -1, +2, -2, ...: each copy of the real records lands on other years. Within low..high,
    the shifts that keep every year between 0001 and 9999; past them, the allowed shifts again, in turn."""
    shift = (copy + 1) // 2 * (1 if copy % 2 else -1)
    if low <= shift <= high:
        return shift
    return low + copy % (high - low + 1)


def year_bounds(blocks: list[str]) -> tuple[int, int]:
    """The shifts that keep every date of the records between the years 0001 and 9999."""
    years = [int(m[2]) for block in blocks for m in _DATE.finditer(block)]
    return 1 - min(years), 9999 - max(years)


def speaker_actors() -> str:
    return "".join(
        f"  - id: synthetic-speaker-{n}\n    name: Synthetic Speaker {n}\n    kind: person\n"
        for n in range(SPEAKERS)
    )


def synthetic(text: str, count: int) -> str:
    head, blocks = split_records(text)
    actors_end = head.index("\ntopics:\n")
    out = [head[:actors_end] + "\n" + speaker_actors() + head[actors_end:]]
    low, high = year_bounds(blocks)
    for n in range(count):
        block = blocks[n % len(blocks)]
        copy = n // len(blocks)
        shift = shift_of(copy, low, high)
        block = re.sub(r"^(  - id: )(\S+)", rf"\g<1>\g<2>-s{n}", block, count=1)
        # A renamed record's former ids are its own, so each copy has copies of them.
        block = _FORMERLY.sub(
            lambda m, n=n: m[1] + ", ".join(f"{i.strip()}-s{n}" for i in m[2].split(",")) + "]", block
        )
        # Feb 29 may not exist in a shifted year; keep every day valid by moving it to the 28th.
        block = _DATE.sub(lambda m, by=shift: f"{m[1]}{int(m[2]) + by:04d}", block)
        block = block.replace('-02-29"', '-02-28"')
        if copy:
            block = _SPEAKER.sub(rf"\g<1>synthetic-speaker-{n % SPEAKERS}", block)
        out.append(block + "\n")
    return "".join(out)


if __name__ == "__main__":
    size = int(sys.argv[1])
    target = Path(sys.argv[2])
    source = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "data" / "facts.yaml"
    target.write_text(synthetic(source.read_text(encoding="utf-8"), size), encoding="utf-8")
    print(f"{size} records -> {target}")
