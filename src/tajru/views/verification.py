"""What `tajru verify` prints: each passage not found where its citation says, with the stretch of
the source it most likely came from and the differences marked; plain text, readable without colour."""

from __future__ import annotations

from collections.abc import Sequence

from tajru.text import literal
from tajru.verify import Check

LEGEND = "[-...-] is only in the store, {+...+} only in the source."


def report(checks: Sequence[Check]) -> str:
    """A missing text once for its source, then each passage not found, one block each; empty when every
    passage was found."""
    blocks = []
    missing: dict[str, list[Check]] = {}
    for check in (c for c in checks if c.unchecked):
        missing.setdefault(check.source, []).append(check)
    for source, unchecked in missing.items():
        count = len(unchecked)
        blocks.append(
            literal(
                f"{source}: {unchecked[0].problem} ({count} passage{'s' if count != 1 else ''} not checked)"
            )
            + "\n"
        )
    for check in (c for c in checks if not c.ok and not c.unchecked):
        place = f"{check.source}, {check.locator}" if check.locator else check.source
        lines = [f"{check.record} · {place}: {check.problem}"]
        lines.append(f"  {check.what + ':':9} {check.passage}")
        if check.closest:
            lines.append(f"  {'source:':9} {check.closest}")
            lines.append(f"  {'differs:':9} {check.differences}")
        blocks.append("\n".join(literal(line) for line in lines) + "\n")
    if any(c.differences for c in checks):
        blocks.append(LEGEND + "\n")
    return "\n".join(blocks)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def summary(checks: Sequence[Check]) -> str:
    records = len({c.record for c in checks})
    sources = len({c.source for c in checks})
    unchecked = sum(c.unchecked for c in checks)
    failed = sum(not c.ok for c in checks) - unchecked
    of = f"{_count(records, 'record')} against {_count(sources, 'source')}"
    checked = f"{_count(len(checks), 'passage')} of {of}"
    if not failed and not unchecked:
        return f"checked {checked}: every one is printed where its citation says"
    said = [f"{failed} not printed where their citations say"] if failed else []
    said += [f"{unchecked} not checked, their source's text missing"] if unchecked else []
    return f"of {checked}: {' and '.join(said)}"
