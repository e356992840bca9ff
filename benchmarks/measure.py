"""Running one figure of `figures.py` in a fresh Python process, and the cold load's median.

`run.py` and `scaling.py` both measure this way; the measurement lives here so that neither
imports the other.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

FIGURES_PY = Path(__file__).resolve().with_name("figures.py")


def progress(message: str) -> None:
    """A line on stderr, so a long run shows where it is."""
    print(f"[benchmarks] {message}", file=sys.stderr, flush=True)


def measure(figure: str, snapshot: Path, runs: int, timeout: float | None = None) -> dict[str, Any]:
    """One figure in a fresh Python process (clean timings and peak RSS)."""
    command = [sys.executable, str(FIGURES_PY), figure, str(snapshot), "--runs", str(runs)]
    progress(f"{figure} ({runs} run{'s' if runs > 1 else ''})")
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timed_out": timeout}
    if done.returncode != 0:
        raise RuntimeError(f"figure {figure} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_load(snapshot: Path, runs: int) -> dict[str, Any]:
    """Load + graph build, one cold process per run; the median of each value."""
    samples = [measure("load_graph", snapshot, 1) for _ in range(runs)]
    steps = {
        k: statistics.median(s["steps"].get(k, 0.0) for s in samples) for k in samples[0]["steps"]
    }
    return {**{k: median_of(samples, k) for k in samples[0]}, "steps": steps}


def median_of(samples: list[dict[str, Any]], key: str) -> Any:
    """The median of a key over runs (numbers only); the first run's value otherwise."""
    values = [s.get(key) for s in samples]
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return statistics.median(numbers) if numbers else values[0]
