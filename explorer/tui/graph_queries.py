"""Graph questions the app asks that the analysis layer does not answer (yet): who holds which
access to a node, who can become whom (hubs included), who can reach an administrator, and an
escalation path hop by hop. Pure functions of the graph; each could move down a layer as is.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explorer.analysis import kinds

if TYPE_CHECKING:
    import networkx as nx

Edge = tuple[str, dict[str, Any]]

ACCESS_VERBS = {
    kinds.CONTROLS: "change",
    kinds.WRITES: "write",
    kinds.INVOKES: "invoke",
    kinds.PASSES: "pass",
    kinds.READS: "read",
}
"""Edge kind -> the verb "who can ... this" uses, strongest first."""
VERB_ORDER = tuple(ACCESS_VERBS.values())


@dataclass(frozen=True)
class Holder:
    """A principal (or workload) with access to a node: the verbs, those that hold only under
    conditions the engine could not decide, and the hubs ("every bucket") it holds them through."""

    source: str
    verbs: tuple[str, ...]
    conditional: frozenset[str]
    through: tuple[str, ...]


@dataclass(frozen=True)
class Becoming:
    """One `becomes` edge as seen from one end: the other principal, the edge, and the hub of
    roles it goes through (None: direct)."""

    other: str
    data: dict[str, Any]
    hub: str | None = None


@dataclass(frozen=True)
class Hop:
    """One step of an escalation path: from, to (past any hub of roles), and the edge."""

    source: str
    target: str
    data: dict[str, Any]


def _kind(g: nx.MultiDiGraph, node: str) -> Any:
    return g.nodes[node].get("kind")


def _in(g: nx.MultiDiGraph, node: str, wanted: frozenset[str] | set[str]) -> list[tuple]:
    return [(u, d) for u, _, d in g.in_edges(node, data=True) if d.get("kind") in wanted]


def hubs_of(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The hubs standing for the node ("every bucket", "19 roles named x*")."""
    return [u for u, _ in _in(g, node, {kinds.MEMBER}) if _kind(g, u) == kinds.HUB]


def who_can(g: nx.MultiDiGraph, node: str) -> list[Holder]:
    """Everyone with a change/write/invoke/pass/read edge to the node, directly or through a
    hub standing for it; strongest access first, then by name."""
    verbs: dict[str, dict[str, bool]] = {}
    through: dict[str, list[str]] = {}
    for target in (node, *hubs_of(g, node)):
        for source, data in _in(g, target, set(ACCESS_VERBS)):
            verb = ACCESS_VERBS[data["kind"]]
            held = verbs.setdefault(source, {})
            held[verb] = held.get(verb, True) and bool(data.get("conditional"))
            if target != node and target not in through.setdefault(source, []):
                through[source].append(target)
    holders = [
        Holder(source, tuple(v for v in VERB_ORDER if v in held),
               frozenset(v for v, cond in held.items() if cond), tuple(through.get(source, ())))
        for source, held in verbs.items()
    ]  # fmt: skip
    return sorted(holders, key=lambda h: (VERB_ORDER.index(h.verbs[0]), _name(g, h.source)))


def _name(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("name") or node).lower()


def becomes_out(g: nx.MultiDiGraph, node: str) -> list[Becoming]:
    """The principals (or hubs of roles, or the account's administrator) the node can become."""
    return [Becoming(v, d) for _, v, d in g.out_edges(node, data=True)
            if d.get("kind") == kinds.BECOMES]  # fmt: skip


def becomes_in(g: nx.MultiDiGraph, node: str) -> list[Becoming]:
    """The principals that can become the node, directly or through a hub of roles."""
    found = [Becoming(u, d) for u, d in _in(g, node, {kinds.BECOMES})]
    for hub in hubs_of(g, node):
        found += [Becoming(u, d, hub) for u, d in _in(g, hub, {kinds.BECOMES})]
    return found


def _is_admin(g: nx.MultiDiGraph, node: str) -> bool:
    attrs = g.nodes[node]
    return attrs.get("kind") == kinds.ADMIN or attrs.get("admin") == "yes"


def admin_reachers(g: nx.MultiDiGraph) -> set[str]:
    """Every node that can become an administrator (the account's, or an admin-equivalent
    principal) over `becomes` edges, any number of hops: one search backwards from them all."""
    start = [n for n in g.nodes if _is_admin(g, n)]
    seen, queue = set(start), deque(start)
    while queue:
        node = queue.popleft()
        for prev, _, data in g.in_edges(node, data=True):
            kind = data.get("kind")
            hub = kind == kinds.MEMBER and _kind(g, prev) == kinds.HUB
            if (kind == kinds.BECOMES or hub) and prev not in seen:
                seen.add(prev)
                queue.append(prev)
    return {n for n in seen if not _is_admin(g, n) and _kind(g, n) != kinds.HUB}


def escalation_hops(g: nx.MultiDiGraph, source: str, target: str) -> list[Hop] | None:
    """The shortest `becomes` path from source to target, one hop per edge (a hub of roles
    folded into the role the path goes on to); None when the target is out of reach."""
    from explorer.analysis.escalation import becomes_parents

    parents = becomes_parents(g, source)
    if target not in parents or target == source:
        return None
    nodes, edges = [target], []
    while (step := parents[nodes[-1]]) is not None:
        nodes.append(step[0])
        edges.append(step[1])
    nodes.reverse()
    edges.reverse()
    hops = []
    for index, data in enumerate(edges):
        if data.get("kind") == kinds.BECOMES:
            landing = index + 1
            while landing + 1 < len(nodes) and _kind(g, nodes[landing]) == kinds.HUB:
                landing += 1
            hops.append(Hop(nodes[index], nodes[landing], data))
    return hops
