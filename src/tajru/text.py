"""Folding text for matching: case, diacritics and punctuation do not decide a match."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-_‐‑‒–—.,'’]+")


def fold(text: str) -> str:
    """'Rahmon', 'RAHMON' and 'Rahmón' fold alike; so do 'emomali-rahmon' and 'Emomali Rahmon'."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()


# C0 controls but tab and newline, DEL, C1 controls (the 8-bit CSI among them), and the
# Unicode controls that reorder or hide text (bidi overrides and isolates, marks).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def literal(value: str) -> str:
    """The string with every character that could act on a terminal shown as its escape, like '\\x1b'."""
    return _UNSAFE.sub(_visible, value)


# What literal escapes, but a line end of a file (CRLF in CSV) kept, for a whole file shown on a terminal.
_UNSAFE_IN_FILE = re.compile(f"\r(?!\n)|(?!\r){_UNSAFE.pattern}")


def terminal_safe(text: str) -> str:
    """A file's text for a terminal: every character that could act on it shown as its escape, as
    literal does, its line ends kept."""
    return _UNSAFE_IN_FILE.sub(_visible, text)


# What JSON leaves raw in its strings but could act on a terminal or reorder a line: DEL, the C1
# controls, the bidirectional controls, and the separators some readers take for line breaks.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_safe(text: str) -> str:
    """JSON text with those characters written as \\u escapes, which a JSON reader reads back the same."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


SHOWN_LIMIT = 60


def shown(value: str) -> str:
    """A value the user typed, quoted for a message; a very long one is cut, saying how long it was."""
    value = value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")  # a message stays one line
    if len(value) <= SHOWN_LIMIT:
        return f"'{value}'"
    return f"'{value[: SHOWN_LIMIT - 1]}…' ({len(value)} characters)"


def shown_path(path: object) -> str:
    """A path for a message, quoted, whole (a path cut short names no file), its controls escaped."""
    value = str(path).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{literal(value)}'"


# Russian and Tajik Cyrillic in the romanisation the sources use (Dushanbe, Rakhmonov), so
# that a name typed in Cyrillic can be offered its Latin form. The hard and soft signs go.
_ROMAN = "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch y e yu ya gh i q u h j"
_CYRILLIC = str.maketrans(
    dict(zip("абвгдеёжзийклмнопрстуфхцчшщыэюяғӣқӯҳҷ", _ROMAN.split(), strict=True)) | {"ъ": "", "ь": ""}
)


def latin(text: str) -> str:
    """Cyrillic letters romanised ('Душанбе' to 'dushanbe'); other characters kept, case folded.

    'дж' is 'j', as in the sources' Tajik names ('Таджикистан' to 'tajikistan').
    """
    return text.casefold().replace("дж", "j").translate(_CYRILLIC)
