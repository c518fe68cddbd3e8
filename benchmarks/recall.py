"""How well `tajru search` answers the questions of benchmarks/questions.yaml: recall@1, recall@3 and MRR.

A question counts as answered at k when one of its right records is among the first k
hits. Each method is measured on the shipped store: words alone (BM25 over the planned
words), meaning alone (the question's vector against the records'), and both fused, as
`tajru search` ranks.

    python benchmarks/recall.py            # the table
    python benchmarks/recall.py --misses   # and every question the combined ranking misses at 3
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

import yaml

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.yaml"
METHODS = {"words": (True, False), "meaning": (False, True), "combined": (True, True)}


class Score(NamedTuple):
    at1: float
    at3: float
    mrr: float


def questions() -> list[dict[str, object]]:
    found: list[dict[str, object]] = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    return found


def ranked_ids(question: str, use_words: bool, use_meaning: bool) -> list[str]:
    from tajru.query import build_query
    from tajru.store import open_store

    store = open_store(None)
    query = build_query(store.registries, text=question)
    return [h.record.id for h in store.search(query, use_words=use_words, use_meaning=use_meaning).hits]


def score(method: str, misses: list[tuple[str, list[str], list[str]]] | None = None) -> Score:
    use_words, use_meaning = METHODS[method]
    at1 = at3 = reciprocal = 0.0
    asked = questions()
    for item in asked:
        right = set(item["answers"])  # type: ignore[call-overload]
        ids = ranked_ids(str(item["q"]), use_words, use_meaning)
        first = next((n for n, i in enumerate(ids, 1) if i in right), None)
        at1 += first == 1
        at3 += first is not None and first <= 3
        reciprocal += 1 / first if first else 0.0
        if misses is not None and (first is None or first > 3):
            misses.append((str(item["q"]), sorted(right), ids[:3]))
    n = len(asked)
    return Score(at1 / n, at3 / n, reciprocal / n)


def main() -> None:
    import os

    os.environ.setdefault("TAJRU_CACHE_DIR", tempfile.mkdtemp())
    os.environ["TAJRU_DATA"] = ""
    misses: list[tuple[str, list[str], list[str]]] = []
    print(f"{len(questions())} questions, shipped store")
    print(f"{'method':<10} {'recall@1':>9} {'recall@3':>9} {'MRR':>6}")
    for method in METHODS:
        result = score(method, misses if method == "combined" else None)
        print(f"{method:<10} {result.at1:>9.3f} {result.at3:>9.3f} {result.mrr:>6.3f}")
    if "--misses" in sys.argv:
        for question, right, got in misses:
            print(f"\nmissed: {question}\n  right: {', '.join(right)}\n  got:   {', '.join(got)}")


if __name__ == "__main__":
    main()
