"""The compiled cache: used when current, rebuilt when not, and never the cause of a wrong answer."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tajru import cache
from tajru.store import Store, open_store

Run = Callable[..., Result]


@pytest.fixture
def data_file(tmp_path: Path, mini_store: Path) -> Path:
    path = tmp_path / "store.yaml"
    path.write_bytes(mini_store.read_bytes())
    return path


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(folder))
    return folder


def titles(path: Path) -> list[str]:
    return [r.title for r in open_store(path).records]


def test_the_first_run_writes_the_cache_and_the_next_one_uses_it(
    data_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = titles(data_file)
    assert cache.cache_file(data_file).is_file()

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed YAML although the cache was current")

    monkeypatch.setattr("tajru.load.stream_layers", no_parsing)
    assert titles(data_file) == first


def test_an_edit_with_the_same_size_and_timestamp_is_seen(data_file: Path, cache_dir: Path) -> None:
    assert "Anti-Taliban campaign" in titles(data_file)
    stat = data_file.stat()
    text = data_file.read_text(encoding="utf-8").replace("Anti-Taliban campaign", "Anti-Taliban kampaign")
    data_file.write_text(text, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert data_file.stat().st_size == stat.st_size
    assert "Anti-Taliban kampaign" in titles(data_file)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust fingerprints at once, as a data file last changed long ago would be trusted."""
    monkeypatch.setattr(cache, "SETTLED_SECONDS", 0.0)


def _no_reading(*args: object) -> bytes:
    raise AssertionError("read the data file although its fingerprint was unchanged")


def test_an_unchanged_settled_file_is_not_even_read(
    data_file: Path, cache_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = titles(data_file)
    monkeypatch.setattr(cache, "read_bytes", _no_reading)
    assert titles(data_file) == first


def test_a_settled_file_rewritten_with_its_old_size_and_mtime_is_seen(
    data_file: Path, cache_dir: Path, settled: None
) -> None:
    assert "Anti-Taliban campaign" in titles(data_file)
    stat = data_file.stat()
    time.sleep(0.05)  # past the filesystem clock's tick, so the rewrite's ctime differs
    text = data_file.read_text(encoding="utf-8").replace("Anti-Taliban campaign", "Anti-Taliban kampaign")
    data_file.write_text(text, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = data_file.stat()
    assert (after.st_size, after.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert after.st_ctime_ns != stat.st_ctime_ns
    assert "Anti-Taliban kampaign" in titles(data_file)


def test_a_touched_file_is_hashed_once_then_trusted_without_recompiling(
    data_file: Path, cache_dir: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = titles(data_file)
    time.sleep(0.05)
    os.utime(data_file)
    monkeypatch.setattr("tajru.load.stream_layers", lambda *args: pytest.fail("recompiled an unchanged file"))
    assert titles(data_file) == first  # hashed: same content, so the cache stands
    monkeypatch.setattr(cache, "read_bytes", _no_reading)
    assert titles(data_file) == first  # and the new fingerprint was recorded


def test_a_file_changed_a_moment_ago_is_not_fingerprinted(data_file: Path) -> None:
    stat = data_file.stat()
    assert cache.fingerprint(stat, now=stat.st_ctime + 0.5) is None
    assert cache.fingerprint(stat, now=stat.st_ctime + 60) is not None


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"not a database at all"), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), id="truncated"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: _foreign(p), id="foreign-sqlite"),
        pytest.param(lambda p: _other_key(p), id="another-version"),
    ],
)
def test_a_damaged_or_foreign_cache_is_replaced_and_answers_stay_right(
    data_file: Path, cache_dir: Path, damage: Callable[[Path], None]
) -> None:
    expected = titles(data_file)
    damage(cache.cache_file(data_file))
    assert titles(data_file) == expected
    assert titles(data_file) == expected  # and the rebuilt cache is good


def _foreign(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE other(x)")
    db.commit()
    db.close()


def _other_key(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'written by another version' WHERE key = 'key'")
    db.commit()
    db.close()


def test_a_new_version_of_tajru_does_not_reuse_the_old_cache(
    data_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tajru.load

    titles(data_file)
    monkeypatch.setattr(cache, "__version__", "99.0")
    parsed = []
    real_parse = tajru.load.stream_layers
    monkeypatch.setattr(tajru.load, "stream_layers", lambda *args: parsed.append(1) or real_parse(*args))
    titles(data_file)
    assert parsed == [1]


def test_an_unwritable_cache_directory_still_answers(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(blocker / "cache"))
    assert "Anti-Taliban campaign" in titles(data_file)


def test_a_full_disk_costs_speed_not_answers(
    data_file: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = titles(data_file)
    cache.cache_file(data_file).unlink()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "_write", disk_full)
    assert titles(data_file) == expected
    assert not cache.cache_file(data_file).exists()


def test_the_cache_is_written_atomically(data_file: Path, cache_dir: Path) -> None:
    titles(data_file)
    name = cache.cache_file(data_file).name
    # The cache and the lock that keeps its compiles one at a time; no temporary file left.
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        [name, name.removesuffix(".sqlite3") + ".lock"]
    )


@pytest.mark.parametrize(
    "args",
    [
        ["timeline"],
        ["timeline", "--from", "1990", "--json"],
        ["facts"],
        ["facts", "--topic", "military", "--json"],
        ["quote", "putin"],
        ["quote", "--json"],
        ["show", "anti-taliban"],
        ["sources", "--json"],
    ],
)
def test_cached_and_uncached_answers_are_identical(
    run: Run, data_file: Path, cache_dir: Path, args: list[str]
) -> None:
    env = {"TAJRU_DATA": str(data_file)}
    cold = run(*args, env=env)
    assert cache.cache_file(data_file).is_file()
    warm = run(*args, env=env)
    assert (cold.exit_code, cold.stdout, cold.stderr) == (warm.exit_code, warm.stdout, warm.stderr)
    assert cold.exit_code == 0 and cold.stdout


def test_in_memory_and_compiled_stores_hold_the_same_records(data_file: Path, cache_dir: Path) -> None:
    from tajru.load import load_file

    assert open_store(data_file).records == Store.from_dataset(load_file(data_file)).records
