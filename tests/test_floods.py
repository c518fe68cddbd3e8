"""Floods of problems summarised: a screenful, then a count by kind; validate --all and --json give every
one; a failed load is remembered until the files change; an ambiguous name lists a few and the count."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI
from typer.testing import Result

from tajru.errors import SCREENFUL

Run = Callable[..., Result]
COUNT = 300


def _flood(tmp_path: Path) -> Path:
    """A store whose COUNT extra records all lack a title, and a third of them name an unknown actor."""
    text = MINI.read_text(encoding="utf-8")
    extra = "".join(
        f"  - id: untitled-{n}\n    kind: assertion\n    topics: [military]\n"
        f"    actors: [{'vladimir-putn' if n % 3 == 0 else 'vladimir-putin'}]\n"
        f'    sources:\n      - id: sethi-2017\n        locator: Abstract\n        evidence: "x"\n'
        for n in range(COUNT)
    )
    path = tmp_path / "flood.yaml"
    path.write_text(text + extra, encoding="utf-8")
    old = time.time() - 60  # settled, so that the cache may remember it
    os.utime(path, (old, old))
    return path


def test_a_flood_shows_a_screenful_then_a_count_by_kind(run: Run, tmp_path: Path) -> None:
    result = run("facts", "--data", str(_flood(tmp_path)))
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == SCREENFUL + 3
    assert lines[0] == f"tajru: error: {COUNT + COUNT // 3:,} problems in the data:"
    rest = COUNT + COUNT // 3 - SCREENFUL
    assert lines[-2].startswith(f"and {rest:,} more: a record has no 'title' ×")
    assert "unknown actor '…'" not in lines[-2]  # one unknown name: shown as written, with its suggestion
    assert "unknown actor 'vladimir-putn'; did you mean 'vladimir-putin'? ×" in lines[-2]


def test_validate_lists_every_problem_with_all_and_json(run: Run, tmp_path: Path) -> None:
    flood = _flood(tmp_path)
    total = COUNT + COUNT // 3
    short = run("validate", str(flood)).stdout.splitlines()
    assert len(short) == SCREENFUL + 1 and short[-1].endswith("(--all lists every one)")
    assert len(run("validate", str(flood), "--all").stdout.splitlines()) == total
    listed = json.loads(run("validate", str(flood), "--json").stdout)
    assert len(listed["problems"]) == total and set(listed["problems"][0]) == {
        "file",
        "line",
        "record",
        "message",
    }


def test_a_failed_load_is_remembered_until_the_file_changes(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tajru.cache.SETTLED_SECONDS", -1.0)  # ctime cannot be set back: trust it at once
    flood = _flood(tmp_path)
    first = run("facts", "--data", str(flood))
    assert first.exit_code == 1

    def never(*args: object) -> None:
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr("tajru.load.stream_layers", never)
        again = run("facts", "--data", str(flood))
    assert (again.exit_code, again.stderr) == (1, first.stderr)
    flood.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")  # mended
    assert run("facts", "--data", str(flood), "--json").exit_code == 0


def test_an_ambiguous_name_names_a_few_and_the_count(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    many = "".join(f"  - id: ali-{n}\n    name: Ali Number{n}\n    kind: person\n" for n in range(12))
    store = tmp_path / "many.yaml"
    store.write_text(text.replace("actors:\n", "actors:\n" + many, 1), encoding="utf-8")
    result = run("facts", "--data", str(store), "--actor", "ali")
    assert result.exit_code == 2
    assert result.stderr.startswith("tajru: error: 'ali' could be any of 12: Ali Number0 (ali-0), ")
    assert "and 7 more; give more of the name, or the id ('tajru actors' lists every id)" in result.stderr
    assert len(result.stderr) < 300
