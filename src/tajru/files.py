"""Reading a store file (every failure a DataError naming it), and replacing a file atomically."""

from __future__ import annotations

from collections.abc import Callable
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


def read_text(path: Path) -> str:
    """A store file's text, every failure a DataError naming it."""
    return decode(read_bytes(path), str(path))


def replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Have write() fill a temporary file beside path, then rename it over path in one step.

    A failure or an interrupt leaves whatever was at path untouched, never half a file.
    """
    import os
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(temp))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
