"""YAML text to a validated Dataset: each field read as tajru.fields has it, then layers, ids, references.

Every problem in a file is collected, with its file, line and record, and raised together
as one DataError; composing the YAML safely is tajru.safe_yaml's job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode

from tajru.chunks import Split, split_records, utf8_checked
from tajru.errors import DataError, Problem
from tajru.fields import ITEM, KINDS, NEEDS, ONE_OF, RENAMED, SECTIONS, TABLES, Field, required
from tajru.files import read_text
from tajru.model import Actor, Citation, Dataset, Record, Section, Source, Topic
from tajru.names import Known
from tajru.safe_yaml import Checker, Fields, compose, node_id, peek_id

_BUILD = {"sources": Source, "actors": Actor, "topics": Topic}
# What each rule between fields says when it is broken.
_NEEDS_MESSAGE = {
    ("date_inferred", "date_note"): "an inferred date needs a 'date_note' saying why",
    ("end", "date"): "an 'end' needs a 'date' to start from",
}
_AT_LEAST_ONE = {"topics": "topic", "sources": "source citation"}
SPOKEN_SPAN = (
    "a span that starts with a statement: words said are dated when they were said, and what they say "
    "of later years ('until 2042') is their content, not an 'end'"
)
_SECTION_LINE = re.compile(r"^(sources|actors|topics|records)\s*:", re.MULTILINE)

# Where each id was first defined, by list: {"records": {"an-id": "file:line"}}.
Origins = dict[str, dict[str, str]]


def is_whole_store(text: str) -> bool:
    """True when the text has all four top-level lists; a layer may have only some of them."""
    return set(_SECTION_LINE.findall(text)) == set(SECTIONS)


def load_file(path: Path) -> Dataset:
    """Read and validate one store file."""
    return parse(read_text(path), str(path))


def parse(text: str, file: str = "<string>") -> Dataset:
    """Validate a store's YAML text; raises DataError listing every problem found."""
    return parse_layer(text, file, None, {s: {} for s in SECTIONS})[0]


# What a long compile tells as it goes: the stage, and how much of it is done of how much.
Progress = Callable[[str, int, int], None]


def parse_layers(layers: list[tuple[str, str]], warnings: list[Problem] | None = None) -> Dataset:
    """A main store and the files layered on it, in order, each as (text, file name).

    A layer may hold any of the four lists. Its records may refer to anything defined
    before it; an id it defines again is an error naming both places. Problems of every
    layer are reported together.
    """
    data: Dataset | None = None
    origins: Origins = {s: {} for s in SECTIONS}
    problems = []
    for text, file in layers:
        try:
            data, origins = parse_layer(text, file, data, origins, warnings=warnings)
        except DataError as err:
            problems += err.problems
    if problems or data is None:
        raise DataError(problems)
    return data


def stream_layers(
    layers: Sequence[tuple[bytes | str, str]],
    sink: Callable[[Record], None],
    progress: Progress | None = None,
    warnings: list[Problem] | None = None,
) -> Dataset:
    """parse_layers for a compile: each record is checked on its own and handed to sink at once, so
    no file is ever composed whole and no record is kept; the Dataset returned holds the sources,
    actors and topics, and no records. Every promise of parse_layers holds: every problem of every
    file, with its line and record, in one DataError at the end."""
    data: Dataset | None = None
    origins: Origins = {s: {} for s in SECTIONS}
    problems: list[Problem] = []
    for index, (content, file) in enumerate(layers):
        first = index == 0
        if progress is not None:
            progress(f"reading {file}", 0, 0)
        try:
            raw = utf8_checked(content.encode("utf-8") if isinstance(content, str) else content, file)
            split = split_records(raw)
            if split is None:  # an unusual layout: read whole, as before
                data, origins = parse_layer(
                    raw.decode("utf-8"), file, data, origins, progress, warnings=warnings
                )
                for record in data.records:
                    sink(record)
                data = data._replace(records=())
                continue
            found: list[Problem] = []
            data, origins = parse_layer(
                split.head, file, data, origins, problems_out=found, warnings=warnings
            )
        except DataError as err:
            problems += err.problems
            continue
        layer_sink = sink if first else _tagged(sink, file)
        found += _stream_records(split, file, data, origins, layer_sink, progress, warnings)
        problems += sorted(found, key=lambda p: p.line or 0)  # in file order, as parse_layers has them
    if problems or data is None:
        raise DataError(problems)
    return data


def _tagged(sink: Callable[[Record], None], file: str) -> Callable[[Record], None]:
    """A sink that marks each record as read from the layer file."""
    return lambda record: sink(record._replace(file=file))


def _stream_records(
    split: Split,
    file: str,
    data: Dataset,
    origins: Origins,
    sink: Callable[[Record], None],
    progress: Progress | None,
    warnings: list[Problem] | None,
) -> list[Problem]:
    known = {s: Known(ids) for s, ids in origins.items()}
    problems: list[Problem] = []
    total = split.total
    for done, (offset, chunk) in enumerate(split.records):
        if progress is not None and done % 2000 == 0:
            progress(f"checking the records of {file}", done, total)
        try:
            root = compose(chunk, file, offset)
        except DataError as err:
            problems += err.problems
            continue
        check = Checker(file, offset)
        nodes = check.sequence(root, "records") if root is not None else []
        items = [(_item(check, node, "records", known), node) for node in nodes]
        for record in _unique(check, items, "records", origins):
            sink(record)
        problems += check.problems
        if warnings is not None:
            warnings += check.warnings
    return problems


def parse_layer(
    text: str,
    file: str,
    base: Dataset | None,
    origins: Origins,
    progress: Progress | None = None,
    problems_out: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
) -> tuple[Dataset, Origins]:
    """One file: the whole store when there is no base, else a layer on top of base; progress hears how
    far the checking of its records has come. Problems of its items are raised together, or, given
    problems_out, put there while the items without a problem are kept, so a caller can go on checking."""
    root = compose(text, file)
    check = Checker(file)
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
    origins = {section: dict(ids) for section, ids in origins.items()}
    found: dict[str, tuple[Any, ...]] = {}
    more: _More = {}
    for section in SECTIONS:  # in this order, so that records see every id defined before them
        # 'records:', 'records: ~' and 'records: []' all start an empty list, as a new layer begins
        listed = top[section][1] if section in top else None
        nodes = check.sequence(listed, section) if listed is not None and not _null(listed) else []
        if section in _EXTENDED and base is not None:
            nodes = [n for n in nodes if not _extends(check, n, section, origins[section], more)]
        known = {s: Known(ids) for s, ids in origins.items()}
        items = []
        for done, node in enumerate(nodes):
            if progress is not None and section == "records" and done % 2000 == 0:
                progress(f"checking the records of {file}", done, len(nodes))
            items.append((_item(check, node, section, known), node))
        found[section] = tuple(_unique(check, items, section, origins))
    if base is not None:  # what a layer defines says where it came from, never taken for the store's own
        found["records"] = tuple(r._replace(file=file) for r in found["records"])
        found["sources"] = tuple(s._replace(layer=file) for s in found["sources"])
    if check.problems and problems_out is None:
        raise DataError(sorted(check.problems, key=lambda p: p.line or 0))  # in file order
    if problems_out is not None:
        problems_out += check.problems
    if warnings is not None:
        warnings += check.warnings
    before = base or Dataset((), (), (), ())
    data = Dataset(*(old + found[s] for s, old in zip(SECTIONS, before, strict=True)))
    if more:
        data = data._replace(
            actors=tuple(_extended(a, more.get(("actors", a.id))) for a in data.actors),
            topics=tuple(_extended(t, more.get(("topics", t.id))) for t in data.topics),
        )
    return data, origins


def _null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


# What a layer may add to an actor or topic defined before it, by its id alone.
_EXTENDED = {"actors": ("aliases", "terms"), "topics": ("terms",)}
_More = dict[tuple[str, str], dict[str, tuple[str, ...]]]


def _extends(check: Checker, node: Node, section: str, defined: dict[str, str], more: _More) -> bool:
    """Whether a layer's item only gives more names or terms to an actor or topic defined before it (its
    id and some of aliases and terms, nothing else): then they are noted in more, and it is no new item."""
    if not isinstance(node, MappingNode):
        return False
    keys = {str(getattr(k, "value", "")): v for k, v in node.value}
    extra = set(keys) - {"id"}
    if (
        not extra
        or not extra <= set(_EXTENDED[section])
        or getattr(keys.get("id"), "value", None) not in defined
    ):
        return False
    item_id = keys["id"].value
    check.record = item_id
    added = more.setdefault((section, item_id), {})
    for name in sorted(extra):
        added[name] = (*added.get(name, ()), *check.texts(keys[name], name, check.text))
    check.record = None
    return True


def _extended(item: Any, added: dict[str, tuple[str, ...]] | None) -> Any:
    """An actor or topic with what layers added to its aliases or terms, each once."""
    if not added:
        return item
    return item._replace(**{k: tuple(dict.fromkeys((*getattr(item, k), *v))) for k, v in added.items()})


def _unique(check: Checker, items: list[tuple[Any, Node]], section: str, origins: Origins) -> list[Any]:
    """Report ids defined twice, in this file or one before it, and keep the valid items.

    Each item comes with its node: an item that failed its own checks still has its id
    checked, so that a clash is reported together with the item's other problems.
    """
    seen = origins[section]
    kept = []
    for item, node in items:
        item_id = item.id if item is not None else node_id(node)
        if item_id is None:
            continue
        if item_id in seen:
            check.record = item_id
            check.problem(
                node,
                f"{ITEM[section]} id '{item_id}' is used twice (first on {_place(check, seen[item_id])})",
            )
            check.record = None
            continue
        seen[item_id] = f"{check.file}:{node.start_mark.line + 1 + check.offset}"
        if section == "records" and not _former_ids_free(check, node, item_id, item, origins):
            continue
        if item is not None:
            kept.append(item)
    return kept


def _former_ids_free(
    check: Checker, node: Node, record_id: str, item: Record | None, origins: Origins
) -> bool:
    """A renamed record's old ids stay its own: no record takes one as its id, and no other claims it too."""
    former = origins.setdefault("formerly", {})  # each former id: "its-record@file:line"
    problems = []
    if record_id in former:
        owner, _, where = former[record_id].partition("@")
        problems.append(f"record id '{record_id}' is a former id of '{owner}' ({_place(check, where)})")
    for old in item.formerly if item is not None else ():
        if old == record_id:
            problems.append(f"former id '{old}' is the record's own id")
        elif old in origins["records"]:
            where = _place(check, origins["records"][old])
            problems.append(f"former id '{old}' is the id of another record (first on {where})")
        elif old in former:
            owner, _, where = former[old].partition("@")
            problems.append(f"former id '{old}' is already one of '{owner}' ({_place(check, where)})")
        else:
            former[old] = f"{record_id}@{check.file}:{node.start_mark.line + 1 + check.offset}"
    check.record = record_id
    for message in problems:
        check.problem(node, message)
    check.record = None
    return not problems


def _place(check: Checker, where: str) -> str:
    """'line 12' for a place in the file being read, else its file and line."""
    file, _, line = where.rpartition(":")
    return f"line {line}" if file == check.file else where


def _a(what: str) -> str:
    return f"{'an' if what[0] in 'aeiou' else 'a'} {what}"


def _required(check: Checker, node: Node, fields: Fields, names: list[str], what: str) -> bool:
    missing = [n for n in names if n not in fields]
    for name in missing:
        check.problem(node, f"{_a(what)} has no '{name}'")
    return not missing


def _item(check: Checker, node: Node, section: str, known: Mapping[str, set[str]]) -> Any:
    """One source, actor, topic or record, or None when it has a problem (reported)."""
    table, what = TABLES[section], ITEM[section]
    check.record = node_id(node)
    fields = check.mapping(
        node, tuple(f.name for f in table), _a(what), RENAMED if section == "records" else None
    )
    if fields is None:
        return None
    check.record = peek_id(fields)
    common = [f.name for f in table if f.required and f.kinds == KINDS]
    ok = _required(check, node, fields, common, what)
    one_of = ONE_OF.get(section, ())
    if one_of and not any(name in fields for name in one_of):
        named = " or ".join(f"{'an' if n[0] in 'aeiou' else 'a'} '{n}'" for n in one_of)
        check.problem(node, f"{_a(what)} needs {named}")
        ok = False
    values = {f.name: _value(check, f, fields[f.name][1], what, known) for f in table if f.name in fields}
    if section == "records":
        ok = _record_rules(check, node, fields, values) and ok
    check.record = None
    if not ok or any(v is None for v in values.values()):
        return None
    if section != "records":
        return _BUILD[section](**values)
    values.setdefault("actors", ())
    values["citations"] = values.pop("sources")
    return Record(**values)


def _value(check: Checker, field: Field, node: Node, what: str, known: Mapping[str, set[str]]) -> Any:
    """A field's value read as its type says; None when it is wrong, the problem reported."""
    name, kind = field.name, field.type
    if kind == "id":
        return check.ident(node, name)
    if kind in ("text", "choice"):
        value = check.text(node, name)
        if kind == "choice" and value is not None and value not in field.choices:
            check.problem(node, f"{what} {name} '{value}' is not one of: {', '.join(field.choices)}")
            return None
        return value
    if kind in ("texts", "ids"):
        return check.texts(node, name, check.text if kind == "texts" else check.ident)
    if kind == "flag":
        return check.flag(node, name)
    if kind == "integer":
        return check.integer(node, name)
    if kind == "number":
        return check.number(node, name)
    if kind == "date":
        return check.date(node, name)
    assert field.refers is not None or kind in ("citations", "sections")
    if kind == "ref":
        value = check.ident(node, name)
        return value if _reference(check, node, value, field.refers or "", known) else None
    if kind == "refs":
        ids = check.texts(node, name, check.ident)
        # A list, not a generator: every unknown id is reported, not only the first.
        valid = [_reference(check, node, i, field.refers or "", known) for i in ids]
        return ids if all(valid) else None
    if kind == "sections":
        return _sections(check, node)
    return _citations(check, node, known)


def _record_rules(check: Checker, node: Node, fields: Fields, values: dict[str, Any]) -> bool:
    """The rules of a record's kind and those between its fields; False when any is broken."""
    kind = values.get("kind")
    if kind is None:
        return False
    own = [f.name for f in TABLES["records"] if required(f, kind) and not (f.required and f.kinds == KINDS)]
    ok = _required(check, node, fields, own, kind)
    for f in TABLES["records"]:
        if f.name in fields and kind not in f.kinds:
            check.problem(fields[f.name][0], f"'{f.name}' does not apply to {_a(kind)}")
            ok = False
    for name, one in _AT_LEAST_ONE.items():
        if values.get(name) == ():
            check.problem(fields[name][1], f"a record needs at least one {one}")
            ok = False
    for first, second in NEEDS:
        if first in fields and values.get(first) is not False and second not in fields:
            check.problem(fields[first][1], _NEEDS_MESSAGE[(first, second)])
            ok = False
    if values.get("date_inferred") and "date" not in fields:
        check.problem(fields["date_inferred"][1], "'date_inferred' is set but there is no date")
        ok = False
    start, end = values.get("date"), values.get("end")
    if start is not None and end is not None and end.sort_key() < start.sort_key():
        check.problem(fields["end"][1], f"'end' {end} is before 'date' {start}")
        ok = False
    if end is not None and values.get("speaker") is not None:
        check.warn(fields["end"][1], SPOKEN_SPAN)
    return ok


def _reference(
    check: Checker, node: Node, value: str | None, section: str, known: Mapping[str, set[str]]
) -> bool:
    if value is None:
        return False
    if value in known[section]:
        return True
    what = ITEM[section]
    ids = known[section]
    guess = ids.nearest(value) if isinstance(ids, Known) else None
    hint = f"; did you mean '{guess}'?" if guess else f"; add it to the {section} list"
    check.problem(node, f"unknown {what} '{value}'{hint}")
    return False


def _citations(check: Checker, node: Node, known: Mapping[str, set[str]]) -> tuple[Citation, ...] | None:
    found = []
    ok = True
    table = TABLES["citation"]
    for item in check.sequence(node, "sources"):
        fields = check.mapping(item, tuple(f.name for f in table), "a citation")
        if fields is None or not _required(check, item, fields, [f.name for f in table], "citation"):
            ok = False
            continue
        values = [_value(check, f, fields[f.name][1], "citation", known) for f in table]
        if any(v is None for v in values):
            ok = False
            continue
        found.append(Citation(*values))
    return tuple(found) if ok else None


def _sections(check: Checker, node: Node) -> tuple[Section, ...] | None:
    found = []
    ok = True
    table = TABLES["section"]
    for item in check.sequence(node, "sections"):
        fields = check.mapping(item, tuple(f.name for f in table), "a section")
        if fields is None or not _required(
            check, item, fields, [f.name for f in table if f.required], "section"
        ):
            ok = False
            continue
        values = {
            f.name: _value(check, f, fields[f.name][1], "section", {}) for f in table if f.name in fields
        }
        if any(v is None for v in values.values()):
            ok = False
            continue
        found.append(Section(**values))
    return tuple(found) if ok else None


class Verdict(NamedTuple):
    """A file found valid: how many records it makes, alone or with the store it is layered on."""

    file: Path
    records: int
    layered: bool
    warnings: tuple[Problem, ...] = ()


def check_files(files: list[Path], main: Path, layers: list[Path]) -> tuple[list[Verdict], list[Problem]]:
    """Validate files as `tajru validate` does, collecting every problem of every file.

    With no files, the main store with its layers. A file holding all four lists is checked
    on its own; one holding only some is checked as a layer on the main store.
    """
    texts: dict[Path, str] = {}

    def text_of(path: Path) -> str:
        if path not in texts:
            texts[path] = read_text(path)
        return texts[path]

    checks: list[list[Path]] = [[main, *layers]] if not files else []
    problems: list[Problem] = []
    for file in files:
        try:
            checks.append([file] if is_whole_store(text_of(file)) else [main, file])
        except DataError as err:
            problems += err.problems
    verdicts = []
    for layered in checks:
        warnings: list[Problem] = []
        try:
            data = parse_layers([(text_of(f), str(f)) for f in layered], warnings)
        except DataError as err:
            problems += err.problems
            continue
        verdicts.append(Verdict(layered[-1], len(data.records), len(layered) > 1, tuple(warnings)))
    return verdicts, problems
