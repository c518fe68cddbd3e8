"""What the user kept of the candidates, added as `tajru add` adds one record: checked as it will stand
in the file (fields, ids, references, evidence), then appended under the file's lock to what the file
holds at that moment, re-checked when it changed meanwhile. No terminal here."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import yaml

from tajru.adding import Context, refreshed, verified_problems
from tajru.errors import DataError

LISTS = ("sources", "actors", "topics", "records")  # in the order they are appended


class Kept(NamedTuple):
    """The file's new text, the ids of the records added, or the problems that stop it."""

    text: str | None
    record_ids: list[str]
    problems: list[str]


def items(document: str) -> dict[str, list[str]] | str:
    """The text of each item of each list of the document, dedented to stand alone as a draft of
    one item; or what is wrong with the document."""
    try:
        root = yaml.compose(document)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return f"{where}YAML syntax error: {' '.join(str(getattr(err, 'problem', err)).split())}"
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return "the candidates are a mapping of lists: sources, topics, records"
    lines = document.splitlines()
    found: dict[str, list[str]] = {}
    for key, value in root.value:
        name = getattr(key, "value", None)
        if name not in LISTS:
            return f"line {key.start_mark.line + 1}: '{name}' is not a list of a store file"
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
            continue
        if not isinstance(value, yaml.SequenceNode) or value.flow_style:
            return f"line {value.start_mark.line + 1}: '{name}' must be a block list ('- id: ...' items)"
        starts = [node.start_mark.line for node in value.value[1:]]
        ends = [line - 1 for line in starts] + [value.end_mark.line - (0 if value.end_mark.column else 1)]
        for node, last in zip(value.value, ends, strict=True):
            first, column = node.start_mark.line, node.start_mark.column
            rest = [
                line[column:] for line in lines[first + 1 : last + 1] if not line.lstrip().startswith("#")
            ]
            body = [lines[first][column:], *rest]
            found.setdefault(str(name), []).append("\n".join(body) + "\n")
    return found


def attempt(context: Context, document: str) -> Kept:
    """The kept items checked as they will stand in the target file, each record's evidence verified."""
    from tajru.authoring import appended
    from tajru.files import decode
    from tajru.load import parse_layers

    found = items(document)
    if isinstance(found, str):
        return Kept(None, [], [found])
    name = str(context.target)
    text = decode(context.original, name) if context.original is not None else None
    try:
        for key in LISTS:
            for item in found.get(key, []):
                text = appended(text, item, key).text
    except DataError as err:
        return Kept(None, [], [f"{name}: {p.message}" for p in err.problems])
    except yaml.YAMLError as err:  # the file as it is now does not parse: say so rather than write over it
        return Kept(None, [], [f"{name}: YAML syntax error: {' '.join(str(err).split())}"])
    if text is None:
        return Kept(None, [], [])
    files = [(text if file == name else old, file) for old, file in context.files]
    if name not in (file for _, file in files):
        files.append((text, name))
    try:
        data = parse_layers(files)
    except DataError as err:
        return Kept(None, [], [f"{p.record}: {p.message}" if p.record else p.message for p in err.problems])
    before = {r.id for r in context.base.records}
    added = [r for r in data.records if r.id not in before]
    problems = []
    if context.verifying:
        for record in added:
            problems += [f"{record.id}: {p}" for p in verified_problems(context, data, record)]
    return Kept(None if problems else text, [r.id for r in added], list(dict.fromkeys(problems)))


def commit(context: Context, document: str, notice: Callable[[str], None]) -> tuple[Kept, bool]:
    """Append the kept items to the target as it is now, under its lock; whether it was written."""
    from tajru.user_files import current_bytes, locked, replace

    with locked(context.target, waiting=notice) as real:
        now = current_bytes(real)
        checked = attempt(context if now == context.original else refreshed(context, now), document)
        if checked.text is None:
            return checked, False
        bom = b"\xef\xbb\xbf" if now and now.startswith(b"\xef\xbb\xbf") else b""
        encoded = bom + checked.text.encode("utf-8")
        replace(real, lambda temp: temp.write_bytes(encoded), notice)
    return checked, True
