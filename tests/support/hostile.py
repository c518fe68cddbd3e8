"""Hostile strings for data: markup, terminal escapes, bidirectional overrides; and a store holding one."""

from __future__ import annotations

import json
import re
from pathlib import Path

from places import MINI

# What must never reach a terminal from data: C0 controls but newline, DEL, C1 controls
# (the 8-bit CSI 0x9b among them), and the bidi and mark controls that reorder text.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = {
    "markup": "[bold]bold[/bold] [/] [link=https://evil.example]click[/link] list[str] :smile: [red",
    "csi": "\x1b[2J\x1b[31mred\x1b[0m",
    "osc8": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "osc52": "\x1b]52;c;ZXZpbA==\x07",
    "title": "\x1b]0;pwned\x07",
    "csi8bit": "\x9b31mred",
    "bidi": "abc\u202edcba\u2066x\u2069",
    "backspace": "secret\x08\x08\x08\x08\x08\x08public\r",
}


def hostile_store(tmp_path: Path, value: str) -> Path:
    encoded = json.dumps(value)  # a JSON string is a YAML double-quoted scalar, escapes and all
    text = MINI.read_text(encoding="utf-8").replace("title: Anti-Taliban campaign", f"title: {encoded}")
    text = text.replace("context: While visiting the 201st MRD", f"context: {encoded}")
    text = text.replace("name: Vladimir Putin", f"name: {encoded}")
    text = text.replace('evidence: "10 percent"', f"evidence: {encoded}")
    text = text.replace("label: Language policy", f"label: {encoded}")
    text = text.replace("published_in: Scholarly Research Journal for Interdisciplinary Studies",
                        f"published_in: {encoded}")  # fmt: skip
    path = tmp_path / "store.yaml"
    path.write_text(text, encoding="utf-8")
    return path
