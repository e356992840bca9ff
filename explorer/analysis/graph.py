"""The estate as a networkx MultiDiGraph: node id = ARN, edges of the kinds in DESIGN §5.

Builders add nodes and edges through `EstateGraph`, which resolves the many spellings of one
resource (qualified function ARNs, DynamoDB stream ARNs, `:*` log group ARNs) to one node id, and
creates a placeholder node (`known=False`) for ARNs outside the snapshot, such as another
account's queue.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import networkx as nx

from explorer.analysis import kinds, sources

SERVICE_KIND = {
    ("lambda", "function"): kinds.FUNCTION,
    ("s3", ""): kinds.BUCKET,
    ("sqs", ""): kinds.QUEUE,
    ("sns", ""): kinds.TOPIC,
    ("dynamodb", "table"): kinds.TABLE,
    ("kinesis", "stream"): kinds.STREAM,
    ("states", "stateMachine"): kinds.STATE_MACHINE,
    ("events", "event-bus"): kinds.EVENT_BUS,
    ("events", "rule"): kinds.EVENT_RULE,
    ("cognito-idp", "userpool"): kinds.USER_POOL,
    ("cognito-identity", "identitypool"): kinds.IDENTITY_POOL,
    ("logs", "log-group"): kinds.LOG_GROUP,
    ("iam", "role"): kinds.ROLE,
    ("iam", "user"): kinds.USER,
    ("iam", "group"): kinds.GROUP,
}
"""(service, resource type) of an ARN -> node kind, for placeholder nodes (with the kinds the
trigger sources declare, `sources.arn_kinds()`)."""


def kind_of_arn(arn: str) -> str:
    """The node kind an ARN names, `external` when unknown."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return kinds.EXTERNAL
    service, resource = parts[2], parts[5]
    rtype = (
        resource.split("/", 1)[0].split(":", 1)[0] if ("/" in resource or ":" in resource) else ""
    )
    declared = sources.arn_kinds()
    return (
        SERVICE_KIND.get((service, rtype))
        or declared.get((service, rtype))
        or SERVICE_KIND.get((service, ""), kinds.EXTERNAL)
    )


@lru_cache(maxsize=1 << 18)
def canonical(arn: str) -> str:
    """One id per resource: strip function qualifiers, stream suffixes and `:*` log group ends."""
    if "#" in arn:  # a synthetic child id such as a function URL
        return arn
    parts = arn.split(":")
    if len(parts) >= 7 and parts[2] == "lambda" and parts[5] == "function":
        return ":".join(parts[:7])
    if len(parts) >= 6 and parts[2] == "dynamodb" and "/stream/" in parts[5]:
        return ":".join([*parts[:5], parts[5].split("/stream/", 1)[0]])
    if parts[2:3] == ["logs"] and arn.endswith(":*"):
        return arn[:-2]
    return arn


class EstateGraph:
    """A MultiDiGraph with helpers that keep node ids canonical.

    Builders add about three nodes and seven edges per function, so nodes and edges are
    written into networkx's dicts directly (`_node`, `_succ`/`_pred` with one key dict shared
    by both directions of a node pair, exactly as `add_node`/`add_edge` do) instead of paying
    for their generality: a third of the build time at 10,000 functions. Nothing is computed
    on the graph while it is built, so networkx's algorithm cache has nothing to drop.
    `tests/analysis/test_graph.py` holds the two to the same result.
    """

    def __init__(self) -> None:
        self.g: nx.MultiDiGraph = nx.MultiDiGraph()
        self._nodes: dict[str, dict[str, Any]] = self.g._node
        self._succ: dict[str, dict[str, dict[int, dict[str, Any]]]] = self.g._succ
        self._pred: dict[str, dict[str, dict[int, dict[str, Any]]]] = self.g._pred

    def node(self, node_id: str, kind: str, name: str | None = None, **attrs: Any) -> str:
        """Add (or enrich) a node; returns its id."""
        node_id = canonical(node_id)
        current = self._nodes.get(node_id)
        if current is None:
            self._add(node_id, {"kind": kind, "name": name or short_name(node_id), "known": True})
            self._nodes[node_id].update(attrs)
        elif not current.get("known", True):
            current.update(kind=kind, name=name or short_name(node_id), known=True, **attrs)
        else:
            current.update(attrs)
        return node_id

    def _add(self, node_id: str, attrs: dict[str, Any]) -> None:
        """A new node, written as `MultiDiGraph.add_node` would."""
        self._succ[node_id] = {}
        self._pred[node_id] = {}
        self._nodes[node_id] = attrs

    def ensure(self, arn: str) -> str:
        """The node for an ARN, created as an unknown placeholder if the snapshot lacks it."""
        node_id = canonical(arn)
        if node_id not in self._nodes:
            kind = kind_of_arn(node_id)
            self._add(node_id, {"kind": kind, "name": short_name(node_id), "known": False})
        return node_id

    def edge(
        self,
        src: str,
        dst: str,
        kind: str,
        conditional: bool = False,
        trust: str | None = None,
        only: tuple[str, ...] = (),
        **evidence: Any,
    ) -> None:
        """Add an edge between two ARNs (or synthetic ids); `evidence` explains it to people.

        `trust` is set on `exposes` edges: the level of the callers it lets in; `only`, what
        narrows them ("from 203.0.113.7/32").
        """
        attrs: dict[str, Any] = {"kind": kind, "conditional": conditional, "evidence": evidence}
        if trust is not None:
            attrs["trust"] = trust
        if only:
            attrs["only"] = list(only)
        if src not in self._nodes:  # node ids are canonical: a known id needs no rewriting
            src = self.ensure(src)
        if dst not in self._nodes:
            dst = self.ensure(dst)
        keys = self._succ[src].get(dst)
        if keys is None:
            keys = self._succ[src][dst] = self._pred[dst][src] = {}
        key = len(keys)
        while key in keys:
            key += 1
        keys[key] = attrs

    def fan_out(self, src: str, members: list[str], kind: str) -> None:
        """Evidence-free edges from one known node to many (a hub to what it stands for)."""
        for member in members:
            if member in self._nodes and src in self._nodes and member not in self._succ[src]:
                keys = self._succ[src][member] = self._pred[member][src] = {}
                keys[0] = {"kind": kind, "conditional": False, "evidence": {}}
            else:
                self.edge(src, member, kind)


def short_name(node_id: str) -> str:
    """A readable name from an id: the last path or colon segment of an ARN."""
    if not node_id.startswith("arn:"):
        return node_id
    resource = node_id.split(":", 5)[-1]
    return resource.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or resource
