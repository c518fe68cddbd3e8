"""topics, actors and stats: what the store holds, counted, and the shape of the chronology."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from places import MINI
from typer.testing import Result

from tajru.store import open_store
from tajru.views.overview import periods

Run = Callable[..., Result]
SUMMARY = (
    "The store holds 5 records from 1 document (Sethi 2017), dated 1989 to 2003, 1 undated; "
    "add your own with --include or 'tajru add'."
)


@pytest.fixture
def mini(run: Run) -> Run:
    return lambda *args, env=None: run(*args, env={"TAJRU_DATA": str(MINI), **(env or {})})


def test_topics_with_their_record_counts(mini: Run) -> None:
    assert mini("topics").stdout == (
        "military  3  Military and security cooperation\nlanguage  2  Language policy\n"
    )
    assert [(t["id"], t["records"]) for t in json.loads(mini("topics", "--json").stdout)] == [
        ("military", 3),
        ("language", 2),
    ]


def test_actors_with_aliases_and_counts_most_cited_first(mini: Run) -> None:
    lines = mini("actors").stdout.splitlines()
    assert lines[0] == "emomali-rahmon  1  Emomali Rahmon  person"
    assert lines[1].strip() == "also: Imomali Rakhmonov, Rakhmonov, Rahmon"
    actors = {a["id"]: a for a in json.loads(mini("actors", "--json").stdout)}
    assert actors["vladimir-putin"]["records"] == 1  # as the speaker of a quote
    assert actors["rustam-emomali"]["records"] == 0 and actors["emomali-rahmon"]["aliases"][-1] == "Rahmon"


def test_stats_counts_agree_with_the_listings(mini: Run) -> None:
    stats = json.loads(mini("stats", "--json").stdout)
    records = json.loads(mini("facts", "--json").stdout)
    assert stats["records"] == len(records) == sum(stats["kinds"].values())
    kinds = ("event", "figure", "quote", "assertion")
    assert stats["kinds"] == {k: sum(r["kind"] == k for r in records) for k in kinds}
    assert stats["topics"] == {"military": 3, "language": 2}
    assert stats["years"] == {"1989": 2, "1998": 1, "2003": 1} and stats["undated"] == 1
    filtered = json.loads(mini("stats", "--topic", "military", "--json").stdout)
    assert filtered["records"] == 3 and filtered["years"] == {"1998": 1, "2003": 1}


def test_the_chart_keeps_its_time_scale_with_runs_of_empty_years_as_one_row(mini: Run) -> None:
    out = mini("stats", "--by", "year", env={"COLUMNS": "60"}).stdout
    chart = out.split("By year")[1].splitlines()[1:]
    assert [line.split()[0] for line in chart] == ["1989", "1990–1997", "1998", "1999–2002", "2003"]
    assert chart[0].endswith(" 2") and chart[1].split() == ["1990–1997", "0"]
    assert max(len(line) for line in out.splitlines()) <= 60
    assert periods({1989: 2, 2003: 1}, "decade") == [("1980s", 2), ("1990s", 0), ("2000s", 1)]
    assert periods({1929: 1, 2042: 1}, "auto")[0] == ("1920s", 1)


def test_stats_says_what_the_whole_store_holds_whatever_the_filters(mini: Run) -> None:
    for filters in ([], ["--kind", "quote"]):
        head = mini("stats", *filters).stdout.split("\n\n", 1)[0].split("\n", 1)[1]
        assert " ".join(head.split()) == SUMMARY


def test_shipped_store_stats_add_up() -> None:
    tally = open_store(None).tally()
    assert sum(tally.years.values()) + tally.undated == sum(tally.kinds.values())


def test_sources_lists_each_citation_with_counts_by_kind(mini: Run) -> None:
    result = mini("sources")
    summary, listing = result.stdout.split("\n\n", 1)
    assert " ".join(summary.split()) == SUMMARY
    assert listing == (
        "sethi-2017  (journal-article)\n"
        "  Jajneswar Sethi (2017). Scholarly Research Journal for Interdisciplinary Studies, pp. 8576-8582.\n"
        "  Cited by 5 records: 2 events, 1 figure, 1 quote, 1 assertion.\n"
        "\n"
    )
    (source,) = json.loads(mini("sources", "--json").stdout)
    assert source["records"] == {"event": 2, "figure": 1, "quote": 1, "assertion": 1}
    assert source["citation"].startswith("Jajneswar Sethi (2017).")


def test_who_shows_names_description_and_every_record_their_own_words_first(run: Run) -> None:
    result = run("who", "rustam", "emomali")
    assert result.exit_code == 0
    assert result.stdout.startswith("Rustam Emomali  person  (rustam-emomali)\nMayor of Dushanbe")
    assert "Events (2)" in result.stdout and "khusnullin-meets-rustam-emomali" in result.stdout
    # Every record that involves them is listed, of every kind.
    involved = json.loads(run("facts", "--actor", "rustam emomali", "--json").stdout)
    counts = [int(n) for n in re.findall(r"^\w[\w ]* \((\d+)\)$", result.stdout, re.MULTILINE)]
    assert sum(counts) == len(involved) and "Assertions (1)" in result.stdout
    putin = run("who", "putin").stdout
    assert putin.index("Their words (") < putin.index("Events (")
    data = json.loads(run("who", "putin", "--json").stdout)
    listed = json.loads(run("facts", "--actor", "putin", "--json").stdout)
    assert {r["id"] for r in data["records"]} == {r["id"] for r in listed}
    assert [r.get("speaker") == "vladimir-putin" for r in data["records"]] == sorted(
        (r.get("speaker") == "vladimir-putin" for r in data["records"]), reverse=True
    )


def test_show_of_an_actor_points_to_who(run: Run) -> None:
    result = run("show", "rustam-emomali")
    assert (result.exit_code, result.stderr) == (
        2,
        "tajru: error: 'rustam-emomali' is an actor, not a record; see it with 'tajru who rustam-emomali'\n",
    )


def test_a_run_of_empty_years_is_one_row_of_the_chart() -> None:
    assert periods({2005: 1, 2019: 1, 2025: 3}, "year") == [
        ("2005", 1), ("2006–2018", 0), ("2019", 1), ("2020–2024", 0), ("2025", 3),
    ]  # fmt: skip
    assert periods({2003: 1, 2005: 2}, "year") == [("2003", 1), ("2004", 0), ("2005", 2)]
    assert periods({1929: 1, 1989: 1}, "decade") == [("1920s", 1), ("1930s–1970s", 0), ("1980s", 1)]
