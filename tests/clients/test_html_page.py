"""The html export in a real browser (headless Chromium): every exported record in the DOM, no request
outside the file, markup in the data shown as text, screenshots at a phone's and a laptop's width that
are not blank, the filter box and toggles working, and everything readable with script off."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import chromium, colours, missing, requested
from places import MINI
from typer.testing import Result

Run = Callable[..., Result]
pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

# Where the screenshots are kept to be looked at (TAJRU_SCREENSHOTS), else the test's own folder.
SHOTS = os.environ.get("TAJRU_SCREENSHOTS")

HOSTILE = {
    "language-law-1989": "<script>window.injected = 1</script>",
    "anti-taliban": '<img src="x" onerror="window.injected = 2">',
}


def _page(run: Run, folder: Path, *args: str, data: Path | None = None) -> Path:
    page = folder / "page.html"
    extra = ["--data", str(data)] if data else []
    result = run("export", "--format", "html", "-o", str(page), "--force", *extra, *args)
    assert result.exit_code == 0, result.stderr
    return page


def _ids(run: Run, *args: str, data: Path | None = None) -> list[str]:
    extra = ["--data", str(data)] if data else []
    return [r["id"] for r in json.loads(run("facts", "--json", *extra, *args).stdout)]


def test_every_exported_record_is_in_the_page_and_nothing_is_fetched(run: Run, tmp_path: Path) -> None:
    page = _page(run, tmp_path, "--undated")
    with chromium() as driver:
        driver.get(page.as_uri())
        shown = [e.get_attribute("id") for e in driver.find_elements("css selector", "li.record")]
        urls = requested(driver)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert sorted(shown) == sorted(_ids(run, "--undated"))
    assert urls and all(u.startswith(("file:", "data:", "about:")) for u in urls), urls
    assert errors == []


def test_filters_are_honoured_and_undated_records_have_their_own_section(run: Run, tmp_path: Path) -> None:
    page = _page(run, tmp_path, "--topic", "military", "--undated")
    with chromium() as driver:
        driver.get(page.as_uri())
        shown = [e.get_attribute("id") for e in driver.find_elements("css selector", "li.record")]
        headings = [h.text for h in driver.find_elements("css selector", "section.period h2")]
    assert sorted(shown) == sorted(_ids(run, "--topic", "military", "--undated"))
    assert headings[-1] == "Undated" and headings[:-1] == sorted(headings[:-1])


def test_markup_in_the_data_is_shown_as_text_and_never_run(run: Run, tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    text = text.replace(
        "title: Tajikistan adopts the Language Law", f"title: '{HOSTILE['language-law-1989']}'"
    )
    text = text.replace("title: Anti-Taliban campaign", f"title: '{HOSTILE['anti-taliban']}'")
    store = tmp_path / "hostile.yaml"
    store.write_text(text, encoding="utf-8")
    page = _page(run, tmp_path, data=store)
    with chromium() as driver:
        driver.get(page.as_uri())
        injected = driver.execute_script("return window.injected === undefined ? null : window.injected;")
        titles = {record_id: driver.find_element("id", f"t-{record_id}").text for record_id in HOSTILE}
    assert injected is None
    assert titles == HOSTILE


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_reads_at_a_phones_and_a_laptops_width(run: Run, tmp_path: Path, width: int) -> None:
    page = _page(run, tmp_path, "--undated")
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"tajru-html-{width}.png"
    with chromium(width=width, height=900) as driver:
        driver.get(page.as_uri())
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth;")
        driver.save_screenshot(str(shot))
    assert overflow <= 0  # nothing wider than the screen: no sideways scrolling on a phone
    assert colours(shot.read_bytes()) > 10


def test_typing_in_the_filter_box_and_toggling_a_kind_narrow_the_records(run: Run, tmp_path: Path) -> None:
    page = _page(run, tmp_path, "--undated")
    with chromium() as driver:
        driver.get(page.as_uri())
        box = driver.find_element("id", "q")
        box.send_keys("border guards")
        visible = [
            e.get_attribute("id") for e in driver.find_elements("css selector", "li.record:not([hidden])")
        ]
        status = driver.find_element("id", "shown").text
        box.clear()
        driver.find_element("css selector", "input[name=kind][value=assertion]").click()
        kinds = {
            e.get_attribute("data-kind")
            for e in driver.find_elements("css selector", "li.record:not([hidden])")
        }
    assert "border-guards-withdrawn-2005" in visible and len(visible) < 10
    assert status.startswith(f"{len(visible)} of ")
    assert kinds and "assertion" not in kinds


def test_without_script_every_record_is_there_and_the_controls_are_not(run: Run, tmp_path: Path) -> None:
    page = _page(run, tmp_path, "--undated")
    with chromium(script=False) as driver:
        driver.get(page.as_uri())
        records = [e for e in driver.find_elements("css selector", "li.record") if e.is_displayed()]
        form_shown = driver.find_element("id", "filters").is_displayed()
        first = driver.find_element("css selector", "li.record details")
        first.find_element("tag name", "summary").click()  # the evidence opens without script
        evidence = first.find_element("css selector", "blockquote.evidence").text
    assert len(records) == len(_ids(run, "--undated")) and not form_shown
    assert evidence.startswith("“")
