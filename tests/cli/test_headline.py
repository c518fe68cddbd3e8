"""The three headline commands and `show` on the shipped store, as a new user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable

from places import SHIPPED
from typer.testing import Result

from tajru.load import load_file

Run = Callable[..., Result]


def _ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [r["id"] for r in json.loads(result.stdout)]


def test_timeline_from_1989_starts_with_the_language_law(run: Run) -> None:
    result = run("timeline", "--from", "1989")
    assert result.exit_code == 0
    assert result.stdout.startswith("1989\n")
    assert "Language Law" in result.stdout.split("\n1990\n")[0]
    records = json.loads(run("timeline", "--from", "1989", "--json").stdout)
    assert records[0]["id"] == "language-law-1989"
    assert all((r.get("end") or r.get("date") or r["date"])[:4] >= "1989" for r in records)


def test_timeline_is_in_date_order_and_lists_only_dated_records(run: Run) -> None:
    records = json.loads(run("timeline", "--json").stdout)
    starts = [(r.get("date") or r["date"]) for r in records]
    assert starts == sorted(starts, key=lambda d: d.ljust(10, "-"))


def test_facts_topic_military_lists_military_records_only(run: Run) -> None:
    records = json.loads(run("facts", "--topic", "military", "--json").stdout)
    military = {r.id for r in load_file(SHIPPED).records if "military" in r.topics}
    assert military and {r["id"] for r in records} == military and len(records) == len(military)
    assert "putin-201st-presence-2003" in [r["id"] for r in records]
    assert "Putin calls the Russian military presence" in run("facts", "--topic", "military").stdout


def test_quote_putin_shows_only_putins_words(run: Run) -> None:
    records = json.loads(run("quote", "putin", "--json").stdout)
    assert records and {r["speaker"] for r in records} == {"vladimir-putin"}
    assert "Vladimir Putin · 26 Apr 2003" in run("quote", "putin").stdout


def test_quote_under_each_name_form_of_the_president_is_the_same(run: Run) -> None:
    outputs = {
        run("quote", name).stdout for name in ("rakhmonov", "rahmon", "Imomali Rakhmonov", "emomali-rahmon")
    }
    assert len(outputs) == 1
    assert "Emomali Rahmon · 22 Apr 2002" in outputs.pop()


def test_every_listed_record_can_be_shown_with_its_evidence(run: Run) -> None:
    for record_id in _ids(run("facts", "--json")):
        result = run("show", record_id)
        assert result.exit_code == 0
        shown = json.loads(run("show", record_id, "--json").stdout)
        flowing = " ".join(result.stdout.split())  # wrapped lines joined again
        for citation in shown["sources"]:
            assert " ".join(citation["evidence"].split()) in flowing, record_id
