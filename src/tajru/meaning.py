"""Meaning as vectors: WordLlama's static token embeddings, averaged over a text's tokens, then normalised.

The model's files ship inside the `wordllama` wheel (a 32,000-token Llama tokenizer and a
256-dimension embedding table); tajru reads them from the package's folder and never
imports the package, which can download and which loads pydantic. Nothing here opens a
network connection.

Records are embedded once, when the search index is built, with the `tokenizers` library
and numpy. A question is embedded on every search: its few tokens are found by the same
byte-pair encoding written out here, over lookup tables kept in the cache (index.model),
so a search loads neither library.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import struct
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DIMENSIONS = 256
MODEL = "wordllama l2_supercat_256"
_HALF = struct.Struct(f"<{DIMENSIONS}e")  # a vector as 256 half-precision floats
# Above this many multiplications, numpy is worth its import.
_NUMPY_FROM = 2_000_000


def model_files() -> tuple[Path, Path] | None:
    """The tokenizer and the embedding weights inside the installed wordllama package, if it is there."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    files = (
        folder / "tokenizers" / "l2_supercat_tokenizer_config.json",
        folder / "weights" / "l2_supercat_256.safetensors",
    )
    return files if all(f.is_file() for f in files) else None


def read_weights(path: Path) -> tuple[int, bytes]:
    """(rows, the rows' bytes as float16) of the one tensor in a safetensors file, read by its header."""
    raw = path.read_bytes()
    size = struct.unpack_from("<Q", raw)[0]
    header = json.loads(raw[8 : 8 + size])
    (name,) = [k for k in header if k != "__metadata__"]
    tensor = header[name]
    assert tensor["dtype"] == "F16" and tensor["shape"][1] == DIMENSIONS, tensor
    begin, end = tensor["data_offsets"]
    return tensor["shape"][0], raw[8 + size + begin : 8 + size + end]


def tokenizer_tables(path: Path) -> tuple[dict[str, int], list[str]]:
    """The tokenizer's vocabulary (token -> id) and its merges in rank order ('▁ t' first)."""
    model = json.loads(path.read_text(encoding="utf-8"))["model"]
    assert model["type"] == "BPE" and model["byte_fallback"], "an unexpected tokenizer"
    merges = [m if isinstance(m, str) else " ".join(m) for m in model["merges"]]
    return model["vocab"], merges


Ranks = Callable[[Sequence[tuple[str, str]]], dict[tuple[str, str], int]]


def token_ids(text: str, ids: Callable[[Sequence[str]], dict[str, int]], ranks: Ranks) -> list[int]:
    """The Llama tokenizer's ids for a text, as the `tokenizers` library gives them.

    SentencePiece-style BPE: spaces become '▁' and one is put in front; each character is a
    token, or its UTF-8 bytes as <0xNN> tokens when it is not in the vocabulary; then the
    adjacent pair with the lowest merge rank is merged, leftmost first, until none is left.
    """
    if not text:
        return []
    chars = "▁" + text.replace(" ", "▁")
    vocabulary = ids(sorted(set(chars)))
    symbols: list[str] = []
    for ch in chars:
        symbols += [ch] if ch in vocabulary else [f"<0x{b:02X}>" for b in ch.encode("utf-8")]
    known: dict[tuple[str, str], int] = {}
    while len(symbols) > 1:
        pairs = list(zip(symbols, symbols[1:], strict=False))
        unseen = [p for p in dict.fromkeys(pairs) if p not in known]
        if unseen:
            found = ranks(unseen)
            known.update({p: found.get(p, -1) for p in unseen})
        ranked = [(known[p], i) for i, p in enumerate(pairs) if known[p] >= 0]
        if not ranked:
            break
        _, i = min(ranked)
        symbols[i : i + 2] = [symbols[i] + symbols[i + 1]]
    final = ids(symbols)
    return [final[s] for s in symbols if s in final]


def average(rows: Sequence[bytes]) -> bytes | None:
    """The normalised mean of token vectors (float16 bytes), as float16 bytes; None for no tokens."""
    if not rows:
        return None
    total = [0.0] * DIMENSIONS
    for row in rows:
        for i, value in enumerate(_HALF.unpack(row)):
            total[i] += value
    norm = math.sqrt(sum(v * v for v in total))
    return _HALF.pack(*(v / norm for v in total)) if norm else None


# A record's vector is kept as bytes, each component times SCALE: a normalised vector of this model has
# no component past 0.26, and 127 / SCALE = 0.3175. A quarter of float32's size, and read for a search
# of a large store many times faster than half precision, which numpy converts in software.
SCALE = 400.0
_BYTES = struct.Struct(f"<{DIMENSIONS}b")


def vectors(texts: Sequence[str]) -> list[bytes] | None:
    """Each text's normalised vector as SCALEd bytes, in one batch; None when the model is not installed."""
    files = model_files()
    if files is None:
        return None
    import numpy as np

    tokenizer, table = _loaded(files)
    out = []
    for encoding in tokenizer.encode_batch(list(texts), add_special_tokens=False):
        if not encoding.ids:
            out.append(bytes(DIMENSIONS))
            continue
        mean = table[encoding.ids].astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        unit = mean / norm if norm else mean
        out.append(np.clip(np.rint(unit * SCALE), -127, 127).astype(np.int8).tobytes())
    return out


def rows_of(found: Sequence[bytes]) -> Any:
    """Vectors as vectors() keeps them, as a numpy matrix of float32 rows (each of norm about 1)."""
    import numpy as np

    return (
        np.frombuffer(b"".join(found), dtype=np.int8).reshape(len(found), DIMENSIONS).astype(np.float32)
        / SCALE
    )


@functools.cache
def _loaded(files: tuple[Path, Path]) -> tuple[Any, Any]:
    """The tokenizer and the embedding table, loaded once a process."""
    import numpy as np
    from tokenizers import Tokenizer

    count, raw = read_weights(files[1])
    return Tokenizer.from_file(str(files[0])), np.frombuffer(raw, dtype="<f2").reshape(count, DIMENSIONS)


def similarities(
    query: bytes, matrix: bytes, rows: Sequence[int] | None = None, limit: int | None = None
) -> list[tuple[int, float]]:
    """(row, cosine with the query) of the chosen rows of a matrix of vectors as vectors() keeps them (all
    rows with None), nearest first, the first `limit` of them: in plain Python for a few rows, with
    numpy for many."""
    count = len(matrix) // _BYTES.size
    chosen = range(count) if rows is None else rows
    if len(chosen) * DIMENSIONS < _NUMPY_FROM:
        q = [v / SCALE for v in _HALF.unpack(query)]
        found = [
            (r, sum(a * b for a, b in zip(q, _BYTES.unpack_from(matrix, r * _BYTES.size), strict=True)))
            for r in chosen
        ]
        return sorted(found, key=lambda rs: -rs[1])[:limit]
    import numpy as np

    table = np.frombuffer(matrix, dtype=np.int8).reshape(count, DIMENSIONS)
    picked = np.arange(count) if rows is None else np.asarray(rows, dtype=np.int64)
    q32 = np.frombuffer(query, dtype="<f2").astype(np.float32) / SCALE
    step = 1 << 16  # rows converted at a time, so that memory holds a slice, not the whole matrix
    scores = np.concatenate(
        [table[picked[i : i + step]].astype(np.float32) @ q32 for i in range(0, len(picked), step)]
    )
    if limit is not None and limit < len(scores):
        top = np.argpartition(-scores, limit)[:limit]
        order = top[np.argsort(-scores[top], kind="stable")]
    else:
        order = np.argsort(-scores, kind="stable")
    return list(zip(picked[order].tolist(), scores[order].tolist(), strict=True))
