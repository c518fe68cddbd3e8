"""Each command end to end through Typer's CliRunner: output, JSON, exit statuses and messages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from places import MINI
from typer.testing import Result

Run = Callable[..., Result]
CONTRACT_FIELDS = {
    "id", "kind", "date", "date_precision", "date_inferred", "end", "date_note", "title", "text", "value",
    "unit", "qualifier", "speaker", "quote", "context", "caveat", "topics", "actors", "sources", "formerly",
}  # fmt: skip


def test_timeline_from_1989_groups_dated_records_by_year(mini: Run) -> None:
    result = mini("timeline", "--from", "1989")
    assert result.exit_code == 0
    assert result.stdout == (
        "1989\n"
        "  1989         event   Tajikistan adopts the Language Law\n"
        "                       Sethi 2017, Language Policy, note 9 · language-law-1989\n"
        "  1989         figure  Russians share\n"
        "                       Sethi 2017, Language Policy, note 10 · russians-10\n"
        "\n"
        "1998\n"
        "  [1998–2001]  event   Anti-Taliban campaign\n"
        "                       Sethi 2017, Military Relations, note 24 · anti-taliban\n"
        "\n"
        "2003\n"
        "  26 Apr 2003  quote   Putin calls the Russian military presence a [bold]factor[/] of regional\n"
        "                       security\n"
        "                       Sethi 2017, Military Relations, note 24 · putin-201st-presence-2003\n"
        "\n"
        "Dates in [brackets] are inferred from the source, not stated in it.\n"
    )
    assert result.stderr == (
        "tajru: 1 undated record left out, as no date places it in the range asked; --undated adds it\n"
    )


def test_facts_table_shows_a_figures_value_with_its_hedge(mini: Run) -> None:
    result = mini("facts", "--kind", "figure")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Date", "Kind", "Fact", "Value"]
    assert lines[2].split() == ["1989", "figure", "Russians", "share", "about", "10", "percent"]


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
    said = "tajru: no records match, in a store of 5 records from 1 document (Sethi 2017), dated 1989 to 2003, 1 undated\n"
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", said)
    result = mini("quote", "rakhmonov", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_json_has_exactly_the_contract_fields_and_nothing_else_on_stdout(mini: Run) -> None:
    result = mini("facts", "--json")
    records = json.loads(result.stdout)
    assert len(records) == 5
    for record in records:
        extra = set(record) - CONTRACT_FIELDS
        assert extra <= {"speaker_name"}
        assert all(isinstance(record[f], str) for f in ("date", "end") if f in record)
    quote = next(r for r in records if r["kind"] == "quote")
    assert quote["speaker"] == "vladimir-putin" and quote["speaker_name"] == "Vladimir Putin"
    figure = next(r for r in records if r["kind"] == "figure")
    assert (figure["value"], figure["unit"], figure["qualifier"], figure["date"]) == (
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


def test_markup_and_escapes_in_data_are_shown_literally(run: Run, write_store: Callable[[str], Path]) -> None:
    text = MINI.read_text(encoding="utf-8")
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


def test_a_date_filter_says_how_many_undated_records_it_leaves_out_and_undated_adds_them(run: Run) -> None:
    every = json.loads(run("facts", "--topic", "military", "--json").stdout)
    undated = [r for r in every if not (r.get("date") or r.get("date"))]
    assert undated  # the shipped store has undated military records
    narrowed = run("facts", "--topic", "military", "--to", "2005", "--json")
    assert narrowed.stderr == (
        f"tajru: {len(undated)} undated records left out, as no date places them in the range asked;"
        " --undated adds them\n"
    )
    added = json.loads(run("facts", "--topic", "military", "--to", "2005", "--undated", "--json").stdout)
    assert added == json.loads(narrowed.stdout) + undated  # at the end, in store order
    assert run("facts", "--topic", "military", "--to", "2005", "--undated").stderr == ""


def test_the_timeline_says_what_it_leaves_out_and_undated_adds_a_last_group(run: Run) -> None:
    dated = json.loads(run("timeline", "--json").stdout)
    everything = json.loads(run("facts", "--json").stdout)
    result = run("timeline", "--topic", "economy")
    assert re.fullmatch(
        r"tajru: \d+ undated records left out, as no date places them on a timeline; --undated adds them\n",
        result.stderr,
    )
    assert len(json.loads(run("timeline", "--undated", "--json").stdout)) == len(everything) > len(dated)
    lines = run("timeline", "--undated").stdout.splitlines()
    assert "Undated" in lines and lines[lines.index("Undated") + 1].startswith("  undated")
    after = lines[lines.index("Undated") + 1 :]
    assert not any(re.match(r"\d{4}$", line) for line in after)  # no year heading after it: it is last


def test_repeating_year_means_any_of_the_years(run: Run) -> None:
    both = {r["id"] for r in json.loads(run("facts", "--year", "2003", "--year", "2005", "--json").stdout)}
    each = [
        {r["id"] for r in json.loads(run("facts", "--year", y, "--json").stdout)} for y in ("2003", "2005")
    ]
    assert both == each[0] | each[1] and each[0] and each[1]


def test_quote_takes_a_speakers_name_in_several_words_as_who_does(run: Run) -> None:
    whole = run("quote", "vladimir", "putin", "--json")
    assert whole.exit_code == 0
    assert whole.stdout == run("quote", "putin", "--json").stdout and json.loads(whole.stdout)
    assert run("quote", "Emomali", "Rahmon", "--json").stdout == run("quote", "rahmon", "--json").stdout


def test_a_lone_year_after_timeline_or_facts_is_read_as_year(run: Run) -> None:
    for command in ("timeline", "facts"):
        bare = run(command, "1992", "--json")
        assert bare.exit_code == 0, bare.stderr
        assert bare.stdout == run(command, "--year", "1992", "--json").stdout and json.loads(bare.stdout)
    two = run("timeline", "2003", "2005", "--json").stdout
    assert two == run("timeline", "--year", "2003", "--year", "2005", "--json").stdout


def test_a_word_after_timeline_is_a_usage_error_that_suggests_a_filter(run: Run) -> None:
    result = run("timeline", "putin")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "tajru: error: timeline takes a year, like 'tajru timeline 1992', not 'putin'; "
        "for words try --search 'putin', for a name --actor 'putin'\n"
    )
    assert run("timeline", "1992-04").exit_code == 2  # a year, not a month: --from and --to take those


def test_a_year_outside_from_and_to_says_what_conflicts(run: Run) -> None:
    result = run("facts", "--year", "2003", "--from", "2005")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "tajru: error: --year 2003 lies outside --from 2005-01-01; drop one of them\n"


def test_repeating_search_means_any_of_the_searches(run: Run) -> None:
    def ids(*args: str) -> set[str]:
        return {r["id"] for r in json.loads(run("facts", *args, "--json").stdout)}

    both = ids("--search", "border guards", "--search", "Rosatom")
    assert both == ids("--search", "border guards") | ids("--search", "Rosatom")
    assert ids("--search", "border guards") and ids("--search", "Rosatom")
    corrected = run("facts", "--search", "Rosatom", "--search", "Puttin", "--json")
    assert "tajru: searched for 'putin' instead of 'Puttin'\n" in corrected.stderr


def test_a_caveat_travels_with_its_record_into_listings_cards_and_the_markdown_export(run: Run) -> None:
    caveat = "this is the source's claim, recorded as such."
    listed = run("facts", "--search", "Eurasian Economic Union", "--kind", "assertion")
    assert "caveat: The source says Tajikistan joined" in listed.stdout
    assert "A caveat says what is doubtful about a record" in " ".join(listed.stdout.split())
    assert caveat in " ".join(run("search", "Eurasian", "Economic", "Union").stdout.split())
    markdown = run("export", "-f", "markdown", "--search", "Eurasian Economic Union").stdout
    assert "*(Caveat: The source says Tajikistan joined" in markdown and caveat in markdown
    plain = run("facts", "--search", "Rosatom").stdout  # no caveat, no legend
    assert "caveat" not in plain.lower()


def test_every_listing_shows_ids_and_show_takes_several(run: Run) -> None:
    for args in (
        ["timeline", "--year", "2003"],
        ["facts", "--year", "2003"],
        ["quote", "putin"],
        ["search", "Rosatom"],
    ):
        shown = " ".join(run(*args).stdout.split())
        ids = [r["id"] for r in json.loads(run(*args, "--json").stdout)]
        assert ids and all(f"· {i}" in shown for i in ids), args
    both = run("show", "language-law-1989", "russians-share-of-population")
    assert both.stdout.count("\nkind ") == 2 and both.stdout.startswith("id          language-law-1989")
    assert "id          russians-share-of-population" in both.stdout
    records = json.loads(run("show", "language-law-1989", "russians-share-of-population", "--json").stdout)
    assert [r["id"] for r in records] == ["language-law-1989", "russians-share-of-population"]
    assert run("show", "language-law-1989", "no-such-record").stdout == ""  # every id checked first


def test_a_quote_card_says_what_the_words_are_about(run: Run) -> None:
    lines = [line.strip("│ ") for line in run("quote", "putin", "--year", "2025").stdout.splitlines()]
    title = lines.index("Putin praises Rosatom's global competencies")
    assert lines[title + 1].startswith("“unique and unparalleled”")


def test_a_source_cited_at_several_places_is_named_once(run: Run) -> None:
    shown = " ".join(run("facts", "--search", "state visit", "--year", "2025").stdout.split())
    assert "Dushanbe Dialogue 2025, paragraphs 1, 2 · putin-state-visit-2025" in shown
    assert "Dushanbe Dialogue 2025, paragraph 2; Dushanbe Dialogue 2025" not in shown


def test_limit_and_reverse_on_the_listings_and_sort_on_search(run: Run) -> None:
    every = json.loads(run("timeline", "--json").stdout)
    first = run("timeline", "-n", "3", "--json")
    assert json.loads(first.stdout) == every[:3]
    assert f"tajru: the first 3 of {len(every)} records; --limit 0 shows them all\n" in first.stderr
    assert json.loads(run("timeline", "--reverse", "--json").stdout) == every[::-1]
    both = json.loads(run("facts", "--topic", "military", "--undated", "--reverse", "--json").stdout)
    dated = [r for r in both if r.get("date") or r.get("date")]
    assert both[: len(dated)] == dated and dated[0]["date"] >= dated[-1]["date"]  # newest first, undated last
    hits = json.loads(run("search", "border", "guards", "--sort", "date", "--json").stdout)
    dates = [r["date"] for r in hits if r.get("date")]
    assert dates == sorted(dates) and len(dates) >= 2
