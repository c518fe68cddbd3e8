"""Build synthetic stores of any size from the real one, for benchmarks (never for tests of facts).

Each synthetic record is a real record with a new id and its dates shifted by whole years,
keeping the real actors, topics and sources, so the store is valid and queries stay selective.

    python benchmarks/generate.py 100000 /tmp/tajru-100k.yaml
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_DATE = re.compile(r'^(\s+(?:date|end|as_of): ")(\d{4})', re.MULTILINE)


def split_records(text: str) -> tuple[str, list[str]]:
    """The text before `records:` and each record's block, as written."""
    head, _, body = text.partition("\nrecords:\n")
    blocks = re.split(r"\n(?=  - id: )", body.strip("\n"))
    return head + "\nrecords:\n", [b for b in blocks if b.strip()]


def synthetic(text: str, count: int) -> str:
    head, blocks = split_records(text)
    out = [head]
    for n in range(count):
        block = blocks[n % len(blocks)]
        shift = (n // len(blocks)) % 40 - 20  # dates move within ±20 years, all still valid
        block = re.sub(r"^(  - id: )(\S+)", rf"\g<1>\g<2>-s{n}", block, count=1)
        # Feb 29 may not exist in a shifted year; keep every day valid by moving it to the 28th.
        block = _DATE.sub(lambda m, by=shift: f"{m[1]}{int(m[2]) + by}", block).replace('-02-29"', '-02-28"')
        out.append(block + "\n")
    return "".join(out)


if __name__ == "__main__":
    size = int(sys.argv[1])
    target = Path(sys.argv[2])
    source = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "data" / "facts.yaml"
    target.write_text(synthetic(source.read_text(encoding="utf-8"), size), encoding="utf-8")
    print(f"{size} records -> {target}")
