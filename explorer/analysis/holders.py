"""Who holds access to a node: every principal (or workload) with a change, write, invoke,
pass or read edge to it, directly or through a hub standing for it ("every bucket"). The
edge-level answer the app shows on a resource; `who_can` decides one action with the engine."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.escalation import hubs_of

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


def access_holders(g: nx.MultiDiGraph, node: str) -> list[Holder]:
    """Everyone with a change/write/invoke/pass/read edge to the node, directly or through a
    hub standing for it; strongest access first, then by name."""
    verbs: dict[str, dict[str, bool]] = {}
    through: dict[str, list[str]] = {}
    for target in (node, *hubs_of(g, node)):
        for source, _, data in g.in_edges(target, data=True):
            verb = ACCESS_VERBS.get(data.get("kind"))
            if verb is None:
                continue
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


def senders(g: nx.MultiDiGraph, origin: str, entry: str) -> tuple[bool, list[str]]:
    """Who an account-wide grant lets put data into an entry: whether it is every principal
    of the account (a grant to `*` needs no IAM grant), and those whose own grants write or
    invoke it (directly or through a hub standing for it), who are all there is when the grant
    names the account's root and so leaves the decision to IAM."""
    grants = [d for d in (g.get_edge_data(origin, entry) or {}).values()
              if d.get("kind") == kinds.EXPOSES]  # fmt: skip
    every = any(not d["evidence"].get("delegated") for d in grants)
    holders = [h.source for h in access_holders(g, entry) if {"write", "invoke"} & set(h.verbs)]
    return every, holders
