"""How well `tajru draft` finds what the store's curators drew by hand from its two documents.

The store's events, figures and quotes are the answer key. Each document is drafted as if it were
new: against a store of the same sources, actors and topics but no records, so that nothing is left
out as already recorded. For each document, and for a PDF of the news article printed by headless
Chromium (page locators):

- coverage: the share of the key's records for which a candidate at the same locator holds the
  record's evidence, or most of it (at least half of its characters, in order);
- agreement on the covered ones: kind, year (both undated counts as agreeing), and value for figures,
  each record matched with the candidate holding most of its evidence; among candidates that hold it
  equally (one sentence gives two events for its two years, three figures for its three numbers), the
  one that agrees best, or with --first the earlier one;
- candidates per record the store draws from the document (all kinds, assertions too).

    python benchmarks/draft.py [--first]     # needs ../shared/sources/, and Chromium for the PDF row
"""

from __future__ import annotations

import sys
import tempfile
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SOURCES = REPO.parent / "shared" / "sources"
sys.path.insert(0, str(REPO / "tests" / "support"))
KEY_KINDS = ("event", "figure", "quote")
FIRST = "--first" in sys.argv


class Row(NamedTuple):
    document: str
    key: int
    covered: int
    kind: int
    year: int
    both: int  # kind and year both right
    value: tuple[int, int]  # (right, figures covered)
    candidates: int
    drawn: int  # records of the store that cite the document, all kinds


def share(candidate: str, evidence: str) -> float:
    """How much of the evidence (its parts between elisions) the candidate's passage holds, in order."""
    from tajru.evidence import parts, readable

    held = total = 0
    for part in parts(evidence):
        a, b = readable(part), readable(candidate)
        total += len(a)
        held += sum(
            m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size >= 8
        )
    return held / total if total else 0.0


def _agrees(candidate: object, record: object) -> int:
    if candidate is None:
        return -1
    year = str(record.date.year) if record.date else ""  # type: ignore[attr-defined]
    same_value = candidate.value is not None and candidate.value == record.value  # type: ignore[attr-defined]
    return (candidate.kind == record.kind) + ((candidate.date or "")[:4] == year) + same_value  # type: ignore[attr-defined]


def bare_store(text: str, extra_source: str = "") -> str:
    """The store's sources, actors and topics with no records (and another source when given)."""
    head = text[: text.index("\nrecords:")]
    if extra_source:
        head = head.replace("\nactors:", extra_source + "\nactors:", 1)
    return head + "\nrecords: []\n"


def measure(name: str, source_id: str, locators: dict[tuple[str, str], str] | None, data_text: str,
            bare: str, folder: Path) -> Row:  # fmt: skip
    from tajru.draft import draft
    from tajru.load import parse_layers
    from tajru.verify import find_text

    store = parse_layers([(data_text, "facts.yaml")])
    empty = parse_layers([(bare, "bare.yaml")])
    source = next(s for s in empty.sources if s.id == source_id)
    text, why = find_text(source, [folder, SOURCES])
    assert text is not None, why
    drafted = draft(source, text, empty)
    cited_id = "dushanbe-dialogue-2025" if locators is not None else source_id
    drawn = [r for r in store.records if any(c.source == cited_id for c in r.citations)]
    key = [r for r in drawn if r.kind in KEY_KINDS]
    covered = kind = year = both = value = figures = 0
    for record in key:
        best = (0.0, None)
        for citation in record.citations:
            if citation.source != cited_id:
                continue
            where = locators[(record.id, citation.evidence)] if locators is not None else citation.locator
            for _, c in drafted.candidates:
                if c.locator != where:
                    continue
                s = share(c.evidence, citation.evidence)
                if s > best[0] or (
                    s == best[0] and not FIRST and _agrees(c, record) > _agrees(best[1], record)
                ):
                    best = (s, c)
        s, match = best
        if match is None or s < 0.5:
            continue
        covered += 1
        kind_right = match.kind == record.kind
        year_right = (match.date or "")[:4] == (str(record.date.year) if record.date else "")
        kind, year, both = kind + kind_right, year + year_right, both + (kind_right and year_right)
        if record.kind == "figure":
            figures += 1
            value += match.value is not None and float(match.value) == float(record.value or 0)
    return Row(
        name, len(key), covered, kind, year, both, (value, figures), len(drafted.candidates), len(drawn)
    )


def pdf_locators(pdf: Path, data_text: str) -> dict[tuple[str, str], str]:
    """Each key citation of the news article placed on the PDF's page that prints it."""
    from tajru.documents import read_document
    from tajru.evidence import first_missing, parts
    from tajru.load import parse_layers

    pages = read_document(pdf).text.split("\f")
    found = {}
    for record in parse_layers([(data_text, "facts.yaml")]).records:
        for c in record.citations:
            if c.source == "dushanbe-dialogue-2025":
                scores = [sum(first_missing(p, part) is None for part in parts(c.evidence)) for p in pages]
                found[(record.id, c.evidence)] = f"page {scores.index(max(scores)) + 1}"
    return found


def main() -> None:
    data_text = (REPO / "data" / "facts.yaml").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = bare_store(data_text)
        rows.append(measure("Sethi 2017 (section, note)", "sethi-2017", None, data_text, bare, folder))
        rows.append(
            measure("Dushanbe Dialogue (paragraph)", "dushanbe-dialogue-2025", None, data_text, bare, folder)
        )
        from browser import missing

        if missing() is None:
            from pdfs import news_page, printed_pdf

            news = (SOURCES / "004_55c21100d5a2687f.txt").read_text(encoding="utf-8")
            pdf = printed_pdf(news_page(news, folder / "news.html"), folder / "news.pdf")
            extra = (
                "\n  - id: dushanbe-dialogue-pdf\n    kind: news-analysis\n"
                '    title: "Dushanbe Dialogue: Putin Deepens Russia-Tajikistan Strategic Partnership"\n'
                "    year: 2025\n    year_inferred: true\n    file: news.pdf\n    locators: page\n"
            )
            pages = pdf_locators(pdf, data_text)
            rows.append(measure("Dushanbe Dialogue, PDF (page)", "dushanbe-dialogue-pdf", pages, data_text,
                                bare_store(data_text, extra), folder))  # fmt: skip
        else:
            print(f"the PDF row needs Chromium: {missing()}")
    print(
        f"{'document':<32} {'key':>4} {'coverage':>9} {'kind':>6} {'year':>6} {'both':>6} "
        f"{'value':>7} {'cand/rec':>9}"
    )
    for r in rows:
        c = r.covered or 1
        print(
            f"{r.document:<32} {r.key:>4} {r.covered / r.key:>9.2f} {r.kind / c:>6.2f} {r.year / c:>6.2f} "
            f"{r.both / c:>6.2f} "
            f"{r.value[0]:>3}/{r.value[1]:<3} {r.candidates / r.drawn:>9.2f}"
        )
    print(
        "coverage: share of the key covered; kind, year, both: share of the covered that agree; value: right"
    )
    print("of figures covered; cand/rec: candidates per record the store draws from the document (all kinds)")


if __name__ == "__main__":
    main()
