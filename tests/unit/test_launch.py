"""The console script's entry: the command's status and output survive the fast exit."""

from __future__ import annotations

import gc
import io
import sys

import pytest

from tajru import launch


class Exited(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> None:
    """os._exit ends the test process too; record its status instead."""

    def fake_exit(status: int) -> None:
        raise Exited(status)

    monkeypatch.setattr(launch.os, "_exit", fake_exit)


def launched(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["tajru", *args])
    with pytest.raises(Exited) as ended:
        launch.main()
    return ended.value.status


def test_the_status_and_output_of_a_command_come_through(
    exits: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert launched(monkeypatch, "--version") == 0
    assert capsys.readouterr().out.startswith("tajru ")
    assert launched(monkeypatch, "timeline", "--from", "abc") == 2
    assert "'abc' is not a date" in capsys.readouterr().err


def test_garbage_collection_is_back_on_for_the_command(exits: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []
    monkeypatch.setattr("tajru.cli.run", lambda argv: seen.append(gc.isenabled()) or 0)
    try:
        assert launched(monkeypatch, "timeline") == 0
    finally:
        gc.unfreeze()
    assert seen == [True]


def test_a_reader_gone_before_the_last_flush_gives_the_broken_pipe_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Gone(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Gone())
    assert launch._flushed(0, broken_pipe=141) == 141
