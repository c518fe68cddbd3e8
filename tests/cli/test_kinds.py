"""The kinds of record through the CLI: every event dated, assertions as their own kind, reported speech
among what people said, and one date field for every kind in every output a script reads."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]

REPORTED_PUTIN = {
    "putin-201st-base-stability-2025",
    "tajiks-in-russia",
    "putin-on-remittances-2025",
    "base-mandate-2042",
}


def _json(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_every_event_is_dated_and_what_is_only_stated_is_an_assertion(run: Run) -> None:
    records = _json(run("facts", "--json"))
    assert [r["id"] for r in records if r["kind"] == "event" and "date" not in r] == []
    assertions = _json(run("facts", "--kind", "assertion", "--json"))
    assert assertions and {r["kind"] for r in assertions} == {"assertion"}
    assert "security-dependence-on-russia" in {r["id"] for r in assertions}
    stats = _json(run("stats", "--json"))
    assert stats["kinds"]["assertion"] == len(assertions)  # type: ignore[call-overload,index]


def test_a_plural_kind_gets_a_suggestion(run: Run) -> None:
    result = run("facts", "--kind", "assertions")
    assert result.exit_code == 2 and "did you mean 'assertion'?" in result.stderr and result.stdout == ""


def test_an_undated_event_is_refused_with_its_file_line_and_record(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text(
        "records:\n"
        "  - id: my-undated-event\n"
        "    kind: event\n"
        "    title: Something happened\n"
        "    topics: [military]\n"
        "    sources:\n"
        "      - id: sethi-2017\n"
        "        locator: Abstract\n"
        '        evidence: "Tajik-Russian relations"\n',
        encoding="utf-8",
    )
    result = run("validate", str(layer))
    assert result.exit_code == 1
    assert f"{layer}:2 (my-undated-event): an event has no 'date'" in result.stdout
    fixed = layer.read_text(encoding="utf-8").replace("kind: event", "kind: assertion")
    layer.write_text(fixed, encoding="utf-8")
    assert run("validate", str(layer)).exit_code == 0


def test_quote_shows_reported_speech_marked_and_verbatim_leaves_it_out(run: Run) -> None:
    said = {r["id"]: r for r in _json(run("quote", "putin", "--json"))}
    assert REPORTED_PUTIN <= set(said)
    assert {said[i]["kind"] for i in REPORTED_PUTIN} <= {"event", "figure", "assertion"}
    assert all(r["speaker"] == "vladimir-putin" for r in said.values())
    own = _json(run("quote", "putin", "--verbatim", "--json"))
    assert own and {r["kind"] for r in own} == {"quote"} and not REPORTED_PUTIN & {r["id"] for r in own}
    cards = run("quote", "putin", "--year", "2025").stdout
    headings = [line for line in cards.splitlines() if line.startswith("╭")]
    assert sum("· reported" in h for h in headings) == len(REPORTED_PUTIN)
    assert "gives the source's account of what was said" in " ".join(cards.split())
    # A reported card shows the source's own words, never dressed as a quotation.
    words = " ".join(line.strip("│ ") for line in cards.splitlines())
    assert (
        "President Putin affirmed its crucial role" in words
        and "“the Russian 201st military base" not in words
    )


def test_what_putin_said_in_dushanbe(run: Run) -> None:
    found = {r["id"] for r in _json(run("quote", "putin", "--search", "dushanbe", "--json"))}
    assert REPORTED_PUTIN | {"putin-peaceful-atom-2025", "rosatom-competencies-quote-2025"} <= found
    assert "putin-201st-presence-2003" not in found  # said at the 201st division in 2003, not in Dushanbe


def test_one_date_field_with_its_precision_and_inferred_flag_for_every_kind(run: Run, tmp_path: Path) -> None:
    records = _json(run("facts", "--json"))
    dated = [r for r in records if "date" in r]
    assert {r["kind"] for r in dated} >= {"event", "figure", "quote"}
    for record in dated:
        assert record["date_precision"] in ("year", "month", "day")
        assert isinstance(record["date_inferred"], bool)
        assert "as_of" not in record
    figure = next(r for r in records if r["id"] == "tajiks-in-russia")
    assert (figure["date"], figure["date_precision"], figure["date_inferred"]) == ("2025-10", "month", True)
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout, newline="")))
    assert {row["id"]: row["date_precision"] for row in rows}["tajiks-in-russia"] == "month"
    target = tmp_path / "out.db"
    assert run("export", "-f", "sqlite", "-o", str(target)).exit_code == 0
    with sqlite3.connect(target) as db:
        nulls = db.execute("SELECT count(*) FROM records WHERE date IS NULL").fetchone()[0]
        kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM records WHERE date IS NOT NULL")}
    assert nulls == len(records) - len(dated) and kinds >= {"event", "figure", "quote"}
