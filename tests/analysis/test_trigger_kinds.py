"""Trigger kinds are data: every `triggers` edge names its declared kind, and rules ask by the
kind, never by the label people read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explorer.analysis import kinds, sources
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.build import build_graph
from tests.analysis.builders import bucket, fn
from tests.analysis.estates import estate, function
from tests.analysis.findings.helpers import estate as findings_estate
from tests.analysis.findings.helpers import function as findings_function
from tests.analysis.findings.helpers import of, run
from tests.analysis.test_triggers import CASES

BY_KEY = {kind.key: kind for kind in sources.trigger_kinds()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_trigger_edge_names_a_declared_kind_and_its_label(case):
    tables, _ = CASES[case]
    g = build_graph(estate(functions=[function("f")], **tables)).g

    edges = [d["evidence"] for _, _, d in g.edges(data=True) if d.get("kind") == kinds.TRIGGERS]

    assert edges
    for evidence in edges:
        declared = BY_KEY[evidence["trigger_kind"]]
        assert evidence["via"] == declared.label


def test_keys_are_unique_and_every_kind_says_how_it_invokes():
    assert len(BY_KEY) == len(sources.trigger_kinds())
    assert {k.invocation for k in sources.trigger_kinds()} <= {
        tk.SYNC, tk.ASYNC, tk.POLL, tk.CARRIES
    }  # fmt: skip
    assert tk.S3_NOTIFICATION.key in sources.asynchronous()
    assert tk.EVENT_SOURCE_MAPPING.key not in sources.asynchronous()


def test_the_failure_destination_rule_asks_by_kind_not_by_label(monkeypatch):
    renamed = replace(tk.S3_NOTIFICATION, label="bucket event (renamed)")
    monkeypatch.setattr(tk, "S3_NOTIFICATION", renamed)
    notification = {"bucket_arn": bucket("in"), "destination_arn": fn("f")}
    est = findings_estate(functions=[findings_function("f")], s3_notifications=[notification])

    [found] = of(run(est), "no-failure-destination")

    assert "bucket event (renamed)" in found.detail
