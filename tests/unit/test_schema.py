"""The store's JSON Schema judged against the loader on stores: it passes the shipped stores, accepts
what the loader accepts, and rejects what the loader rejects, field by field."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from places import MINI as MINI_STORE
from places import REPO

import tajru.load as load
from tajru import schema
from tajru.dates import PartialDate
from tajru.errors import DataError, DateError
from tajru.schema import store_schema

FACTS = REPO / "data" / "facts.yaml"

Store = dict[str, Any]
SECTIONS = ["sources", "actors", "topics", "records"]
KINDS = ["event", "figure", "quote", "assertion"]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    built = store_schema()
    Draft202012Validator.check_schema(built)
    return Draft202012Validator(built)


def mini() -> Store:
    data: Store = yaml.safe_load(MINI_STORE.read_text(encoding="utf-8"))
    return data


def messages(validator: Draft202012Validator, data: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def loader_problems(data: Store) -> list[str]:
    """The loader's messages for a store given as data, written out as YAML first."""
    try:
        load.parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    except DataError as err:
        return [p.message for p in err.problems]
    return []


def record(store: Store, kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in store["records"] if r["kind"] == kind)
    return found


def by_id(store: Store, record_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in store["records"] if r["id"] == record_id)
    return found


# --- The schema itself and the stores that ship ------------------------------------------------


def test_schema_is_valid_draft_2020_12_with_id_and_title() -> None:
    built = store_schema()
    Draft202012Validator.check_schema(built)
    assert built["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert built["$id"] == schema.SCHEMA_ID
    assert built["title"].startswith("tajru fact store")
    assert built["required"] == SECTIONS and built["additionalProperties"] is False


def test_schema_is_plain_json_printed_by_the_command_and_the_module(run: Callable[..., Any]) -> None:
    built = store_schema()
    assert json.loads(json.dumps(built)) == built
    out = subprocess.run(
        [sys.executable, "-m", "tajru.schema"], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == built
    assert json.loads(run("schema").stdout) == built


def test_a_layer_holding_only_some_lists_is_not_a_whole_store(validator: Draft202012Validator) -> None:
    layer = {"records": mini()["records"]}
    assert not validator.is_valid(layer)


@pytest.mark.parametrize("path", [FACTS, MINI_STORE], ids=["facts.yaml", "mini_store.yaml"])
def test_shipped_stores_are_valid(validator: Draft202012Validator, path: Path) -> None:
    assert messages(validator, yaml.safe_load(path.read_text(encoding="utf-8"))) == []


_DROP = object()  # a field value meaning: remove the field


def _update(item: dict[str, Any], fields: dict[str, Any]) -> None:
    """Set fields, removing those given as _DROP."""
    for name, value in fields.items():
        if value is _DROP:
            del item[name]
        else:
            item[name] = value


def _set(which: str, /, **fields: Any) -> Callable[[Store], object]:
    """Change the first record of the kind `which`."""
    return lambda store: _update(record(store, which), fields)


def _drop(kind: str, name: str) -> Callable[[Store], object]:
    return lambda store: record(store, kind).pop(name)


def _no_date_but_inferred(store: Store) -> None:
    event = by_id(store, "language-law-1989")
    del event["date"]
    event.update(date_inferred=True, date_note="why")


# What rejects each case: the JSON Schema keyword that fails and the value it fails on (the missing or
# unexpected property for required and additionalProperties), read from jsonschema's structured
# errors, never from its wording.
REJECTED: dict[str, tuple[Callable[[Store], object], tuple[str, Any]]] = {
    "unknown field on a record": (_set("event", colour="red"), ("additionalProperties", "colour")),
    "a figure's field on an event": (_set("event", value=3), ("additionalProperties", "value")),
    "a figure without value": (_drop("figure", "value"), ("required", "value")),
    "a figure without unit": (_drop("figure", "unit"), ("required", "unit")),
    "a quote without speaker": (_drop("quote", "speaker"), ("required", "speaker")),
    "a quote without quote": (_drop("quote", "quote"), ("required", "quote")),
    "a record without title": (_drop("event", "title"), ("required", "title")),
    "a record without topics": (_drop("event", "topics"), ("required", "topics")),
    "a bad record id": (_set("event", id="Bad Id"), ("pattern", "Bad Id")),
    "a bad speaker id": (_set("quote", speaker="Vladimir Putin"), ("pattern", "Vladimir Putin")),
    "a bad topic id": (_set("event", topics=["Bad Id"]), ("pattern", "Bad Id")),
    "an unknown kind": (_set("event", kind="rumour"), ("enum", "rumour")),
    "a record without kind": (_drop("event", "kind"), ("required", "kind")),
    "an impossible month": (_set("event", date="1990-13"), ("pattern", "1990-13")),
    "29 February outside a leap year": (_set("event", date="2001-02-29"), ("pattern", "2001-02-29")),
    "31 April": (_set("event", date="2001-04-31"), ("pattern", "2001-04-31")),
    "year 0": (_set("event", date="0000"), ("pattern", "0000")),
    "a two-digit year": (_set("figure", date="89"), ("pattern", "89")),
    "date_inferred without date_note": (
        lambda s: by_id(s, "language-law-1989").update(date_inferred=True),
        ("required", "date_note"),
    ),
    "date_inferred without a date": (_no_date_but_inferred, ("required", "date")),
    "an end without a date": (lambda s: by_id(s, "anti-taliban").pop("date"), ("required", "date")),
    "no topics": (_set("event", topics=[]), ("minItems", [])),
    "no citations": (_set("event", sources=[]), ("minItems", [])),
    "a blank title": (_set("event", title="   "), ("pattern", "   ")),
    "a value written as text": (_set("figure", value="10"), ("type", "10")),
    "date_inferred as text": (_set("event", date_inferred="yes"), ("type", "yes")),
    "a citation without evidence": (
        lambda s: record(s, "event")["sources"][0].pop("evidence"),
        ("required", "evidence"),
    ),
    "an unknown field in a citation": (
        lambda s: record(s, "event")["sources"][0].update(page="3"),
        ("additionalProperties", "page"),
    ),
    "an actor kind not in the list": (lambda s: s["actors"][0].update(kind="robot"), ("enum", "robot")),
    "an actor without name": (lambda s: s["actors"][0].pop("name"), ("required", "name")),
    "a source with neither title nor author": (
        lambda s: s["sources"][0].pop("author"),
        ("anyOf", None),
    ),
    "a source year written as text": (
        lambda s: s["sources"][0].update(year="2017"),
        ("type", "2017"),
    ),
    "a topic without label": (lambda s: s["topics"][0].pop("label"), ("required", "label")),
    "an unknown top-level section": (lambda s: s.update(notes=[]), ("additionalProperties", "notes")),
    "a section that is not a list": (lambda s: s.update(topics={}), ("type", {})),
}


def _violations(validator: Draft202012Validator, data: Any) -> list[tuple[str, Any]]:
    """(keyword, value) of every error and every error inside it: the property a `required` misses or
    an `additionalProperties` does not allow, else the instance the keyword rejected."""
    found: list[tuple[str, Any]] = []
    errors = list(validator.iter_errors(data))
    while errors:
        error = errors.pop()
        errors += error.context or []
        if error.validator == "required":
            found += [("required", n) for n in error.validator_value if n not in error.instance]
        elif error.validator == "additionalProperties":
            found += [
                ("additionalProperties", n) for n in error.instance if n not in error.schema["properties"]
            ]
        elif error.validator == "anyOf":
            found.append(("anyOf", None))
        else:
            found.append((str(error.validator), error.instance))
    return found


@pytest.mark.parametrize("case", list(REJECTED))
def test_schema_rejects_what_the_loader_rejects(validator: Draft202012Validator, case: str) -> None:
    mutate, expected = REJECTED[case]
    store = mini()
    mutate(store)
    found = _violations(validator, store)
    assert expected in found, found
    assert loader_problems(store), "the loader accepts it, so the schema should too"


@pytest.mark.parametrize("section", SECTIONS)
def test_a_missing_top_level_section_is_rejected(validator: Draft202012Validator, section: str) -> None:
    store = mini()
    del store[section]
    assert ("required", section) in _violations(validator, store)
    assert f"the store has no '{section}' list" in loader_problems(store)


@pytest.mark.parametrize(
    ("written", "read_as"),
    [('date: "1989"', "date: 1989"), ('date: "2003-04-26"', "date: 2003-04-26")],
    ids=["integer", "timestamp"],
)
def test_an_unquoted_date_is_rejected_though_the_loader_reads_it(
    validator: Draft202012Validator, written: str, read_as: str
) -> None:
    """YAML reads an unquoted 1989 as a number and 2003-04-26 as a date object; the schema wants the
    quoted strings the README asks for. The loader is more lenient: it takes the text as written."""
    text = MINI_STORE.read_text(encoding="utf-8")
    assert written in text
    unquoted = text.replace(written, read_as, 1)
    found = _violations(validator, yaml.safe_load(unquoted))
    assert any(keyword == "type" and not isinstance(value, str) for keyword, value in found), found
    load.parse(unquoted)  # no DataError: a deliberate difference, see the docstring


ACCEPTED: dict[str, Callable[[Store], object]] = {
    "29 February in a leap year": _set("event", date="2000-02-29"),
    "29 February in 2024": _set("event", date="2024-02-29"),
    "a month date": _set("quote", date="1990-02"),
    "an inferred date with a note": _set("figure", date_inferred=True, date_note="why"),
    "a decimal value": _set("figure", value=9.3),
    "a negative value": _set("figure", value=-2),
    "a source with a title only": lambda s: _update(s["sources"][0], {"title": "A title", "author": _DROP}),
    "an actor with no aliases": lambda s: s["actors"][0].update(aliases=[]),
    "empty sections": lambda s: s.update(records=[], topics=[]),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_schema_accepts_what_the_loader_accepts(validator: Draft202012Validator, case: str) -> None:
    store = mini()
    ACCEPTED[case](store)
    assert messages(validator, store) == []
    assert loader_problems(store) == []


# --- The date pattern agrees with the loader's date parser --------------------------------------


def _date_candidates() -> Iterator[str]:
    for year in (0, 1, 4, 99, 100, 400, 1900, 1989, 1996, 2000, 2001, 2004, 2100, 9999):
        yield f"{year:04d}"
        for month in range(14):
            yield f"{year:04d}-{month:02d}"
            for day in range(33):
                yield f"{year:04d}-{month:02d}-{day:02d}"
    yield from ("89", "19890", "1989-1", "1989-01-1", "1989/01", "", " 1989", "1989 ", "1989-01-01T00:00")
    yield from ("1989-", "١٩٨٩", "+1989", "-1989", "1989-02-01-01")


def _parses(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except DateError:
        return False
    return True


def test_date_pattern_accepts_exactly_the_dates_the_loader_parses() -> None:
    date = Draft202012Validator({"type": "string", "pattern": schema.DATE_PATTERN})
    disagree = [t for t in _date_candidates() if date.is_valid(t) != _parses(t)]
    assert disagree == []


def _id_refused(text: str) -> bool:
    store = mini()
    store["topics"][0]["id"] = text
    return any("kebab-case" in p or "is empty" in p for p in loader_problems(store))


def test_id_pattern_is_anchored_at_both_ends() -> None:
    ident = Draft202012Validator({"type": "string", "pattern": f"^{schema.ID_PATTERN}$"})
    for text in ("language-law-1989", "201st-division", "cis"):
        assert ident.is_valid(text)
        assert not _id_refused(text)
    for text in ("Bad Id", "bad--id", "-bad", "bad-", "x bad", "bad x", "Bad", "bad_id", ""):
        assert not ident.is_valid(text)
        assert _id_refused(text)


# --- Field by field, the schema and the loader agree -------------------------------------------

_VALUES: dict[str, Any] = {
    "id": "full",
    "title": "A title",
    "text": "A text.",
    "topics": ["military"],
    "actors": ["vladimir-putin"],
    "sources": [{"id": "sethi-2017", "locator": "p. 1", "evidence": "words"}],
    "caveat": "Doubtful.",
    "date_inferred": True,
    "date_note": "Why.",
    "date": "1998",
    "end": "2001",
    "value": 3,
    "unit": "people",
    "qualifier": "about",
    "speaker": "vladimir-putin",
    "quote": "Words.",
    "context": "Somewhere.",
    "formerly": ["an-old-id"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_the_schema_offers_a_kind_is_one_the_loader_accepts_and_no_other(
    validator: Draft202012Validator, kind: str
) -> None:
    offered = set(store_schema()["$defs"][kind]["properties"])
    store = mini()
    store["records"] = [{"kind": kind, **{n: _VALUES[n] for n in offered if n != "kind"}}]
    assert messages(validator, store) == [] and loader_problems(store) == []
    for name in set(_VALUES) - offered:
        extra = copy.deepcopy(store)
        extra["records"][0][name] = _VALUES[name]
        assert not validator.is_valid(extra), name
        assert loader_problems(extra), name
    unknown = copy.deepcopy(store)
    unknown["records"][0]["colour"] = "red"
    assert not validator.is_valid(unknown) and loader_problems(unknown)


@pytest.mark.parametrize("kind", ["rumour", "Event", ""])
def test_a_kind_outside_the_schema_is_refused_by_both(validator: Draft202012Validator, kind: str) -> None:
    store = mini()
    store["records"][0]["kind"] = kind
    assert not validator.is_valid(store) and loader_problems(store)


def _full_record(kind: str) -> dict[str, Any]:
    offered = store_schema()["$defs"][kind]["properties"]
    return {"id": f"full-{kind}", "kind": kind, **{n: _VALUES[n] for n in offered if n not in ("id", "kind")}}


def _missing(problems: list[str]) -> set[str]:
    return {m.group(1) for p in problems if (m := re.search(r" has no '(\w+)'$", p))}


@pytest.mark.parametrize("kind", KINDS)
def test_required_record_fields_are_the_ones_the_loader_asks_for(
    validator: Draft202012Validator, kind: str
) -> None:
    """Ask the loader field by field which fields a record of this kind needs."""
    store = mini()
    store["records"] = [_full_record(kind)]
    assert messages(validator, store) == []
    assert loader_problems(store) == []
    required = set()
    for name in store["records"][0]:
        partial = copy.deepcopy(store)
        del partial["records"][0][name]
        required |= _missing(loader_problems(partial))
    assert required == set(store_schema()["$defs"][kind]["required"])


@pytest.mark.parametrize(
    ("section", "definition", "full"),
    [
        (
            "sources",
            "source",
            {
                **dict.fromkeys(store_schema()["$defs"]["source"]["properties"], "x"),
                "year": 2017,
                "year_inferred": True,
                "id": "x",
                "locators": "section-note",
                "sections": [{"name": "Introduction", "starts": "The breakup"}],
                "ignore": ["a page header"],
                "published": "2017-03",
            },
        ),
        ("actors", "actor", {"id": "a", "name": "A", "kind": "person", "aliases": ["B"], "description": "D"}),
        ("topics", "topic", {"id": "t", "label": "T", "description": "D"}),
    ],
)
def test_required_fields_of_sources_actors_and_topics_are_the_loaders(
    validator: Draft202012Validator, section: str, definition: str, full: dict[str, Any]
) -> None:
    store: Store = {"sources": [], "actors": [], "topics": [], "records": []}
    store[section] = [full]
    assert messages(validator, store) == []
    assert loader_problems(store) == []
    required = set()
    for name in full:
        partial = copy.deepcopy(store)
        del partial[section][0][name]
        missing = _missing(loader_problems(partial))
        assert validator.is_valid(partial) == (not missing), name
        required |= missing
    assert required == set(store_schema()["$defs"][definition]["required"])


def test_a_source_needs_a_title_or_an_author_as_the_loader_says(validator: Draft202012Validator) -> None:
    store = mini()
    for name in ("title", "author"):
        store["sources"][0].pop(name, None)
    assert not validator.is_valid(store)
    assert "a source needs a 'title' or an 'author'" in loader_problems(store)


# --- Help for the editor ------------------------------------------------------------------------


def _described(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every field schema (a value under "properties") and every definition, with where it is."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield f"{where}.{name}", value
        for name, value in node.get("$defs", {}).items():
            yield f"{where}.$defs.{name}", value
        for key, value in node.items():
            if key != "if":  # conditions name fields only to test them
                yield from _described(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _described(value, f"{where}[{i}]")


def test_every_field_has_a_one_sentence_description() -> None:
    built = store_schema()
    found = list(_described(built, "$"))
    assert len(found) > 50
    for where, field in [("$", built), *found]:
        text = field.get("description")
        assert isinstance(text, str) and text.endswith("."), where
        assert not re.search(r"[.;:]\s+[A-Z]", text), f"{where}: more than one sentence: {text}"
