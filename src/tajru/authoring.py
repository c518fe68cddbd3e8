"""Adding a record to a store file as text: a template to write it in, an id proposed from its title
and date, and the file's bytes kept as they were, the record appended after the last one.

No terminal here and no editor: the CLI runs those. Every function takes and returns text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

import yaml

from tajru.errors import DataError, Problem
from tajru.fields import KIND_HELP, TABLES, Field, Kind, applies, required
from tajru.model import Registries

_COMMENT_LINE = re.compile(r"^[ \t]*#.*(?:\n|$)", re.MULTILINE)
_SMALL_WORDS = frozenset("a an and the of in on at to for by with from as is are its their".split())
PROBLEM_MARK = "# ! "
# The order a person writes a record in: what and when, what it says, then where it is filed and cited.
_ORDER = ("id", "kind", "date", "end", "date_inferred", "date_note", "title", "speaker", "quote", "context",
          "value", "unit", "qualifier", "text", "caveat", "topics", "actors", "sources")  # fmt: skip


def _in_order() -> list[Field]:
    fields = {f.name: f for f in TABLES["records"]}
    return [fields[name] for name in _ORDER if name in fields] + [
        f for f in fields.values() if f.name not in _ORDER
    ]


def strip_comments(draft: str) -> str:
    """The draft without its whole-line comments, as `git commit` leaves out lines starting with #."""
    return _COMMENT_LINE.sub("", draft)


def untouched(draft: str, original: str) -> bool:
    """Whether the draft holds nothing written: empty, or the template as it was given."""
    written = strip_comments(draft).split()
    return not written or written == strip_comments(original).split()


def propose_id(title: str, date: str | None, taken: Iterable[str]) -> str:
    """'Tajikistan adopts the Language Law' of 1989 -> 'tajikistan-adopts-language-law-1989', made unique."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z0-9]+", plain) if w not in _SMALL_WORDS][:6] or ["record"]
    year = (date or "")[:4]
    if year.isdigit() and year not in words:
        words.append(year)
    base = "-".join(words)
    used = set(taken)
    proposal, n = base, 2
    while proposal in used:
        proposal, n = f"{base}-{n}", n + 1
    return proposal


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def template(kind: Kind, target: str, reg: Registries) -> str:
    """A commented draft of a record of this kind: required fields to fill, optional ones commented out."""
    topics = ", ".join(reg.topics) or "none yet: define some in the file"
    sources = ", ".join(reg.sources) or "none yet: define one in the file"
    lines = [
        f"# A new {kind} for {target}. {KIND_HELP[kind]}",
        "# Write it below, save and quit. Lines starting with # are left out, as in git commit;",
        "# a record left empty or untouched adds nothing. tajru checks the record and its evidence",
        "# when you save, and if anything is wrong opens this file again with the problems on top.",
        "# Every field is described in docs/format.md (and `tajru schema`).",
        f"# Topics: {topics}",
        f"# Sources: {sources}",
        "id:  # left empty, tajru proposes one from the title and date",
        f"kind: {kind}",
    ]
    for field in _in_order():
        if field.name in ("id", "kind") or not applies(field, kind):
            continue
        blank = {"refs": "[]", "flag": "true", "date": '""', "number": "0"}.get(field.type, "")
        if field.type == "citations":
            block = ["sources:", "  - id: ", "    locator: ", '    evidence: ""']
            lines += block
            continue
        line = f"{field.name}: {blank}".rstrip() + (" " if not blank else "")
        lines.append(line if required(field, kind) else f"# {line}")
    return "\n".join(lines) + "\n"


def with_problems(draft: str, problems: list[str]) -> str:
    """The draft with the problems of its last save at the top, each marked, earlier ones dropped."""
    kept = "".join(line for line in draft.splitlines(keepends=True) if not line.startswith(PROBLEM_MARK))
    header = [f"{PROBLEM_MARK}{p}" for p in problems]
    return "\n".join([*header, "# ! Mend these and save again, or empty the file to add nothing.", ""]) + kept


def read_draft(text: str, file: str) -> dict[str, object]:
    """The draft's fields, enough to fill an id in; a draft that is not one YAML mapping is a DataError."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError([Problem(file, line, None, f"YAML syntax error: {err}")]) from None
    if not isinstance(value, dict):
        raise DataError([Problem(file, None, None, "a record is a mapping of fields, like 'title: ...'")])
    return value


# An id left empty, however it is written: 'id:', 'id: ""', "id: ''", 'id: ~', 'id: null'.
_EMPTY_ID = re.compile(r"""^id:[ \t]*(?:""|''|~|null|Null|NULL)?[ \t]*(?:#.*)?$""", re.MULTILINE)


def with_id(draft: str, record_id: str) -> str:
    """The draft with its empty 'id:' filled in, or an id line put first when it has none."""
    filled, n = _EMPTY_ID.subn(f"id: {record_id}", draft, count=1)
    return filled if n else f"id: {record_id}\n{draft}"


def from_fields(kind: Kind, fields: dict[str, object]) -> str:
    """A draft written from values given as options, in the order of the format's table."""
    lines = []
    for field in _in_order():
        value = kind if field.name == "kind" else fields.get(field.name)
        if value in (None, (), [], ""):
            continue
        if field.type == "citations":
            lines.append("sources:")
            for source, locator, evidence in value:  # type: ignore[attr-defined]
                lines += [
                    f"  - id: {source}",
                    f"    locator: {_quoted(locator)}",
                    f"    evidence: {_quoted(evidence)}",
                ]
        elif field.type == "refs":
            lines.append(f"{field.name}: [{', '.join(value)}]")  # type: ignore[arg-type]
        elif field.type in ("number", "flag"):
            lines.append(f"{field.name}: {json.dumps(value)}")
        else:
            lines.append(f"{field.name}: {_quoted(str(value))}")
    return "\n".join(lines) + "\n"


class Appended(NamedTuple):
    """A file's new text, the line (from 1) where the record starts in it, and for each of the record's
    lines there the draft's line it came from, so that a problem can be shown where it was written."""

    text: str
    start: int
    draft_lines: list[int]

    def draft_line(self, line: int | None) -> int | None:
        """The draft's line for a line of the new text, or None when it is not one of the record's."""
        if line is None or not 0 <= line - self.start < len(self.draft_lines):
            return None
        return self.draft_lines[line - self.start]


def as_item(draft: str, indent: int) -> tuple[str, list[int]]:
    """The draft's mapping as one item of a block list indented by indent spaces, without its comment
    and blank lines; and the draft's line number of each line written."""
    kept = [
        (n, line)
        for n, line in enumerate(draft.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    pad = " " * indent
    text = "".join(f"{pad}{'- ' if i == 0 else '  '}{line}\n" for i, (_, line) in enumerate(kept))
    return text, [n for n, _ in kept]


def _end_of_last_value(node: yaml.Node) -> yaml.Mark:
    """Where the last value written in a node ends: after it, a new item can start on the next line.
    A [flow] list or {flow} mapping ends at its closing bracket, which may be lines after its last item."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def _empty_list(node: yaml.Node) -> bool:
    """'[]', '~', 'null' or nothing at all: the ways to write a list with nothing in it yet."""
    if isinstance(node, yaml.SequenceNode):
        return not node.value and bool(node.flow_style)
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def appended(text: str | None, draft: str, key: str = "records") -> Appended:
    """The file's text with the draft appended as the last of its records, every byte before it kept.
    A file with no records list gets one; an empty one ('records:', 'records: []', 'records: ~') gets
    its first item, the '[]' or '~' that said it was empty taken out. key names another list to append
    to the same way ('sources', 'topics')."""
    if not text:
        item, lines = as_item(draft, 2)
        return Appended(f"{key}:\n" + item, 2, lines)
    nl = "\r\n" if "\r\n" in text else "\n"  # the record is written with the file's own line ends

    def item_at(indent: int) -> tuple[str, list[int]]:
        item, lines = as_item(draft, indent)
        return item.replace("\n", nl), lines

    root = yaml.compose(text)
    entry = None
    if isinstance(root, yaml.MappingNode):
        entry = next(((k, v) for k, v in root.value if getattr(k, "value", None) == key), None)
    if entry is None:
        head = text if text.endswith("\n") else text + nl
        item, lines = item_at(2)
        return Appended(head + f"{key}:" + nl + item, head.count("\n") + 2, lines)
    heading, records = entry
    if _empty_list(records):
        start, stop = records.start_mark.index, records.end_mark.index
        if stop > start:
            text = text[:start].rstrip(" \t") + text[stop:]
        at = text.find("\n", heading.end_mark.index)
        head = text + nl if at < 0 else text[: at + 1]
        item, lines = item_at(2)
        return Appended(head + item + text[len(head) :], head.count("\n") + 1, lines)
    if isinstance(records, yaml.SequenceNode) and records.flow_style:
        where = records.start_mark.line + 1
        raise DataError(
            [Problem("", where, None, f"its {key} are a [flow] list; write them as a block list")]
        )
    if not isinstance(records, yaml.SequenceNode):
        raise DataError([Problem("", records.start_mark.line + 1, None, f"its '{key}' is not a list")])
    indent = max(records.value[0].start_mark.column - 2, 0)
    end = _end_of_last_value(records.value[-1])
    at = text.find("\n", end.index if end.column else max(end.index - 1, 0))
    at = len(text) if at < 0 else at + 1
    head = text[:at] if text[:at].endswith("\n") else text[:at] + nl
    item, lines = item_at(indent)
    return Appended(head + item + text[at:], head.count("\n") + 1, lines)
