"""Help and version: every command's help starts with examples that run, and a run builds only its command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pdfs import text_pdf
from places import SOURCES_DIR
from typer.testing import Result

from tajru import __version__
from tajru.cli import app

Run = Callable[..., Result]


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout == f"tajru {__version__}\n"
    assert run("-h").stdout == run("--help").stdout
    assert run().exit_code == 0 and "Commands:" in run().stdout


def test_help_says_what_the_shipped_store_holds_and_that_users_add_their_own(run: Run) -> None:
    from tajru.store import open_store

    records = open_store(None).select()
    years = [r.date.year for r in records if r.date is not None]
    said = " ".join(run("--help").stdout.split())
    assert f"holds {len(records)} records drawn from two documents only" in said
    assert "Sethi (2017)" in said and "Dushanbe Dialogue" in said
    assert f"dated from {min(years)} to {max(years)}" in said and "Add your own" in said


def test_every_command_has_help_that_begins_with_examples_that_run(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert names == [
        "timeline", "facts", "quote", "search", "show", "sources", "topics", "actors", "who", "stats", "export",
        "validate", "verify", "schema", "add", "draft",
    ]  # fmt: skip
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.yaml").write_text(
        'records:\n  - id: my-note\n    kind: event\n    date: "2024"\n    title: A note\n'
        "    topics: [military]\n    actors: []\n    sources:\n      - id: sethi-2017\n"
        "        locator: Abstract\n        evidence: Tajik-Russian relations\n",
        encoding="utf-8",
    )
    text_pdf(
        tmp_path / "report.pdf",
        [["A Report on Trade", "The Ministry said that exports rose by 12 percent in 2023."]],
    )
    (tmp_path / "saved-article.html").write_text(
        "<html><head><title>Trade news</title></head><body><article><p>The harbour was rebuilt in 2021 "
        "at a cost of over 40 million dollars, officials said on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    for name in ["", *names]:
        help_text = run(*([name] if name else []), "--help").stdout
        summary, examples = help_text.split("\n\n")[1:3]  # after the usage line
        lines = examples.splitlines()
        assert lines[0] == "  Examples:" and 2 <= len(lines) - 1 <= 3, name
        if name in ("verify", "draft") and not SOURCES_DIR.is_dir():
            continue  # their examples need the source texts, which a plain clone does not have
        for example in lines[1:]:
            words = shlex.split(example.strip())
            words = words[: next((i for i, w in enumerate(words) if w in (">", "|")), len(words))]
            assert words[0] == "tajru", example
            result = run(*words[1:])
            assert result.exit_code == 0, (example, result.stderr)


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
