"""Renamed records keep their former ids: a saved id or a citation made with one still leads to the record."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI, SOURCES_DIR
from typer.testing import Result

Run = Callable[..., Result]
OLD, NEW = "us-air-bases-2001", "us-air-bases-after-september-11"
SAID = f"tajru: '{OLD}' is a former id of '{NEW}'\n"


def test_show_resolves_a_former_id_and_says_so(run: Run) -> None:
    shown = run("show", OLD)
    assert shown.exit_code == 0
    assert f"id          {NEW}" in shown.stdout and f"formerly    {OLD}" in shown.stdout
    assert shown.stderr == SAID
    as_json = run("show", "abdullajanov-proposes-russian-state-language", "--json")
    record = json.loads(as_json.stdout)
    assert record["id"] == "government-proposes-russian-state-language"
    assert record["formerly"] == ["abdullajanov-proposes-russian-state-language"]
    assert run("show", OLD, "--cite").stdout == run("show", NEW, "--cite").stdout


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"the source documents are not at {SOURCES_DIR}")
def test_verify_resolves_a_former_id_and_says_so(run: Run) -> None:
    checked = run("verify", OLD, "--json")
    assert checked.exit_code == 0
    assert {c["record"] for c in json.loads(checked.stdout)} == {NEW}
    assert checked.stderr == SAID


def test_exports_carry_former_ids_so_they_still_resolve(run: Run, tmp_path: Path) -> None:
    chosen = ("--search", "air bases", "--kind", "assertion")
    (record,) = [r for r in json.loads(run("export", *chosen).stdout) if r["id"] == NEW]
    assert record["formerly"] == [OLD]
    rows = csv.DictReader(io.StringIO(run("export", "--format", "csv", *chosen).stdout))
    assert {r["id"]: r["formerly"] for r in rows}[NEW] == OLD
    page = run("export", "--format", "html", *chosen).stdout
    assert f'id="{OLD}"' in page  # a link to chronology.html#us-air-bases-2001 still lands on it
    run("export", "--format", "sqlite", "-o", str(tmp_path / "t.db"), *chosen)
    with sqlite3.connect(tmp_path / "t.db") as db:
        found = db.execute("SELECT record_id FROM former_ids WHERE former_id = ?", (OLD,)).fetchall()
    assert found == [(NEW,)]


LAYER = """\
records:
  - id: {id}
    kind: assertion
    title: A note of my own
    formerly: [{formerly}]
    topics: [military]
    sources:
      - id: sethi-2017
        locator: my reading
        evidence: "a passage"
"""


@pytest.mark.parametrize(
    ("record_id", "formerly", "problem"),
    [
        ("my-note", "anti-taliban", "former id 'anti-taliban' is the id of another record (first on"),
        ("my-note", "my-note", "former id 'my-note' is the record's own id"),
    ],
)
def test_a_former_id_may_not_be_a_records_id(
    run: Run, tmp_path: Path, record_id: str, formerly: str, problem: str
) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text(LAYER.format(id=record_id, formerly=formerly), encoding="utf-8")
    result = run("validate", str(layer), env={"TAJRU_DATA": str(MINI)})
    assert result.exit_code == 1
    assert f"{layer}:2 ({record_id}): {problem}" in result.stdout


def test_a_record_may_not_take_an_id_another_record_had_nor_two_claim_one(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    first = LAYER.format(id="my-note", formerly="old-note")
    second = LAYER.format(id="old-note", formerly="older").split("records:\n", 1)[1]
    third = LAYER.format(id="other-note", formerly="older").split("records:\n", 1)[1]
    layer.write_text(first + second + third, encoding="utf-8")
    result = run("facts", "--include", str(layer), env={"TAJRU_DATA": str(MINI)})
    assert result.exit_code == 1
    assert (
        f"{layer}:11 (old-note): record id 'old-note' is a former id of 'my-note' (line 2)" in result.stderr
    )
    assert (
        f"{layer}:20 (other-note): former id 'older' is already one of 'old-note' (line 11)" in result.stderr
    )
