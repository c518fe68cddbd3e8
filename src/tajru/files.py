"""Reading a store file's bytes and text, with every failure a DataError that names the file."""

from __future__ import annotations

from pathlib import Path

from tajru.errors import DataError, Problem


def read_bytes(path: Path) -> bytes:
    """A store file's bytes; a missing, unreadable or directory path is a DataError naming it."""
    name = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(name, None, None, "no such file")]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, None, None, "is a directory, not a store file")]) from None
    except OSError as err:
        raise DataError([Problem(name, None, None, f"cannot be read: {err.strerror}")]) from None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text, a byte-order mark dropped; anything else is a DataError with the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DataError([Problem(name, line, None, f"is not UTF-8 text (byte {err.start})")]) from None
