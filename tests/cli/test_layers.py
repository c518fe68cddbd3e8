"""A layer extends what it did not define: more names for the store's actors, its own topics, and sources
of its own with the citation fields researchers need, carried into BibTeX and CSL-JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import bibtexparser
from jsonschema import Draft202012Validator
from typer.testing import Result

from tajru.schema import store_schema

Run = Callable[..., Result]

MORE_NAMES = """\
actors:
  - id: olimov
    aliases: [Olimoff]
topics:
  - id: scholars
    label: Scholars cited
"""

OWN_SOURCE = """\
sources:
  - id: field-report-2024
    kind: report
    author: Ann Field
    title: "Migration and Remittances: A Field Report"
    published_in: Central Asia Papers
    published: "2024-03-05"
    pages: "3-9"
    doi: "10.1000/car.2024.7"
    url: "https://example.org/field-report"
"""


def test_a_layer_gives_more_names_to_an_actor_of_the_store(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "names.yaml"
    layer.write_text(MORE_NAMES, encoding="utf-8")
    assert run("facts", "--actor", "Olimoff").exit_code == 2  # the store alone has no such name
    found = json.loads(run("facts", "--actor", "Olimoff", "--include", str(layer), "--json").stdout)
    assert [r["id"] for r in found] == ["olimov-national-security-concept"]
    actors = {a["id"]: a for a in json.loads(run("actors", "--include", str(layer), "--json").stdout)}
    assert actors["olimov"]["aliases"][-1] == "Olimoff" and actors["olimov"]["name"] == "oilmov"
    topics = [t["id"] for t in json.loads(run("topics", "--include", str(layer), "--json").stdout)]
    assert topics[-1] == "scholars"
    assert run("validate", str(layer)).exit_code == 0


def test_more_names_for_an_actor_nobody_defined_is_an_error(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "names.yaml"
    layer.write_text(MORE_NAMES.replace("id: olimov", "id: olimova"), encoding="utf-8")
    result = run("validate", str(layer))
    assert result.exit_code == 1 and "an actor has no 'name'" in result.stdout


def test_the_schema_takes_more_names_in_a_layer() -> None:
    store = {"sources": [], "topics": [], "records": [], "actors": [{"id": "olimov", "aliases": ["Olimoff"]}]}
    assert list(Draft202012Validator(store_schema()).iter_errors(store)) == []
    store["actors"] = [{"id": "olimov", "aliases": ["Olimoff"], "note": "x"}]
    assert list(Draft202012Validator(store_schema()).iter_errors(store)) != []


def test_a_layers_own_source_carries_its_citation_fields(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "mine.yaml"
    layer.write_text(OWN_SOURCE, encoding="utf-8")
    listed = run("sources", "--include", str(layer), "--json")
    (mine,) = [s for s in json.loads(listed.stdout) if s["id"] == "field-report-2024"]
    assert mine["published"] == "2024-03-05" and mine["doi"] == "10.1000/car.2024.7"
    assert mine["citation"] == (
        "Ann Field (5 Mar 2024). “Migration and Remittances: A Field Report”. Central Asia Papers, pp. 3-9. "
        "https://doi.org/10.1000/car.2024.7"
    )
    library = bibtexparser.loads(run("sources", "--include", str(layer), "--format", "bibtex").stdout)
    entry = {e["ID"]: e for e in library.entries}["field-report-2024"]
    assert (entry["year"], entry["date"], entry["doi"]) == ("2024", "2024-03-05", "10.1000/car.2024.7")
    assert entry["url"] == "https://example.org/field-report"
    items = {
        i["id"]: i for i in json.loads(run("sources", "--include", str(layer), "--format", "csl-json").stdout)
    }
    item = items["field-report-2024"]
    assert item["issued"] == {"date-parts": [[2024, 3, 5]]}
    assert (item["DOI"], item["URL"]) == ("10.1000/car.2024.7", "https://example.org/field-report")
