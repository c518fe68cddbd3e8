"""The one writer of the files users own (their layers, drafts and exports), apart from the cache's.

It writes the file the user named: a symbolic link is followed to its target, never replaced by a
regular file. Writers of one file take turns through a lock on a file beside it (flock, which the
system releases when a writer dies), and each re-reads the file under the lock, so that nothing
another writer or a hand edit put there meanwhile is lost. The new text goes to a temporary file
beside the target, is flushed to the disk, and is renamed over the target in one step: a crash, a
kill or a full disk leaves the file as it was or as it is after, never half written. A replaced
file keeps its mode and owner; a new one gets the mode the user's umask gives (0644 at umask 022),
as coreutils make files.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from tajru.files import sweep


def target_of(path: Path) -> Path:
    """The file a path names, through any symbolic links (a dangling link names where it points)."""
    return Path(os.path.realpath(path))


def lock_file(real: Path) -> Path:
    return real.with_name(f".{real.name}.lock")


@contextlib.contextmanager
def locked(path: Path, waiting: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the lock of the file path names for as long as the block runs, and yield that file.

    The lock is an flock on a file beside it, '.NAME.lock', which the holder removes when it is done,
    so none is left behind; a writer that got the lock of a lock file removed meanwhile tries again.
    waiting hears once when another writer holds the lock (this one then waits its turn). Where the
    system has no flock, or the folder cannot hold a lock file, the block runs unlocked: the write is
    still atomic, only a concurrent writer's change may be lost, as before locks.
    """
    real = target_of(path)
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        yield real
        return
    lock = lock_file(real)
    told = False
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError:
            yield real
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None and not told:
                waiting(f"another tajru is writing {path}; waiting for it")
                told = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks
            os.close(fd)
            yield real
            return
        if _same(fd, lock):
            break
        os.close(fd)  # the holder before removed this lock file: take the lock of the one there now
    try:
        yield real
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)  # closing drops the lock


def _same(fd: int, path: Path) -> bool:
    """Whether the open lock file is still the one at path."""
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_ino, here.st_dev) == (there.st_ino, there.st_dev)


def current_bytes(real: Path) -> bytes | None:
    """What the file holds now, or None when there is no file yet."""
    from tajru.files import read_bytes

    return read_bytes(real) if os.path.lexists(real) else None


def new_file_mode() -> int:
    """The mode a new file gets under this process's umask, as open() and coreutils give it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def replace(path: Path, write: Callable[[Path], object], notice: Callable[[str], None] | None = None) -> Path:
    """Have write() fill a temporary file beside the file path names, then put it in that file's place.

    The target keeps its mode and owner (a new one gets new_file_mode()); the data and the rename are
    flushed to the disk. notice hears what the user must know: a file with other hard links (they keep
    the old text), an owner that could not be kept. Returns the file written, links followed.
    """
    import tempfile

    real = target_of(path)
    try:
        before: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        before = None
    sweep(real)
    fd, temp_name = tempfile.mkstemp(prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp", dir=real.parent)
    temp = Path(temp_name)
    try:
        os.close(fd)
        write(temp)
        _settle(temp, before, notice, path)
        os.replace(temp, real)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(real.parent)
    return real


def _settle(
    temp: Path, before: os.stat_result | None, notice: Callable[[str], None] | None, path: Path
) -> None:
    """Give the new file the old one's mode and owner, and flush it to the disk."""
    tell = notice or (lambda _: None)
    fd = os.open(temp, os.O_RDONLY)
    try:
        if before is None:
            os.fchmod(fd, new_file_mode())
        else:
            os.fchmod(fd, stat.S_IMODE(before.st_mode))
            if hasattr(os, "fchown") and (before.st_uid, before.st_gid) != _owner(fd):
                try:
                    os.fchown(fd, before.st_uid, before.st_gid)
                except OSError:
                    tell(f"{path} was owned by user {before.st_uid}; the new file is owned by you")
            if before.st_nlink > 1:
                tell(
                    f"{path} had {before.st_nlink - 1} other hard link(s); they keep the text it had, "
                    "and only this name holds the new one"
                )
        os.fsync(fd)
    finally:
        os.close(fd)


def _owner(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_uid, info.st_gid


def _sync_folder(folder: Path) -> None:
    """Flush a rename to the disk: the folder's entry is what a crash would otherwise lose."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is still atomic
    finally:
        os.close(fd)


def write_new(path: Path, data: str) -> Path:
    """A new file at path holding data, refused (FileExistsError) when one is there: for drafts."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path
