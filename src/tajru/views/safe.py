"""Data shown literally in Rich output: never parsed as markup, never acting on the terminal."""

from __future__ import annotations

from rich.text import Text

from tajru.text import literal


def text(value: str, style: str = "") -> Text:
    """A Rich Text of the value with unsafe characters made visible; Text is never parsed as markup."""
    return Text(literal(value), style=style)
