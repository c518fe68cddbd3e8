"""The user's configuration file, TOML: the layers every command includes, as jrnl's names its journals.

    # ~/.config/tajru/config.toml
    include = ["~/research/group-layer.yaml", "fieldwork.yaml"]

A path may start with ~; a relative one is read from the configuration file's folder. A file named
that is not there, a key tajru does not know, or a file that is not TOML is an error naming the
configuration file and its line, so that a layer is never silently left out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tajru.errors import DataError, Problem

KEYS = ("include",)
_AT_LINE = re.compile(r"\(at line (\d+)")


def configured_layers(path: Path | None) -> list[Path]:
    """The layers the configuration file at path includes; none when there is no such file."""
    if path is None or not path.is_file():
        return []
    import tomllib

    name = str(path)
    try:
        raw = path.read_bytes()
        settings = tomllib.loads(raw.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as err:
        line = _AT_LINE.search(str(err))
        raise DataError(
            [Problem(name, int(line[1]) if line else None, None, f"is not TOML: {err}")]
        ) from None
    except UnicodeDecodeError as err:
        raise DataError([Problem(name, None, None, f"is not UTF-8 text (byte {err.start})")]) from None
    except OSError as err:
        raise DataError([Problem(name, None, None, f"cannot be read: {err.strerror}")]) from None
    text = raw.decode("utf-8-sig")
    problems = []
    for key in settings:
        if key not in KEYS:
            problems.append(
                Problem(name, _line_of(text, key), None, f"unknown setting '{key}'; known: include")
            )
    include = settings.get("include", [])
    if not isinstance(include, list) or not all(isinstance(p, str) and p for p in include):
        problems.append(Problem(name, _line_of(text, "include"), None, "'include' must be a list of paths"))
        include = []
    layers = []
    for entry in include:
        layer = Path(os.path.expanduser(entry))
        layer = layer if layer.is_absolute() else path.parent / layer
        if not layer.is_file():
            problems.append(
                Problem(
                    name,
                    _line_of(text, entry),
                    None,
                    f"includes {entry}, which is not a file; mend the path, or leave your layers out "
                    "of one command with --no-notes",
                )
            )
        layers.append(layer)
    if problems:
        raise DataError(problems)
    return layers


def _line_of(text: str, word: str) -> int | None:
    """The first line of the text that holds word, for a message to point at."""
    for n, line in enumerate(text.splitlines(), start=1):
        if word in line:
            return n
    return None
