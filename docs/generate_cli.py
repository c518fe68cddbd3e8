"""Write docs/cli.md, the CLI reference, from the real --help of every command.

    python docs/generate_cli.py

tests/test_docs.py fails when docs/cli.md differs from what this prints, so the
reference cannot drift from the commands.
"""

from __future__ import annotations

from pathlib import Path

import typer.main
from typer.testing import CliRunner

from tajru.cli import app

CLI_DOC = Path(__file__).resolve().parent / "cli.md"
# Help is wrapped to the terminal: pinned, so the reference reads the same on every machine.
ENV = {"COLUMNS": "80", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "TAJRU_DATA": ""}


def command_names() -> list[str]:
    """The app's commands in the order --help lists them."""
    return [c.name or typer.main.get_command_name(c.callback.__name__) for c in app.registered_commands]


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env=ENV, prog_name="tajru")
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip() + "\n"


def cli_reference() -> str:
    """The whole reference: tajru --help, then each command's --help, as Markdown."""
    parts = [
        "# tajru command reference",
        "",
        "Generated from the real `--help` of every command by `python docs/generate_cli.py`;",
        "a test fails when the two differ.",
        "",
        "## tajru",
        "",
        "```text",
        _help().rstrip("\n"),
        "```",
    ]
    for name in command_names():
        parts += ["", f"## tajru {name}", "", "```text", _help(name).rstrip("\n"), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    CLI_DOC.write_text(cli_reference(), encoding="utf-8")
