"""The README's examples are real: each `$ tajru ...` block is run and its output compared.

Run `python tests/test_readme.py` to rewrite the outputs after a deliberate change.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tajru.cli import app
from tajru.cli.app import hoisted

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```console\n\$ (tajru [^\n]*)\n(.*?)```", re.DOTALL)
# What a terminal 88 columns wide shows: listings wrapped, as they are on a terminal.
ENV = {"COLUMNS": "88", "NO_COLOR": "1", "TERM": "dumb", "TAJRU_DATA": "", "TAJRU_LAYOUT": "wrapped"}


def _run(command: str) -> str:
    result = CliRunner().invoke(app, hoisted(shlex.split(command)[1:]), env=ENV)
    return result.stdout + result.stderr


def _examples() -> list[tuple[str, str]]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("command", "expected"), _examples(), ids=[c for c, _ in _examples()])
def test_readme_example_output_is_what_tajru_prints(command: str, expected: str) -> None:
    assert _run(command) == expected


def test_the_readme_says_first_what_the_store_holds() -> None:
    from tajru.store import open_store

    first = " ".join(README.read_text(encoding="utf-8").split("```", 1)[0].split())
    assert f"{len(open_store(None).select())} records drawn from two documents only" in first
    assert "Sethi (2017)" in first and "Dushanbe Dialogue" in first and "your own" in first


def test_the_readme_starts_with_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"^(pip install .*)$", text, re.MULTILINE)[:2]
    assert commands == ["pip install . && tajru timeline --from 1989", 'pip install -e ".[test]" && pytest']


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    updated = BLOCK.sub(lambda m: f"```console\n$ {m[1]}\n{_run(m[1])}```", text)
    README.write_text(updated, encoding="utf-8")
    sys.exit(0)
