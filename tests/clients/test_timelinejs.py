"""The TimelineJS export as TimelineJS3 itself shows it: a local copy of @knight-lab/timelinejs (from the
npm registry; .ci/run puts it in TAJRU_TIMELINEJS) in headless Chromium, every dated record a slide."""

from __future__ import annotations

import html
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import chromium, missing, requested
from typer.testing import Result

Run = Callable[..., Result]
DIST = Path(os.environ.get("TAJRU_TIMELINEJS", "/nonexistent"))
pytestmark = [
    pytest.mark.skipif(missing() is not None, reason=missing() or ""),
    pytest.mark.skipif(
        not (DIST / "js" / "timeline.js").is_file(),
        reason="TimelineJS3 is not here: npm install @knight-lab/timelinejs and set TAJRU_TIMELINEJS to its dist/",
    ),
]


def _harness(folder: Path, data: str) -> Path:
    """A page as TimelineJS's own embed instructions have it, with the library read from the local copy
    and its web font (fetched from a CDN by default) turned off."""
    page = folder / "timeline.html"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(DIST / "css" / "timeline.css").as_uri()}">
<script src="{(DIST / "js" / "timeline.js").as_uri()}"></script></head><body>
<div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<script>
window.problems = [];
window.addEventListener("error", function (e) {{ window.problems.push(String(e.message)); }});
var timeline = new TL.Timeline("timeline-embed", {data},
  {{language: "en", font: null, script_path: "{(DIST / "js").as_uri()}/"}});
timeline.on("loaded", function () {{ window.loaded = true; }});
</script></body></html>""",
        encoding="utf-8",
    )
    return page


def test_every_dated_record_is_a_slide_with_its_headline(run: Run, tmp_path: Path) -> None:
    exported = run("export", "--format", "timelinejs", "--undated")
    data = json.loads(exported.stdout)
    records = json.loads(run("facts", "--undated", "--json").stdout)
    dated = [r for r in records if "date" in r]
    page = _harness(tmp_path, exported.stdout)
    with chromium() as driver:
        driver.get(page.as_uri())
        deadline = time.monotonic() + 30
        while not driver.execute_script("return window.loaded === true") and time.monotonic() < deadline:
            time.sleep(0.2)
        headlines = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('.tl-slide .tl-headline'),"
            " function (h) { return h.textContent; });"
        )
        problems = driver.execute_script("return window.problems;")
        message = driver.execute_script(
            "var m = document.querySelector('.tl-message'); return m && m.innerText;"
        )
        urls = requested(driver)
        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert problems == [] and not message and severe == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in urls), urls
    title, *slides = headlines
    assert title == "Tajikistan–Russia relations: a chronology"
    assert sorted(slides) == sorted(html.unescape(html.escape(r["title"])) for r in dated)
    undated = len(records) - len(dated)
    assert f"{len(dated)} dated records; {undated} undated left out" in data["title"]["text"]["text"]
    with_caveat = next(e for e in data["events"] if e["unique_id"] == "border-agreement-terminated-2004")
    assert "<em>Caveat: " in with_caveat["text"]["text"]
