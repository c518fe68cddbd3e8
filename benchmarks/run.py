"""Time tajru against the floor the stack itself costs, side by side in one run.

The floor is `python -c "import typer, rich.console, rich.table"` in the same environment.
Each case alternates floor and command runs and compares medians, so machine load hits
both alike. Prints one line per goal with its ratio and whether it is met.

    python benchmarks/run.py            # shipped store, then synthetic 1k, 10k, 100k
    python benchmarks/run.py --quick    # shipped store and 10k only
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import ROOT, synthetic  # noqa: E402

FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table"]
TAJRU = [sys.executable, "-m", "tajru"]


def _once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def ratio(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """(command median, floor median, ratio), after one untimed run to warm caches."""
    _once(TAJRU + args, env)
    floor, command = [], []
    for _ in range(runs):
        floor.append(_once(FLOOR, env))
        command.append(_once(TAJRU + args, env))
    f, c = statistics.median(floor), statistics.median(command)
    return c, f, c / f


def report(label: str, args: list[str], env: dict[str, str], goal: float, runs: int) -> None:
    c, f, r = ratio(args, env, runs)
    verdict = "met" if r <= goal else "NOT MET"
    print(f"{label:<58} {c * 1000:7.1f} ms  floor {f * 1000:6.1f} ms  {r:5.2f}x  (goal {goal}x: {verdict})")


def compile_ratio(store: Path, env: dict[str, str]) -> None:
    """First compile of a store against parsing the same file with PyYAML's C loader alone."""
    import yaml

    text = store.read_text(encoding="utf-8")
    start = time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)
    parse = time.perf_counter() - start
    cold = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp()}
    start = time.perf_counter()
    subprocess.run(TAJRU + ["quote", "putin", "--json"], env=cold, stdout=subprocess.DEVNULL, check=True)
    first = time.perf_counter() - start
    verdict = "met" if first / parse <= 1.5 else "NOT MET"
    print(
        f"{'compile ' + store.name + ' (first run vs C-loader parse)':<58} {first * 1000:7.0f} ms  "
        f"parse {parse * 1000:6.0f} ms  {first / parse:5.2f}x  (goal 1.5x: {verdict})"
    )


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 11 if quick else 21
    env = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(), "TAJRU_DATA": ""}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {runs} alternating runs per case")
    report("shipped: tajru quote putin", ["quote", "putin"], env, 1.15, runs)
    report("shipped: tajru quote putin --json", ["quote", "putin", "--json"], env, 0.9, runs)
    work = Path(tempfile.mkdtemp())
    real = (ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")
    for size in [10_000] if quick else [1_000, 10_000, 100_000]:
        store = work / f"synthetic-{size // 1000}k.yaml"
        store.write_text(synthetic(real, size), encoding="utf-8")
        senv = {**env, "TAJRU_DATA": str(store)}
        compile_ratio(store, senv)
        report(f"{size // 1000}k: tajru quote putin --json", ["quote", "putin", "--json"], senv, 1.5, runs)
        report(
            f"{size // 1000}k: tajru facts --topic energy --year 2005 --json",
            ["facts", "--topic", "energy", "--year", "2005", "--json"],
            senv,
            1.5,
            runs,
        )


if __name__ == "__main__":
    main()
