"""Faults of the machine and odd inputs: refused at once with what is wrong, never a hang or "a bug"."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from places import MINI
from terminal import installed_tajru
from typer.testing import Result

Run = Callable[..., Result]


def _tajru(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run([*installed_tajru(), *args], env=full, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("command", [["facts", "--data"], ["validate"]])
def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "store.yaml"
    os.mkfifo(fifo)
    result = _tajru(*command, str(fifo))  # a blocking read would run into the timeout
    assert result.returncode == 1
    assert f"{fifo}: is not a regular file" in result.stdout + result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_before_it_is_read(run: Run) -> None:
    result = run("facts", "--data", "/dev/zero")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "/dev/zero: is not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_refused_without_reading_it(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 << 30)  # sparse: 3 GiB that take no room and no time to make
    result = run("facts", "--data", str(big))
    assert result.exit_code == 1
    assert (
        f"{big}: is 3,221,225,472 bytes, over the limit of 2,147,483,648; TAJRU_MAX_BYTES raises it"
        in result.stderr
    )
    fresh = tmp_path / "fresh.yaml"  # never compiled, so it is read
    fresh.write_bytes(MINI.read_bytes())
    small = run("facts", "--data", str(fresh), env={"TAJRU_MAX_BYTES": "100"})
    assert small.exit_code == 1 and "over the limit of 100" in small.stderr


def test_a_file_holding_nul_bytes_is_not_text(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "store.yaml"
    store.write_bytes(MINI.read_bytes().replace(b"records:", b"records:\0", 1))
    result = run("validate", str(store))
    assert result.exit_code == 1 and "holds a NUL byte" in result.stdout


def test_with_no_home_the_cache_goes_to_a_folder_of_the_users_own(tmp_path: Path) -> None:
    env = {
        "HOME": "",
        "TAJRU_CACHE_DIR": "",
        "XDG_CACHE_HOME": "",
        "TAJRU_DATA": str(MINI),
        "TMPDIR": str(tmp_path),
    }
    result = _tajru("facts", "--json", env=env)
    assert result.returncode == 0 and result.stdout.startswith("[")
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = tmp_path / f"tajru-{uid}"
    assert (
        result.stderr
        == f"tajru: no home folder to keep a cache in; using {folder} (TAJRU_CACHE_DIR chooses another)\n"
    )
    assert list(folder.glob("store-*.sqlite3")) and (folder.stat().st_mode & 0o777) == 0o700


def test_an_unwritable_cache_says_why_the_run_is_slow(run: Run, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run("facts", "--json", env={"TAJRU_DATA": str(MINI), "TAJRU_CACHE_DIR": str(blocked / "cache")})
    assert result.exit_code == 0 and result.stdout.startswith("[")
    assert "cannot be written" in result.stderr and "every run compiles the store again" in result.stderr


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (MemoryError(), "tajru: error: out of memory; the store may be too large for this machine's memory\n"),
        (OSError(errno.ENOSPC, "No space left on device", "/full/out.csv"),
         "tajru: error: No space left on device (/full/out.csv)\n"),
    ],
)  # fmt: skip
def test_memory_and_a_full_disk_are_said_plainly_not_as_a_bug(
    run: Run, monkeypatch: pytest.MonkeyPatch, fault: BaseException, said: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise fault

    monkeypatch.setattr("tajru.store.Store.answer", broken)
    result = run("facts", env={"TAJRU_DATA": str(MINI)})
    assert (result.exit_code, result.stderr) == (1, said)


def test_ctrl_c_at_any_moment_of_a_run_is_status_130_and_one_line() -> None:
    import signal
    import time

    tracebacks, interrupted = [], 0
    for step in range(24):  # from the start of tajru's own code to the end of a short run
        run = subprocess.Popen(
            [*installed_tajru(), "timeline"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        time.sleep(0.04 + step * 0.008)
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=60)
        if "/tajru/" in err.replace("\\", "/"):  # a traceback through tajru's own files
            tracebacks.append(f"{run.returncode}: {err[-300:]}")
        elif run.returncode == 130:
            interrupted += 1
            assert err.endswith("tajru: interrupted\n") and err.count("\n") <= 2, err
        # Else it had finished (0), or the signal came before the interpreter reached tajru's code (its
        # own start, the console script's imports), where nothing of tajru's can catch it.
    assert tracebacks == [] and interrupted
