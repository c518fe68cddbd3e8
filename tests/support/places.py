"""Where the tests find the project, its shipped store, the small test store and the source documents."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data" / "facts.yaml"
MINI = Path(__file__).resolve().parent / "mini_store.yaml"
# Beside the project, not in it: the tests that read them skip where they are absent.
SOURCES_DIR = REPO.parent / "shared" / "sources"
