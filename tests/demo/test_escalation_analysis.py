"""The analysis against the demo's escalation manifest: every seeded path is found hop by hop
with its technique, and no near miss is flagged.

Runs once the technique catalogue (`explorer.iam.techniques`, issue 12) exists. It reads the
graph's `becomes` edges (evidence `technique`, per the issue's contract) and the findings of
rule `privilege-escalation`, one per escalating principal, whose path shows the hops.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.analysis.analyze import Analysis, analyze
from explorer.demo.manifest import DemoManifest, EscalationPath
from explorer.store.reader import open_snapshot
from tests.demo.conftest import CrawledDemo

pytest.importorskip("explorer.iam.techniques")

pytestmark = pytest.mark.moto

BECOMES, HUB, MEMBER = "becomes", "hub", "member"
ESCALATION_RULE = "privilege-escalation"


@pytest.fixture(scope="module")
def analysis(crawled_demo: CrawledDemo) -> Iterator[Analysis]:
    analysed = analyze(open_snapshot(crawled_demo.snapshot))
    yield analysed
    analysed.estate.close()


@pytest.fixture(scope="module")
def m(crawled_demo: CrawledDemo) -> DemoManifest:
    return crawled_demo.manifest


def becomes(analysis: Analysis, source: str, target: str, technique: str) -> list[dict]:
    """The `becomes` edges from source that carry the technique and reach target: directly,
    or through a hub node that stands for many principals (DESIGN §5), target among them."""
    g = analysis.graph
    found = []
    for _, reached, edge in g.out_edges(source, data=True):
        evidence = edge.get("evidence") or {}
        if edge.get("kind") != BECOMES or evidence.get("technique") != technique:
            continue
        if reached == target or _member(g, reached, target):
            found.append(edge)
    return found


def _member(g, hub: str, target: str) -> bool:
    if g.nodes[hub].get("kind") != HUB:
        return False
    return any(e.get("kind") == MEMBER for e in (g.get_edge_data(hub, target) or {}).values())


def hops(path: EscalationPath) -> Iterator[tuple[str, str, str]]:
    """(source, technique, target) of each hop, each source the previous hop's target."""
    source = path.principal
    for hop in path.hops:
        yield source, hop.technique, hop.target
        source = hop.target


def escalation_findings(analysis: Analysis, principal: str) -> list:
    return [f for f in analysis.findings if f.rule == ESCALATION_RULE and f.resource == principal]


def in_order(wanted: list[str], path: tuple[str, ...]) -> bool:
    """Whether `wanted` appears in `path` in that order (other nodes may stand between)."""
    rest = iter(path)
    return all(node in rest for node in wanted)


def test_every_seeded_hop_is_a_becomes_edge_with_its_technique(analysis, m):
    missing = [
        (path.name, source, technique, target)
        for path in m.escalations
        for source, technique, target in hops(path)
        if not becomes(analysis, source, target, technique)
    ]

    assert missing == []


def test_seeded_hops_are_decided_not_conditional(analysis, m):
    found = [
        (path.name, technique, becomes(analysis, source, target, technique))
        for path in m.escalations
        for source, technique, target in hops(path)
    ]

    conditional = [
        (name, t) for name, t, edges in found if edges and all(e["conditional"] for e in edges)
    ]

    assert conditional == []


def test_every_seeded_principal_has_one_escalation_finding_showing_its_hops(analysis, m):
    admin = f"admin:{m.account_id}"
    wrong = []
    for path in m.escalations:
        found = escalation_findings(analysis, path.principal)
        targets = [hop.target for hop in path.hops if hop.target != admin]
        if len(found) != 1 or not in_order([path.principal, *targets], found[0].path):
            wrong.append((path.name, [f.path for f in found]))

    assert wrong == []


def test_no_near_miss_draws_its_becomes_edge(analysis, m):
    drawn = [n.name for n in m.near_misses if becomes(analysis, n.principal, n.target, n.technique)]

    assert drawn == []


def test_no_near_miss_principal_is_reported_as_escalating(analysis, m):
    flagged = [n.name for n in m.near_misses if escalation_findings(analysis, n.principal)]

    assert flagged == []
