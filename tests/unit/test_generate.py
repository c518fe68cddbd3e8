"""The benchmarks' store generator keeps every date valid at any size (years 0001 to 9999)."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from places import SHIPPED, benchmark

from tajru.load import parse


def _generator() -> ModuleType:
    return benchmark("generate")


def test_shifts_stay_within_the_years_a_date_can_have_for_a_million_records() -> None:
    generate = _generator()
    _, blocks = generate.split_records(SHIPPED.read_text(encoding="utf-8"))
    low, high = generate.year_bounds(blocks)
    copies = 1_000_000 // len(blocks) + 1
    shifts = {generate.shift_of(copy, low, high) for copy in range(copies)}
    assert low <= min(shifts) and max(shifts) <= high
    years = [int(y) for y in re.findall(r'(?:date|end): "(\d{4})', "".join(blocks))]
    assert min(years) + low == 1 and max(years) + high == 9999


def test_a_generated_store_loads(tmp_path: Path) -> None:
    text = _generator().synthetic(SHIPPED.read_text(encoding="utf-8"), 2000)
    assert len(parse(text, "synthetic.yaml").records) == 2000
