"""Meaning: the byte-pair encoder written out in tajru is the tokenizer's, and both ways of embedding agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tajru import meaning
from tajru.index.model import Model, open_model


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    found = open_model()
    assert found is not None, "wordllama, a dependency, is not installed"
    return found


@pytest.fixture(scope="module")
def tokenizer() -> object:
    from tokenizers import Tokenizer

    files = meaning.model_files()
    assert files is not None
    return Tokenizer.from_file(str(files[0]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_the_written_out_encoder_gives_the_tokenizers_ids(model: Model, tokenizer: object, text: str) -> None:
    expected = tokenizer.encode(text, add_special_tokens=False).ids  # type: ignore[attr-defined]
    assert meaning.token_ids(text, model.ids, model.ranks) == expected


@pytest.mark.parametrize(
    "text", ["which hydropower plant does russia own", "Рахмон в Душанбе", "émigré 201st “base”", "a\tb"]
)
def test_a_question_and_a_record_embed_alike_either_way(model: Model, text: str) -> None:
    (batch,) = meaning.vectors([text]) or [b""]
    single = model.vector(text)
    assert single is not None
    ((_, cosine),) = meaning.similarities(single, batch)
    assert cosine > 0.999


def test_similarities_are_the_same_in_plain_python_and_numpy(
    monkeypatch: pytest.MonkeyPatch, model: Model
) -> None:
    matrix = b"".join(meaning.vectors(["border guards", "labour migrants", "nuclear energy", ""]) or [])
    query = model.vector("migrant workers")
    assert query is not None
    plain = meaning.similarities(query, matrix)
    chosen = meaning.similarities(query, matrix, [3, 1])
    monkeypatch.setattr(meaning, "_NUMPY_FROM", 0)
    assert [r for r, _ in meaning.similarities(query, matrix)] == [r for r, _ in plain]
    assert [s for _, s in meaning.similarities(query, matrix)] == pytest.approx(
        [s for _, s in plain], abs=1e-6
    )
    numpy_chosen = meaning.similarities(query, matrix, [3, 1])
    assert [r for r, _ in numpy_chosen] == [r for r, _ in chosen]
    assert [s for _, s in numpy_chosen] == pytest.approx([s for _, s in chosen], abs=1e-6)
    assert plain[0][0] == 1 and [r for r, _ in chosen] == [1, 3]  # nearest first: 'labour migrants'
    assert [s for _, s in plain] == sorted((s for _, s in plain), reverse=True)
    assert meaning.similarities(query, matrix, limit=2) == meaning.similarities(query, matrix)[:2]  # numpy
    monkeypatch.setattr(meaning, "_NUMPY_FROM", 1 << 30)
    assert meaning.similarities(query, matrix, limit=2) == plain[:2]


def test_the_model_files_are_read_from_the_package_folder_without_importing_it() -> None:
    import sys

    files = meaning.model_files()
    assert files is not None and all(isinstance(f, Path) and f.is_file() for f in files)
    assert "wordllama" not in sys.modules
