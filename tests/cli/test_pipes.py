"""Into a pipe, listings print one record a line, so grep, sort and fzf see whole records; on a
terminal they wrap. --lines and --wrap (or TAJRU_LAYOUT) choose either layout anywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI
from terminal import on_a_terminal
from typer.testing import Result

Run = Callable[..., Result]
PIPE = {"TAJRU_LAYOUT": ""}  # the test runner's stdout is not a terminal: tajru's own choice for a pipe


def _fields(line: str) -> list[str]:
    return line.split("\t")


@pytest.mark.parametrize(
    "args",
    [["timeline", "--undated"], ["facts"], ["quote", "putin"], ["search", "russian", "border"]],
    ids=lambda a: " ".join(a),
)
def test_every_listing_prints_one_whole_record_a_line_into_a_pipe(run: Run, args: list[str]) -> None:
    piped = run(*args, env=PIPE)
    records = json.loads(run(*args, "--json").stdout)
    lines = piped.stdout.splitlines()
    assert len(lines) == len(records) and records
    for line, record in zip(lines, records, strict=True):
        date, known, _kind, record_id, says, cited, *rest = _fields(line)
        assert record_id == record["id"] and says and cited
        assert date == "undated" if "date" not in record else date.startswith(record["date"])
        assert known == (
            "undated" if "date" not in record else "inferred" if record.get("date_inferred") else "stated"
        )
        said = [f"caveat: {record['caveat']}"] if record.get("caveat") else []
        if record.get("match") == "meaning":  # a search hit says how it matched, as its JSON does
            said.append("match: meaning")
        if record.get("match") in ("some", "meaning") and record["missing"]:
            said.append("missing: " + ", ".join(record["missing"]))
        assert rest == said


def test_grep_finds_a_record_with_its_date_and_id(run: Run) -> None:
    lines = run("facts", env=PIPE).stdout.splitlines()
    found = [line for line in lines if "border guards withdraw from" in line]
    assert [_fields(line)[:4] for line in found] == [
        ["2005", "stated", "event", "border-guards-withdrawn-2005"]
    ]


def test_dates_are_iso_as_they_sort_and_whether_inferred_is_a_field_of_its_own(run: Run) -> None:
    by_id = {_fields(line)[3]: _fields(line) for line in run("facts", env=PIPE).stdout.splitlines()}
    assert by_id["anti-taliban-campaign-1998-2001"][:2] == ["1998--2001", "stated"]
    assert by_id["putin-201st-presence-2003"][:2] == ["2003-04-26", "stated"]
    assert by_id["putin-state-visit-2025"][:2] == ["2025-10-09", "inferred"]
    assert by_id["barky-tochik-debt"][:2] == ["undated", "undated"]
    assert by_id["barky-tochik-debt"][4].endswith(": exceeding 25.3 billion RUB")  # a figure's value


def test_sort_keeps_the_timelines_chronology(run: Run) -> None:
    lines = run("timeline", "--undated", env=PIPE).stdout.splitlines()
    assert [_fields(line)[0] for line in sorted(lines)] == [_fields(line)[0] for line in lines]


def test_a_quote_line_holds_the_words_and_reported_speech_is_marked(run: Run) -> None:
    by_id = {_fields(line)[3]: _fields(line) for line in run("quote", "putin", env=PIPE).stdout.splitlines()}
    assert by_id["rosatom-competencies-quote-2025"][2] == "quote"
    assert "“unique and unparalleled”" in by_id["rosatom-competencies-quote-2025"][4]
    assert by_id["tajiks-in-russia"][2] == "reported"


def test_tabs_and_line_breaks_in_the_data_never_split_a_record(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "title: Anti-Taliban campaign", 'title: "Anti-Taliban\\tcampaign\\nacross two lines"'
    )
    store = tmp_path / "store.yaml"
    store.write_text(text, encoding="utf-8")
    lines = run("facts", "--data", str(store), env=PIPE).stdout.splitlines()
    assert len(lines) == len(json.loads(run("facts", "--data", str(store), "--json").stdout))
    assert "Anti-Taliban\\tcampaign\\nacross two lines" in [_fields(line)[4] for line in lines]


def test_wrap_and_lines_choose_the_layout_wherever_they_stand(run: Run) -> None:
    wrapped = run("facts", "--kind", "event", "--wrap", env=PIPE).stdout
    assert wrapped.startswith("Date") and "\t" not in wrapped
    assert run("--wrap", "facts", env=PIPE).stdout.startswith("Date")
    assert "\t" in run("facts", env={"TAJRU_LAYOUT": "lines"}).stdout
    both = run("facts", "--lines", "--wrap")
    assert both.exit_code == 2 and "--lines and --wrap" in both.stderr


def test_on_a_terminal_records_wrap_and_lines_still_gives_one_a_line() -> None:
    env: dict[str, str | None] = {"TAJRU_DATA": str(MINI), "TAJRU_LAYOUT": None, "NO_COLOR": "1"}
    screen = on_a_terminal(["facts"], env)
    assert "Date" in screen and "\t" not in screen
    lines = on_a_terminal(["facts", "--lines"], env)
    assert "1989\tstated\tevent\tlanguage-law-1989\t" in lines


def test_actors_and_topics_print_one_line_each_into_a_pipe_or_with_lines(run: Run) -> None:
    actors = json.loads(run("actors", "--json").stdout)
    lines = run("actors", env=PIPE).stdout.splitlines()
    assert len(lines) == len(actors) and run("actors", "--lines").stdout.splitlines() == lines
    by_id = {_fields(line)[0]: _fields(line) for line in lines}
    assert by_id["emomali-rahmon"][1:] == [
        "11",
        "Emomali Rahmon",
        "person",
        "Imomali Rakhmonov; Rakhmonov; Rahmon",
    ]
    assert [_fields(line)[1] for line in lines] == sorted(
        (_fields(line)[1] for line in lines), key=int, reverse=True
    )
    topics = run("topics", env=PIPE).stdout.splitlines()
    assert len(topics) == len(json.loads(run("topics", "--json").stdout))
    assert _fields(topics[0]) == ["history", "17", "History and state formation"]
    assert "\t" not in run("actors", "--wrap", env=PIPE).stdout
