"""Authoring: layering one's own files on the store, validating them, and the JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI
from typer.testing import Result

Run = Callable[..., Result]

LAYER = """\
topics:
  - id: notes
    label: My notes
records:
  - id: my-note-2024
    kind: event
    date: "2024"
    title: A note of my own
    topics: [notes, military]
    actors: [vladimir-putin]
    sources:
      - id: sethi-2017
        locator: my reading
        evidence: "a passage"
"""


def test_an_included_file_adds_its_records_on_top_of_the_store(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    env = {"TAJRU_DATA": str(MINI)}
    ids = [r["id"] for r in json.loads(run("facts", "--include", str(layer), "--json", env=env).stdout)]
    assert ids[-2:] == ["my-note-2024", "security-dependence"] and len(ids) == 6  # undated last
    by_env = run("facts", "--topic", "notes", "--json", env={**env, "TAJRU_INCLUDE": str(layer)})
    assert [r["id"] for r in json.loads(by_env.stdout)] == ["my-note-2024"]
    assert len(json.loads(run("facts", "--json", env=env).stdout)) == 5  # the store itself is unchanged


def test_clashing_ids_and_dangling_references_name_file_and_line(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    clash = LAYER.replace("id: my-note-2024", "id: anti-taliban").replace("[vladimir-putin]", "[nobody]")
    layer.write_text(
        clash + "  - id: anti-taliban\n" + clash.split("  - id: anti-taliban\n")[1], encoding="utf-8"
    )
    result = run("timeline", "--include", str(layer), env={"TAJRU_DATA": str(MINI)})
    assert result.exit_code == 1
    assert f"{layer}:10 (anti-taliban): unknown actor 'nobody'" in result.stderr
    layer.write_text(LAYER, encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_text(LAYER, encoding="utf-8")
    twice = run("timeline", "--include", str(layer), "--include", str(copy), env={"TAJRU_DATA": str(MINI)})
    assert f"{copy}:2 (notes): topic id 'notes' is used twice (first on {layer}:2)" in twice.stderr
    assert f"{copy}:5 (my-note-2024): record id 'my-note-2024' is used twice" in twice.stderr


def test_one_file_named_twice_or_in_other_words_is_read_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(layer)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run(
        "facts", "--json", "--include", "notes.yaml", "--include", str(layer), "--include", "link.yaml",
        "--include", "./sub/../notes.yaml", env={"TAJRU_DATA": str(MINI)},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    mine = [r for r in json.loads(result.stdout) if "file" in r]
    assert [(r["id"], r["file"]) for r in mine] == [("my-note-2024", str(layer))]


def test_a_clash_with_the_main_store_names_where_the_id_was_first_defined(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text(LAYER.replace("id: notes", "id: language"), encoding="utf-8")
    result = run("facts", "--include", str(layer), env={"TAJRU_DATA": str(MINI)})
    assert f"{layer}:2 (language): topic id 'language' is used twice (first on {MINI}:23)" in result.stderr


def test_validate_lists_every_problem_of_every_file(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "notes.yaml"
    good.write_text(LAYER, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        LAYER.replace('"2024"', '"2024-13"').replace("[notes, military]", "[nots]"), encoding="utf-8"
    )
    result = run(
        "validate",
        str(MINI),
        str(good),
        str(bad),
        str(tmp_path / "missing.yaml"),
        env={"TAJRU_DATA": str(MINI)},
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        f"{MINI}: ok, 5 records",
        f"{good}: ok, 6 records with the store it is layered on",
    ]
    assert f"{bad}:7 (my-note-2024): 'date': '2024-13' is not a date: there is no month 13" in result.stdout
    assert f"{bad}:9 (my-note-2024): unknown topic 'nots'" in result.stdout
    assert f"{tmp_path / 'missing.yaml'}: no such file" in result.stdout
    assert result.stderr == "tajru: error: 3 problems found\n"
    assert run("validate", env={"TAJRU_DATA": str(MINI)}).stdout == f"{MINI}: ok, 5 records\n"


def test_an_invalid_record_that_also_clashes_gets_both_problems_in_file_order(
    run: Run, tmp_path: Path
) -> None:
    layer = tmp_path / "notes.yaml"
    layer.write_text(
        LAYER.replace("id: my-note-2024", "id: anti-taliban").replace("[notes, military]", "[nots]")
    )
    result = run("validate", str(layer), env={"TAJRU_DATA": str(MINI)})
    assert result.stdout.splitlines() == [
        f"{layer}:5 (anti-taliban): record id 'anti-taliban' is used twice (first on {MINI}:49)",
        f"{layer}:9 (anti-taliban): unknown topic 'nots'; did you mean 'notes'?",
    ]


def test_a_span_that_starts_with_a_statement_is_warned_of_but_loads(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    spoken = '    date: "2024"\n    end: "2042"\n    speaker: vladimir-putin\n'
    layer.write_text(LAYER.replace('    date: "2024"\n', spoken), encoding="utf-8")
    env = {"TAJRU_DATA": str(MINI)}
    warning = f"{layer}:8 (my-note-2024): warning: a span that starts with a statement"
    checked = run("validate", str(layer), env=env)
    assert checked.exit_code == 0
    assert warning in checked.stdout
    listed = run("facts", "--include", str(layer), "--json", env=env)  # compiles the store, once
    assert listed.exit_code == 0 and "my-note-2024" in [r["id"] for r in json.loads(listed.stdout)]
    assert f"tajru: {warning}" in listed.stderr
