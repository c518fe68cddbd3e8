"""Exit statuses and messages: a usage error is status 2 and one line, a broken store 1, a bug 1 with no
traceback unless asked, a reader that goes away a quiet 141."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--topic", "militery"], "tajru: error: unknown topic 'militery'; did you mean 'military'?\n"),
        (["timeline", "--from", "abc"], "tajru: error: 'abc' is not a date; write a year, a year and month or a full date: 1989, 1990-02, 2003-04-26\n"),
        (["facts", "--from", "2025-13"], "tajru: error: '2025-13' is not a date: there is no month 13\n"),
        (["facts", "--year", "0"], "tajru: error: '0' is not a date: there is no year 0\n"),
        (["facts", "--from", "2005", "--to", "2001"], "tajru: error: the range is reversed: it starts 2005-01-01 and ends 2001-12-31; swap --from and --to\n"),
        (["facts", "--kind", "rumour"], "tajru: error: unknown kind 'rumour'; kinds are: event, figure, quote, assertion\n"),
        (["facts", "--kind", "evnt"], "tajru: error: unknown kind 'evnt'; did you mean 'event'?\n"),
        (["quote", "emomali"], "tajru: error: 'emomali' could be any of: Emomali Rahmon (emomali-rahmon), Rustam Emomali (rustam-emomali); give more of the name, or the id\n"),
        (["show", "anti-talibn"], "tajru: error: no record with id 'anti-talibn'; did you mean 'anti-taliban'?\n"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2_with_one_line_and_nothing_on_stdout(
    mini: Run, args: list[str], message: str
) -> None:
    result = mini(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.parametrize(
    ("args", "named", "help_of"),
    [(["timelin"], "timelin", "tajru"), (["facts", "--colour"], "--colour", "tajru facts")],
)
def test_a_misspelt_command_or_option_is_one_line_naming_it_and_where_to_look(
    mini: Run, args: list[str], named: str, help_of: str
) -> None:
    """Typer words these messages; what tajru promises is one line, the word named, and where help is."""
    result = mini(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith("tajru: error: ") and line.endswith(f"(see '{help_of} --help')")
    assert named in line


def test_a_missing_data_file_exits_1(run: Run, tmp_path: Path) -> None:
    result = run("facts", env={"TAJRU_DATA": str(tmp_path / "nowhere.yaml")})
    assert (result.exit_code, result.stderr) == (
        1,
        f"tajru: error: {tmp_path / 'nowhere.yaml'}: no such file\n",
    )


def test_an_internal_error_is_one_line_unless_debugging(mini: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("tajru.store.Store.answer", broken)
    result = mini("timeline")
    assert result.exit_code == 1
    assert result.stderr.startswith("tajru: internal error: RuntimeError: kaput. This is a bug in tajru")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    debug = mini("--debug", "timeline")
    assert debug.exit_code == 1 and "Traceback (most recent call last)" in debug.stderr
    after = mini("timeline", "--from", "1990", "--debug")  # as the message says: add --debug, anywhere
    assert after.exit_code == 1 and "Traceback (most recent call last)" in after.stderr
    assert "Traceback" in mini("timeline", env={"TAJRU_DEBUG": "1"}).stderr


def test_a_kind_in_the_plural_gets_the_kind_suggested(mini: Run) -> None:
    result = mini("facts", "--kind", "figures")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "tajru: error: unknown kind 'figures'; did you mean 'figure'?\n",
    )


@pytest.mark.parametrize("word", ["and", "of"])
def test_a_small_word_inside_a_name_names_no_one(run: Run, word: str) -> None:
    # The shipped store has "Russian Ministry of Defence and Foreign Affairs" and "Republic of Tajikistan".
    result = run("facts", "--actor", word)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"tajru: error: no one called '{word}' in the store")
