"""tajru export, sources --format and show --cite end to end: every filter, files written whole."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import pytest
from places import MINI
from typer.testing import Result

Run = Callable[..., Result]


@pytest.fixture
def mini(run: Run) -> Run:
    return lambda *args, env=None: run(*args, env={"TAJRU_DATA": str(MINI), **(env or {})})


def listed(mini: Run, *filters: str) -> list[str]:
    return [r["id"] for r in json.loads(mini("facts", *filters, "--json").stdout)]


@pytest.mark.parametrize("filters", [[], ["--topic", "military"], ["--kind", "figure"], ["--from", "1995"]])
def test_every_text_format_exports_exactly_what_the_filters_select(mini: Run, filters: list[str]) -> None:
    expected = listed(mini, *filters)
    as_json = json.loads(mini("export", *filters).stdout)
    assert [r["id"] for r in as_json] == expected
    lines = mini("export", "--format", "ndjson", *filters).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == expected
    rows = list(csv.DictReader(io.StringIO(mini("export", "-f", "csv", *filters).stdout, newline="")))
    assert [row["id"] for row in rows] == expected
    timeline = json.loads(mini("export", "-f", "timelinejs", *filters).stdout)
    dated = [r["id"] for r in as_json if r.get("date")]  # a timeline has no place for the undated
    assert [e["unique_id"] for e in timeline["events"]] == dated
    markdown = mini("export", "-f", "markdown", *filters).stdout
    assert sum(line.startswith("- ") for line in markdown.splitlines()) == len(expected)


def test_sqlite_export_opens_with_the_counts_and_full_text_search(mini: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    result = mini("export", "-f", "sqlite", "--topic", "military", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(target)
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == len(
        listed(mini, "--topic", "military")
    )
    found = db.execute(
        "SELECT id FROM records WHERE rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH 'taliban')"
    )
    assert found.fetchall() == [("anti-taliban",)]
    joined = db.execute(
        "SELECT records.id, sources.id, citations.locator FROM citations"
        " JOIN records ON records.id = citations.record_id JOIN sources ON sources.id = citations.source_id"
    ).fetchall()
    assert ("anti-taliban", "sethi-2017", "Military Relations, note 24") in joined
    assert db.execute("SELECT alias FROM actor_aliases WHERE actor_id = 'emomali-rahmon'").fetchall()[-1] == (
        "Rahmon",
    )
    everything = tmp_path / "all.db"
    mini("export", "-f", "sqlite", "-o", str(everything))
    assert sqlite3.connect(everything).execute(
        "SELECT value FROM records WHERE id = 'russians-10'"
    ).fetchone() == (10,)


def test_an_existing_file_is_kept_unless_forced_and_never_left_half_written(
    mini: Run, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("my own work", encoding="utf-8")
    refused = mini("export", "-f", "csv", "-o", str(target))
    assert refused.exit_code == 2 and "exists; add --force to replace it" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my own work"
    assert mini("export", "-f", "csv", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id,kind,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind
    assert mini("export", "-f", "sqlite").exit_code == 2  # a database needs a file
    missing = mini("export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert missing.exit_code == 2 and "there is no folder" in missing.stderr


def test_bibtex_and_csl_json_references(mini: Run, run: Run) -> None:
    library = bibtexparser.loads(run("sources", "--format", "bibtex").stdout)
    entries = {e["ID"]: e for e in library.entries}
    assert set(entries) == {"sethi-2017", "dushanbe-dialogue-2025"}
    assert entries["sethi-2017"]["ENTRYTYPE"] == "article" and entries["sethi-2017"]["year"] == "2017"
    items = json.loads(run("sources", "--format", "csl-json").stdout)
    assert [i["id"] for i in items] == ["sethi-2017", "dushanbe-dialogue-2025"]
    assert items[0]["issued"] == {"date-parts": [[2017]]}


def test_show_cite_prints_the_citation_with_its_locator(mini: Run) -> None:
    result = mini("show", "anti-taliban", "--cite")
    assert result.stdout == (
        "Jajneswar Sethi (2017). Scholarly Research Journal for Interdisciplinary Studies, pp. 8576-8582,"
        " Military Relations, note 24.\n"
    )


def test_one_full_citation_style_in_cite_and_every_export(run: Run) -> None:
    # Two places in one source: the source once, its places joined, as in the listings' short form.
    cite = run("show", "putin-state-visit-2025", "--cite").stdout
    full = "“Dushanbe Dialogue: Putin Deepens Russia-Tajikistan Strategic Partnership” (2025, year inferred)"
    assert cite == f"{full}, paragraphs 1, 2.\n"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout, newline=""))}
    assert rows["putin-state-visit-2025"]["citation"] == cite.strip()
    markdown = run("export", "-f", "markdown", "--year", "2025").stdout
    assert f"{full}, paragraph 2: “The visit officially commenced on October 9th”" in markdown
    listed = " ".join(run("facts", "--year", "2025").stdout.split())
    assert "Dushanbe Dialogue 2025, paragraphs 1, 2 · putin-state-visit-2025" in listed


def test_the_sqlite_full_text_index_finds_what_tajru_finds(run: Run, tmp_path: Path) -> None:
    """One engine: the exported index covers the same fields with the same tokenizer as --search.

    (tajru also writes a British spelling the American way before it searches, and widens a word of a
    ring of synonyms of its thesaurus to the ring; a query typed into Datasette is not, so there
    'labor' finds every spelling and 'labour' only its own, and 'hydropower' finds only itself.)
    """
    from tajru.planning import rings
    from tajru.store import open_store

    ringed = {w for ring in rings(open_store(None).registries) for member in ring for w in member}
    target = tmp_path / "all.db"
    assert run("export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    db = sqlite3.connect(target)
    for word in ("guard", "labor", "migrant", "remittance", "airbase", "Rosatom", "hydropower"):
        exported = {
            i for (i,) in db.execute(
                "SELECT id FROM records WHERE rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)",
                (f'"{word}"',),
            )
        }  # fmt: skip
        listed = {r["id"] for r in json.loads(run("facts", "--search", word, "--json").stdout)}
        assert exported and (exported <= listed if word in ringed else exported == listed), word


def test_dash_as_the_output_file_is_stdout(mini: Run, tmp_path: Path) -> None:
    assert mini("export", "-f", "csv", "-o", "-").stdout == mini("export", "-f", "csv").stdout != ""
    assert not (Path.cwd() / "-").exists()


def test_a_timeline_export_says_how_many_undated_records_it_cannot_place(run: Run) -> None:
    result = run("export", "-f", "timelinejs")
    undated = sum(not (r.get("date") or r.get("date")) for r in json.loads(run("facts", "--json").stdout))
    assert (
        result.stderr
        == f"tajru: {undated} undated records left out of the timelinejs file: it places records by date\n"
    )
    assert (
        len(json.loads(result.stdout)["events"]) == len(json.loads(run("facts", "--json").stdout)) - undated
    )


def test_a_caveat_travels_marked_into_every_export(run: Run, tmp_path: Path) -> None:
    record_id = "border-agreement-terminated-2004"
    caveat = json.loads(run("show", record_id, "--json").stdout)["caveat"]
    timeline = json.loads(run("export", "-f", "timelinejs", "--year", "2004").stdout)
    (slide,) = [e for e in timeline["events"] if e["unique_id"] == record_id]
    assert "<em>Caveat: The article&#x27;s phrase" in slide["text"]["text"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout, newline=""))}
    assert rows[record_id]["caveat"] == caveat
    target = tmp_path / "out.db"
    run("export", "-f", "sqlite", "-o", str(target))
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT caveat FROM records WHERE id = ?", (record_id,)).fetchone() == (caveat,)
    markdown = run("export", "-f", "markdown", "--year", "2004").stdout
    assert f"*(Caveat: {caveat})*" in markdown
