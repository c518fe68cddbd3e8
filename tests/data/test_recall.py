"""Search quality on the question set of benchmarks/questions.yaml stays at the level it reached."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from places import REPO

# Reached when the question set was written (see README, "tajru search"): 89 of the 90 questions
# find a right record among the first three hits.
RECALL_AT_3 = 0.98


def _recall() -> ModuleType:
    spec = importlib.util.spec_from_file_location("recall", REPO / "benchmarks" / "recall.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_question_names_records_that_exist() -> None:
    from tajru.store import open_store

    ids = set(open_store(None).ids())
    for item in _recall().questions():
        assert item["answers"] and set(item["answers"]) <= ids, item["q"]


def test_the_combined_ranking_answers_the_questions_among_its_first_three(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TAJRU_DATA", "")
    score = _recall().score("combined")
    assert score.at3 >= RECALL_AT_3, score
