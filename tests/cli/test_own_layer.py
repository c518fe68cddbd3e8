"""Your own layer, seen everywhere: `add` with no --to writes your notes, every command includes them and
the layers your config names, and marks their records as yours; unverified means asked for."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from places import SHIPPED, SOURCES_DIR
from typer.testing import Result

Run = Callable[..., Result]
NOTE = ("--title", "My own note", "--topic", "diplomacy", "--source", "sethi-2017", "--locator", "Abstract",
        "--evidence", "Tajik-Russian relations", "--date", "2001")  # fmt: skip
needs_sources = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(), reason=f"the source documents are not at {SOURCES_DIR}"
)


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A user's XDG folders of their own, empty."""
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


@needs_sources
def test_a_note_added_with_no_file_named_is_in_the_next_timeline_marked_as_yours(
    run: Run, home: dict[str, str], tmp_path: Path
) -> None:
    added = run("add", *NOTE, env=home)
    notes = tmp_path / "data" / "tajru" / "notes.yaml"
    assert added.exit_code == 0, added.stdout + added.stderr
    assert f"made your notes layer, {notes}" in added.stderr and "--no-notes" in added.stderr
    again = run("add", *NOTE[:1], "My second note", *NOTE[2:], env=home)
    assert str(notes) not in again.stderr.split("added")[0]  # the layer's path is said once, when made

    timeline = run("timeline", "--year", "2001", env=home)
    assert "My own note" in timeline.stdout and "from notes.yaml" in timeline.stdout
    assert "from a layer of yours" in timeline.stdout  # the legend of the mark
    lines = run("timeline", "--year", "2001", "--lines", env=home).stdout.splitlines()
    mine = [line for line in lines if "my-own-note" in line]
    assert mine and mine[0].endswith(f"\tfile: {notes}")
    records = json.loads(run("facts", "--json", env=home).stdout)
    assert {r["id"]: r.get("file") for r in records if "file" in r} == {
        "my-own-note-2001": str(notes),
        "my-second-note-2001": str(notes),
    }
    assert len(records) == 2 + len(json.loads(run("facts", "--json", "--no-notes", env=home).stdout))


@needs_sources
def test_every_output_carries_the_file_of_a_users_record(
    run: Run, home: dict[str, str], tmp_path: Path
) -> None:
    assert run("add", *NOTE, env=home).exit_code == 0
    notes = str(tmp_path / "data" / "tajru" / "notes.yaml")
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", env=home).stdout)))
    assert {r["id"]: r["file"] for r in rows if r["file"]} == {"my-own-note-2001": notes}
    assert all(r["file"] == "" for r in rows if r["id"] != "my-own-note-2001")
    db = tmp_path / "t.db"
    assert run("export", "-f", "sqlite", "-o", str(db), env=home).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id, file FROM records WHERE file IS NOT NULL").fetchall() == [
            ("my-own-note-2001", notes)
        ]
    shown = run("show", "my-own-note-2001", env=home).stdout
    assert notes in shown
    ndjson = [json.loads(line) for line in run("export", "-f", "ndjson", env=home).stdout.splitlines()]
    assert [r["id"] for r in ndjson if r.get("file") == notes] == ["my-own-note-2001"]


def test_the_layers_a_config_names_are_included_everywhere(
    run: Run, home: dict[str, str], tmp_path: Path
) -> None:
    layer = tmp_path / "group" / "shared.yaml"
    layer.parent.mkdir()
    layer.write_text(
        "records:\n  - id: group-note\n    kind: assertion\n    title: A note of the group\n"
        "    topics: [diplomacy]\n    sources:\n      - id: sethi-2017\n        locator: Abstract\n"
        '        evidence: "Tajik-Russian relations"\n',
        encoding="utf-8",
    )
    config = tmp_path / "config" / "tajru" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('include = ["../../group/shared.yaml"]\n', encoding="utf-8")
    ids = [r["id"] for r in json.loads(run("facts", "--topic", "diplomacy", "--json", env=home).stdout)]
    assert "group-note" in ids
    left_out = json.loads(run("facts", "--topic", "diplomacy", "--json", "--no-notes", env=home).stdout)
    assert "group-note" not in [r["id"] for r in left_out]
    assert "group-note" in run("search", "group", env=home).stdout


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ('include = ["nowhere.yaml"]\n', "config.toml:1: includes nowhere.yaml, which is not a file"),
        ("include = [\n  'a.yaml',\n", "config.toml:"),
        ('incluude = ["a.yaml"]\n', "config.toml:1: unknown setting 'incluude'"),
        ("include = 'a.yaml'\n", "config.toml:1: 'include' must be a list of paths"),
    ],
)
def test_a_broken_config_is_named_with_its_line_never_skipped(
    run: Run, home: dict[str, str], tmp_path: Path, config: str, said: str
) -> None:
    path = tmp_path / "config" / "tajru" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(config, encoding="utf-8")
    result = run("timeline", env=home)
    assert result.exit_code == 1 and said in result.stderr and "Traceback" not in result.stderr
    assert run("timeline", "--no-notes", env=home).exit_code == 0


def test_a_record_whose_text_cannot_be_had_is_refused_unless_asked(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text(
        "sources:\n  - id: my-book\n    kind: book\n    title: A book I read\n    file: book.txt\n"
        "    locators: page\n",
        encoding="utf-8",
    )
    note = ("--to", str(layer), "--title", "From my book", "--topic", "diplomacy", "--source", "my-book",
            "--locator", "page 3", "--evidence", "words on page three")  # fmt: skip
    refused = run("add", "assertion", *note)
    assert refused.exit_code == 1
    assert "cannot be verified" in refused.stdout and "--no-verify" in refused.stdout
    assert "--sources" in refused.stdout
    assert "From my book" not in layer.read_text(encoding="utf-8")
    asked = run("add", "assertion", *note, "--no-verify")
    assert asked.exit_code == 0 and "not checked (--no-verify)" in asked.stderr
    assert "From my book" in layer.read_text(encoding="utf-8")


def test_verify_without_the_texts_says_they_are_not_installed_and_counts_every_passage(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = run("verify", "--json", "--sources", str(SOURCES_DIR))
    monkeypatch.setattr("tajru.settings.sources_folders", lambda explicit, files: [])
    bare = run("verify")
    assert bare.exit_code == 1
    assert "not installed with tajru" in bare.stdout and "--sources" in bare.stdout
    bare_json = json.loads(run("verify", "--json").stdout)
    assert all(c["unchecked"] for c in bare_json)
    if SOURCES_DIR.is_dir():
        assert len(bare_json) == len(json.loads(counted.stdout))
        assert f"{len(bare_json)} not checked" in bare.stderr
    assert SHIPPED.is_file()
