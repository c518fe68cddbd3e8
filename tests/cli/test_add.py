"""`tajru add` end to end: a scripted $EDITOR writes the record, tajru checks it, appends it to the layer
with every earlier byte kept, reopens a draft with its problems, keeps what was typed when it is not added."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from places import SOURCES_DIR
from terminal import installed_tajru
from typer.testing import Result

Run = Callable[..., Result]

LAYER = """\
# My reading notes: the header and this comment must survive every add.
topics:
  - id: notes
    label: My notes
records:
  - id: my-first-note
    kind: assertion
    title: A first note
    topics: [notes]
    sources:
      - id: sethi-2017
        locator: Abstract
        evidence: "Tajik-Russian relations"   # a comment of mine
"""

VALID = """\
kind: event
date: "2003-04-26"
title: Putin visits the 201st division
topics: [notes, military]
sources:
  - id: sethi-2017
    locator: Military Relations, note 24
    evidence: "While visiting the 201st MRD located in Tajikistan, on April 26, 2003"
"""

# An editor that writes, on its Nth call, the Nth of the texts it was given (None: exit 1 without
# writing), after saving what it was shown into seen-N.txt beside the file. A text may instead be
# {"text": ..., "sleep": seconds, "append": [path, text]}: it waits as a person typing would, and
# meanwhile appends to another file, as a hand edit or a git pull would while the editor is open.
EDITOR = """\
import json, sys, time
from pathlib import Path
draft = Path(sys.argv[1])
state = Path(__file__).with_name("calls")
n = int(state.read_text()) if state.exists() else 0
state.write_text(str(n + 1))
Path(__file__).with_name(f"seen-{n}.txt").write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
texts = json.loads(Path(__file__).with_name("texts.json").read_text(encoding="utf-8"))
step = texts[n]
if step is None:
    sys.exit(1)
if isinstance(step, dict):
    time.sleep(step.get("sleep", 0))
    if "append" in step:
        with open(step["append"][0], "a", encoding="utf-8") as other:
            other.write(step["append"][1])
    step = step.get("text", draft.read_text(encoding="utf-8"))
draft.write_text(step, encoding="utf-8")
"""


def typed(text: str, **more: object) -> dict[str, object]:
    """A text written by a person: the editor stays open over a second, as a person's does."""
    return {"text": text, "sleep": 1.1, **more}


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    path = tmp_path / "notes.yaml"
    path.write_bytes(LAYER.encode("utf-8"))
    return path


def _with_editor(tmp_path: Path, texts: list[object], *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    env = {**os.environ, "VISUAL": f"{sys.executable} {script}", "TAJRU_DATA": ""}
    command = [*installed_tajru(), "add", *args, "--edit"]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


def _ids(run: Run, layer: Path) -> list[str]:
    return [
        r["id"]
        for r in json.loads(run("facts", "--include", str(layer), "--topic", "notes", "--json").stdout)
    ]


def _drafts(layer: Path) -> list[Path]:
    return sorted(layer.parent.glob("notes.draft-*.yaml"))


def test_a_record_written_in_the_editor_is_appended_and_every_earlier_byte_kept(
    run: Run, tmp_path: Path, layer: Path
) -> None:
    before = layer.read_bytes()
    result = _with_editor(tmp_path, [VALID], "event", "--to", str(layer))
    assert result.returncode == 0, result.stderr
    after = layer.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert result.stdout == "putin-visits-201st-division-2003\n"  # proposed from the title and date
    assert f"added putin-visits-201st-division-2003 to {layer}" in result.stderr
    assert _ids(run, layer) == ["putin-visits-201st-division-2003", "my-first-note"]
    template = (tmp_path / "seen-0.txt").read_text(encoding="utf-8")
    assert "kind: event" in template and "# Topics: " in template and "notes" in template
    assert _drafts(layer) == []  # nothing left behind


def test_an_invalid_record_reopens_with_its_problems_and_is_added_once_mended(
    run: Run, tmp_path: Path, layer: Path
) -> None:
    wrong = VALID.replace("[notes, military]", "[notes, militery]").replace("the 201st MRD", "the 202nd MRD")
    result = _with_editor(tmp_path, [typed(wrong), typed(VALID)], "--to", str(layer))
    assert result.returncode == 0, result.stderr
    reopened = (tmp_path / "seen-1.txt").read_text(encoding="utf-8")
    problems = [line for line in reopened.splitlines() if line.startswith("# ! ")]
    assert any("unknown topic 'militery'; did you mean 'military'?" in p for p in problems), problems
    assert reopened.endswith(wrong)  # what was typed is all there, under the problems
    assert "putin-visits-201st-division-2003" in _ids(run, layer)


def test_evidence_not_in_the_source_reopens_with_the_difference(tmp_path: Path, layer: Path) -> None:
    if not SOURCES_DIR.is_dir():
        pytest.skip("the source documents are not beside the project")
    forged = VALID.replace("the 201st MRD", "the 202nd MRD")
    result = _with_editor(tmp_path, [typed(forged), typed("")], "--to", str(layer))
    reopened = (tmp_path / "seen-1.txt").read_text(encoding="utf-8")
    assert "the evidence is not printed at its locator" in reopened and "[-202nd-]{+201st+}" in reopened
    assert result.returncode == 0 and "nothing added; the draft you wrote is kept in" in result.stderr


def test_an_abandoned_draft_is_kept_and_named(tmp_path: Path, layer: Path) -> None:
    before = layer.read_bytes()
    typed = VALID.replace("[notes, military]", "[nots]")
    result = _with_editor(tmp_path, [typed, None], "--to", str(layer))
    assert result.returncode == 1
    (draft,) = _drafts(layer)
    assert f"nothing added, the draft is kept in {draft}" in result.stderr
    assert typed in draft.read_text(encoding="utf-8")
    assert layer.read_bytes() == before


def test_an_untouched_template_adds_nothing_and_leaves_nothing(tmp_path: Path, layer: Path) -> None:
    before = layer.read_bytes()
    script = tmp_path / "keep.py"
    script.write_text("import time\ntime.sleep(1.1)\n", encoding="utf-8")  # opened, then quit unchanged
    env = {**os.environ, "VISUAL": f"{sys.executable} {script}", "TAJRU_DATA": ""}
    result = subprocess.run(
        [*installed_tajru(), "add", "figure", "--to", str(layer), "--edit"],
        env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "tajru: nothing added\n")
    assert layer.read_bytes() == before and _drafts(layer) == []


def test_an_id_in_use_is_refused_and_the_record_kept(run: Run, layer: Path) -> None:
    before = layer.read_bytes()
    result = run(
        "add", "--to", str(layer), "--id", "language-law-1989", "--title", "Again", "--date", "1989",
        "--topic", "notes", "--source", "sethi-2017", "--locator", "Abstract", "--evidence", "Tajik-Russian relations",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "record id 'language-law-1989' is used twice" in result.stdout
    assert layer.read_bytes() == before
    (draft,) = _drafts(layer)
    assert f"it is kept in {draft}" in result.stderr and "language-law-1989" in draft.read_text(
        encoding="utf-8"
    )


def test_yaml_on_stdin_is_added_as_written(run: Run, layer: Path) -> None:
    from typer.testing import CliRunner

    from tajru.cli import app_for

    args = ["add", "--to", str(layer)]
    result = CliRunner().invoke(
        app_for(args), args, input=VALID, env={"TAJRU_DATA": "", "TAJRU_LAYOUT": "wrapped"}
    )
    assert result.exit_code == 0, result.stderr
    assert "putin-visits-201st-division-2003" in _ids(run, layer)
    text = layer.read_text(encoding="utf-8")
    assert text.startswith(LAYER) and '    date: "2003-04-26"\n' in text


def test_the_files_own_line_ends_and_sections_after_the_records_are_kept(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "notes.yaml"
    records_first = LAYER.split("records:\n")[1]
    text = (
        "\ufeffrecords:\n" + records_first + "\n# later\ntopics:\n  - id: notes\n    label: My notes\n"
    ).replace("\n", "\r\n")
    before = text.encode("utf-8")
    layer.write_bytes(before)
    args = ("add", "--to", str(layer), "--title", "Second", "--topic", "notes", "--date", "2001",
            "--source", "sethi-2017", "--locator", "Abstract", "--evidence", "Tajik-Russian relations")  # fmt: skip
    assert run(*args).exit_code == 0
    after = layer.read_bytes()
    cut = before.index(b"\r\n\r\n# later")
    assert after.startswith(before[:cut]) and after.endswith(before[cut:])
    added = after[cut : len(after) - (len(before) - cut)]
    assert b"\n" not in added.replace(b"\r\n", b"") and added.startswith(b"\r\n  - id: second-2001\r\n")
    assert _ids(run, layer) == ["second-2001", "my-first-note"]
