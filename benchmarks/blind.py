"""How `tajru search` answers questions written blind (benchmarks/blind/): recall@1, recall@3 and MRR on
the answerable set, and on the unanswerable set the share whose hits are all marked partial.

The sets name their answers by place in the sources (source, locator, passage), never by record, as
their writer never saw the store. A record is a right answer to a question when one of its evidence
passages overlaps one of the question's answer passages in the source's text: both are found in the
text by tajru's own evidence matcher, and their stretches share at least one character. This rule
was fixed before any tuning on the sets. A question no record overlaps is a gap in the store, not
a miss of search: it is counted apart ("uncovered").

Each set is reported in its two halves: odd ids (a01, a03, ...) search may be tuned on; even ids are
held out. Methods: words alone, meaning alone, and both as `tajru search` ranks them.

    python benchmarks/blind.py                 # the tables
    python benchmarks/blind.py --misses        # and each question missed at 3 by the combined ranking
    python benchmarks/blind.py --misses tune   # only those of the half search may be tuned on
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

HERE = Path(__file__).resolve().parent
BLIND = HERE / "blind"
SOURCES = HERE.parents[1] / "shared" / "sources"
METHODS = {"words": (True, False), "meaning": (False, True), "combined": (True, True)}
_MARKER = re.compile(r"^\s*\d{1,3}\s*$", re.MULTILINE)


class Score(NamedTuple):
    asked: int
    at1: float
    at3: float
    mrr: float


def load(name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = yaml.safe_load((BLIND / name).read_text(encoding="utf-8"))
    return found


def half(items: list[dict[str, Any]], which: str) -> list[dict[str, Any]]:
    """'tune' (odd numbers), 'held' (even numbers) or 'all'."""
    if which == "all":
        return items
    odd = which == "tune"
    return [i for i in items if (int(str(i["id"])[1:]) % 2 == 1) == odd]


@cache
def _store() -> Any:
    from tajru.store import open_store

    return open_store(None)


@cache
def _text(source_id: str) -> str:
    from tajru.evidence import extracted
    from tajru.locators import cleaned

    source = _store().sources[source_id]
    raw = (SOURCES / str(source.file)).read_text(encoding="utf-8")
    return extracted(_MARKER.sub(" ", cleaned(source, raw)))


def _spans(source_id: str, passage: str) -> list[tuple[int, int]]:
    """Where each part of a passage is printed in its source's text; empty when a part is not found."""
    from tajru.evidence import _pattern, parts

    text = _text(source_id)
    found = []
    for part in parts(passage):
        hit = _pattern(part).search(text)
        if hit is None:
            return []
        found.append(hit.span())
    return found


@cache
def _evidence_spans() -> list[tuple[str, str, tuple[int, int]]]:
    """(record id, source id, stretch) of every evidence passage of the shipped store."""
    from tajru.query import Query

    out = []
    for record in _store().select(Query()):
        for citation in record.citations:
            if citation.source in ("sethi-2017", "dushanbe-dialogue-2025"):
                out += [(record.id, citation.source, s) for s in _spans(citation.source, citation.evidence)]
    return out


def right_records(item: dict[str, Any]) -> set[str]:
    """The records whose evidence overlaps one of the question's answer passages."""
    right = set()
    for answer in item["answers"]:
        for start, end in _spans(answer["source"], answer["passage"]):
            right |= {
                rid
                for rid, sid, (a, b) in _evidence_spans()
                if sid == answer["source"] and a < end and start < b
            }
    return right


def near_miss_records(item: dict[str, Any]) -> set[str]:
    """The records citing the place a question's near_miss names: they answer part of it."""
    if not item.get("near_miss"):
        return set()
    source, _, locator = str(item["near_miss"]).partition(", ")
    return {
        r.id
        for r in _store().select(__import__("tajru.query", fromlist=["Query"]).Query())
        if any(c.source == source and c.locator.startswith(locator) for c in r.citations)
    }


def search(question: str, use_words: bool, use_meaning: bool) -> list[Any]:
    from tajru.query import build_query

    store = _store()
    query = build_query(store.registries, text=question)
    return list(store.search(query, use_words=use_words, use_meaning=use_meaning).hits)


def score(items: list[dict[str, Any]], method: str, misses: list[str] | None = None) -> Score:
    use_words, use_meaning = METHODS[method]
    at1 = at3 = reciprocal = 0.0
    asked = 0
    for item in items:
        right = right_records(item)
        if not right:
            continue
        asked += 1
        ids = [h.record.id for h in search(str(item["question"]), use_words, use_meaning)]
        first = next((n for n, i in enumerate(ids, 1) if i in right), None)
        at1 += first == 1
        at3 += first is not None and first <= 3
        reciprocal += 1 / first if first else 0.0
        if misses is not None and (first is None or first > 3):
            misses.append(f"{item['id']} {item['question']}\n  right: {', '.join(sorted(right))}\n  got:   "
                          f"{', '.join(ids[:3])}")  # fmt: skip
    n = asked or 1
    return Score(asked, at1 / n, at3 / n, reciprocal / n)


def unanswered_share(items: list[dict[str, Any]], misses: list[str] | None = None) -> tuple[int, float]:
    """The share of questions whose hits are all marked partial ('some' or 'meaning', or no hit at all),
    a record that answers part of the question (its near_miss) allowed to be 'all'."""
    fine = 0
    for item in items:
        allowed = near_miss_records(item)
        hits = search(str(item["question"]), True, True)
        wrong = [
            h.record.id for h in hits if getattr(h, "match", "all") == "all" and h.record.id not in allowed
        ]
        fine += not wrong
        if misses is not None and wrong:
            misses.append(f"{item['id']} {item['question']}\n  shown as answers: {', '.join(wrong[:3])}")
    return len(items), fine / (len(items) or 1)


def main() -> None:
    os.environ.setdefault("TAJRU_CACHE_DIR", tempfile.mkdtemp())
    os.environ["TAJRU_DATA"] = ""
    os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())  # no one's own notes in the measure
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    answerable, unanswerable = load("answerable.yaml"), load("unanswerable.yaml")
    uncovered = [i["id"] for i in answerable if not right_records(i)]
    gaps = " ".join(uncovered)
    print(f"answerable: {len(answerable)} questions, {len(uncovered)} with no record in the store: {gaps}")
    print(f"{'half':<6} {'method':<10} {'asked':>6} {'recall@1':>9} {'recall@3':>9} {'MRR':>6}")
    misses: list[str] = []
    for which in ("tune", "held", "all"):
        for method in METHODS:
            shown = sys.argv[sys.argv.index("--misses") + 1] if "--misses" in sys.argv[:-1] else "all"
            chosen = misses if method == "combined" and which == shown else None
            s = score(half(answerable, which), method, chosen)
            print(f"{which:<6} {method:<10} {s.asked:>6} {s.at1:>9.3f} {s.at3:>9.3f} {s.mrr:>6.3f}")
    wrong: list[str] = []
    print(f"\nunanswerable: {'half':<6} {'asked':>6} {'no hit marked all':>18}")
    for which in ("tune", "held", "all"):
        shown = sys.argv[sys.argv.index("--misses") + 1] if "--misses" in sys.argv[:-1] else "all"
        n, share = unanswered_share(half(unanswerable, which), wrong if which == shown else None)
        print(f"              {which:<6} {n:>6} {share:>18.3f}")
    if "--misses" in sys.argv:
        print("\nmissed at 3 (combined):\n" + "\n".join(misses))
        print("\nunanswerable questions with hits shown as answers:\n" + "\n".join(wrong))


if __name__ == "__main__":
    main()
