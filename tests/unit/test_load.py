"""The loader: every class of problem reported at once, each with its file, line and record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tajru.errors import DataError, Problem
from tajru.load import load_file, parse

HEAD = """\
sources:
  - id: sethi-2017
    kind: journal-article
    author: Jajneswar Sethi
    year: 2017
actors:
  - id: vladimir-putin
    name: Vladimir Putin
    kind: person
topics:
  - id: military
    label: Military
records:
"""

GOOD_RECORD = """\
  - id: putin-visit-2003
    kind: event
    date: "2003-04-26"
    title: Putin visits the 201st
    topics: [military]
    actors: [vladimir-putin]
    sources:
      - id: sethi-2017
        locator: Military Relations, note 24
        evidence: "While visiting the 201st MRD"
"""


def problems(text: str) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        parse(text, "store.yaml")
    return caught.value.problems


def only(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_store_loads_with_its_values_as_written() -> None:
    data = parse(HEAD + GOOD_RECORD)
    (record,) = data.records
    assert record.id == "putin-visit-2003"
    assert str(record.date) == "2003-04-26"
    assert record.citations[0].locator == "Military Relations, note 24"
    assert data.sources[0].year == 2017


def test_an_impossible_date_names_the_line_and_record() -> None:
    problem = only(HEAD + GOOD_RECORD.replace('"2003-04-26"', '"2025-02-30"'))
    assert (problem.file, problem.line, problem.record) == ("store.yaml", 16, "putin-visit-2003")
    assert "Feb 2025 has 28 days" in problem.message


def test_a_missing_field_is_reported_at_the_record() -> None:
    problem = only(HEAD + GOOD_RECORD.replace("    title: Putin visits the 201st\n", ""))
    assert (problem.line, problem.record) == (14, "putin-visit-2003")
    assert "has no 'title'" in problem.message


def test_unknown_references_suggest_the_nearest_id() -> None:
    text = HEAD + GOOD_RECORD.replace("[military]", "[militery]").replace("[vladimir-putin]", "[putin]")
    found = problems(text)
    messages = sorted(p.message for p in found)
    assert messages == [
        "unknown actor 'putin'; add it to the actors list",
        "unknown topic 'militery'; did you mean 'military'?",
    ]
    assert {p.line for p in found} == {18, 19}


def test_an_unknown_source_and_speaker_are_reported() -> None:
    quote = """\
  - id: a-quote
    kind: quote
    title: Someone said something
    speaker: boris
    quote: "words"
    topics: [military]
    sources:
      - id: sethi-2016
        locator: Abstract
        evidence: "words"
"""
    found = problems(HEAD + quote)
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (17, "unknown actor 'boris'"),
        (21, "unknown source 'sethi-2016'"),
    ]


def test_duplicate_ids_name_both_lines() -> None:
    problem = only(HEAD + GOOD_RECORD + GOOD_RECORD)
    assert problem.line == 24
    assert "record id 'putin-visit-2003' is used twice (first on line 14)" in problem.message


def test_duplicate_keys_are_an_error_not_a_silent_overwrite() -> None:
    problem = only(
        HEAD + GOOD_RECORD.replace("    kind: event\n", "    kind: event\n    title: Another title\n")
    )
    assert problem.line == 18
    assert "field 'title' appears twice (first on line 16)" in problem.message


def test_wrong_types_name_the_field_and_say_how_to_fix_it() -> None:
    text = HEAD + GOOD_RECORD.replace("title: Putin visits the 201st", "title: no")
    problem = only(text)
    assert problem.line == 17
    assert (
        problem.message
        == "'title' must be text: YAML reads the unquoted 'no' as a true/false value; put it in quotes"
    )


def test_a_figure_value_with_a_leading_zero_is_refused() -> None:
    figure = """\
  - id: some-figure
    kind: figure
    title: A figure
    value: 010
    unit: percent
    topics: [military]
    sources:
      - id: sethi-2017
        locator: Abstract
        evidence: "x"
"""
    problem = only(HEAD + figure)
    assert problem.line == 17 and "'value' must be a plain decimal number" in problem.message


def test_unquoted_dates_keep_the_text_written() -> None:
    data = parse(HEAD + GOOD_RECORD.replace('"2003-04-26"', "2003-04-26"))
    assert str(data.records[0].date) == "2003-04-26"
    data = parse(HEAD + GOOD_RECORD.replace('"2003-04-26"', "2003"))
    assert str(data.records[0].date) == "2003"


def test_fields_of_another_kind_are_refused() -> None:
    problem = only(
        HEAD + GOOD_RECORD.replace("    kind: event\n", "    kind: event\n    quote: words said\n")
    )
    assert problem.message == "'quote' does not apply to an event"


def test_any_kind_may_report_what_a_speaker_said() -> None:
    reported = GOOD_RECORD.replace("    kind: event\n", "    kind: event\n    speaker: vladimir-putin\n")
    assert parse(HEAD + reported).records[0].speaker == "vladimir-putin"


def test_an_older_layers_as_of_is_named_with_its_new_name() -> None:
    older = GOOD_RECORD.replace('    date: "2003-04-26"\n', '    date: "2003-04-26"\n    as_of: "2003"\n')
    assert only(HEAD + older).message == "field 'as_of' is now called 'date'; rename it, keeping its value"


def test_a_misspelt_field_suggests_the_right_one() -> None:
    problem = only(
        HEAD + GOOD_RECORD.replace("    title:", "    titel:").replace("topics:", "title: x\n    topics:")
    )
    assert problem.message == "unknown field 'titel'; did you mean 'title'?"


def test_an_end_before_the_start_is_refused() -> None:
    problem = only(HEAD + GOOD_RECORD.replace('date: "2003-04-26"', 'date: "2003"\n    end: "2001"'))
    assert "'end' 2001 is before 'date' 2003" in problem.message


def test_an_inferred_date_needs_a_note() -> None:
    problem = only(
        HEAD + GOOD_RECORD.replace("    kind: event\n", "    kind: event\n    date_inferred: true\n")
    )
    assert "needs a 'date_note'" in problem.message


def test_yaml_syntax_errors_carry_their_line() -> None:
    problem = only(HEAD + GOOD_RECORD.replace("topics: [military]", "topics: [military"))
    assert problem.message.startswith("YAML syntax error")
    assert problem.line is not None and 18 <= problem.line <= 20


def test_python_tags_are_refused_and_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = HEAD + GOOD_RECORD.replace(
        "title: Putin visits the 201st",
        f"title: !!python/object/apply:os.system ['touch {marker}']",
    )
    problem = only(text)
    assert "must be text" in problem.message
    assert not marker.exists()


def test_anchors_and_merge_keys_are_refused() -> None:
    aliased = (
        HEAD
        + GOOD_RECORD.replace("sources:\n      - id", "sources: &s\n      - id")
        + GOOD_RECORD.replace("putin-visit-2003", "second").replace(
            "sources:\n      - id: sethi-2017\n        locator: Military Relations, note 24\n"
            '        evidence: "While visiting the 201st MRD"\n',
            "sources: *s\n",
        )
    )
    assert any("anchors and aliases" in p.message for p in problems(aliased))
    merged = HEAD + GOOD_RECORD.replace("    kind: event\n", "    <<: {kind: event}\n")
    assert any("merge keys" in p.message for p in problems(merged))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "the store must be a mapping of fields, not a list"),
        ("sources: []\n", "the store has no 'actors' list"),
    ],
)
def test_wrong_top_level_shapes_are_explained(text: str, message: str) -> None:
    assert message in problems(text)[0].message


def test_file_problems_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_file(tmp_path / "missing.yaml")
    with pytest.raises(DataError, match="is a directory"):
        load_file(tmp_path)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes((HEAD + GOOD_RECORD).replace("Putin visits", "Putin visite à").encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load_file(latin)
    assert caught.value.problems[0].line == 17
    assert "is not UTF-8" in caught.value.problems[0].message


def test_problem_lines_read_like_compiler_messages() -> None:
    problem = Problem("data/facts.yaml", 12, "language-law-1989", "unknown topic 'x'")
    assert str(problem) == "data/facts.yaml:12 (language-law-1989): unknown topic 'x'"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_raises_data_error(text: str) -> None:
    try:
        parse(text)
    except DataError:
        pass


def test_the_mini_store_fixture_is_valid(mini_store: Path, write_store: Callable[[str], Path]) -> None:
    assert len(load_file(mini_store).records) >= 4


def test_an_event_needs_a_date_but_an_assertion_does_not() -> None:
    undated = GOOD_RECORD.replace('    date: "2003-04-26"\n', "")
    assert only(HEAD + undated).message == "an event has no 'date'"
    assertion = undated.replace("kind: event", "kind: assertion")
    assert parse(HEAD + assertion).records[0].date is None
    problem = only(HEAD + assertion.replace("    topics:", '    end: "2003"\n    topics:'))
    assert problem.message == "an 'end' needs a 'date' to start from"
