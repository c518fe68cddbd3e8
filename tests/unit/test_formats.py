"""Exports read back with the tools they are meant for: json, csv, Markdown footnotes, TimelineJS, BibTeX, CSL."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from places import MINI, SHIPPED

from tajru.dates import PartialDate
from tajru.formats.citations import record_citation, to_bibtex, to_csl_json
from tajru.formats.csv_table import split_list, to_csv
from tajru.formats.json_docs import record_json, records_json, to_json, to_ndjson
from tajru.formats.markdown import to_markdown
from tajru.formats.timelinejs import to_timelinejs
from tajru.labels import date_label
from tajru.load import load_file
from tajru.model import Actor, Citation, Dataset, Record, Source, Topic
from tajru.store import Store

# The columns the export promises, written out here rather than imported from the module.
COLUMNS = [
    "id", "kind", "date", "date_precision", "date_inferred", "end", "date_note", "title", "text", "value",
    "unit", "qualifier", "speaker", "speaker_name", "quote", "context", "caveat", "topics", "actors",
    "sources", "locators", "evidence", "citation", "formerly", "file",
]  # fmt: skip

TRICKY_TITLE = 'Talks in Dushanbe, "frank"\nand long; a\\b'
MARKUP_TITLE = "*bold* [x](y) _u_ `c` <b>h</b> #tag &amp; $5 @cite 2^10^ ~s~ [^9]"
HTML_TITLE = "<script>alert('x')</script> & <b>bold</b>"


def _load(path: Path) -> Store:
    return Store.from_dataset(load_file(path))


def _tricky_store() -> Store:
    """Values that break naive writers: separators, quotes, line breaks, markup, an undated record."""
    sources = (
        Source("paper-1", "journal-article", author="Ann O'Neil", title="R&D 50% $5 #1 a_b {x} ~ ^ \\ end",
               published_in="Journal of A & B", year=2020, pages="10-12"),
        Source("anon-note", "news-analysis", title="Notes: {unbalanced", year=2021, year_inferred=True),
    )  # fmt: skip
    actors = (Actor("speaker-a", 'Speaker, "Quoted"', "person"), Actor("b", "B", "state"))
    topics = (Topic("t1", "Trade & <economy>"), Topic("t2", "Second"))
    cite_plain = Citation("paper-1", "p. 10", "plain evidence")
    cite_hard = Citation("anon-note", "Section 2; para 3\\4", 'says "yes"; and\r\nmore, too')
    records = (
        Record("tricky", "event", TRICKY_TITLE, ("t1", "t2"), ("b",), (cite_plain, cite_hard),
               date=PartialDate(2001, 3), end=PartialDate(2001, 5), date_inferred=True,
               date_note="note, with comma", text="line one\r\nline two", caveat='a "caveat"'),
        Record("markup", "event", MARKUP_TITLE, ("t2",), (), (cite_plain,), date=PartialDate(1995)),
        Record("html", "quote", HTML_TITLE, ("t1",), ("speaker-a",), (cite_hard,), date=PartialDate(2003, 4, 26),
               speaker="speaker-a", quote="<i>we</i> & they\u2028next", context="At a <meeting>"),
        Record("fig", "figure", "A figure\n# not a heading", ("t1",), (), (cite_plain,), value=2.5,
               unit="percent", qualifier="about", date=PartialDate(1995, 7)),
        Record("undated-one", "event", "No date known", ("t2",), (), (cite_plain, cite_plain)),
    )  # fmt: skip
    return Store.from_dataset(Dataset(sources, actors, topics, records))


STORES = {"mini": lambda: _load(MINI), "shipped": lambda: _load(SHIPPED), "tricky": _tricky_store}


@pytest.fixture(params=sorted(STORES))
def store(request: pytest.FixtureRequest) -> Store:
    return STORES[request.param]()


# ---------------------------------------------------------------------------- JSON


def test_json_is_records_json_and_parses(store: Store) -> None:
    records = store.records
    out = to_json(store, records)
    assert out == records_json(store, records)
    parsed = json.loads(out)
    assert [r["id"] for r in parsed] == [r.id for r in records]
    assert parsed == [record_json(store, r) for r in records]


def test_ndjson_one_object_per_line(store: Store) -> None:
    records = store.records
    out = to_ndjson(store, records)
    assert out.endswith("\n")
    lines = out.split("\n")[:-1]
    assert len(lines) == len(records)
    # also by the stricter line splitting of str.splitlines (U+2028 in the tricky store)
    assert len(out.splitlines()) == len(records)
    assert [json.loads(line) for line in lines] == [record_json(store, r) for r in records]
    assert all(": " not in line.split('"')[0] for line in lines)  # compact


def test_ndjson_of_nothing_is_empty() -> None:
    assert to_ndjson(_load(MINI), []) == ""


# ----------------------------------------------------------------------------- CSV


def _expected_row(store: Store, record: Record) -> dict[str, str]:
    """What each cell must read back as, built from the data-contract dict."""
    data = record.to_dict()
    row: dict[str, str] = {}
    for name in COLUMNS[:17]:
        value = record.date.precision if name == "date_precision" and record.date else data.get(name)
        if name == "speaker_name":
            value = store.actors[record.speaker].name if record.speaker else None
        row[name] = "true" if value is True else "" if value is None else str(value)
    return row


def test_csv_round_trips_every_field(store: Store) -> None:
    records = store.records
    out = to_csv(store, records)
    assert out.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == COLUMNS
    assert len(rows) == len(records) + 1
    assert all(len(row) == len(COLUMNS) for row in rows)
    for record, row in zip(records, csv.DictReader(io.StringIO(out, newline="")), strict=True):
        expected = _expected_row(store, record)
        assert {k: row[k] for k in expected} == expected
        cited = {f"{name}s": [getattr(c, name) for c in record.citations] for name in ("source", "locator")}
        lists = {"topics": record.topics, "actors": record.actors, "formerly": record.formerly}
        for name, items in {**lists, **cited, "evidence": [c.evidence for c in record.citations]}.items():
            assert split_list(row[name]) == list(items), name
        assert row["file"] == (record.file or "")


def test_csv_keeps_commas_quotes_newlines_and_separators() -> None:
    store = _tricky_store()
    out = to_csv(store, store.records)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    tricky = rows["tricky"]
    assert tricky["title"] == TRICKY_TITLE
    assert tricky["text"] == "line one\r\nline two"
    assert tricky["date"] == "2001-03" and tricky["end"] == "2001-05"
    assert tricky["date_inferred"] == "true"
    assert tricky["topics"] == "t1; t2"  # plain ids are joined as they are
    assert split_list(tricky["locators"]) == ["p. 10", "Section 2; para 3\\4"]
    assert split_list(tricky["evidence"]) == ["plain evidence", 'says "yes"; and\r\nmore, too']
    assert rows["markup"]["date_inferred"] == ""
    assert rows["fig"]["value"] == "2.5" and rows["fig"]["date"] == "1995-07"
    assert rows["html"]["speaker_name"] == 'Speaker, "Quoted"'
    assert rows["undated-one"]["date"] == ""


def test_csv_header_only_for_no_records() -> None:
    assert to_csv(_load(MINI), []) == ",".join(COLUMNS) + "\r\n"


# ------------------------------------------------------------------------ Markdown

_REF = re.compile(r"\[\^(\d+)\](?!:)")
_DEF = re.compile(r"^\[\^(\d+)\]: ", re.MULTILINE)


def test_markdown_footnotes_match_references(store: Store) -> None:
    records = store.records
    out = to_markdown(store, records)
    body, _, notes = out.partition("\n[^1]: ")
    notes = "[^1]: " + notes
    refs = [int(n) for n in _REF.findall(body)]
    defs = [int(n) for n in _DEF.findall(notes)]
    total = sum(len(r.citations) for r in records)
    assert refs == list(range(1, total + 1))  # sequential, one per citation, in reading order
    assert defs == refs
    assert not _REF.findall(notes)  # no reference hides in a footnote's text


@pytest.mark.parametrize("order", ["stored", "reversed"])
def test_markdown_years_in_order_and_undated_last(store: Store, order: str) -> None:
    records = store.records if order == "stored" else store.records[::-1]
    out = to_markdown(store, records)
    headings = re.findall(r"^## (.+)$", out, re.MULTILINE)
    years = sorted({r.date.year for r in records if r.date})
    expected = [str(y) for y in years] + (["Undated"] if any(r.date is None for r in records) else [])
    assert headings == expected
    assert out.startswith("# ") and out.count("\n# ") == 0
    dates = [line.split("**")[1] for line in out.splitlines() if line.startswith("- **")]
    chronological = sorted((r for r in records if r.date), key=lambda r: r.date.sort_key() if r.date else ())
    assert [d.replace("\\", "") for d in dates] == [date_label(r) for r in chronological]
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(records)


def test_markdown_records_under_their_year(store: Store) -> None:
    out = to_markdown(store, store.records)
    counts: dict[str, int] = {}
    section = ""
    for line in out.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("- "):
            counts[section] = counts.get(section, 0) + 1
    expected: dict[str, int] = {}
    for record in store.records:
        key = str(record.date.year) if record.date else "Undated"
        expected[key] = expected.get(key, 0) + 1
    assert counts == expected


def test_markdown_escapes_data() -> None:
    store = _tricky_store()
    out = to_markdown(store, store.records)
    assert r"\*bold\* \[x\](y) \_u\_ \`c\` \<b\>h\</b\> \#tag \&amp; \$5 \@cite 2\^10\^ \~s\~ \[\^9\]" in out
    assert "*bold*" not in out.replace(r"\*", "")
    # a line break in data is not structure: no heading, no blank line, no new bullet from data
    assert [line for line in out.splitlines() if line.startswith("#")] == [
        line for line in out.splitlines() if re.fullmatch(r"# .*|## (\d{4}|Undated)", line)
    ]
    assert "A figure \\# not a heading: about 2.5 percent" in out
    assert '**\\[Mar–May 2001\\]** — Talks in Dushanbe, "frank" and long; a\\\\b[^3][^4]' in out
    assert '— Speaker, "Quoted"' in out
    assert "- No date known[^" in out  # undated: no date label


def test_markdown_footnote_gives_full_citation_locator_and_evidence() -> None:
    store = _load(MINI)
    out = to_markdown(store, store.records)
    assert (
        "[^4]: Jajneswar Sethi (2017). Scholarly Research Journal for Interdisciplinary Studies, "
        "pp. 8576-8582, Military Relations, note 24: “While visiting the 201st MRD located in "
        "Tajikistan, on April 26, 2003”"
    ) in out
    assert "- **26 Apr 2003** — Putin calls" in out
    assert "- **1989** — Russians share: about 10 percent[^2]" in out


# ---------------------------------------------------------------------- TimelineJS

_SLIDE_FIELDS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
                 "autolink", "unique_id"}  # fmt: skip
_DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


def _check_date(obj: Any, when: PartialDate) -> None:
    assert set(obj) <= _DATE_FIELDS
    # The docs: year "A number", month "A number from 1-12", day "A number".
    assert type(obj["year"]) is int and obj["year"] == when.year
    assert ("month" in obj) == (when.precision in ("month", "day"))
    assert ("day" in obj) == (when.precision == "day")
    if "month" in obj:
        assert type(obj["month"]) is int and 1 <= obj["month"] <= 12 and obj["month"] == when.month
    if "day" in obj:
        assert type(obj["day"]) is int and obj["day"] == when.day


def test_timelinejs_structure(store: Store) -> None:
    records = store.records
    doc = json.loads(to_timelinejs(store, records))
    assert set(doc) <= {"events", "title", "eras", "scale"}
    assert isinstance(doc["events"], list)
    assert "start_date" not in doc["title"] and isinstance(doc["title"]["text"]["headline"], str)
    dated = [r for r in records if r.date is not None]
    ids = [e["unique_id"] for e in doc["events"]]
    assert ids == [r.id for r in dated]
    assert len(set(ids)) == len(ids)
    for event, record in zip(doc["events"], dated, strict=True):
        assert set(event) <= _SLIDE_FIELDS
        assert record.date is not None
        _check_date(event["start_date"], record.date)
        assert ("end_date" in event) == (record.end is not None)
        if record.end is not None:
            _check_date(event["end_date"], record.end)
        assert set(event["text"]) == {"headline", "text"}
        assert isinstance(event["display_date"], str) and event["display_date"]
        assert event["group"] == _html(store.topics[record.topics[0]].label)
        for citation in record.citations:
            assert _html(citation.evidence).replace("\r\n", "<br>") in event["text"]["text"]


def _html(value: str) -> str:
    import html

    return html.escape(value, quote=True)


def test_timelinejs_leaves_out_undated_and_escapes_html() -> None:
    store = _tricky_store()
    doc = json.loads(to_timelinejs(store, store.records))
    events = {e["unique_id"]: e for e in doc["events"]}
    assert "undated-one" not in events
    assert set(events) == {"tricky", "markup", "html", "fig"}
    html_event = events["html"]
    assert (
        html_event["text"]["headline"]
        == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    )
    assert "<script" not in json.dumps(doc) and "<i>" not in json.dumps(doc) and "<b>" not in json.dumps(doc)
    assert "&lt;i&gt;we&lt;/i&gt; &amp; they" in html_event["text"]["text"]
    assert html_event["group"] == "Trade &amp; &lt;economy&gt;"
    assert html_event["start_date"] == {"year": 2003, "month": 4, "day": 26}
    assert events["tricky"]["display_date"] == "[Mar–May 2001]"
    assert events["tricky"]["end_date"] == {"year": 2001, "month": 5}
    assert events["fig"]["start_date"] == {"year": 1995, "month": 7}
    assert "about 2.5 percent" in events["fig"]["text"]["text"]


# -------------------------------------------------------------------------- BibTeX

_UNLATEX = {
    r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}", r"\&": "&", r"\%": "%", r"\$": "$", r"\#": "#",
    r"\_": "_", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
}  # fmt: skip


def _unlatex(value: str) -> str:
    pattern = "|".join(re.escape(k) for k in sorted(_UNLATEX, key=len, reverse=True))
    return re.sub(pattern, lambda m: _UNLATEX[m.group()], value)


def _bib(store: Store) -> dict[str, dict[str, str]]:
    database = bibtexparser.loads(to_bibtex(store), BibTexParser(common_strings=False))
    return {e["ID"]: e for e in database.entries}


def test_bibtex_shipped_sources() -> None:
    store = _load(SHIPPED)
    entries = _bib(store)
    assert list(entries) == list(store.sources)
    sethi = entries["sethi-2017"]
    assert sethi == {
        "ID": "sethi-2017",
        "ENTRYTYPE": "article",
        "author": "Jajneswar Sethi",
        "journal": "Scholarly Research Journal for Interdisciplinary Studies",
        "year": "2017",
        "pages": "8576--8582",
    }  # no title: the article gives none
    dialogue = entries["dushanbe-dialogue-2025"]
    assert dialogue["ENTRYTYPE"] == "misc"
    assert dialogue["title"] == "{Dushanbe Dialogue: Putin Deepens Russia-Tajikistan Strategic Partnership}"
    assert dialogue["year"] == "2025"
    assert "inferred" in dialogue["note"]
    assert set(dialogue) == {"ID", "ENTRYTYPE", "title", "year", "note"}  # no invented author, url, month


def test_bibtex_escapes_specials() -> None:
    store = _tricky_store()
    entries = _bib(store)
    assert list(entries) == ["paper-1", "anon-note"]  # an unbalanced brace does not swallow the next entry
    paper = entries["paper-1"]
    assert (
        paper["title"]
        == r"{R\&D 50\% \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{} end}"
    )
    assert _unlatex(paper["title"][1:-1]) == store.sources["paper-1"].title
    assert paper["journal"] == r"Journal of A \& B"
    assert paper["author"] == "Ann O'Neil"
    assert paper["pages"] == "10--12"
    assert "note" not in paper
    assert _unlatex(entries["anon-note"]["title"][1:-1]) == "Notes: {unbalanced"


# ------------------------------------------------------------------------ CSL-JSON


def test_csl_json_items() -> None:
    items = json.loads(to_csl_json(_load(SHIPPED)))
    assert isinstance(items, list)
    by_id = {i["id"]: i for i in items}
    assert list(by_id) == ["sethi-2017", "dushanbe-dialogue-2025"]
    assert by_id["sethi-2017"] == {
        "id": "sethi-2017",
        "type": "article-journal",
        "author": [{"family": "Sethi", "given": "Jajneswar"}],
        "container-title": "Scholarly Research Journal for Interdisciplinary Studies",
        "page": "8576-8582",
        "issued": {"date-parts": [[2017]]},
    }
    dialogue = by_id["dushanbe-dialogue-2025"]
    assert dialogue["type"] == "article"
    assert dialogue["title"].startswith("Dushanbe Dialogue")
    assert dialogue["issued"] == {"date-parts": [[2025]]}
    assert "inferred" in dialogue["note"]
    assert "author" not in dialogue and "container-title" not in dialogue


def test_csl_json_keeps_text_as_written() -> None:
    items = {i["id"]: i for i in json.loads(to_csl_json(_tricky_store()))}
    assert items["paper-1"]["title"] == "R&D 50% $5 #1 a_b {x} ~ ^ \\ end"
    assert items["paper-1"]["author"] == [{"family": "O'Neil", "given": "Ann"}]
    assert "note" not in items["paper-1"]


# ------------------------------------------------------------------ record_citation


def test_record_citation_mini() -> None:
    store = _load(MINI)
    record = store.record("putin-201st-presence-2003")
    assert record_citation(store, record) == (
        "Jajneswar Sethi (2017). Scholarly Research Journal for Interdisciplinary Studies, "
        "pp. 8576-8582, Military Relations, note 24."
    )


def test_record_citation_one_line_per_source_naming_every_place(store: Store) -> None:
    for record in store.records:
        lines = record_citation(store, record).split("\n")
        sources = list(dict.fromkeys(c.source for c in record.citations))
        assert len(lines) == len(sources)
        for line, source in zip(lines, sources, strict=True):
            assert line.startswith(store.sources[source].citation.removesuffix(".") + ", ")
            assert line.endswith(".")
            for citation in (c for c in record.citations if c.source == source):
                numbers = re.findall(r"\d+", citation.locator)
                assert all(n in line for n in numbers)
