"""The package as a user gets it: a built wheel, its console script, run from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from places import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it, without dependencies, into a folder of its own."""
    root = tmp_path_factory.mktemp("wheel")
    build = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(root),
        str(REPO),
    ]
    subprocess.run(build, check=True, capture_output=True)
    (wheel,) = root.glob("tajru-*.whl")
    target = root / "site"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    return target


def _tajru(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The installed copy comes first on the path, ahead of the development checkout.
    env = {**os.environ, "PYTHONPATH": str(target), "TAJRU_DATA": "", "COLUMNS": "100"}
    return subprocess.run(
        [str(target / "bin" / "tajru"), *args], cwd=target.parent, env=env, capture_output=True, text=True
    )


def test_the_wheel_ships_the_store_and_the_console_script_uses_it(installed: Path) -> None:
    assert (installed / "tajru" / "data" / "facts.yaml").is_file()
    result = _tajru(installed, "timeline", "--from", "1989", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and all(r["kind"] in ("event", "figure", "quote", "assertion") for r in records)
    assert _tajru(installed, "--version").stdout.startswith("tajru ")


def test_the_installed_copy_is_the_one_that_ran(installed: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-c", "import tajru; print(tajru.__file__)"], env=env, capture_output=True, text=True
    )
    assert where.stdout.strip().startswith(str(installed))


def test_python_dash_m_runs_the_same_app(installed: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed), "TAJRU_DATA": ""}
    result = subprocess.run(
        [sys.executable, "-m", "tajru", "--version"],
        env=env,
        capture_output=True,
        text=True,
        cwd=installed.parent,
    )
    assert result.stdout.startswith("tajru ")


def test_the_installed_script_keeps_each_exit_status_and_all_its_output(
    installed: Path, tmp_path: Path
) -> None:
    full = _tajru(installed, "facts", "--json")
    assert full.returncode == 0 and len(json.loads(full.stdout)) > 50  # flushed before the fast exit
    usage = _tajru(installed, "facts", "--kind", "rumour")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr.startswith("tajru: error: unknown kind 'rumour'")
    missing = _tajru(installed, "timeline", "--data", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
