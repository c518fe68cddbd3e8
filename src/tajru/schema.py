"""A JSON Schema (draft 2020-12) of the store file, for editors that validate YAML as people type.

An editor with the YAML language server (redhat yaml-language-server) given this schema
completes field names, shows each field's description and marks wrong types, unknown
fields, missing fields and malformed ids and dates.  The loader (tajru.load) stays the
judge: it also checks what a schema cannot, such as whether a cited source, topic, actor
or speaker exists, duplicate ids and keys, and that an 'end' is not before its 'date'.

The field lists are the loader's own, imported from it, so the two cannot drift;
tests/test_schema.py checks that the rules written inline in the loader's checks (which
fields every record needs, for instance) agree with the loader's verdicts.

    python -m tajru.schema > facts.schema.json
"""

from __future__ import annotations

from typing import Any

from tajru import __version__
from tajru.load import (
    _ID,
    ACTOR_FIELDS,
    CITATION_FIELDS,
    COMMON_FIELDS,
    KIND_FIELDS,
    KIND_REQUIRED,
    SECTIONS,
    SOURCE_FIELDS,
    TOPIC_FIELDS,
)
from tajru.model import ACTOR_KINDS, KINDS

ID_PATTERN = _ID.pattern

# Rules the loader writes inline in its checks rather than as module-level names.
RECORD_REQUIRED = ("id", "kind", "title", "topics", "sources")
SOURCE_REQUIRED = ("id", "kind")
SOURCE_NEEDS_ONE_OF = ("title", "author")
ACTOR_REQUIRED = ("id", "name", "kind")
TOPIC_REQUIRED = ("id", "label")
DATE_FIELDS = ("date", "end", "as_of")
AT_LEAST_ONE = ("topics", "sources")

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
_DATE_RULE = 'always a quoted string: "1989", "1990-02" or "2003-04-26"'

SECTION_HELP = {
    "sources": "The documents the facts come from, which every record's citations refer to by id.",
    "actors": "The people, states, organisations, military units, companies and places the records name.",
    "topics": "The subjects records are filed under; every record names at least one.",
    "records": "The facts themselves, each an event, a figure or a quote traced to its sources.",
}
SOURCE_HELP = {
    "id": "The source's id in lowercase kebab-case, like 'sethi-2017', which citations refer to.",
    "kind": "What sort of document it is, in free text, like 'journal-article' or 'news-analysis'.",
    "file": "The name of the file holding the document's text, beside the project in ../shared/sources/.",
    "title": "The document's title as the document gives it; a source needs a title or an author.",
    "author": "The author as the document names them; a source needs a title or an author.",
    "published_in": "The journal or outlet the document appeared in.",
    "year": "The year of publication as a whole number, like 2017.",
    "year_inferred": "true when the document does not state its year and it was worked out from the text.",
    "pages": 'The pages in the publication, like "8576-8582".',
    "note": "Anything a reader should know about the source, such as what it leaves unsaid.",
}
ACTOR_HELP = {
    "id": "The actor's id in lowercase kebab-case, like 'emomali-rahmon', which records refer to.",
    "name": "The name shown for the actor in tables and listings.",
    "kind": f"What the actor is: one of {', '.join(ACTOR_KINDS)}.",
    "aliases": "Other names and spellings the sources use for the actor, matched when searching.",
    "description": "A short description of the actor, such as an office held.",
}
TOPIC_HELP = {
    "id": "The topic's id in lowercase kebab-case, like 'military', which records refer to.",
    "label": "The topic's name as shown to readers.",
    "description": "A short description of what the topic covers.",
}
RECORD_HELP = {
    "id": "The record's id in lowercase kebab-case, like 'language-law-1989'.",
    "kind": (
        "What the record is: an event (a date), a figure (a value and unit) or a quote (a speaker's words)."
    ),
    "title": "A one-line headline stating the fact.",
    "text": "A longer account of the fact, in a sentence or a few.",
    "topics": "The ids of the topics the record is filed under; at least one.",
    "actors": "The ids of the actors the record involves; the list may be empty.",
    "sources": "The citations backing the record, each with a locator and verbatim evidence; at least one.",
    "caveat": "A warning that the claim is doubtful, disputed or only the source's own view.",
    "date_inferred": "true when the source implies the date but does not state it; a date_note must say why.",
    "date_note": "Why the date is inferred, or how it was read from the source.",
    "date": f"When the event happened or the words were said, {_DATE_RULE}.",
    "end": f"The last date of an event that spans a time, needing a date to start from, {_DATE_RULE}.",
    "value": "The figure's number, written plainly like 25300000000 or 9.3.",
    "unit": "What the value counts or measures, like 'percent' or 'USD'.",
    "qualifier": "The source's own hedge on the value, like 'about' or 'over'.",
    "as_of": f"The date the figure holds for, {_DATE_RULE}.",
    "speaker": "The id of the actor who said the quote.",
    "quote": "The words said, verbatim as the source gives them.",
    "context": "Where or when the words were said, as the source tells it.",
}
CITATION_HELP = {
    "id": "The id of the cited source, from the sources list.",
    "locator": "Where in the source the support is, like 'Military Relations, note 24'.",
    "evidence": "The supporting words, copied verbatim from the source.",
}
KIND_HELP = {
    "event": "An event: something that happened, with a date and, for a span, an end.",
    "figure": "A figure: a number with its unit, the source's qualifier and an as_of date.",
    "quote": "A quote: a speaker's verbatim words, with a date and their context.",
}

_Json = dict[str, Any]


def _ref(name: str) -> _Json:
    return {"$ref": f"#/$defs/{name}"}


def _id(help: str) -> _Json:
    return {"type": "string", "pattern": f"^{ID_PATTERN}$", "description": help}


def _text(help: str) -> _Json:
    return {"type": "string", "pattern": r"\S", "description": help}


def _list(items: _Json, help: str, at_least_one: bool = False) -> _Json:
    schema: _Json = {"type": "array", "items": items, "description": help}
    if at_least_one:
        schema["minItems"] = 1
    return schema


def _object(fields: _Json, required: tuple[str, ...], help: str) -> _Json:
    return {
        "type": "object",
        "description": help,
        "properties": fields,
        "required": list(required),
        "additionalProperties": False,
    }


def _source_field(name: str) -> _Json:
    help = SOURCE_HELP[name]
    if name == "id":
        return _id(help)
    if name == "year":
        return {"type": "integer", "description": help}
    if name == "year_inferred":
        return {"type": "boolean", "description": help}
    return _text(help)


def _actor_field(name: str) -> _Json:
    help = ACTOR_HELP[name]
    if name == "id":
        return _id(help)
    if name == "kind":
        return {"type": "string", "enum": list(ACTOR_KINDS), "description": help}
    if name == "aliases":
        return _list(_text("Another name or spelling of the actor."), help)
    return _text(help)


def _plain_field(help_for: dict[str, str], name: str) -> _Json:
    return _id(help_for[name]) if name == "id" else _text(help_for[name])


def _record_field(name: str) -> _Json:
    """A record field's type, decided as the loader's _record decides which check to run."""
    help = RECORD_HELP[name]
    if name == "id":
        return _id(help)
    if name == "kind":
        return {"type": "string", "enum": list(KINDS), "description": help}
    if name in DATE_FIELDS:
        return {"type": "string", "pattern": DATE_PATTERN, "examples": _DATE_EXAMPLES, "description": help}
    if name == "date_inferred":
        return {"type": "boolean", "description": help}
    if name == "value":
        return {"type": "number", "description": help}
    if name in ("topics", "actors"):
        item = _id(f"The id of {'a topic' if name == 'topics' else 'an actor'} from the {name} list.")
        return _list(item, help, at_least_one=name in AT_LEAST_ONE)
    if name == "speaker":
        return _id(help)
    if name == "sources":
        return _list(_ref("citation"), help, at_least_one=name in AT_LEAST_ONE)
    return _text(help)


def _present(name: str) -> _Json:
    return {"required": [name]}


def _kind_schema(kind: str) -> _Json:
    """One kind's closed set of fields, its required fields and the loader's rules between fields."""
    allowed = tuple(dict.fromkeys(COMMON_FIELDS + KIND_FIELDS[kind]))
    fields = {name: _record_field(name) for name in allowed}
    fields["kind"] = {"const": kind, "description": RECORD_HELP["kind"]}
    schema = _object(fields, RECORD_REQUIRED + KIND_REQUIRED[kind], KIND_HELP[kind])
    inferred = {"properties": {"date_inferred": {"const": True}}, "required": ["date_inferred"]}
    dates = [name for name in ("date", "as_of") if name in allowed]
    dated: _Json | bool = {"anyOf": [_present(d) for d in dates]} if len(dates) > 1 else False
    rules: list[_Json] = [
        {"if": inferred, "then": _present("date_note")},
        {"if": inferred, "then": _present(dates[0]) if len(dates) == 1 else dated},
    ]
    if "end" in allowed:
        rules.append({"if": _present("end"), "then": _present("date")})
    schema["allOf"] = rules
    return schema


def _record_schema() -> _Json:
    """Any record: every field a record may have (for completion), then the rules of its kind."""
    every = tuple(dict.fromkeys(COMMON_FIELDS + tuple(f for fs in KIND_FIELDS.values() for f in fs)))
    schema = _object(
        {name: _record_field(name) for name in every},
        RECORD_REQUIRED,
        "A record: an event, a figure or a quote, with a title, topics, actors and cited sources.",
    )
    schema["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": _ref(kind)}
        for kind in KINDS
    ]
    return schema


def store_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a store file such as data/facts.yaml."""
    source = _object(
        {name: _source_field(name) for name in SOURCE_FIELDS},
        SOURCE_REQUIRED,
        "A document the facts come from, described only as far as the document itself says.",
    )
    source["anyOf"] = [_present(name) for name in SOURCE_NEEDS_ONE_OF]
    defs: _Json = {
        "source": source,
        "actor": _object(
            {name: _actor_field(name) for name in ACTOR_FIELDS},
            ACTOR_REQUIRED,
            "A person, state, organisation, military unit, company or place, with its name forms.",
        ),
        "topic": _object(
            {name: _plain_field(TOPIC_HELP, name) for name in TOPIC_FIELDS},
            TOPIC_REQUIRED,
            "A subject records are filed under.",
        ),
        "citation": _object(
            {name: _plain_field(CITATION_HELP, name) for name in CITATION_FIELDS},
            CITATION_FIELDS,
            "Where in a source the record is supported, with the supporting words themselves.",
        ),
        "record": _record_schema(),
        **{kind: _kind_schema(kind) for kind in KINDS},
    }
    items = {"sources": "source", "actors": "actor", "topics": "topic", "records": "record"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"tajru fact store (tajru {__version__})",
        "description": (
            "A tajru store such as data/facts.yaml: sources, actors, topics and records, "
            "every record traced to its sources; see README.md, 'The data'."
        ),
        "type": "object",
        "properties": {name: _list(_ref(items[name]), SECTION_HELP[name]) for name in SECTIONS},
        "required": list(SECTIONS),
        "additionalProperties": False,
        "$defs": defs,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(store_schema(), indent=2, ensure_ascii=False))
