"""Running the installed tajru as a user does: in a pseudo-terminal, or with its output piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path


def installed_tajru() -> list[str]:
    script = Path(sys.executable).with_name("tajru")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "tajru"]


def on_a_terminal(args: list[str], env: dict[str, str | None]) -> str:
    """What tajru writes to a terminal (stdout and stderr), read back from a pty; a None in env unsets."""
    main, child = pty.openpty()
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TAJRU_PAGER")}
    merged = {
        **full,
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        "TAJRU_PAGER": "",
        **env,
    }  # no pager unless asked
    chosen = {k: v for k, v in merged.items() if v is not None}
    process = subprocess.Popen([*installed_tajru(), *args], stdout=child, stderr=child, env=chosen)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=120)
    os.close(main)
    return out.decode("utf-8", "replace")
