"""Citations pandoc renders: `show --cite --format pandoc`, and the pandoc export rendered by real pandoc
with --citeproc, its reference list holding every source the records cite."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Run = Callable[..., Result]
PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (Debian: apt-get install pandoc)"
)


def test_a_record_cited_for_pandoc(run: Run) -> None:
    result = run(
        "show", "putin-201st-presence-2003", "putin-state-visit-2025", "--cite", "--format", "pandoc"
    )
    assert result.stdout == (
        "[@sethi-2017, Military Relations, note 24]\n[@dushanbe-dialogue-2025, paragraphs 1, 2]\n"
    )
    assert run("show", "putin-state-visit-2025", "--format", "pandoc").exit_code == 2


@needs_pandoc
def test_the_pandoc_export_renders_with_citeproc_and_lists_both_sources(run: Run, tmp_path: Path) -> None:
    chronology = tmp_path / "chronology.md"
    exported = run("export", "--format", "pandoc", "--undated", "-o", str(chronology))
    assert exported.exit_code == 0, exported.stderr
    beside = tmp_path / "chronology.references.json"
    assert [item["id"] for item in json.loads(beside.read_text(encoding="utf-8"))] == [
        "sethi-2017",
        "dushanbe-dialogue-2025",
    ]
    html = tmp_path / "chronology.html"
    assert PANDOC is not None
    rendered = subprocess.run(
        [PANDOC, str(chronology), "--citeproc", "--standalone", "--output", str(html)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    assert "[WARNING]" not in rendered.stderr, rendered.stderr  # every citation resolved
    page = html.read_text(encoding="utf-8")
    refs = page[page.index('id="refs"') :]
    assert 'id="ref-sethi-2017"' in refs and 'id="ref-dushanbe-dialogue-2025"' in refs
    assert "Sethi, Jajneswar" in refs and "Dushanbe Dialogue" in refs
    body = re.sub(r"\s+", " ", page[: page.index('id="refs"')])
    assert "(Sethi 2017, Military Relations, note 24)" in body  # the style's in-text form, not tajru's
    assert "Caveat: The source says Tajikistan joined" in body
    assert "Dates in [brackets] are inferred from the source, not stated in it." in body
