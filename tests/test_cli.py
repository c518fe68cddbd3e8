"""Each command end to end through Typer's CliRunner: output, JSON, exit statuses and messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tajru import __version__
from tajru.cli import app

Run = Callable[..., Result]
CONTRACT_FIELDS = {
    "id", "kind", "date", "end", "date_inferred", "date_note", "title", "text", "value", "unit",
    "qualifier", "as_of", "speaker", "quote", "context", "caveat", "topics", "actors", "sources",
}  # fmt: skip


@pytest.fixture
def mini(run: Run, mini_store: Path) -> Run:
    """The runner, pointed at the small store through --data's environment variable."""
    return lambda *args, env=None: run(*args, env={"TAJRU_DATA": str(mini_store), **(env or {})})


def test_timeline_from_1989_groups_dated_records_by_year(mini: Run) -> None:
    result = mini("timeline", "--from", "1989")
    assert result.exit_code == 0
    assert result.stdout == (
        "1989\n"
        "  1989         event   Tajikistan adopts the Language Law\n"
        "                       Sethi 2017, Language Policy, note 9\n"
        "  1989         figure  Russians share\n"
        "                       Sethi 2017, Language Policy, note 10\n"
        "\n"
        "1998\n"
        "  [1998–2001]  event   Anti-Taliban campaign\n"
        "                       Sethi 2017, Military Relations, note 24\n"
        "\n"
        "2003\n"
        "  26 Apr 2003  quote   Putin calls the Russian military presence a [bold]factor[/] of regional\n"
        "                       security\n"
        "                       Sethi 2017, Military Relations, note 24\n"
        "\n"
        "Dates in [brackets] are inferred from the source, not stated in it.\n"
    )
    assert result.stderr == ""


def test_facts_table_shows_a_figures_value_with_its_hedge(mini: Run) -> None:
    result = mini("facts", "--kind", "figure")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Date", "Kind", "Fact", "Value"]
    assert lines[2].split() == ["1989", "figure", "Russians", "share", "about", "10", "percent"]


def test_facts_topic_military_lists_only_military_records(mini: Run) -> None:
    result = mini("facts", "--topic", "military", "--json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["anti-taliban", "putin-201st-presence-2003"]


def test_quote_card_shows_words_speaker_date_context_and_citation(mini: Run) -> None:
    result = mini("quote", "putin")
    assert result.exit_code == 0
    out = result.stdout
    assert "─ Vladimir Putin · 26 Apr 2003 ─" in out
    assert "“the Russian military, presence in Tajikistan is an important and quite positive factor" in out
    assert "While visiting the 201st MRD" in out
    assert "Sethi 2017, Military Relations, note 24" in out


def test_quote_by_someone_with_no_quotes_is_an_empty_success(mini: Run) -> None:
    result = mini("quote", "rakhmonov")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "tajru: no records match\n")
    result = mini("quote", "rakhmonov", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_json_has_exactly_the_contract_fields_and_nothing_else_on_stdout(mini: Run) -> None:
    result = mini("facts", "--json")
    records = json.loads(result.stdout)
    assert len(records) == 4
    for record in records:
        extra = set(record) - CONTRACT_FIELDS
        assert extra <= {"speaker_name"}
        assert all(isinstance(record[f], str) for f in ("date", "end", "as_of") if f in record)
    quote = next(r for r in records if r["kind"] == "quote")
    assert quote["speaker"] == "vladimir-putin" and quote["speaker_name"] == "Vladimir Putin"
    figure = next(r for r in records if r["kind"] == "figure")
    assert (figure["value"], figure["unit"], figure["qualifier"], figure["as_of"]) == (
        10,
        "percent",
        "about",
        "1989",
    )


def test_every_listing_command_takes_every_filter(mini: Run) -> None:
    filters = [
        "--from",
        "1990",
        "--to",
        "2010",
        "--topic",
        "military",
        "--actor",
        "putin",
        "--search",
        "regional",
    ]
    for command in (["timeline"], ["facts"], ["quote"]):
        result = mini(*command, *filters, "--json")
        assert result.exit_code == 0, result.stderr
        assert [r["id"] for r in json.loads(result.stdout)] == ["putin-201st-presence-2003"]


def test_show_prints_every_field_and_the_evidence(mini: Run) -> None:
    result = mini("show", "anti-taliban")
    assert result.exit_code == 0
    assert "date        [1998–2001]" in result.stdout
    assert "date note   test" in result.stdout
    assert (
        "Sethi 2017, Military Relations, note 24\n  “During the anti-Taliban campaign between 1998-2001”"
        in result.stdout
    )


def test_show_json_is_one_record(mini: Run) -> None:
    result = mini("show", "russians-10", "--json")
    assert json.loads(result.stdout)["value"] == 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "--topic", "militery"], "tajru: error: unknown topic 'militery'; did you mean 'military'?\n"),
        (["timeline", "--from", "abc"], "tajru: error: 'abc' is not a date; write a year, a year and month or a full date: 1989, 1990-02, 2003-04-26\n"),
        (["facts", "--from", "2025-13"], "tajru: error: '2025-13' is not a date: there is no month 13\n"),
        (["facts", "--year", "0"], "tajru: error: '0' is not a date: there is no year 0\n"),
        (["facts", "--from", "2005", "--to", "2001"], "tajru: error: the range is reversed: it starts 2005-01-01 and ends 2001-12-31; swap --from and --to\n"),
        (["facts", "--kind", "evnt"], "tajru: error: unknown kind 'evnt'; kinds are: event, figure, quote\n"),
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


def test_a_broken_data_file_exits_1_naming_file_line_and_record(
    run: Run, write_store: Callable[[str], Path]
) -> None:
    text = Path("tests/mini_store.yaml").read_text(encoding="utf-8").replace('"2003-04-26"', '"2003-02-30"')
    path = write_store(text)
    result = run("timeline", "--data", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == f"tajru: error: {path}:28 (putin-201st-presence-2003): 'date': '2003-02-30' is not a date: Feb 2003 has 28 days\n"
    )


def test_a_missing_data_file_exits_1(run: Run, tmp_path: Path) -> None:
    result = run("facts", env={"TAJRU_DATA": str(tmp_path / "nowhere.yaml")})
    assert (result.exit_code, result.stderr) == (
        1,
        f"tajru: error: {tmp_path / 'nowhere.yaml'}: no such file\n",
    )


def test_markup_and_escapes_in_data_are_shown_literally(run: Run, write_store: Callable[[str], Path]) -> None:
    text = Path("tests/mini_store.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Anti-Taliban campaign", 'title: "Red \\e[31malert\\e[0m :smile: [link=http://x]x[/link]"'
    )
    path = write_store(text)
    result = run("timeline", "--data", str(path))
    assert "\x1b" not in result.stdout
    assert "Red \\x1b[31malert\\x1b[0m :smile: [link=http://x]x[/link]" in result.stdout
    as_json = run("facts", "--json", "--data", str(path))
    assert "Red \x1b[31malert\x1b[0m :smile: [link=http://x]x[/link]" in [
        r["title"] for r in json.loads(as_json.stdout)
    ]


def test_an_internal_error_is_one_line_unless_debugging(mini: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("tajru.store.Store.select", broken)
    result = mini("timeline")
    assert result.exit_code == 1
    assert result.stderr.startswith("tajru: internal error: RuntimeError: kaput. This is a bug in tajru")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    debug = mini("--debug", "timeline")
    assert debug.exit_code == 1 and "Traceback (most recent call last)" in debug.stderr
    assert "Traceback" in mini("timeline", env={"TAJRU_DEBUG": "1"}).stderr


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout == f"tajru {__version__}\n"
    assert run("-h").stdout == run("--help").stdout
    assert run().exit_code == 0 and "Commands:" in run().stdout


def test_every_command_has_help_that_begins_with_examples_that_run(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert names == [
        "timeline", "facts", "quote", "search", "show", "sources", "topics", "actors", "stats", "export",
        "validate", "schema",
    ]  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.yaml").write_text(
        'records:\n  - id: my-note\n    kind: event\n    date: "2024"\n    title: A note\n'
        "    topics: [military]\n    actors: []\n    sources:\n      - id: sethi-2017\n"
        "        locator: p. 1\n        evidence: a passage\n",
        encoding="utf-8",
    )
    for name in ["", *names]:
        help_text = run(*([name] if name else []), "--help").stdout
        summary, examples = help_text.split("\n\n")[1:3]  # after the usage line
        lines = examples.splitlines()
        assert lines[0] == "  Examples:" and 2 <= len(lines) - 1 <= 3, name
        for example in lines[1:]:
            words = shlex.split(example.strip())
            words = words[: next((i for i, w in enumerate(words) if w in (">", "|")), len(words))]
            assert words[0] == "tajru", example
            result = run(*words[1:])
            assert result.exit_code == 0, (example, result.stderr)


def test_sources_lists_each_citation_with_counts_by_kind(mini: Run) -> None:
    result = mini("sources")
    assert result.stdout == (
        "sethi-2017  (journal-article)\n"
        "  Jajneswar Sethi (2017). Scholarly Research Journal for Interdisciplinary Studies, pp. 8576-8582.\n"
        "  Cited by 4 records: 2 events, 1 figure, 1 quote.\n"
        "\n"
    )
    (source,) = json.loads(mini("sources", "--json").stdout)
    assert source["records"] == {"event": 2, "figure": 1, "quote": 1}
    assert source["citation"].startswith("Jajneswar Sethi (2017).")


def test_a_run_of_one_command_behaves_as_the_whole_app(run: Run) -> None:
    """The console script builds only the named command; help and errors must not notice."""
    from typer.testing import CliRunner

    from tajru.cli import app_for

    whole = CliRunner()
    for name in ["timeline", "facts", "quote", "search", "show", "sources"]:
        assert len(app_for([name, "--json"]).registered_commands) == 1
        for args in ([name, "--help"], [name, "--no-such-option"], [name, "--from", "abc"]):
            lean = run(*args)
            full = whole.invoke(app, args, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
            assert (lean.exit_code, lean.stdout, lean.stderr) == (full.exit_code, full.stdout, full.stderr)
    assert app_for(["qoute"]) is app and app_for(["--version"]) is app


def test_a_reader_that_goes_away_ends_the_run_quietly_with_status_141(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mini_store: Path
) -> None:
    import io
    import sys

    from tajru.cli import run as run_cli

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            if text:  # as a real pipe: writing nothing makes no system call, so cannot fail
                raise BrokenPipeError
            return 0

    monkeypatch.setenv("TAJRU_DATA", str(mini_store))
    for args in (["facts", "--json"], ["timeline"], ["show", "anti-taliban", "--json"], ["sources"]):
        monkeypatch.setattr(sys, "stdout", Gone())
        assert run_cli(args) == 141, args
        assert capsys.readouterr().err == ""
