"""IAM edges: what each principal (role, user, group) may write, read, invoke, control and pass.

Per principal, only the handful of actions that move data or control are evaluated (not whole
services). A grant on every resource of a type, with no Deny, boundary or condition singling
resources out, becomes one edge to that type's hub ("every bucket in the account"); anything
narrower becomes explicit edges. So a wildcard role shared by many functions stays a few edges.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from explorer.analysis import kinds, sources
from explorer.analysis.estate import EstateRows
from explorer.analysis.graph import EstateGraph
from explorer.analysis.identities import CompiledPrincipal, signature
from explorer.iam import PrincipalPolicies, ResourceIndex
from explorer.iam.bulk import evaluate_resources
from explorer.iam.context import Partial
from explorer.iam.permissions import grants_for_action

ACCESS = {
    kinds.WRITES: {
        kinds.BUCKET: ("s3:PutObject",),
        kinds.QUEUE: ("sqs:SendMessage",),
        kinds.TOPIC: ("sns:Publish",),
        kinds.TABLE: ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"),
        kinds.STREAM: ("kinesis:PutRecord", "kinesis:PutRecords"),
        kinds.EVENT_BUS: ("events:PutEvents",),
        kinds.STATE_MACHINE: ("states:StartExecution",),
    },
    kinds.READS: {
        kinds.BUCKET: ("s3:GetObject",),
        kinds.QUEUE: ("sqs:ReceiveMessage",),
        kinds.TABLE: ("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"),
        kinds.STREAM: ("kinesis:GetRecords",),
        kinds.LOG_GROUP: ("logs:GetLogEvents", "logs:FilterLogEvents"),
        kinds.FUNCTION: ("lambda:GetFunctionConfiguration", "lambda:GetFunction"),
    },
    kinds.INVOKES: {kinds.FUNCTION: ("lambda:InvokeFunction",)},
    kinds.CONTROLS: {
        kinds.FUNCTION: ("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration")
    },
    kinds.PASSES: {kinds.ROLE: ("iam:PassRole",)},
}
"""edge kind -> target node kind -> the actions that make such an edge (the built-in kinds;
`access_map()` adds the declared ones)."""

HUB_LABEL = {
    kinds.BUCKET: "every bucket",
    kinds.QUEUE: "every queue",
    kinds.TOPIC: "every topic",
    kinds.TABLE: "every table",
    kinds.STREAM: "every stream",
    kinds.EVENT_BUS: "every event bus",
    kinds.STATE_MACHINE: "every state machine",
    kinds.LOG_GROUP: "every log group",
    kinds.FUNCTION: "every function",
    kinds.ROLE: "every role",
}


@cache
def access_map() -> dict[str, dict[str, tuple[str, ...]]]:
    """`ACCESS` with the node kinds the trigger sources declare with `writes` or `reads`
    actions (`sources.NodeKind`): a delivery stream is written as a queue is."""
    found = {edge_kind: dict(targets) for edge_kind, targets in ACCESS.items()}
    for node in sources.node_kinds():
        for edge_kind, actions in ((kinds.WRITES, node.writes), (kinds.READS, node.reads)):
            if actions:
                found[edge_kind][node.kind] = actions
    return found


@cache
def access_actions() -> frozenset[str]:
    """Every action of `access_map()`, lower case (what decides a principal's access edges)."""
    return frozenset(
        action.lower()
        for targets in access_map().values()
        for acts in targets.values()
        for action in acts
    )


@cache
def hub_labels() -> dict[str, str]:
    """Node kind -> its hub's name: `HUB_LABEL`, and "every <label>" for the declared kinds
    principals may write or read."""
    declared = {n.kind: f"every {n.label}" for n in sources.node_kinds() if n.writes or n.reads}
    return {**HUB_LABEL, **declared}


def hub_id(kind: str) -> str:
    return f"hub:{kind}"


@dataclass
class _Edge:
    actions: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    conditional: bool = True


def add_access(
    graph: EstateGraph,
    estate: EstateRows,
    principals: dict[str, CompiledPrincipal],
    at: Partial | None = None,
) -> Hubs:
    """Execution-role and group-membership edges, then every principal's data and control
    edges (a user's include its groups' grants), decided once per `signature` (users of one
    group share them); the hubs made, for later edge families."""
    for row in estate.rows("functions"):
        if row.get("role_arn"):
            graph.edge(row["arn"], row["role_arn"], kinds.ASSUMES, via="execution role")
    for row in estate.rows("state_machines"):
        if row.get("role_arn"):
            graph.edge(row["arn"], row["role_arn"], kinds.ASSUMES, via="execution role")
    for arn, compiled in principals.items():
        for group in compiled.groups:
            graph.edge(arn, group, kinds.IN_GROUP)
    hubs = Hubs(graph, Targets.of(graph))
    memo: dict[tuple, list[tuple[str, str, _Edge]]] = {}
    for arn, compiled in principals.items():
        _note_gaps(graph, arn, compiled)
        key = signature(compiled, access_actions())
        found = memo.get(key) if key is not None else None
        if found is None:
            found = _principal_edges(compiled.principal, hubs, at)
            if key is not None:
                memo[key] = found
        for edge_kind, target, edge in found:
            graph.edge(arn, target, edge_kind, conditional=edge.conditional,
                       actions=sorted(edge.actions),
                       statements=sorted(edge.statements))  # fmt: skip
    return hubs


@dataclass
class Targets:
    """Resources per node kind, indexed for bulk evaluation (buckets as `bucket/*`: objects)."""

    members: dict[str, list[str]]
    indexes: dict[str, ResourceIndex]
    node_of: dict[str, str]
    bucket_set: frozenset[str] = frozenset()

    @classmethod
    def of(cls, graph: EstateGraph) -> Targets:
        members: dict[str, list[str]] = {}
        labels = hub_labels()
        for node, attrs in graph.g.nodes(data=True):
            if attrs.get("known") and attrs.get("kind") in labels:
                members.setdefault(attrs["kind"], []).append(node)
        node_of = {_probe_of(kind, n): n for kind, nodes in members.items() for n in nodes}
        indexes = {kind: ResourceIndex(_probe_of(kind, n) for n in nodes)
                   for kind, nodes in members.items()}  # fmt: skip
        return cls(members, indexes, node_of, frozenset(members.get(kinds.BUCKET, ())))


def _probe_of(kind: str, node: str) -> str:
    """What a grant must cover for an edge: for a bucket, the objects inside it."""
    return f"{node}/*" if kind == kinds.BUCKET else node


HUB_MIN = 10
"""Grants covering at least this many resources of a type go through a shared hub node."""


class Hubs:
    """One hub per distinct set of resources that grants cover, shared by every role with it.

    The set of all resources of a type is "every bucket"; a smaller set (a prefix wildcard, or
    everything but what a Deny carves out) gets its own hub. Roles with the same templated
    policy share one hub, so edges stay near-linear in the account's size.
    """

    def __init__(self, graph: EstateGraph, targets: Targets) -> None:
        self.graph, self.targets = graph, targets
        self._ids: dict[tuple[str, frozenset[int]], str] = {}

    def node_for(self, kind: str, positions: frozenset[int]) -> str:
        key = (kind, positions)
        if key not in self._ids:
            self._ids[key] = self._create(kind, positions)
        return self._ids[key]

    def _create(self, kind: str, positions: frozenset[int]) -> str:
        index = self.targets.indexes[kind]
        members = [self.targets.node_of[index.resources[p]] for p in sorted(positions)]
        every = len(positions) == len(index)
        node_id = hub_id(kind) if every else f"{hub_id(kind)}:{len(self._ids)}"
        name = hub_labels()[kind] if every else _subset_label(self.graph, kind, members)
        hub = self.graph.node(node_id, kinds.HUB, name, stands_for=kind, size=len(members))
        self.graph.fan_out(hub, members, kinds.MEMBER)
        return hub


def _subset_label(graph: EstateGraph, kind: str, members: list[str]) -> str:
    """`1111 queues named q1*`: the count and the names' common prefix."""
    names = [str(graph.g.nodes[m].get("name") or m) for m in members]
    prefix = os.path.commonprefix(names)  # noqa: RUF071 - a name prefix, not a path
    noun = hub_labels()[kind].removeprefix("every ")
    named = f" named {prefix}*" if prefix else ""
    return f"{len(members)} {noun.replace('bus', 'buse')}s{named}"


def _note_gaps(graph: EstateGraph, arn: str, compiled: CompiledPrincipal) -> None:
    """Note on the principal's node the policies that could not be read."""
    principal, missing = compiled.principal, compiled.missing
    gaps = [f"policy {name} is not in the snapshot" for name in missing]
    gaps += [f"its group {name} is not in the snapshot" for name in compiled.missing_groups]
    gaps += [error.explain() for error in principal.errors]
    if gaps:
        graph.g.nodes[graph.ensure(arn)]["policy_gaps"] = gaps


def _principal_edges(
    principal: PrincipalPolicies, hubs: Hubs, at: Partial | None
) -> list[tuple[str, str, _Edge]]:
    """(edge kind, target, edge) for one principal's grants (the same for every principal
    with its signature: `add_access` keeps them per signature)."""
    found = []
    for edge_kind, by_target in access_map().items():
        for target_kind, actions in by_target.items():
            if target_kind not in hubs.targets.indexes or not _may_cover(principal, actions):
                continue
            edges = _edges_for(principal, actions, target_kind, hubs, at)
            found.extend((edge_kind, target, edge) for target, edge in edges.items())
    return found


def _may_cover(principal: PrincipalPolicies, actions: tuple[str, ...]) -> bool:
    """Whether any identity statement may grant one of the actions (a cheap first check)."""
    return any(principal.identity.may_cover(service) for service in _services(actions))


@lru_cache(maxsize=64)
def _services(actions: tuple[str, ...]) -> frozenset[str]:
    return frozenset(action.split(":", 1)[0].lower() for action in actions)


def _edges_for(
    principal: PrincipalPolicies,
    actions: Iterable[str],
    kind: str,
    hubs: Hubs,
    at: Partial | None = None,
) -> dict[str, _Edge]:
    """target (resource or hub) -> edge, for every action that makes this kind of edge."""
    targets = hubs.targets
    index = targets.indexes[kind]
    edges: dict[str, _Edge] = {}
    for action in actions:
        if not principal.identity.for_action(action.lower()):
            continue  # nothing grants it: skip the set algebra
        decision = evaluate_resources(principal, action, index, at)
        refs = [str(ref) for ref in decision.statements]
        for positions, sure in ((decision.allowed, True), (decision.conditional, False)):
            if len(positions) >= HUB_MIN:
                hub = hubs.node_for(kind, positions)
                edges[hub] = _add(edges.get(hub) or _Edge(), action, refs, sure)
                continue
            for position in positions:
                target = targets.node_of[index.resources[position]]
                edges[target] = _add(edges.get(target) or _Edge(), action, refs, sure)
        if kind == kinds.BUCKET:
            _object_prefix_grants(principal, action, targets, edges)
    return edges


def _object_prefix_grants(
    principal: PrincipalPolicies, action: str, targets: Targets, edges: dict[str, _Edge]
) -> None:
    """Grants on a key prefix inside a bucket (`bucket/uploads/*`) still write that bucket."""
    buckets = targets.bucket_set
    sources = [principal.identity] + ([principal.boundary] if principal.boundary else [])
    named = (_bucket_of(p.raw) for index in sources for s, _ in index.for_action(action.lower())
             for p in s.resources)  # fmt: skip
    if not any(bucket in buckets and bucket not in edges for bucket in named):
        return  # no statement names an object prefix of a bucket not reached yet
    grants, _ = grants_for_action(principal, action, principal.own_account_context("s3"))
    for grant in grants:
        for pattern in grant.resources:
            bucket = _bucket_of(pattern)
            if bucket in buckets and bucket not in edges:
                sure = grant.covers(re.sub(r"[*?]", "x", pattern))
                if sure is not False:
                    edges[bucket] = _add(_Edge(), action, [str(r) for r in grant.statements],
                                         bool(sure))  # fmt: skip


def _bucket_of(pattern: str) -> str | None:
    """`arn:aws:s3:::name` for an object pattern with a literal bucket name, else None."""
    if not pattern.startswith("arn:") or ":::" not in pattern:
        return None
    name, slash, _ = pattern.split(":::", 1)[1].partition("/")
    if not slash or "*" in name or "?" in name:
        return None
    return f"{pattern.split(':::', 1)[0]}:::{name}"


def _add(edge: _Edge, action: str, refs: list[str], sure: bool) -> _Edge:
    edge.actions.add(action)
    edge.statements.update(refs)
    edge.conditional = edge.conditional and not sure
    return edge
