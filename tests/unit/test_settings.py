"""Settings: an option given wins over the environment variable, which wins over the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tajru.settings import cache_dir, data_path, default_data_path, include_paths


def test_data_flag_beats_the_environment_which_beats_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TAJRU_DATA", str(tmp_path / "env.yaml"))
    assert data_path(tmp_path / "flag.yaml") == tmp_path / "flag.yaml"
    assert data_path() == tmp_path / "env.yaml"
    monkeypatch.setenv("TAJRU_DATA", "")
    assert data_path() == default_data_path()


def test_include_and_cache_locations_follow_the_same_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TAJRU_INCLUDE", f"{tmp_path / 'a.yaml'}:{tmp_path / 'b.yaml'}")
    assert include_paths([tmp_path / "flag.yaml"]) == [tmp_path / "flag.yaml"]
    assert include_paths() == [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    monkeypatch.setenv("TAJRU_INCLUDE", "")
    assert include_paths() == []
    monkeypatch.setenv("TAJRU_CACHE_DIR", str(tmp_path / "cache"))
    assert cache_dir() == tmp_path / "cache"
    monkeypatch.delenv("TAJRU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "tajru"
