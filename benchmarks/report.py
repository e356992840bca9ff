"""Figures and their presentation: the JSON document, a Markdown table, the machine it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figure:
    """One measured figure; `holds` is None when it has no budget or could not be measured."""

    name: str
    value: float | None
    unit: str
    budget: float | None = None
    note: str = ""

    @property
    def holds(self) -> bool | None:
        if self.budget is None or self.value is None:
            return None
        return self.value <= self.budget

    def as_dict(self) -> dict[str, Any]:
        found = asdict(self)
        value = found["value"]
        found["value"] = round(value, 4) if isinstance(value, float) else value
        found["holds"] = self.holds
        if not self.note:
            del found["note"]
        return found


def machine() -> dict[str, Any]:
    """What the figures ran on (the machine is shared: the load average says how busy it was)."""
    return {
        "cpu": _cpu_model(),
        "cores": len(os.sched_getaffinity(0)),
        "memory_gb": _memory_gb(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--", "explorer")),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.strip()


def markdown(figures: list[Figure]) -> str:
    """The figures as a Markdown table (value, budget, holds, note)."""
    lines = ["| figure | value | budget | holds | note |", "| --- | --- | --- | --- | --- |"]
    for f in figures:
        value = "n/a" if f.value is None else f"{_number(f.value)} {f.unit}"
        budget = "" if f.budget is None else f"≤ {_number(f.budget)} {f.unit}"
        holds = {True: "yes", False: "**no**", None: ""}[f.holds]
        lines.append(f"| {f.name} | {value} | {budget} | {holds} | {f.note} |")
    return "\n".join(lines)


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"
