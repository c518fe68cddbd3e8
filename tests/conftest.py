"""Shared fixtures: a small store written from the real sources, and a pinned CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from places import MINI as MINI_STORE
from typer.testing import CliRunner, Result

from tajru.cli import app_for
from tajru.cli.app import hoisted

# Output is compared exactly, so the terminal is pinned: a width, no colour, no tty.
# Listings are wrapped as on a terminal unless a test asks for the layout of a pipe (TAJRU_LAYOUT="").
PINNED_ENV = {
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "TAJRU_DATA": "",
    "TAJRU_LAYOUT": "wrapped",
}


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled stores go to a folder of the test run's own, never the user's cache; and the user's own
    notes and configuration are folders of the run's own, empty, so that no developer's notes are read."""
    folder = tmp_path_factory.mktemp("cache")
    private = {
        "TAJRU_CACHE_DIR": str(folder),
        "XDG_DATA_HOME": str(tmp_path_factory.mktemp("data-home")),
        "XDG_CONFIG_HOME": str(tmp_path_factory.mktemp("config-home")),
    }
    before = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield folder
    for name, value in before.items():
        if value is None:
            del os.environ[name]
        else:
            os.environ[name] = value


@pytest.fixture
def mini_store() -> Path:
    return MINI_STORE


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke tajru in-process as the console script does; stdout and stderr kept apart, as a shell keeps them."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        argv = hoisted(args)  # the app's switches anywhere on the line, as the console script takes them
        return runner.invoke(app_for(argv), argv, env={**PINNED_ENV, **(env or {})}, catch_exceptions=False)

    return invoke


@pytest.fixture
def write_store(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML text to a store file and return its path."""

    def write(text: str, name: str = "store.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def mini_store_path() -> Path:
    """The same store as mini_store, for hypothesis tests, which may not use function-scoped fixtures."""
    return MINI_STORE


@pytest.fixture
def mini(run: Callable[..., Result], mini_store: Path) -> Callable[..., Result]:
    """The runner, pointed at the small store through --data's environment variable."""
    return lambda *args, env=None: run(*args, env={"TAJRU_DATA": str(mini_store), **(env or {})})
