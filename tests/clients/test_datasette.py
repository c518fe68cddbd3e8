"""The sqlite export as Datasette serves it: started here on 127.0.0.1 at a free port, asked through its
JSON API, stopped after. Full-text search, a facet by topic, a join through to citations, the metadata."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from typer.testing import Result

pytest.importorskip("datasette", reason="Datasette is a test dependency: pip install -e '.[test]'")

Run = Callable[..., Result]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    from typer.testing import CliRunner

    from tajru.cli import app_for

    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "tajru.db"
    args = ["export", "--format", "sqlite", "-o", str(db)]
    exported = CliRunner().invoke(app_for(args), args, env={"TAJRU_DATA": ""})
    assert exported.exit_code == 0, exported.stderr
    metadata = folder / "tajru.metadata.json"
    assert metadata.is_file() and f"wrote {metadata} beside it" in exported.stderr
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata),
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    log = folder / "datasette.log"
    errors = log.open("wb")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> Any:
        with urllib.request.urlopen(base + path, timeout=20) as response:
            return json.loads(response.read())

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get("/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"datasette did not start: {log.read_text()!r}") from None
                time.sleep(0.2)
        yield get
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        errors.close()


def _stats(run: Run) -> dict[str, Any]:
    return json.loads(run("stats", "--json").stdout)  # type: ignore[no-any-return]


def test_full_text_search_finds_the_records_with_the_word_and_only_those(
    served: Callable[[str], Any],
) -> None:
    rows = served("/tajru/records.json?_search=border&_shape=array&_size=max")
    everything = served("/tajru/records.json?_shape=array&_size=max")
    assert 0 < len(rows) < len(everything)
    searched = ("title", "text", "quote", "context", "caveat", "names", "evidence", "variants")
    for row in rows:
        assert "border" in " ".join(str(row[c] or "") for c in searched).lower(), row["id"]
    assert "border-guards-withdrawn-2005" in {r["id"] for r in rows}
    assert served("/tajru/records.json?_search=zzyzxq&_shape=array") == []


def test_a_facet_by_topic_counts_as_tajru_does(served: Callable[[str], Any], run: Run) -> None:
    facets = served("/tajru/record_topics.json?_facet=topic_id&_size=0")["facet_results"]
    counted = {f["value"]: f["count"] for f in facets["topic_id"]["results"]}
    assert counted == _stats(run)["topics"]
    kinds = served("/tajru/records.json?_facet=kind&_size=0")["facet_results"]["kind"]["results"]
    assert {f["value"]: f["count"] for f in kinds} == {k: n for k, n in _stats(run)["kinds"].items() if n}


def test_a_join_through_to_citations_and_sources(served: Callable[[str], Any], run: Run) -> None:
    sql = (
        "select r.id, c.locator, c.evidence, s.citation from records r "
        "join citations c on c.record_id = r.id join sources s on s.id = c.source_id "
        "where r.id = :id order by c.position"
    )
    query = urllib.parse.urlencode({"sql": sql, "id": "language-law-1989", "_shape": "array"})
    rows = served(f"/tajru.json?{query}")
    shown = json.loads(run("show", "language-law-1989", "--json").stdout)
    assert [(r["locator"], r["evidence"]) for r in rows] == [
        (c["locator"], c["evidence"]) for c in shown["sources"]
    ]
    assert rows[0]["citation"].startswith("Jajneswar Sethi (2017).")


def test_the_metadata_says_what_the_database_holds(served: Callable[[str], Any]) -> None:
    metadata = served("/-/metadata.json")
    assert metadata["title"] == "Tajikistan–Russia relations" and metadata["license"] == "MIT"
    assert "Jajneswar Sethi (2017)" in metadata["source"]
    columns = metadata["databases"]["tajru"]["tables"]["records"]["columns"]
    assert columns["date_precision"].startswith("How precise") and columns["caveat"]
