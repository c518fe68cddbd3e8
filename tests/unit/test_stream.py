"""The compile's streaming reader keeps every promise of the whole-file reader: the same records in the
same order, and for a broken store the same problems, with the same lines, records and messages."""

from __future__ import annotations

import pytest
from places import MINI, SHIPPED

from tajru.chunks import split_records
from tajru.errors import DataError, Problem
from tajru.load import parse_layers, stream_layers
from tajru.model import Record

TEXT = MINI.read_text(encoding="utf-8")

BROKEN = {
    "a duplicate id": TEXT.replace("  - id: anti-taliban\n", "  - id: language-law-1989\n"),
    "an unknown topic": TEXT.replace("topics: [military]", "topics: [militery]", 1),
    "a missing title": TEXT.replace("    title: Anti-Taliban campaign\n", ""),
    "a bad date": TEXT.replace('date: "1998"', 'date: "1998-13"'),
    "a duplicate key": TEXT.replace("    kind: event\n", "    kind: event\n    kind: figure\n", 1),
    "a YAML error": TEXT.replace("    title: Anti-Taliban campaign\n", "    title: [unclosed\n"),
    "an alias": TEXT.replace("    title: Anti-Taliban campaign\n", "    title: *other\n"),
    "records before topics": TEXT.replace("topics:\n", "tpx:\n", 1),
}


def _both(layers: list[tuple[str, str]]) -> tuple[object, object]:
    streamed: list[Record] = []
    results = []
    for read in (
        lambda: list(parse_layers(layers).records),
        lambda: (stream_layers(layers, streamed.append), streamed)[1],
    ):
        try:
            results.append(read())
        except DataError as err:
            results.append(err.problems)
    return results[0], results[1]


def test_the_shipped_and_mini_stores_stream_as_they_read_whole() -> None:
    for path in (SHIPPED, MINI):
        whole, streamed = _both([(path.read_text(encoding="utf-8"), str(path))])
        assert streamed == whole and len(streamed) > 4  # type: ignore[arg-type]


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_store_streams_the_same_problems(name: str) -> None:
    whole, streamed = _both([(BROKEN[name], "store.yaml")])
    assert isinstance(whole, list) and whole and all(isinstance(p, Problem) for p in whole)
    assert streamed == whole


def test_a_layer_streams_on_top_of_the_store() -> None:
    layer = "topics:\n  - id: notes\n    label: Notes\nrecords:\n" + TEXT.split("records:\n", 1)[1].replace(
        "  - id: ", "  - id: again-"
    ).replace("topics: [military]", "topics: [notes]")
    whole, streamed = _both([(TEXT, "main.yaml"), (layer, "layer.yaml")])
    assert streamed == whole


def test_only_a_plain_block_list_of_records_is_split() -> None:
    assert split_records(TEXT.encode()) is not None
    assert split_records(b"sources: []\nrecords: []\n") is None
    assert split_records(b"records:\n  [{id: x}]\n") is None


def test_records_at_column_zero_and_sections_after_them_are_split_too() -> None:
    body = TEXT.split("records:\n", 1)[1]
    flush = "\n".join(line[2:] if line.startswith("  ") else line for line in body.splitlines()) + "\n"
    moved = TEXT.split("records:\n", 1)[0].replace("topics:\n", "tpcs:\n")
    topics_block = TEXT.split("topics:\n", 1)[1].split("records:\n", 1)[0]
    text = (
        moved.replace("tpcs:\n" + topics_block, "")
        + "records:\n"
        + flush
        + "# the topics, last\ntopics:\n"
        + topics_block
    )
    split = split_records(text.encode())
    assert split is not None and split.total == 5
    whole, streamed = _both([(text, "store.yaml")])
    assert streamed == whole and len(streamed) == 5  # type: ignore[arg-type]


def test_a_byte_that_is_not_utf8_is_named_with_its_line() -> None:
    raw = TEXT.encode().replace(b"Anti-Taliban campaign", b"Anti-Taliban \xff campaign")
    line = raw[: raw.index(b"\xff")].count(b"\n") + 1
    with pytest.raises(DataError) as caught:
        stream_layers([(raw, "store.yaml")], lambda record: None)
    (problem,) = caught.value.problems
    assert problem.line == line and "is not UTF-8 text" in problem.message
