"""Hostile data in exports: on a terminal shown as the views show it, in a file or a pipe kept as it is,
and in JSON, wherever it goes, the controls JSON leaves raw written as escapes that read back the same."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE, UNSAFE, hostile_store
from terminal import on_a_terminal
from typer.testing import Result

Run = Callable[..., Result]

ALL_HOSTILE = "".join(HOSTILE[k] for k in ("csi", "osc8", "osc52", "title", "csi8bit", "bidi"))
TEXT_EXPORTS = ["json", "ndjson", "csv", "markdown", "pandoc", "html", "timelinejs"]


@pytest.mark.parametrize("fmt", TEXT_EXPORTS)
def test_an_export_to_a_terminal_shows_control_characters_as_escapes(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    path = hostile_store(tmp_path, ALL_HOSTILE)
    run("facts", "--data", str(path))  # compiled before, so no progress line on the terminal
    screen = on_a_terminal(["export", "-f", fmt, "--undated", "--data", str(path)], {"NO_COLOR": "1"})
    assert "Tajikistan" in screen
    lines = screen.replace("\r\n", "\n").replace("\r\n", "\n")  # the terminal's CRLF, and CSV's own
    assert not UNSAFE.search(lines.replace("\t", "")), fmt


@pytest.mark.parametrize("fmt", ["markdown", "csv", "pandoc"])  # html is for people: shown as the views do
def test_an_export_to_a_file_or_a_pipe_keeps_the_data_as_it_is(run: Run, tmp_path: Path, fmt: str) -> None:
    path = hostile_store(tmp_path, ALL_HOSTILE)
    run("export", "-f", fmt, "--undated", "-o", str(tmp_path / "out"), "--data", str(path))
    piped = run("export", "-f", fmt, "--undated", "--data", str(path)).stdout
    for written in ((tmp_path / "out").read_text(encoding="utf-8"), piped):  # only the format's own escaping
        assert all(c in written for c in "\x1b\x07\x9b\u202e\u2066"), fmt


@pytest.mark.parametrize("args", [["export", "-f", "json"], ["export", "-f", "ndjson"], ["facts", "--json"],
                                  ["show", "anti-taliban", "--json"], ["export", "-f", "timelinejs"]])  # fmt: skip
def test_json_writes_bidirectional_and_c1_controls_as_escapes_that_read_back_the_same(
    run: Run, tmp_path: Path, args: list[str]
) -> None:
    path = hostile_store(tmp_path, ALL_HOSTILE)
    text = (
        run(*args, "--undated", "--data", str(path)).stdout
        if args[0] != "show"
        else run(*args, "--data", str(path)).stdout
    )
    assert not UNSAFE.search(text.replace("\n", "")) and "\\u202e" in text
    documents = [json.loads(line) for line in text.splitlines()] if "ndjson" in args else [json.loads(text)]

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            value = list(value.values())
        return [s for v in value for s in strings(v)] if isinstance(value, list) else [str(value)]

    assert any(ALL_HOSTILE in s for s in strings(documents)), args
