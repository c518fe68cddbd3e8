"""`tajru draft` end to end: every candidate it prints passes `validate` and `verify` as printed (both
documents and a PDF of the news article); bad documents get one line and nothing is written; the review
in a scripted $EDITOR appends what is kept, as `add` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from browser import missing
from pdfs import encrypted_pdf, news_page, printed_pdf, scanned_pdf, text_pdf
from places import SHIPPED, SOURCES_DIR
from terminal import installed_tajru
from typer.testing import Result

Run = Callable[..., Result]
needs_sources = pytest.mark.skipif(
    not SOURCES_DIR.is_dir(), reason=f"the source documents are not at {SOURCES_DIR} (beside the project)"
)
NEWS = "004_55c21100d5a2687f.txt"

NOTES = """\
# Field report

The harbour of Port Example was rebuilt in 2021 at a cost of over 40 million dollars.

Minister A. Example said that “the harbour is a national asset for the whole region” at its opening.

The railway reached the port the following year. Exports rose by 12 percent.

Trade with neighbours remains the main source of income.
"""


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """The shipped store's sources, actors and topics with no records: a document drafted as if new."""
    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "bare.yaml"
    path.write_text(text[: text.index("\nrecords:")] + "\nrecords: []\n", encoding="utf-8")
    return path


def _passes(run: Run, layer: Path, data: Path, *sources: str) -> None:
    checked = run("validate", str(layer), "--data", str(data))
    assert checked.exit_code == 0, checked.stdout
    verified = run("verify", "--data", str(data), "--include", str(layer), *sources)
    assert verified.exit_code == 0, verified.stdout
    assert "every one is printed where its citation says" in verified.stdout


@needs_sources
@pytest.mark.parametrize("source", ["sethi-2017", "dushanbe-dialogue-2025"])
def test_every_candidate_of_a_source_passes_validate_and_verify_as_printed(
    run: Run, bare: Path, tmp_path: Path, source: str
) -> None:
    result = run("draft", source, "--print", "--data", str(bare), "--sources", str(SOURCES_DIR))
    assert result.exit_code == 0, result.stderr
    layer = tmp_path / "drafted.yaml"
    layer.write_text(result.stdout, encoding="utf-8")
    assert result.stdout.count("\n  - id: ") > 40
    _passes(run, layer, bare, "--sources", str(SOURCES_DIR))


@needs_sources
@pytest.mark.skipif(missing() is not None, reason=str(missing()))
def test_a_pdf_of_the_news_article_drafts_page_locators_that_verify_against_the_pdf(
    run: Run, bare: Path, tmp_path: Path
) -> None:
    news = (SOURCES_DIR / NEWS).read_text(encoding="utf-8")
    pdf = printed_pdf(news_page(news, tmp_path / "news.html"), tmp_path / "news.pdf")
    result = run("draft", str(pdf), "--to", str(tmp_path / "mine.yaml"), "--data", str(bare))
    assert result.exit_code == 0, result.stderr  # not a terminal: printed, not reviewed
    assert not (tmp_path / "mine.yaml").exists()
    layer = tmp_path / "mine.yaml"
    layer.write_text(result.stdout, encoding="utf-8")
    assert (
        'file: "news.pdf"' in result.stdout
    )  # named from the layer's folder, where verify looks and "locators: page" in result.stdout
    assert (
        'title: "Dushanbe Dialogue: Putin Deepens Russia-Tajikistan Strategic Partnership"' in result.stdout
    )
    assert 'locator: "page 2"' in result.stdout and "paragraph" not in result.stdout.replace("# ", "")
    _passes(run, layer, bare)


def test_a_saved_web_page_drafts_from_its_main_text_with_its_metadata(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><meta charset='windows-1252'><title>Port news</title><meta name='author' content='R. Writer'>"
        "<meta name='citation_publication_date' content='2022/03/01'></head><body><nav><p>Home | About</p></nav>"
        "<article><h1>Port news</h1><p>The harbour was rebuilt in 2021 at a cost of over 40 million dollars, "
        "officials said on Monday.</p><p>Exports rose by 12 percent – a record étude.</p></article></body></html>",
        encoding="cp1252",
    )
    result = run("draft", str(page), "--print")
    assert result.exit_code == 0, result.stderr
    drafted = result.stdout
    assert (
        'author: "R. Writer"' in drafted
        and 'published: "2022-03-01"' in drafted
        and "Home | About" not in drafted
    )
    assert "value: 40000000" in drafted and 'unit: "USD"' in drafted and 'qualifier: "over"' in drafted
    assert "12 percent – a record étude" in drafted  # decoded by the encoding the page declares
    layer = tmp_path / "page.yaml"
    layer.write_text(drafted, encoding="utf-8")
    assert run("verify", "--include", str(layer), *_ids(drafted)).exit_code == 0


def _ids(layer: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in layer.splitlines() if line.startswith("  - id: ")][1:]


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, said",
    [
        ("scan.pdf", "is a PDF with no text layer"),
        ("locked.pdf", "is an encrypted PDF that needs a password"),
        ("photo.txt", "is a PNG image, not a document tajru reads"),
        ("program.bin", "is a binary file, not a document tajru reads"),
        ("empty.html", "is an empty web page"),
        ("blank.html", "is a web page with no main text to read"),
        ("empty.txt", "holds no text"),
        ("latin.txt", "is not UTF-8 text (byte 3, line 1)"),
        ("broken.pdf", "is not a readable PDF"),
    ],
)
def test_a_bad_document_is_one_line_naming_it_exit_1_nothing_written(
    run: Run, tmp_path: Path, name: str, said: str
) -> None:
    if name == "scan.pdf":
        path = scanned_pdf(tmp_path / name)
    elif name == "locked.pdf":
        path = encrypted_pdf(tmp_path / name, text_pdf(tmp_path / "open.pdf", [["Some text of a report."]]))
    else:
        content = {
            "photo.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
            "program.bin": bytes(range(1, 9)) * 40,
            "empty.html": b"",
            "blank.html": b"<html><head><title>Loading</title></head><body><script>load()</script></body></html>",
            "empty.txt": b"  \n\n",
            "latin.txt": "Caf\xe9 au lait in Dushanbe.".encode("cp1252"),
            "broken.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        }[name]
        path = _bad(tmp_path, name, content)
    target = tmp_path / "mine.yaml"
    result = run("draft", str(path), "--to", str(target))
    assert result.exit_code == 1, result.stdout
    assert result.stderr == f"tajru: error: {path}: {said}" + result.stderr.split(said, 1)[1]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and result.stdout == ""
    assert (
        not target.exists() and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("mine")) == []
    )


def test_an_unknown_source_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    result = run("draft", "sethi-2071")
    assert result.exit_code == 2 and "no source or document file called 'sethi-2071'" in result.stderr
    assert "did you mean 'sethi-2017'?" in result.stderr


@needs_sources
def test_what_the_store_records_at_a_locator_is_not_proposed_again(run: Run) -> None:
    result = run("draft", "dushanbe-dialogue-2025", "--print")
    assert result.exit_code == 0
    left = int(result.stderr.split("; ")[1].split()[0])
    assert (
        left > 30
        and "left out, as the store or a layer records them at their locators already" in result.stderr
    )
    assert "The visit officially commenced on October 9th" not in result.stdout  # the store has it


# An editor that keeps the records whose ids it is given (and the source entry), deleting the others,
# after a second, as a person's would; or, given "as is", saves the document unchanged at once.
EDITOR = """\
import json, sys, time
from pathlib import Path
draft = Path(sys.argv[1])
keep = json.loads(Path(__file__).with_name("keep.json").read_text(encoding="utf-8"))
Path(__file__).with_name("seen.yaml").write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
if keep == "as is":
    sys.exit(0)
time.sleep(1.1)
out, records, keeping = [], False, True
for line in draft.read_text(encoding="utf-8").splitlines(keepends=True):
    records = records or line.startswith("records:")
    if records and line.startswith("  - id: "):
        keeping = line[8:].strip() in keep
    if not records or keeping or line.startswith(("records:", "  #")):
        out.append(line)
draft.write_text("".join(out), encoding="utf-8")
"""


def _review(tmp_path: Path, document: Path, layer: Path, keep: object) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    (tmp_path / "keep.json").write_text(json.dumps(keep), encoding="utf-8")
    env = {**os.environ, "VISUAL": f"{sys.executable} {script}", "TAJRU_DATA": ""}
    command = [*installed_tajru(), "draft", str(document), "--to", str(layer), "--edit"]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


def test_the_review_adds_what_is_kept_and_the_records_verify_and_list(run: Run, tmp_path: Path) -> None:
    document = tmp_path / "report.md"
    document.write_text(NOTES, encoding="utf-8")
    layer = tmp_path / "mine.yaml"
    layer.write_text("# my notes: this line stays\n", encoding="utf-8")
    printed = yaml.safe_load(run("draft", str(document), "--print").stdout)
    by_evidence = {r["sources"][0]["evidence"]: r["id"] for r in printed["records"]}
    wanted = [i for e, i in by_evidence.items() if "harbour of Port Example" in e or "railway" in e]
    assert len(wanted) == 2, by_evidence
    result = _review(tmp_path, document, layer, wanted)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == wanted
    text = layer.read_text(encoding="utf-8")
    assert text.startswith("# my notes: this line stays\n") and 'file: "report.md"' in text
    assert run("verify", "--include", str(layer), *wanted).exit_code == 0
    listed = json.loads(run("timeline", "--include", str(layer), "--from", "2021", "--json").stdout)
    assert {r["id"] for r in listed if r.get("file")} == set(wanted)
    railway = next(r for r in listed if "railway" in r["id"])
    assert (
        railway["date"] == "2022"
        and railway["date_inferred"] is True
        and "following year" in railway["date_note"]
    )
    assert not list(tmp_path.glob("mine.draft-*.yaml"))


def test_an_editor_that_returns_at_once_adds_nothing_and_keeps_the_candidates(tmp_path: Path) -> None:
    document = tmp_path / "report.md"
    document.write_text(NOTES, encoding="utf-8")
    layer = tmp_path / "mine.yaml"
    result = _review(tmp_path, document, layer, "as is")
    assert result.returncode == 1 and "returned at once" in result.stderr
    (kept,) = tmp_path.glob("mine.draft-*.yaml")
    assert f"kept in {kept}" in result.stderr and not layer.exists()
