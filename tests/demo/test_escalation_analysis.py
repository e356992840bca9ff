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
from explorer.demo.deploy_principals import cases
from explorer.demo.estate_paths_services import Workloads
from explorer.demo.manifest import DemoManifest, EscalationPath
from explorer.demo.naming import Arns
from explorer.store.reader import open_snapshot
from tests.demo.conftest import CrawledDemo

pytest.importorskip("explorer.iam.techniques")

pytestmark = pytest.mark.moto

BECOMES, HUB, MEMBER = "becomes", "hub", "member"
ESCALATION_RULE = "privilege-escalation"

_SHAPE = [c.expect for c in cases(Arns("000000000000", "us-east-1"), Workloads("", "", "", ""))]
SEEDED = [e.name for e in _SHAPE if isinstance(e, EscalationPath)]
MISSES = [e.name for e in _SHAPE if not isinstance(e, EscalationPath)]
"""Case names (the same in every deploy), one test each."""


@pytest.fixture(scope="module")
def analysis(crawled_demo: CrawledDemo) -> Iterator[Analysis]:
    analysed = analyze(open_snapshot(crawled_demo.snapshot))
    yield analysed
    analysed.estate.close()


@pytest.fixture(scope="module")
def m(crawled_demo: CrawledDemo) -> DemoManifest:
    return crawled_demo.manifest


def becomes(analysis: Analysis, source: str, technique: str, target: str) -> list[dict]:
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


@pytest.mark.parametrize("name", SEEDED)
def test_seeded_path_is_found_hop_by_hop(analysis, m, name):
    missing = [hop for hop in hops(m.escalation(name)) if not becomes(analysis, *hop)]

    assert missing == []


@pytest.mark.parametrize("name", SEEDED)
def test_seeded_path_is_decided_not_conditional(analysis, m, name):
    found = [(hop, becomes(analysis, *hop)) for hop in hops(m.escalation(name))]

    conditional = [hop for hop, edges in found if edges and all(e["conditional"] for e in edges)]

    assert conditional == []


@pytest.mark.parametrize("name", SEEDED)
def test_seeded_principal_has_one_escalation_finding_showing_its_hops(analysis, m, name):
    path = m.escalation(name)
    targets = [hop.target for hop in path.hops if hop.target != f"admin:{m.account_id}"]

    found = escalation_findings(analysis, path.principal)

    assert len(found) == 1
    assert in_order([path.principal, *targets], found[0].path), found[0].path


@pytest.mark.parametrize("name", MISSES)
def test_near_miss_draws_no_becomes_edge(analysis, m, name):
    miss = m.near_miss(name)

    assert becomes(analysis, miss.principal, miss.technique, miss.target) == []


@pytest.mark.parametrize("name", MISSES)
def test_near_miss_principal_is_not_reported_as_escalating(analysis, m, name):
    assert escalation_findings(analysis, m.near_miss(name).principal) == []
