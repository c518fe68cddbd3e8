"""tajru search at the command line: text for people, JSON for scripts, a hint when nothing matches."""

from __future__ import annotations

import json
from collections.abc import Callable

from places import MINI
from typer.testing import Result

Run = Callable[..., Result]


def test_search_command_text_and_json(run: Run) -> None:
    env = {"TAJRU_DATA": str(MINI)}
    result = run("search", "military", "presence", env=env)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("26 Apr 2003  quote   Putin calls the Russian military")
    records = json.loads(run("search", "language", "--json", env=env).stdout)
    assert [r["id"] for r in records] == ["language-law-1989", "russians-10"]
    nothing = run("search", "Рахмон", env=env)
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (
        0,
        "",
        "tajru: no records match; try 'rakhmon'\n",
    )
