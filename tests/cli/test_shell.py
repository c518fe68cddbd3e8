"""The shell: completion of commands, options and values, and the pager for long output."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from places import MINI
from terminal import installed_tajru, on_a_terminal


def complete(words: str, shell: str = "bash", data: Path | None = MINI) -> list[str]:
    """What tajru offers for the last word of a command line, as the shell's completion script asks
    (of the mini store, or with data=None of the shipped one)."""
    env = {k: v for k, v in os.environ.items() if k != "TAJRU_DATA"} | {
        "_TAJRU_COMPLETE": f"complete_{shell}"
    }
    env |= {"TAJRU_DATA": str(data)} if data else {}
    if shell == "bash":
        parts = words.split(" ")
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    out = subprocess.run(installed_tajru(), env=env, capture_output=True, text=True, timeout=60).stdout
    return out.splitlines()


def test_commands_and_options_complete() -> None:
    assert complete("tajru ti") == ["timeline"]
    assert set(complete("tajru s")) == {"search", "show", "sources", "stats", "schema"}
    assert "--topic" in complete("tajru facts --to")


def test_topic_ids_actor_names_speakers_and_record_ids_complete() -> None:
    assert complete("tajru facts --topic ") == ["military", "language"]
    assert complete("tajru facts --topic la") == ["language"]
    assert complete("tajru timeline --actor Ra") == ["Rakhmonov", "Rahmon"]
    assert complete("tajru timeline --actor rakh") == ["rakhmonov"]
    assert complete("tajru quote pu") == ["putin"]  # in the case typed, as shells require
    assert complete("tajru quote ") == [
        "vladimir-putin",
        "Vladimir Putin",
        "Vladimir",
        "Putin",
    ]  # speakers only
    assert complete("tajru show anti") == ["anti-taliban"]
    assert complete("tajru facts --kind f") == ["figure"]
    assert complete("tajru facts --topic mil", "fish") == ["military"]


def test_the_small_words_inside_names_are_never_offered_as_names() -> None:
    # "Russian Ministry of Defence and Foreign Affairs": its capitalised words may name it, not "of" or "and".
    offered = complete("tajru facts --actor ", data=None)
    assert "Putin" in offered and "Ministry" in offered
    assert "of" not in offered and "and" not in offered
    assert "of" not in complete("tajru facts --actor o", data=None)


def test_a_broken_store_completes_nothing_rather_than_failing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("records: [", encoding="utf-8")
    env = {**os.environ, "_TAJRU_COMPLETE": "complete_bash", "TAJRU_DATA": str(broken)}
    env |= {"COMP_WORDS": "tajru facts --topic ", "COMP_CWORD": "3"}
    result = subprocess.run(installed_tajru(), env=env, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records what it was given."""
    seen = tmp_path / "paged.txt"
    return f"tee {seen}", seen


def test_long_output_on_a_terminal_goes_through_the_pager(pager: tuple[str, Path]) -> None:
    command, seen = pager
    shown = on_a_terminal(["timeline"], {"TAJRU_PAGER": command, "LINES": "10", "TAJRU_DATA": ""})
    assert seen.is_file() and "1929" in seen.read_text(encoding="utf-8") and "1929" in shown


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager", "timeline"], {"LINES": "10"}),
        (["timeline"], {"LINES": "500"}),  # fits the screen
        (["quote", "putin"], {"LINES": "10", "TAJRU_DATA": str(MINI)}),  # short output
    ],
)
def test_the_pager_is_left_out_when_not_wanted_or_not_needed(
    pager: tuple[str, Path], args: list[str], env: dict[str, str]
) -> None:
    command, seen = pager
    shown = on_a_terminal(args, {"TAJRU_PAGER": command, "TAJRU_DATA": "", **env})
    assert not seen.exists() and shown


def test_the_pager_is_bypassed_when_piped(pager: tuple[str, Path]) -> None:
    command, seen = pager
    env = {**os.environ, "TAJRU_PAGER": command, "LINES": "10", "TAJRU_DATA": ""}
    result = subprocess.run(
        [*installed_tajru(), "timeline"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "1929" in result.stdout and not seen.exists()


def test_a_missing_pager_prints_directly() -> None:
    shown = on_a_terminal(
        ["timeline"], {"TAJRU_PAGER": "no-such-pager-here", "LINES": "10", "TAJRU_DATA": ""}
    )
    assert "1929" in shown and "Traceback" not in shown


def test_pager_from_the_environment_is_used_when_tajru_pager_is_not_set(pager: tuple[str, Path]) -> None:
    command, seen = pager
    on_a_terminal(["timeline"], {"PAGER": command, "LINES": "10", "TAJRU_DATA": "", "TAJRU_PAGER": None})
    assert seen.is_file() and "1929" in seen.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["timeline", "--no-pager"], ["timeline", "--from", "1989", "--no-pager"]])
def test_no_pager_works_after_the_command_too(pager: tuple[str, Path], args: list[str]) -> None:
    command, seen = pager
    shown = on_a_terminal(args, {"TAJRU_PAGER": command, "LINES": "10", "TAJRU_DATA": ""})
    assert not seen.exists() and "1989" in shown


def test_a_quote_card_is_no_wider_than_reading_width_on_a_wide_terminal() -> None:
    shown = on_a_terminal(["quote", "putin"], {"COLUMNS": "200", "TAJRU_DATA": str(MINI)})
    widths = [len(re.sub(r"\x1b\[[0-9;]*m", "", line)) for line in shown.splitlines() if "│" in line]
    assert widths and max(widths) <= 100


def test_an_entry_term_of_the_thesaurus_completes_and_names_its_actor(tmp_path: Path) -> None:
    assert "Kremlin" in complete("tajru facts --actor Kr", data=None)
    from typer.testing import CliRunner

    from tajru.cli import app

    who = CliRunner().invoke(app, ["who", "kremlin"], env={"TAJRU_DATA": "", "COLUMNS": "100"})
    assert who.exit_code == 0 and who.stdout.startswith("Russia  state  (russia)")
    moscow = CliRunner().invoke(app, ["facts", "--actor", "Moscow", "--json"], env={"TAJRU_DATA": ""})
    russia = CliRunner().invoke(app, ["facts", "--actor", "russia", "--json"], env={"TAJRU_DATA": ""})
    assert moscow.exit_code == 0 and moscow.stdout == russia.stdout
