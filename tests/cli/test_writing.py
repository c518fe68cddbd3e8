"""What users write is never lost: adds at once, a hand edit while the editor is open, an editor that
does not wait, layers started empty, modes and owners, links, and writes cut short."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from terminal import installed_tajru
from typer.testing import Result

Run = Callable[..., Result]

LAYER = """\
# My reading notes.
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
        evidence: "Tajik-Russian relations"
"""
CITED = (
    "--topic",
    "notes",
    "--source",
    "sethi-2017",
    "--locator",
    "Abstract",
    "--evidence",
    "Tajik-Russian relations",
)
DRAFT = """\
id: {id}
kind: assertion
title: {title}
topics: [notes]
sources:
  - id: sethi-2017
    locator: Abstract
    evidence: "Tajik-Russian relations"
"""
BY_HAND = """\
  - id: typed-by-hand
    kind: assertion
    title: Typed into the file while the editor was open
    topics: [notes]
    sources:
      - id: sethi-2017
        locator: Abstract
        evidence: "Tajik-Russian relations"
"""
EDITOR = Path(__file__).with_name("test_add.py")  # its scripted editor is reused below


def _env(**more: str) -> dict[str, str]:
    return {**os.environ, "TAJRU_DATA": "", **more}


def _tajru(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*installed_tajru(), *args], env=env or _env(), capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL, **kw,  # type: ignore[call-overload]
    )  # fmt: skip


def _records(layer: Path) -> list[str]:
    return [r["id"] for r in yaml.safe_load(layer.read_text(encoding="utf-8"))["records"]]


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(LAYER, encoding="utf-8")
    return path


def _scripted(tmp_path: Path, steps: list[object]) -> dict[str, str]:
    """$VISUAL set to test_add's scripted editor, playing the steps."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("scripted", EDITOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    script = tmp_path / "editor.py"
    script.write_text(module.EDITOR, encoding="utf-8")
    (tmp_path / "texts.json").write_text(json.dumps(steps), encoding="utf-8")
    return _env(VISUAL=f"{sys.executable} {script}")


def _calls(tmp_path: Path) -> int:
    return int((tmp_path / "calls").read_text())


def _drafts(layer: Path) -> list[Path]:
    return sorted(layer.parent.glob(f"{layer.stem}.draft-*.yaml"))


# -- no lost update ------------------------------------------------------------------------------


def test_twelve_adds_at_once_all_land_each_on_lines_of_its_own(layer: Path) -> None:
    command = [
        *installed_tajru(),
        "add",
        "--to",
        str(layer),
        "--title",
        "The same title",
        "--date",
        "2001",
        *CITED,
    ]
    adds = [
        subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         stdin=subprocess.DEVNULL)
        for _ in range(12)
    ]  # fmt: skip
    said = [(add.wait(timeout=120), *add.communicate()) for add in adds]
    assert [status for status, _, _ in said] == [0] * 12, [err for _, _, err in said]
    ids = [out.strip() for _, out, _ in said]
    assert len(set(ids)) == 12  # each proposed its own id, under the lock, from what was there then
    assert sorted(_records(layer)) == sorted(["my-first-note", *ids])
    text = layer.read_text(encoding="utf-8")
    assert text.startswith(LAYER)
    assert all(text.count(f"  - id: {i}\n") == 1 for i in ids)
    assert _tajru("validate", "--include", str(layer)).returncode == 0
    assert not list(layer.parent.glob(".*.lock"))  # each writer removed its lock file when done


def test_a_hand_edit_made_while_the_editor_is_open_survives(tmp_path: Path, layer: Path) -> None:
    draft = DRAFT.format(id="from-the-editor", title="Written in the editor")
    env = _scripted(tmp_path, [{"text": draft, "sleep": 1.1, "append": [str(layer), BY_HAND]}])
    result = _tajru("add", "assertion", "--to", str(layer), "--edit", env=env)
    assert result.returncode == 0, result.stderr
    assert _records(layer) == ["my-first-note", "typed-by-hand", "from-the-editor"]
    assert layer.read_text(encoding="utf-8").startswith(LAYER + BY_HAND)


def test_an_id_taken_while_the_editor_is_open_reopens_the_draft_with_that_problem(
    tmp_path: Path, layer: Path
) -> None:
    draft = DRAFT.format(id="typed-by-hand", title="Written in the editor")
    mended = draft.replace("id: typed-by-hand", "id: written-in-the-editor")
    steps = [{"text": draft, "sleep": 1.1, "append": [str(layer), BY_HAND]}, {"text": mended, "sleep": 1.1}]
    result = _tajru("add", "--to", str(layer), "--edit", env=_scripted(tmp_path, steps))
    assert result.returncode == 0, result.stderr
    reopened = (tmp_path / "seen-1.txt").read_text(encoding="utf-8")
    assert "# ! " in reopened and "record id 'typed-by-hand' is used twice" in reopened
    assert _records(layer) == ["my-first-note", "typed-by-hand", "written-in-the-editor"]


# -- an editor that does not wait ----------------------------------------------------------------


def test_an_editor_that_returns_at_once_is_run_once_and_named(tmp_path: Path, layer: Path) -> None:
    script = tmp_path / "gui.py"
    script.write_text("pass\n", encoding="utf-8")  # as 'code' without --wait: back before anything is typed
    before = layer.read_bytes()
    result = _tajru("add", "--to", str(layer), "--edit", env=_env(VISUAL=f"{sys.executable} {script}"))
    assert result.returncode == 1
    assert "returned at once" in result.stderr and "code --wait" in result.stderr
    (draft,) = _drafts(layer)
    assert str(draft) in result.stderr and layer.read_bytes() == before


def test_an_editor_returning_at_once_with_a_bad_draft_is_run_at_most_twice(
    tmp_path: Path, layer: Path
) -> None:
    bad = DRAFT.format(id="bad", title="Bad").replace("[notes]", "[nots]")
    result = _tajru("add", "--to", str(layer), "--edit", env=_scripted(tmp_path, [bad] * 300))
    assert result.returncode == 1 and _calls(tmp_path) <= 2
    assert "code --wait" in result.stderr
    (draft,) = _drafts(layer)
    assert str(draft) in result.stderr and "unknown topic 'nots'" in draft.read_text(encoding="utf-8")


def test_a_draft_reopened_and_left_unchanged_ends_the_loop(tmp_path: Path, layer: Path) -> None:
    bad = DRAFT.format(id="bad", title="Bad").replace("[notes]", "[nots]")
    steps = [{"text": bad, "sleep": 1.1}, *[{"sleep": 1.1}] * 5]  # then saved as it was reopened
    result = _tajru("add", "--to", str(layer), "--edit", env=_scripted(tmp_path, steps))
    assert result.returncode == 1 and _calls(tmp_path) == 2
    (draft,) = _drafts(layer)
    assert "not changed since it was reopened" in result.stderr and str(draft) in result.stderr


def test_with_no_editor_chosen_tajru_says_which_it_opens(tmp_path: Path, layer: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    editor = bin_dir / "editor"
    editor.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(1.1)\n", encoding="utf-8")
    editor.chmod(0o755)
    env = {k: v for k, v in _env(PATH=str(bin_dir)).items() if k not in ("VISUAL", "EDITOR")}
    result = _tajru("add", "--to", str(layer), "--edit", env=env)
    assert result.returncode == 0, result.stderr
    assert "in editor; $VISUAL or $EDITOR chooses another" in result.stderr


# -- every empty start is a layer ----------------------------------------------------------------


@pytest.mark.parametrize(
    "start", ["", "# notes on my reading\n", "records: []\n", "records:\n", "records: ~\n"],
    ids=["empty", "comments", "flow-empty", "null", "tilde"],
)  # fmt: skip
def test_every_empty_start_takes_an_add(run: Run, tmp_path: Path, start: str) -> None:
    layer = tmp_path / "new.yaml"
    layer.write_text("# kept\n" + start + "# kept too\n" if start else "", encoding="utf-8")
    for title in ("First note", "Second note"):
        result = run(
            "add", "assertion", "--to", str(layer), "--title", title, "--topic", "diplomacy", *CITED[2:]
        )
        assert result.exit_code == 0, result.stdout + result.stderr
    text = layer.read_text(encoding="utf-8")
    assert "records:\n  - id: first-note\n" in text and "[]" not in text and "~" not in text
    if start:
        assert text.startswith("# kept\n") and "# kept too\n" in text
    assert _records(layer) == ["first-note", "second-note"]


# -- modes, owners, links ------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_made_as_the_umask_says_and_replaced_files_keep_their_mode(
    tmp_path: Path, layer: Path, umask_022: None
) -> None:
    new = tmp_path / "new.yaml"
    assert (
        _tajru(
            "add", "assertion", "--to", str(new), "--title", "A note", "--topic", "diplomacy", *CITED[2:]
        ).returncode
        == 0
    )
    assert _mode(new) == 0o644
    layer.chmod(0o640)
    assert _tajru("add", "assertion", "--to", str(layer), "--title", "Another", *CITED).returncode == 0
    assert _mode(layer) == 0o640
    refused = _tajru("add", "assertion", "--to", str(layer), "--title", "Bad", "--topic", "nots", *CITED[2:])
    assert refused.returncode == 1
    assert [_mode(d) for d in _drafts(layer)] == [0o644]
    page, data = tmp_path / "page.html", tmp_path / "t.db"
    assert _tajru("export", "-f", "html", "-o", str(page)).returncode == 0
    assert _tajru("export", "-f", "sqlite", "-o", str(data)).returncode == 0
    assert (_mode(page), _mode(data), _mode(tmp_path / "t.metadata.json")) == (0o644, 0o644, 0o644)
    page.chmod(0o600)
    assert _tajru("export", "-f", "html", "-o", str(page), "--force").returncode == 0
    assert _mode(page) == 0o600


def test_adding_through_a_link_writes_its_target(tmp_path: Path, layer: Path) -> None:
    elsewhere = tmp_path / "links"
    elsewhere.mkdir()
    link = elsewhere / "notes.yaml"
    link.symlink_to(layer)
    assert (
        _tajru("add", "assertion", "--to", str(link), "--title", "Through the link", *CITED).returncode == 0
    )
    assert link.is_symlink() and "through-link" in _records(layer)


def test_a_hard_linked_file_is_said_to_lose_its_link(tmp_path: Path, layer: Path) -> None:
    other = tmp_path / "other-name.yaml"
    os.link(layer, other)
    result = _tajru("add", "assertion", "--to", str(layer), "--title", "Linked", *CITED)
    assert result.returncode == 0 and "hard link" in result.stderr
    assert "linked" in _records(layer) and "linked" not in _records(other)


def test_export_names_a_folder_and_never_replaces_a_companion_unasked(tmp_path: Path) -> None:
    folder = _tajru("export", "-o", str(tmp_path))
    assert folder.returncode == 2 and "folder" in folder.stderr and "Traceback" not in folder.stderr
    companion = tmp_path / "t.metadata.json"
    companion.write_text("mine", encoding="utf-8")
    refused = _tajru("export", "-f", "sqlite", "-o", str(tmp_path / "t.db"))
    assert refused.returncode == 2 and str(companion) in refused.stderr and "--force" in refused.stderr
    assert companion.read_text(encoding="utf-8") == "mine" and not (tmp_path / "t.db").exists()
    assert _tajru("export", "-f", "sqlite", "-o", str(tmp_path / "t.db"), "--force").returncode == 0
    assert companion.read_text(encoding="utf-8") != "mine"


# -- paths and drafts as files, not as written ---------------------------------------------------


def test_a_layer_included_and_named_as_the_target_in_other_words_is_one_file(
    run: Run, layer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(layer.parent)
    result = run("add", "assertion", "--include", layer.name, "--to", str(layer), "--title", "Once", *CITED)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "once" in _records(layer)


@pytest.mark.parametrize("empty", ['""', "''", "~", "null", ""])
def test_an_id_left_empty_in_any_spelling_is_proposed(run: Run, layer: Path, empty: str) -> None:
    from typer.testing import CliRunner

    from tajru.cli import app_for

    draft = DRAFT.format(id=empty, title="An empty id")
    args = ["add", "--to", str(layer)]
    result = CliRunner().invoke(app_for(args), args, input=draft, env={"TAJRU_DATA": ""})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == "empty-id\n" and "empty-id" in _records(layer)


def test_a_layer_ending_in_a_flow_list_over_several_lines_takes_an_add(run: Run, layer: Path) -> None:
    last = "    topics: [notes]\n"
    flowing = LAYER.replace(last, "") + "    topics: [\n      notes\n    ]\n"
    layer.write_text(flowing, encoding="utf-8")
    result = run("add", "assertion", "--to", str(layer), "--title", "After the list", *CITED)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert _records(layer) == ["my-first-note", "after-list"]
    assert layer.read_text(encoding="utf-8").startswith(flowing)


# -- nothing half-written ------------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_or_a_read_only_file_system_leaves_the_layer_and_keeps_the_draft(
    run: Run, layer: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    before = layer.read_bytes()

    def full(temp: object, target: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("tajru.user_files.os.replace", full)
    result = run("add", "assertion", "--to", str(layer), "--title", "Lost?", *CITED)
    assert result.exit_code == 1 and os.strerror(code) in result.stderr
    assert "internal error" not in result.stderr
    assert layer.read_bytes() == before
    (draft,) = _drafts(layer)
    assert str(draft) in result.stderr and "Lost?" in draft.read_text(encoding="utf-8")
    assert [p.name for p in layer.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_kill_at_any_moment_leaves_the_layer_as_it_was_or_as_it_is_after(
    tmp_path: Path, layer: Path
) -> None:
    rng = random.Random(19)
    for n in range(10):
        before = _records(layer)
        command = [*installed_tajru(), "add", "assertion", "--to", str(layer), "--title", f"Kill {n}", *CITED]
        add = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        add.send_signal(signal.SIGKILL)
        add.wait(timeout=60)
        after = _records(layer)  # a whole YAML file, every time
        assert after in (before, [*before, f"kill-{n}"])
