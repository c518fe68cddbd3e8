"""Reading a store file (every failure a DataError naming it), and replacing a file atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tajru.errors import DataError, Problem

_CHUNK = 1 << 20


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A store file's bytes. What cannot be a store is refused before it is read, or as soon as it shows:
    a missing or unreadable path, a directory, anything but a regular file (a FIFO would block, a device
    never end), a file over the size limit, and a file holding NUL bytes (no text does). Each is a
    DataError naming the file."""
    import os
    import stat

    from tajru.settings import max_store_bytes

    name = str(path)

    def refuse(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(name, line, None, message)])

    limit = max_store_bytes() if limit is None else limit
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("is a directory, not a store file")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file (a pipe, device or socket); give the path of a store file")
        if info.st_size > limit:
            raise refuse(f"is {info.st_size:,} bytes, over the limit of {limit:,}; TAJRU_MAX_BYTES raises it")
        chunks: list[bytes] = []
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                if b"\0" in chunk:
                    at = sum(map(len, chunks)) + chunk.index(b"\0")
                    line = b"".join(chunks).count(b"\n") + chunk.count(b"\n", 0, chunk.index(b"\0")) + 1
                    raise refuse(f"holds a NUL byte (byte {at}): it is not a text file", line)
                chunks.append(chunk)
                if sum(map(len, chunks)) > limit:  # it grew while being read
                    raise refuse(f"is over the limit of {limit:,} bytes; TAJRU_MAX_BYTES raises it")
        return b"".join(chunks)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except IsADirectoryError:
        raise refuse("is a directory, not a store file") from None
    except OSError as err:
        raise refuse(f"cannot be read: {err.strerror}") from None


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

    A failure or an interrupt (SIGINT, SIGTERM, SIGHUP: see errors.Stopped) leaves whatever was at path
    untouched, never half a file, and removes the temporary file. The temporary file's name holds the
    writer's process id, so that what a killed writer left (SIGKILL cannot be caught) is removed by a
    later write to the same path, once no live process owns it.
    """
    import os
    import tempfile

    sweep(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(temp))
        os.replace(temp, path)
    except BaseException:
        for leftover in (Path(temp), Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
        raise


def sweep(path: Path) -> list[Path]:
    """Remove the temporary files (and SQLite journals) of writes to path whose writer is dead."""
    import os

    removed: list[Path] = []
    prefix = f".{path.name}."
    try:
        names = [
            n
            for n in os.listdir(path.parent)
            if n.startswith(prefix) and (n.endswith((".tmp", ".tmp-journal")))
        ]
    except OSError:
        return removed
    for name in names:
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                (path.parent / name).unlink()
                removed.append(path.parent / name)
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    import os

    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a system that cannot tell: leave its files alone
    return True
