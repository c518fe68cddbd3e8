"""One compile at a time, and nothing left behind: concurrent cold starts wait for the first and agree;
SIGTERM and SIGHUP clean up as SIGINT does; a killed writer's temporary files are removed later."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from places import SHIPPED, benchmark
from terminal import installed_tajru

from tajru.cache import cache_file


def _env(cache: Path, data: Path) -> dict[str, str]:
    return {**os.environ, "TAJRU_CACHE_DIR": str(cache), "TAJRU_DATA": str(data)}


def _big_store(tmp_path: Path, count: int) -> Path:
    synthetic = benchmark("generate").synthetic
    path = tmp_path / f"store-{count}.yaml"
    path.write_text(synthetic(SHIPPED.read_text(encoding="utf-8"), count), encoding="utf-8")
    return path


def test_concurrent_cold_starts_wait_for_the_one_compile_and_agree(tmp_path: Path) -> None:
    cache, data = tmp_path / "cache", _big_store(tmp_path, 500)
    env = _env(cache, data)
    cache.mkdir()
    lock = cache / (cache_file(data).name.removesuffix(".sqlite3") + ".lock")
    command = [*installed_tajru(), "facts", "--topic", "energy", "--json"]
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a process compiling this store would hold it
        runs = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        time.sleep(1.5)
        assert [r.poll() for r in runs] == [None] * 4  # all waiting for the compile, none compiling
        fcntl.flock(held, fcntl.LOCK_UN)
    outputs = [r.communicate(timeout=120) for r in runs]
    assert [r.returncode for r in runs] == [0] * 4
    assert len({out for out, _ in outputs}) == 1 and json.loads(outputs[0][0])
    assert list(cache.glob("*.tmp")) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_compile_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    cache, data = tmp_path / "cache", _big_store(tmp_path, 10000)
    run = subprocess.Popen(
        [*installed_tajru(), "facts", "--json"],
        env=_env(cache, data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(cache.glob("*.tmp")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # until it writes the cache
    if run.poll() is not None:
        pytest.skip("the compile finished before it could be stopped")
    run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signum, err
    assert [p.name for p in cache.iterdir() if p.name.endswith((".tmp", "-journal"))] == []


def test_a_killed_writers_leftovers_are_removed_by_a_later_write(tmp_path: Path) -> None:
    cache, data = tmp_path / "cache", _big_store(tmp_path, 200)
    cache.mkdir()
    target = cache_file(data)
    dead = 4_194_000 + os.getpid() % 100  # above the usual pid range: no live process has it
    left = [cache / f".{target.name}.{dead}.abc123.tmp", cache / f".{target.name}.{dead}.abc123.tmp-journal"]
    for path in left:
        path.write_bytes(b"half a database")
    alive = cache / f".{target.name}.{os.getpid()}.xyz.tmp"  # ours: a live writer's, kept
    alive.write_bytes(b"in use")
    result = subprocess.run(
        [*installed_tajru(), "facts", "--json"], env=_env(cache, data), capture_output=True, timeout=120
    )
    assert result.returncode == 0
    assert [p.exists() for p in left] == [False, False] and alive.exists()


def test_a_compile_shows_its_progress_on_a_terminal_and_nothing_into_a_pipe(tmp_path: Path) -> None:
    from terminal import on_a_terminal

    data = _big_store(tmp_path, 6000)
    screen = on_a_terminal(
        ["facts", "--topic", "energy", "--json"],
        {"TAJRU_CACHE_DIR": str(tmp_path / "a"), "TAJRU_DATA": str(data)},
    )
    assert f"tajru: reading {data} (once; later runs read the cache)" in screen
    assert f"tajru: checking the records of {data}: 4,000 of 6,000" in screen
    assert "tajru: writing the indexes of 6,000 records" in screen
    piped = subprocess.run(
        [*installed_tajru(), "facts", "--topic", "energy", "--json"],
        env=_env(tmp_path / "b", data), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["facts"],
        ["facts", "--json"],
        ["timeline", "--undated"],
        ["export", "-f", "ndjson"],
        ["export", "-f", "csv"],
    ],
    ids=" ".join,
)
def test_a_reader_leaving_mid_write_ends_the_run_with_141(tmp_path: Path, args: list[str]) -> None:
    data = _big_store(tmp_path, 6000)
    env = _env(tmp_path / "cache", data)
    subprocess.run([*installed_tajru(), "facts", "--json"], env=env, capture_output=True, timeout=120)  # warm
    with subprocess.Popen(
        [*installed_tajru(), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as run:
        assert run.stdout is not None and run.stderr is not None
        first = run.stdout.readline()
        run.stdout.close()  # as `| head -1` does
        status = run.wait(timeout=120)
        errors = run.stderr.read()
    assert first and status == 141 and b"Traceback" not in errors


def test_streamed_json_is_the_same_document_as_the_whole(run: Any) -> None:
    from tajru.formats.json_docs import records_json
    from tajru.query import build_query
    from tajru.store import open_store

    store = open_store(None)
    for args, filters in (
        ([], {}),
        (["--topic", "energy"], {"topics": ["energy"]}),
        (["--year", "1066"], {"year": "1066"}),
    ):
        expected = records_json(store.registries, store.answer(build_query(store.registries, **filters))[0])
        assert run("facts", "--json", *args).stdout == expected, args
