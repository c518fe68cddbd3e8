"""`tajru verify`: every evidence passage and quote against its source's text, at its locator."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from places import SHIPPED, SOURCES_DIR
from typer.testing import Result

Run = Callable[..., Result]
needs_sources = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(), reason=f"the source documents are not at {SOURCES_DIR} (beside the project)"
)

REPORT = """\
The Republic Report

The Ministry said that “exports rose by 12 percent” in 2023.
Officials called the harbour – rebuilt in 2021 – a national asset.
\f
Page two says the railway opened in 1999.
"""

LAYER = """\
sources:
  - id: republic-report
    kind: report
    title: The Republic Report
    year: 2024
    file: report.txt
    locators: page
topics:
  - id: trade
    label: Trade
records:
  - id: exports-rise-2023
    kind: event
    date: "2023"
    title: Exports rise by 12 percent
    topics: [trade]
    sources:
      - id: republic-report
        locator: page 1
        evidence: "The Ministry said that “exports rose by 12 percent” in 2023"
  - id: railway-opens-1999
    kind: event
    date: "1999"
    title: The railway opens
    topics: [trade]
    sources:
      - id: republic-report
        locator: p. 2
        evidence: "the railway opened in 1999"
"""


@pytest.fixture
def layer(tmp_path: Path) -> Path:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    path = tmp_path / "notes.yaml"
    path.write_text(LAYER, encoding="utf-8")
    return path


@needs_sources
def test_the_shipped_store_is_printed_in_its_sources(run: Run) -> None:
    result = run("verify", "--sources", str(SOURCES_DIR))
    assert result.exit_code == 0, result.stdout
    assert (
        result.stdout.startswith("checked ")
        and "every one is printed where its citation says" in result.stdout
    )
    # In a source checkout the shipped store finds ../shared/sources/ by itself.
    assert run("verify").exit_code == 0


@needs_sources
def test_a_forged_word_is_reported_at_its_locator_with_the_difference(run: Run, tmp_path: Path) -> None:
    forged = tmp_path / "forged.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count("the latter as the guarantor of stability") == 1
    forged.write_text(
        text.replace("the latter as the guarantor", "the latter as the protector"), encoding="utf-8"
    )
    result = run("verify", "--data", str(forged), "--sources", str(SOURCES_DIR))
    assert result.exit_code == 1
    first, *rest = result.stdout.splitlines()
    assert first == (
        "credible-army-difficulty · sethi-2017, Military Relations, note 17: "
        "the evidence is not printed at its locator"
    )
    differs = next(line for line in rest if line.startswith("  differs:"))
    assert "regards the latter as the [-protector-]{+guarantor+} of stability" in differs
    source = next(line for line in rest if line.startswith("  source:"))
    assert "the latter as the guarantor of stability" in source
    assert result.stderr.startswith("tajru: error: of ") and "1 not printed" in result.stderr
    checks = json.loads(run("verify", "--data", str(forged), "--sources", str(SOURCES_DIR), "--json").stdout)
    assert [c["record"] for c in checks if not c["ok"]] == ["credible-army-difficulty"]


def test_a_users_own_document_is_checked_beside_their_layer(run: Run, layer: Path) -> None:
    result = run("verify", "exports-rise-2023", "railway-opens-1999", "--include", str(layer))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "checked 2 passages of 2 records against 1 source:" in result.stdout


def test_a_straight_quote_for_a_curly_one_is_a_difference(run: Run, layer: Path) -> None:
    straight = """evidence: 'The Ministry said that "exports rose by 12 percent" in 2023'"""
    curly = 'evidence: "The Ministry said that “exports rose by 12 percent” in 2023"'
    assert curly in LAYER
    layer.write_text(LAYER.replace(curly, straight), encoding="utf-8")
    result = run("verify", "exports-rise-2023", "--include", str(layer))
    assert result.exit_code == 1
    assert 'said that [-"-]{+“+}exports rose by 12 percent[-"-]{+”+} in 2023' in result.stdout


def test_a_locator_that_points_nowhere_says_why(run: Run, layer: Path) -> None:
    layer.write_text(LAYER.replace("locator: p. 2", "locator: page 9"), encoding="utf-8")
    result = run("verify", "railway-opens-1999", "--include", str(layer))
    assert result.exit_code == 1
    assert "railway-opens-1999 · republic-report, page 9: the text has pages 1 to 2, not 9" in result.stdout


def test_a_missing_text_is_reported_once_for_its_source_not_guessed(run: Run, layer: Path) -> None:
    (layer.parent / "report.txt").unlink()
    result = run("verify", "exports-rise-2023", "railway-opens-1999", "--include", str(layer))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith(
        "republic-report: the text of republic-report, report.txt, is not"
    )
    assert lines[0].endswith("(2 passages not checked)")
    assert "2 not checked, their source's text missing" in result.stderr


def test_sources_folder_comes_from_the_option_or_the_environment(
    run: Run, layer: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "papers"
    elsewhere.mkdir()
    (layer.parent / "report.txt").rename(elsewhere / "report.txt")
    args = ("verify", "exports-rise-2023", "--include", str(layer))
    assert run(*args).exit_code == 1
    assert run(*args, "--sources", str(elsewhere)).exit_code == 0
    assert run(*args, env={"TAJRU_SOURCES": str(elsewhere)}).exit_code == 0
