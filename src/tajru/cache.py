"""The cache of compiled stores: which file holds a store's compiled index, and whether it is still current.

A cache file is used only when its key, a hash of the data file's bytes with the tool's
version and this format's number, matches: an edit that keeps the size and timestamp
still misses. Hashing a large file on every run would cost more than the query, so the
cache also records the file's stat fingerprint (size, mtime, ctime, inode) when it last
matched; an unchanged fingerprint skips the hash. ctime cannot be set back by a user
(touch and os.utime move it to now), so a rewrite with the old size and mtime still
changes it. A fingerprint taken within a moment of the file's last change is not
recorded, as a second change inside the same clock tick would leave it unchanged.

Anything wrong with the cache (unreadable, corrupt, truncated, foreign, unwritable
directory) means compiling again, in memory if need be; never a wrong answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tajru import __version__
from tajru.errors import DataError, Problem
from tajru.files import read_bytes, replace_atomically
from tajru.index.tables import set_fingerprint, whole_meta
from tajru.settings import cache_location

if TYPE_CHECKING:
    from tajru.load import Progress

FORMAT = 9  # 8: layers' records carry their file; 9: former ids
Texts = list[tuple[bytes, str]]  # the files' contents, each with its name
Tell = Callable[[str], None]
# A file changed less than this long before its stat was taken may change again unseen by
# the timestamps (coarse clocks, 2-second FAT times), so its fingerprint is not trusted.
SETTLED_SECONDS = 2.0


def cache_key(contents: Sequence[bytes]) -> str:
    import hashlib  # loads OpenSSL, which costs more than a warm query; only needed on a miss

    digest = hashlib.sha256()
    for content in contents:
        digest.update(f"{len(content)}\0".encode())
        digest.update(content)
    digest.update(f"\0tajru {__version__}\0format {FORMAT}".encode())
    return digest.hexdigest()


def fingerprint(stat: os.stat_result, now: float) -> str | None:
    """The file's identity and timestamps with the tool's version, or None while it is unsettled."""
    if now - stat.st_ctime < SETTLED_SECONDS or now - stat.st_mtime < SETTLED_SECONDS:
        return None
    parts = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev, __version__, FORMAT)
    return ":".join(map(str, parts))


def cache_file(*data_paths: Path) -> Path:
    """One cache file per data file and the layers on it, named by a checksum of their absolute paths.

    The name only spreads files apart; what a cache holds is decided by its key, so two
    paths sharing a name cost a recompile, never a wrong answer.
    """
    raw = "\0".join(str(p.resolve()) for p in data_paths).encode("utf-8", "surrogateescape")
    return cache_location()[0] / f"store-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.sqlite3"


def _ours(folder: Path) -> bool:
    """Whether a folder in a shared temporary directory is this user's own, made if need be: a folder
    someone else made there (or a link) could show us their files or take ours."""
    import stat

    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    uid = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid


def _open_whole(path: Path) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """The cache at path opened read-only with its meta table, if it is a whole SQLite file of ours."""
    try:
        size = path.stat().st_size
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    meta = whole_meta(db, size)
    if meta is not None:
        return db, meta
    db.close()
    return None


def _write(
    path: Path, texts: Texts, key: str, stamp: str | None, progress: Progress | None, tell: Tell
) -> None:
    """Compile to a temporary file beside the cache and rename it into place, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def fill(temp: Path) -> None:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            _streamed(db, texts, key, stamp, progress, tell)

    replace_atomically(path, fill)


def _failure_file(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".sqlite3") + ".problems.json")


def _failure(path: Path, stamp: str | None) -> DataError | None:
    """The problems the same files had when they last failed to load, if they have not changed since."""
    if stamp is None:
        return None
    try:
        saved = json.loads(_failure_file(path).read_text(encoding="utf-8"))
        if isinstance(saved, dict) and saved.get("stamp") == stamp:
            return DataError([Problem(*p) for p in saved["problems"]])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # unreadable or not ours: parse again
    return None


def _remember_failure(path: Path, stamp: str | None, err: DataError) -> None:
    """Keep a failed load's problems beside the cache, so that the next command on the unchanged files
    says them at once instead of parsing a large store again to find them."""
    if stamp is None:
        return
    record = {"stamp": stamp, "problems": [list(p) for p in err.problems]}
    with contextlib.suppress(OSError):  # not remembered: the next run parses again
        path.parent.mkdir(parents=True, exist_ok=True)
        target = _failure_file(path)
        replace_atomically(target, lambda temp: temp.write_text(json.dumps(record), encoding="utf-8"))


def _restamp(path: Path, stamp: str) -> None:
    """Record a new fingerprint for a cache whose content still matches (the file was touched)."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path)) as db:
        set_fingerprint(db, stamp)  # a read-only cache only means hashing again next time


def _stamp(paths: Sequence[Path]) -> str | None:
    """The fingerprints of all the files, or None when any of them is unsettled or unreadable."""
    now = time.time()
    stamps = []
    for path in paths:
        try:
            stamp = fingerprint(os.stat(path), now)
        except OSError:
            return None  # reading the file below reports what is wrong with it
        if stamp is None:
            return None
        stamps.append(stamp)
    return "|".join(stamps)


def connect(
    data_path: Path,
    *layers: Path,
    notice: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> sqlite3.Connection:
    """A database for the data file and the files layered on it: the cached one if current, else compiled.

    notice hears, once, why a run is slower than it should be: no home to keep a cache in, or a cache
    folder that cannot be written, which means compiling again on every run.
    """
    tell = notice or (lambda message: None)
    folder, note = cache_location()
    if note is not None:
        tell(note)
        if not _ours(folder):
            tell(f"{folder} is not this user's own folder: the store is compiled in memory, on every run")
            return _compiled_in_memory(data_path, *layers)
    paths = (data_path, *layers)
    path = cache_file(*paths)
    stamp = _stamp(paths)
    failed = _failure(path, stamp)
    if failed is not None:
        raise failed  # the same files, unchanged since they last failed to load: the same problems
    cached = _open_whole(path)
    if cached is not None and stamp is not None and cached[1].get("fingerprint") == stamp:
        return cached[0]
    contents = [read_bytes(p) for p in paths]
    key = cache_key(contents)
    if cached is not None:
        db, meta = cached
        if meta.get("key") == key:
            if stamp is not None:
                _restamp(path, stamp)
            return db
        db.close()
    with _compiling(path, tell):
        # Another process may have compiled the same files (or found them broken) while this one waited.
        failed = _failure(path, stamp)
        if failed is not None:
            raise failed
        again = _open_whole(path)
        if again is not None and again[1].get("key") == key:
            return again[0]
        if again is not None:
            again[0].close()
        return _compile(path, paths, contents, key, stamp, tell, progress)


@contextlib.contextmanager
def _compiling(path: Path, tell: Tell) -> Iterator[None]:
    """One compile of a store at a time: an exclusive lock on a file beside the cache. The others wait
    (saying so on a terminal) and then read what the first wrote. The system drops the lock of a
    process that dies, so a dead holder never blocks anyone. Where locks are not to be had (no fcntl,
    an unwritable folder), each process compiles on its own, as before."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock = path.with_name(path.name.removesuffix(".sqlite3") + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = lock.open("a")
    except OSError:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            import sys

            if sys.stderr.isatty():
                tell("another tajru is compiling this store; waiting for it")
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            yield  # a file system without locks
            return
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _compile(
    path: Path,
    paths: Sequence[Path],
    contents: Sequence[bytes],
    key: str,
    stamp: str | None,
    tell: Tell,
    progress: Progress | None = None,
) -> sqlite3.Connection:
    # The files stay bytes: the compile decodes one record at a time (load.stream_layers).
    texts = [(c, str(p)) for c, p in zip(contents, paths, strict=True)]
    try:
        _write(path, texts, key, stamp, progress, tell)
    except DataError as err:
        _remember_failure(path, stamp, err)
        raise
    except (OSError, sqlite3.Error) as err:
        # An unwritable or full cache directory costs speed, never answers; but the user is told why.
        why = getattr(err, "strerror", None) or str(err)
        tell(
            f"the cache in {path.parent} cannot be written ({why}), so every run compiles the store again; "
            "TAJRU_CACHE_DIR can name a folder that can be written"
        )
        return _streamed(sqlite3.connect(":memory:"), texts, key, stamp, progress, tell)
    finally:
        if progress is not None:
            progress("", 0, 0)  # the line is cleared
    written = _open_whole(path)
    return written[0] if written is not None else _streamed(sqlite3.connect(":memory:"), texts, key, stamp)


def _streamed(
    db: sqlite3.Connection,
    texts: Texts,
    key: str,
    stamp: str | None,
    progress: Progress | None = None,
    tell: Tell = lambda message: None,
) -> sqlite3.Connection:
    """The files compiled into db as their records are read (load.stream_layers): no file is composed
    whole and no record kept, so memory follows the largest record, not the store."""
    from tajru.index.tables import Writer
    from tajru.load import stream_layers  # the YAML parser is loaded only when the cache misses

    writer = Writer(db)
    warnings: list[Problem] = []
    data = stream_layers(texts, writer.add, progress, warnings)
    for warning in warnings:
        tell(str(warning))
    if progress is not None:
        progress(f"writing the indexes of {writer.position + len(writer.batch):,} records", 0, 0)
    writer.finish(data, key, stamp)
    return db


def _compiled_in_memory(*paths: Path) -> sqlite3.Connection:
    texts = [(read_bytes(p), str(p)) for p in paths]
    return _streamed(sqlite3.connect(":memory:"), texts, cache_key([t for t, _ in texts]), None)
