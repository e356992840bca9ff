"""`analyze`: one call from a snapshot file to estate, graph and inputs, reporting each step."""

from __future__ import annotations

from explorer.analysis.analyze import STEPS, analyze
from explorer.store.reader import open_snapshot
from explorer.store.writer import SnapshotWriter

FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f"
META = {"account": "123456789012", "regions": ["us-east-1"], "finished": "2026-01-02T03:04:05"}


def test_analyze_reports_each_step_in_order_and_returns_the_graph(tmp_path):
    with SnapshotWriter(tmp_path) as writer:
        writer.add("functions", [{"arn": FUNCTION, "name": "f", "raw": {}}])
        path = writer.finish(META, [])
    heard: list[str] = []

    analysis = analyze(open_snapshot(path), progress=heard.append)

    assert heard == list(STEPS)
    assert analysis.graph.nodes[FUNCTION]["name"] == "f"
    assert analysis.inputs == {}
