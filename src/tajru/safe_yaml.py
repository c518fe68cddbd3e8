"""YAML composed, never constructed: nodes with their lines, checked by hand for type and safety.

Nothing in a file can make the loader build an object: tags on values and collections,
anchors, aliases and merge keys are refused by name, and nesting is bounded before the C
composer (which recurses once a level) can overflow its stack. Every value keeps the exact
text written, so YAML 1.1's implicit typing (``no`` as false, ``010`` as 8, ``1989-01-01``
as a date object) cannot silently change it: the Checker reads each node as the type a
field asks for and reports anything else with its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tajru.dates import PartialDate
from tajru.errors import DataError, DateError, Problem
from tajru.fields import ID_PATTERN

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ID = re.compile(ID_PATTERN)
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

Fields = dict[str, tuple[Node, Node]]  # a mapping's fields by name: (key node, value node)


class Checker:
    """Walks composed nodes, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, offset: int = 0) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # what is allowed but likely a mistake; the item is kept
        self.record: str | None = None
        self.offset = offset  # lines of the file before the text composed (a record read on its own)

    def problem(self, node: Node | None, message: str, found: list[Problem] | None = None) -> None:
        line = node.start_mark.line + 1 + self.offset if node is not None else None
        (self.problems if found is None else found).append(Problem(self.file, line, self.record, message))

    def warn(self, node: Node, message: str) -> None:
        self.problem(node, f"warning: {message}", self.warnings)

    def _describe(self, node: Node) -> str:
        return _TYPE_NAMES.get(node.tag, f"a value tagged {_short_tag(node.tag)}")

    def _plain_tag(self, node: Node, tag: str) -> bool:
        """A collection with an explicit tag (!!python/object/apply:..., !custom) is refused, never built."""
        if node.tag == _YAML + tag:
            return True
        self.problem(node, f"YAML tags such as {_short_tag(node.tag)} are not allowed in a store")
        return False

    def mapping(
        self, node: Node, allowed: tuple[str, ...], what: str, renamed: dict[str, str] | None = None
    ) -> Fields | None:
        """A mapping's fields by name, with duplicate, merge, renamed and unknown keys reported."""
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
                first = fields[name][0].start_mark.line + 1 + self.offset
                self.problem(key, f"field '{name}' appears twice (first on line {first}); keep one")
                continue
            if renamed and name in renamed:
                self.problem(
                    key, f"field '{name}' is now called '{renamed[name]}'; rename it, keeping its value"
                )
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


def node_id(node: Node) -> str | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return str(value.value)
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def peek_id(fields: Fields) -> str | None:
    """The id to name in messages, even while the rest of the item is still unchecked."""
    node = fields.get("id", (None, None))[1]
    return node.value if isinstance(node, ScalarNode) and isinstance(node.value, str) else None


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


def compose(text: str, file: str, offset: int = 0) -> Node | None:
    """The text's root node, or None for an empty file; anything unsafe or malformed is a DataError.
    offset: the lines of the file before text, when text is a part of it, so that problems name the
    file's own lines."""
    try:
        return _compose(text, file)
    except DataError as err:
        if not offset:
            raise
        raise DataError([p._replace(line=p.line + offset) if p.line else p for p in err.problems]) from None


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
