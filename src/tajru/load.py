"""YAML text to a validated Dataset, reporting every problem with its file, line and record.

The YAML is composed into nodes, never constructed: nothing in the file can make the
loader build an object, every value keeps the exact text written, and each value's line
is known.  Types are then checked by hand, so that YAML 1.1's implicit typing (``no`` as
false, ``010`` as 8, ``1989-01-01`` as a date object) cannot silently change a value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tajru.dates import PartialDate
from tajru.errors import DataError, DateError, Problem
from tajru.files import decode, read_bytes
from tajru.model import ACTOR_KINDS, KINDS, Actor, Citation, Dataset, Record, Source, Topic

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_YAML = "tag:yaml.org,2002:"
_TYPE_NAMES = {
    _YAML + "bool": "a true/false value",
    _YAML + "int": "a number",
    _YAML + "float": "a number",
    _YAML + "null": "an empty value",
    _YAML + "timestamp": "a date",
    _YAML + "str": "text",
    _YAML + "seq": "a list",
    _YAML + "map": "a mapping",
}

COMMON_FIELDS = (
    "id",
    "kind",
    "title",
    "text",
    "topics",
    "actors",
    "sources",
    "caveat",
    "date_inferred",
    "date_note",
)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "event": ("date", "end"),
    "figure": ("value", "unit", "qualifier", "as_of"),
    "quote": ("date", "speaker", "quote", "context"),
}
KIND_REQUIRED: dict[str, tuple[str, ...]] = {
    "event": (),
    "figure": ("value", "unit"),
    "quote": ("speaker", "quote"),
}
SOURCE_FIELDS = (
    "id",
    "kind",
    "file",
    "title",
    "author",
    "published_in",
    "year",
    "year_inferred",
    "pages",
    "note",
)
ACTOR_FIELDS = ("id", "name", "kind", "aliases", "description")
TOPIC_FIELDS = ("id", "label", "description")
CITATION_FIELDS = ("id", "locator", "evidence")
SECTIONS = ("sources", "actors", "topics", "records")


class _Checker:
    """Walks composed nodes, collecting problems instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.record: str | None = None

    def problem(self, node: Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, self.record, message))

    def _describe(self, node: Node) -> str:
        return _TYPE_NAMES.get(node.tag, f"a value tagged {_short_tag(node.tag)}")

    def _plain_tag(self, node: Node, tag: str) -> bool:
        """A collection with an explicit tag (!!python/object/apply:..., !custom) is refused, never built."""
        if node.tag == _YAML + tag:
            return True
        self.problem(node, f"YAML tags such as {_short_tag(node.tag)} are not allowed in a store")
        return False

    def mapping(self, node: Node, allowed: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's fields by name, with duplicate, merge and unknown keys reported."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of fields, not {self._describe(node)}")
            return None
        if not self._plain_tag(node, "map"):
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if key.tag == _YAML + "merge":
                self.problem(key, "YAML merge keys (<<) are not allowed; write the fields out")
                continue
            if not isinstance(key, ScalarNode) or key.tag != _YAML + "str":
                self.problem(key, f"field names must be text, not {self._describe(key)}")
                continue
            name = key.value
            if name in fields:
                first = fields[name][0].start_mark.line + 1
                self.problem(key, f"field '{name}' appears twice (first on line {first}); keep one")
                continue
            if name not in allowed:
                guess = difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else f" in {what}"
                self.problem(key, f"unknown field '{name}'{hint}")
                continue
            fields[name] = (key, value)
        return fields

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'{what}' must be a list, not {self._describe(node)}")
            return []
        return list(node.value) if self._plain_tag(node, "seq") else []

    def text(self, node: Node, name: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag != _YAML + "str":
            if isinstance(node, ScalarNode) and not node.style:
                self.problem(
                    node,
                    f"'{name}' must be text: YAML reads the unquoted {node.value!r} as "
                    f"{self._describe(node)}; put it in quotes",
                )
            else:
                self.problem(node, f"'{name}' must be text, not {self._describe(node)}")
            return None
        if not node.value.strip():
            self.problem(node, f"'{name}' is empty")
            return None
        return str(node.value)

    def ident(self, node: Node, name: str) -> str | None:
        value = self.text(node, name)
        if value is not None and not _ID.fullmatch(value):
            self.problem(node, f"'{name}' {value!r} must be lowercase kebab-case, like 'language-law-1989'")
            return None
        return value

    def flag(self, node: Node, name: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == _YAML + "bool" and node.value in ("true", "false"):
            return str(node.value) == "true"
        self.problem(
            node,
            f"'{name}' must be true or false, not {node.value!r}"
            if isinstance(node, ScalarNode)
            else f"'{name}' must be true or false",
        )
        return None

    def integer(self, node: Node, name: str) -> int | None:
        if (
            isinstance(node, ScalarNode)
            and not node.style
            and re.fullmatch(r"-?(?:0|[1-9][0-9]*)", node.value)
        ):
            return int(node.value)
        self.problem(node, f"'{name}' must be a whole number written in decimal digits")
        return None

    def number(self, node: Node, name: str) -> int | float | None:
        if isinstance(node, ScalarNode) and not node.style and _NUMBER.fullmatch(node.value):
            text = node.value
            return float(text) if any(c in text for c in ".eE") else int(text)
        shown = f" {node.value!r}" if isinstance(node, ScalarNode) else ""
        self.problem(
            node, f"'{name}' must be a plain decimal number (like 25300000000 or 9.3), not{shown or ' that'}"
        )
        return None

    def date(self, node: Node, name: str) -> PartialDate | None:
        # Any scalar style is accepted: the value is the text as written, never YAML's reading of it.
        if not isinstance(node, ScalarNode) or node.tag not in (
            _YAML + "str",
            _YAML + "int",
            _YAML + "timestamp",
        ):
            self.problem(node, f'\'{name}\' must be a date like "1989", "1990-02" or "2003-04-26"')
            return None
        try:
            return PartialDate.parse(node.value)
        except DateError as err:
            self.problem(node, f"'{name}': {err.message}")
            return None

    def texts(self, node: Node, name: str, item: Callable[[Node, str], str | None]) -> tuple[str, ...]:
        values = (item(child, name) for child in self.sequence(node, name))
        return tuple(v for v in values if v is not None)


# PyYAML's C composer recurses once per level of nesting and overflows the C stack (a
# segfault no `except` can catch) at some 25,000 levels with an 8 MB stack; the pure
# composer raises RecursionError at a few hundred. A store nests six levels deep.
MAX_DEPTH = 100
# Thresholds of the cheap bound below: under all three, nesting stays under ~3,100 levels.
_DEEP_INDENT = re.compile(r"^ {256}", re.MULTILINE)
_INDICATOR_RUN = re.compile(r"(?:[-?:][ \t]+){128}")
_MANY_OPENINGS = 2048


def _needs_event_check(text: str) -> bool:
    """False when the text can neither nest past ~3,100 levels nor hold an anchor or alias.

    Cheap and sound whatever the quoting: a block collection nests deeper only by
    indenting further or by a compact indicator ("- ", "? ", ": ") on the same line, a
    flow collection only by an opening bracket, and anchors and aliases need '&' and '*'.
    """
    if "&" in text or "*" in text:
        return True
    openings = text.count("[") + text.count("{")
    return openings >= _MANY_OPENINGS or bool(_DEEP_INDENT.search(text) or _INDICATOR_RUN.search(text))


_ALIASES = "YAML anchors and aliases (&name, *name) are not allowed; write the value out"


def _check_events(text: str, file: str) -> None:
    """Refuse anchors, aliases and nesting past MAX_DEPTH, from libyaml's events (which do not recurse).

    Refused before anything is composed, an alias can never be expanded: a "billion
    laughs" file costs one pass over its text.
    """
    depth = 0
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            problems.append(Problem(file, line, None, _ALIASES))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep; a store needs six at most"
                raise DataError([*problems, Problem(file, line, None, message)])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if problems:
        raise DataError(problems)


def _compose(text: str, file: str) -> Node | None:
    try:
        if _needs_event_check(text):
            _check_events(text, file)
        return yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the pure-Python composer, where libyaml is missing
        raise DataError([Problem(file, None, None, "nested too deeply to read")]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        raise DataError([Problem(file, line, None, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as err:
        raise DataError([Problem(file, None, None, f"YAML error: {err}")]) from None


def read_text(path: Path) -> str:
    return decode(read_bytes(path), str(path))


_SECTION_LINE = re.compile(r"^(sources|actors|topics|records)\s*:", re.MULTILINE)


def is_whole_store(text: str) -> bool:
    """True when the text has all four top-level lists; a layer may have only some of them."""
    return set(_SECTION_LINE.findall(text)) == set(SECTIONS)


def load_file(path: Path) -> Dataset:
    """Read and validate one store file."""
    return parse(read_text(path), str(path))


# Where each id was first defined, by what it names: {"record": {"an-id": "file:line"}}.
Origins = dict[str, dict[str, str]]
WHATS = ("source", "actor", "topic", "record")


def parse(text: str, file: str = "<string>") -> Dataset:
    """Validate a store's YAML text; raises DataError listing every problem found."""
    return parse_layer(text, file, None, {what: {} for what in WHATS})[0]


def parse_layers(layers: list[tuple[str, str]]) -> Dataset:
    """A main store and the files layered on it, in order, each as (text, file name).

    A layer may hold any of the four lists. Its records may refer to anything defined
    before it; an id it defines again is an error naming both places. Problems of every
    layer are reported together.
    """
    data: Dataset | None = None
    origins: Origins = {what: {} for what in WHATS}
    problems = []
    for text, file in layers:
        try:
            data, origins = parse_layer(text, file, data, origins)
        except DataError as err:
            problems += err.problems
    if problems or data is None:
        raise DataError(problems)
    return data


def parse_layer(text: str, file: str, base: Dataset | None, origins: Origins) -> tuple[Dataset, Origins]:
    """One file: the whole store when there is no base, else a layer on top of base."""
    root = _compose(text, file)
    check = _Checker(file)
    if root is None:
        if base is not None:
            return base, origins
        raise DataError(
            [Problem(file, None, None, "the file is empty; a store has sources, actors, topics and records")]
        )
    top = check.mapping(root, SECTIONS, "the store" if base is None else "a store layer")
    if top is None:
        raise DataError(check.problems)
    if base is None:
        for name in SECTIONS:
            if name not in top:
                check.problem(root, f"the store has no '{name}' list")
    lists = {name: check.sequence(top[name][1], name) if name in top else [] for name in SECTIONS}

    origins = {what: dict(ids) for what, ids in origins.items()}
    sources = _unique(check, [(_source(check, n), n) for n in lists["sources"]], "source", origins)
    actors = _unique(check, [(_actor(check, n), n) for n in lists["actors"]], "actor", origins)
    topics = _unique(check, [(_topic(check, n), n) for n in lists["topics"]], "topic", origins)
    known = {what: set(origins[what]) for what in ("source", "actor", "topic")}
    records = _unique(check, [(_record(check, n, known), n) for n in lists["records"]], "record", origins)
    if check.problems:
        raise DataError(sorted(check.problems, key=lambda p: p.line or 0))  # in file order
    before = base or Dataset((), (), (), ())
    return (
        Dataset(
            sources=before.sources + tuple(s for s, _ in sources),
            actors=before.actors + tuple(a for a, _ in actors),
            topics=before.topics + tuple(t for t, _ in topics),
            records=before.records + tuple(r for r, _ in records),
        ),
        origins,
    )


def _unique(check: _Checker, items: list[tuple[Any, Node]], what: str, origins: Origins) -> list[Any]:
    """Report ids defined twice, in this file or one before it, and keep the valid items.

    Each item comes with its node: an item that failed its own checks still has its id
    checked, so that a clash is reported together with the item's other problems.
    """
    seen = origins[what]
    kept = []
    for item, node in items:
        item_id = item[0].id if item is not None else _node_id(node)
        if item_id is None:
            continue
        if item_id in seen:
            first = seen[item_id]
            where = f"line {first.rpartition(':')[2]}" if first.rpartition(":")[0] == check.file else first
            check.record = item_id
            check.problem(node, f"{what} id '{item_id}' is used twice (first on {where})")
            check.record = None
            continue
        seen[item_id] = f"{check.file}:{node.start_mark.line + 1}"
        if item is not None:
            kept.append(item)
    return kept


def _required(
    check: _Checker, node: Node, fields: dict[str, tuple[Node, Node]], names: tuple[str, ...], what: str
) -> bool:
    missing = [n for n in names if n not in fields]
    for name in missing:
        check.problem(node, f"{what} has no '{name}'")
    return not missing


def _source(check: _Checker, node: Node) -> tuple[Source, Node] | None:
    fields = check.mapping(node, SOURCE_FIELDS, "a source")
    if fields is None:
        return None
    check.record = _peek_id(fields)
    ok = _required(check, node, fields, ("id", "kind"), "a source")
    if "title" not in fields and "author" not in fields:
        check.problem(node, "a source needs a 'title' or an 'author'")
        ok = False
    values: dict[str, Any] = {}
    for name, (_, value) in fields.items():
        if name == "id":
            values[name] = check.ident(value, name)
        elif name == "year":
            values[name] = check.integer(value, name)
        elif name == "year_inferred":
            values[name] = check.flag(value, name)
        else:
            values[name] = check.text(value, name)
    check.record = None
    if not ok or any(v is None for v in values.values()):
        return None
    return Source(**values), node


def _actor(check: _Checker, node: Node) -> tuple[Actor, Node] | None:
    fields = check.mapping(node, ACTOR_FIELDS, "an actor")
    if fields is None:
        return None
    check.record = _peek_id(fields)
    ok = _required(check, node, fields, ("id", "name", "kind"), "an actor")
    values: dict[str, Any] = {}
    for name, (_, value) in fields.items():
        if name == "id":
            values[name] = check.ident(value, name)
        elif name == "aliases":
            values[name] = check.texts(value, name, check.text)
        else:
            values[name] = check.text(value, name)
    kind = values.get("kind")
    if kind is not None and kind not in ACTOR_KINDS:
        check.problem(fields["kind"][1], f"actor kind '{kind}' is not one of: {', '.join(ACTOR_KINDS)}")
        ok = False
    check.record = None
    if not ok or any(v is None for v in values.values()):
        return None
    return Actor(**values), node


def _topic(check: _Checker, node: Node) -> tuple[Topic, Node] | None:
    fields = check.mapping(node, TOPIC_FIELDS, "a topic")
    if fields is None:
        return None
    check.record = _peek_id(fields)
    ok = _required(check, node, fields, ("id", "label"), "a topic")
    values = {
        name: (check.ident if name == "id" else check.text)(value, name)
        for name, (_, value) in fields.items()
    }
    check.record = None
    if not ok or any(v is None for v in values.values()):
        return None
    return Topic(**values), node  # type: ignore[arg-type]


def _node_id(node: Node) -> str | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return str(value.value)
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _peek_id(fields: dict[str, tuple[Node, Node]]) -> str | None:
    """The id to name in messages, even while the rest of the item is still unchecked."""
    node = fields.get("id", (None, None))[1]
    return node.value if isinstance(node, ScalarNode) and isinstance(node.value, str) else None


def _reference(check: _Checker, node: Node, value: str | None, what: str, known: set[str]) -> bool:
    if value is None:
        return False
    if value in known:
        return True
    guess = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"; did you mean '{guess[0]}'?" if guess else f"; add it to the {what}s list"
    check.problem(node, f"unknown {what} '{value}'{hint}")
    return False


def _record(check: _Checker, node: Node, known: dict[str, set[str]]) -> tuple[Record, Node] | None:
    every_field = COMMON_FIELDS + tuple(
        f for fs in KIND_FIELDS.values() for f in fs if f not in COMMON_FIELDS
    )
    check.record = _node_id(node)
    fields = check.mapping(node, tuple(dict.fromkeys(every_field)), "a record")
    if fields is None:
        return None
    check.record = _peek_id(fields)
    ok = _required(check, node, fields, ("id", "kind", "title", "topics", "sources"), "a record")
    kind = check.text(fields["kind"][1], "kind") if "kind" in fields else None
    if kind is not None and kind not in KINDS:
        check.problem(fields["kind"][1], f"record kind '{kind}' is not one of: {', '.join(KINDS)}")
        kind = None
    if kind is not None:
        article = "an" if kind == "event" else "a"
        ok = _required(check, node, fields, KIND_REQUIRED[kind], f"{article} {kind}") and ok
        allowed = set(COMMON_FIELDS) | set(KIND_FIELDS[kind])
        for name, (key, _) in fields.items():
            if name not in allowed:
                check.problem(key, f"'{name}' does not apply to {article} {kind}")
                ok = False
    else:
        ok = False

    values: dict[str, Any] = {}
    for name, (_, value) in fields.items():
        if name == "kind":
            continue
        if name == "id":
            values[name] = check.ident(value, name)
        elif name in ("date", "end", "as_of"):
            values[name] = check.date(value, name)
        elif name == "date_inferred":
            values[name] = check.flag(value, name)
        elif name == "value":
            values[name] = check.number(value, name)
        elif name in ("topics", "actors"):
            what = name[:-1]
            ids = check.texts(value, name, check.ident)
            # A list, not a generator: every unknown id is reported, not only the first.
            valid = [_reference(check, value, i, what, known[what]) for i in ids]
            values[name] = ids if all(valid) else None
        elif name == "speaker":
            speaker = check.ident(value, name)
            values[name] = speaker if _reference(check, value, speaker, "actor", known["actor"]) else None
        elif name == "sources":
            values["citations"] = _citations(check, value, known["source"])
        else:
            values[name] = check.text(value, name)

    if "topics" in values and values["topics"] == ():
        check.problem(fields["topics"][1], "a record needs at least one topic")
        ok = False
    if values.get("citations") == ():
        check.problem(fields["sources"][1], "a record needs at least one source citation")
        ok = False
    if values.get("date_inferred") and "date_note" not in fields:
        check.problem(fields["date_inferred"][1], "an inferred date needs a 'date_note' saying why")
        ok = False
    if "end" in fields and "date" not in fields:
        check.problem(fields["end"][1], "an 'end' needs a 'date' to start from")
        ok = False
    if values.get("date_inferred") and "date" not in fields and "as_of" not in fields:
        check.problem(fields["date_inferred"][1], "'date_inferred' is set but there is no date")
        ok = False
    start, end = values.get("date"), values.get("end")
    if start is not None and end is not None and end.sort_key() < start.sort_key():
        check.problem(fields["end"][1], f"'end' {end} is before 'date' {start}")
        ok = False
    check.record = None
    if not ok or any(v is None for v in values.values()):
        return None
    values.setdefault("actors", ())
    return Record(kind=kind, **values), node  # type: ignore[arg-type]


def _citations(check: _Checker, node: Node, sources: set[str]) -> tuple[Citation, ...] | None:
    found = []
    ok = True
    for item in check.sequence(node, "sources"):
        fields = check.mapping(item, CITATION_FIELDS, "a citation")
        if fields is None or not _required(check, item, fields, CITATION_FIELDS, "a citation"):
            ok = False
            continue
        source = check.ident(fields["id"][1], "id")
        locator = check.text(fields["locator"][1], "locator")
        evidence = check.text(fields["evidence"][1], "evidence")
        if not _reference(check, fields["id"][1], source, "source", sources):
            ok = False
            continue
        if source is None or locator is None or evidence is None:
            ok = False
            continue
        found.append(Citation(source, locator, evidence))
    return tuple(found) if ok else None
