"""A JSON Schema (draft 2020-12) of the store file, for editors that validate YAML as people type.

An editor with the YAML language server (redhat yaml-language-server) given this schema
completes field names, shows each field's description and marks wrong types, unknown
fields, missing fields and malformed ids and dates. It is read from the same table as the
loader's checks (tajru.fields), so the two cannot drift. The loader stays the judge: it
also checks what a schema cannot, such as whether a cited source, topic, actor or speaker
exists, duplicate ids and keys, and that an 'end' is not before its 'date'.

    python -m tajru.schema > facts.schema.json
"""

from __future__ import annotations

from typing import Any

from tajru import __version__
from tajru.fields import (
    ID_PATTERN,
    ITEM,
    KIND_HELP,
    KINDS,
    NEEDS,
    ONE_OF,
    SECTION_HELP,
    TABLES,
    Field,
    required,
)

SCHEMA_ID = "urn:tajru:store-schema"

# "1989", "1990-02" or "2003-04-26", only as tajru.dates.PartialDate.parse accepts them: no year 0000,
# months 01-12, and no day past the end of its month (29 February only in leap years).
_MONTH = "(?:0[1-9]|1[0-2])"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = (
    "^(?!0000)(?:"
    f"[0-9]{{4}}(?:-{_MONTH})?"
    "|[0-9]{4}-(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|[0-9]{4}-(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|[0-9]{4}-02-(?:0[1-9]|1[0-9]|2[0-8])"
    f"|{_LEAP_YEAR}-02-29"
    ")$"
)
_DATE_EXAMPLES = ["1989", "1990-02", "2003-04-26"]

_Json = dict[str, Any]


def _ref(name: str) -> _Json:
    return {"$ref": f"#/$defs/{name}"}


def _present(name: str) -> _Json:
    return {"required": [name]}


def _id() -> _Json:
    return {"type": "string", "pattern": f"^{ID_PATTERN}$"}


def _text() -> _Json:
    return {"type": "string", "pattern": r"\S"}


def _type(field: Field) -> _Json:
    """The JSON Schema of a field's value, by its type in the format table."""
    if field.type in ("id", "ref"):
        return _id()
    if field.type == "refs":
        return {"type": "array", "items": {**_id(), "description": f"The id of {ITEM[field.refers or '']}."}}
    if field.type in ("texts", "ids"):
        return {"type": "array", "items": _text() if field.type == "texts" else _id()}
    if field.type == "citations":
        return {"type": "array", "items": _ref("citation")}
    if field.type == "sections":
        return {"type": "array", "items": _ref("section")}
    if field.type == "choice":
        return {"type": "string", "enum": list(field.choices)}
    if field.type == "date":
        return {"type": "string", "pattern": DATE_PATTERN, "examples": _DATE_EXAMPLES}
    simple = {"flag": "boolean", "integer": "integer", "number": "number"}
    return {"type": simple[field.type]} if field.type in simple else _text()


def _field(field: Field) -> _Json:
    schema = {**_type(field), "description": field.help}
    if field.at_least_one:
        schema["minItems"] = 1
    return schema


def _object(fields: tuple[Field, ...], help: str, section: str = "") -> _Json:
    schema: _Json = {
        "type": "object",
        "description": help,
        "properties": {f.name: _field(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    if section in ONE_OF:
        schema["anyOf"] = [_present(name) for name in ONE_OF[section]]
    return schema


def _kind_schema(kind: str) -> _Json:
    """One kind's closed set of fields, its required fields and the rules between its fields."""
    fields = tuple(f for f in TABLES["records"] if kind in f.kinds)
    schema = _object(fields, KIND_HELP[kind])
    schema["required"] = [f.name for f in fields if required(f, kind)]
    schema["properties"]["kind"] = {"const": kind, "description": schema["properties"]["kind"]["description"]}
    present = {f.name for f in fields}
    rules: list[_Json] = []
    for first, second in NEEDS:
        if first in present:
            flag = next(f for f in fields if f.name == first).type == "flag"
            condition = (
                {"properties": {first: {"const": True}}, "required": [first]} if flag else _present(first)
            )
            rules.append({"if": condition, "then": _present(second)})
    inferred = {"properties": {"date_inferred": {"const": True}}, "required": ["date_inferred"]}
    rules.append({"if": inferred, "then": _present("date")})
    schema["allOf"] = rules
    return schema


def _record_schema() -> _Json:
    """Any record: every field a record may have (for completion), then the rules of its kind."""
    schema = _object(
        TABLES["records"],
        "A record: an event, a figure, a quote or an assertion, with a title, topics, actors and sources.",
    )
    schema["required"] = [f.name for f in TABLES["records"] if f.required and f.kinds == KINDS]
    schema["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": _ref(kind)}
        for kind in KINDS
    ]
    return schema


def _items(section: str) -> _Json:
    """An item of a list; an actor item may instead give a layer's more names for an actor."""
    if section == "actors":
        return {"anyOf": [_ref("actor"), _ref("more_names")]}
    if section == "topics":
        return {"anyOf": [_ref("topic"), _ref("more_terms")]}
    return _ref(ITEM[section])


def store_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a store file such as data/facts.yaml."""
    defs: _Json = {
        ITEM[section]: _object(TABLES[section], SECTION_HELP[section], section)
        for section in ("sources", "actors", "topics")
    }
    defs["citation"] = _object(TABLES["citation"], SECTION_HELP["citation"])
    defs["section"] = _object(TABLES["section"], SECTION_HELP["section"])
    defs["record"] = _record_schema()
    actor_fields = {f.name: f for f in TABLES["actors"]}
    defs["more_names"] = {
        "type": "object",
        "description": "In a layer: more names or terms for an actor defined before it, by its id.",
        "properties": {name: _field(actor_fields[name]) for name in ("id", "aliases", "terms")},
        "required": ["id"],
        "anyOf": [{"required": ["aliases"]}, {"required": ["terms"]}],
        "additionalProperties": False,
    }
    topic_fields = {f.name: f for f in TABLES["topics"]}
    defs["more_terms"] = {
        "type": "object",
        "description": "In a layer: more entry terms for a topic defined before it, by its id.",
        "properties": {name: _field(topic_fields[name]) for name in ("id", "terms")},
        "required": ["id", "terms"],
        "additionalProperties": False,
    }
    defs.update({kind: _kind_schema(kind) for kind in KINDS})
    sections = ("sources", "actors", "topics", "records")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"tajru fact store (tajru {__version__})",
        "description": (
            "A tajru store such as data/facts.yaml: sources, actors, topics and records, "
            "every record traced to its sources; see docs/format.md."
        ),
        "type": "object",
        "properties": {
            s: {"type": "array", "items": _items(s), "description": SECTION_HELP[s]} for s in sections
        },
        "required": list(sections),
        "additionalProperties": False,
        "$defs": defs,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(store_schema(), indent=2, ensure_ascii=False))
