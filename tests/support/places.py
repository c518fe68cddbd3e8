"""Where the tests find the project, its shipped store, the small test store and the source documents."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data" / "facts.yaml"
MINI = Path(__file__).resolve().parent / "mini_store.yaml"
# Beside the project, not in it: the tests that read them skip where they are absent.
SOURCES_DIR = REPO.parent / "shared" / "sources"


def benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module (it imports its neighbours from that folder)."""
    import importlib.util
    import sys

    folder = str(REPO / "benchmarks")
    if folder not in sys.path:
        sys.path.append(folder)
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
