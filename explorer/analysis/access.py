"""IAM edges: what each role may write, read, invoke, control, pass and assume.

Per role, only the handful of actions that move data or control are evaluated (not whole
services). A grant on every resource of a type, with no Deny, boundary or condition singling
resources out, becomes one edge to that type's hub ("every bucket in the account"); anything
narrower becomes explicit edges. So a wildcard role shared by many functions stays a few edges.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from explorer.analysis import kinds
from explorer.analysis.estate import Estate, Row
from explorer.analysis.graph import EstateGraph
from explorer.iam import PolicyError, PrincipalPolicies
from explorer.iam.context import build_context
from explorer.iam.exposure import resource_exposure
from explorer.iam.permissions import Grant, grants_for_action

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
    },
    kinds.INVOKES: {kinds.FUNCTION: ("lambda:InvokeFunction",)},
    kinds.CONTROLS: {
        kinds.FUNCTION: ("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration")
    },
    kinds.PASSES: {kinds.ROLE: ("iam:PassRole",)},
}
"""edge kind -> target node kind -> the actions that make such an edge."""

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


def hub_id(kind: str) -> str:
    return f"hub:{kind}"


@dataclass
class _Edge:
    actions: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    conditional: bool = True


def role_policies(role: Row, managed: dict[str, Row]) -> tuple[list, list | None, list[str]]:
    """(identity documents, boundary documents or None, ARNs of policies the snapshot lacks)."""
    documents: list = [
        (p.get("name") or "inline", p.get("document")) for p in role.get("inline_policies") or []
    ]
    missing = []
    for arn in role.get("attached_policy_arns") or []:
        if arn in managed:
            documents.append((managed[arn].get("name") or arn, managed[arn].get("document")))
        else:
            missing.append(arn)
    boundary = None
    if role.get("boundary_arn"):
        row = managed.get(role["boundary_arn"])
        boundary = [(row.get("name") or role["boundary_arn"], row.get("document"))] if row else None
        if row is None:
            missing.append(role["boundary_arn"])
    return documents, boundary, missing


def add_access(graph: EstateGraph, estate: Estate) -> None:
    """Execution-role edges, then every role's data and control edges."""
    for row in estate.rows("functions"):
        if row.get("role_arn"):
            graph.edge(row["arn"], row["role_arn"], kinds.ASSUMES, via="execution role")
    for row in estate.rows("state_machines"):
        if row.get("role_arn"):
            graph.edge(row["arn"], row["role_arn"], kinds.ASSUMES, via="execution role")
    targets = _targets(graph)
    managed = {row["arn"]: row for row in estate.rows("iam_policies")}
    hubs_used: set[str] = set()
    for role in estate.rows("iam_roles"):
        hubs_used |= _role_edges(graph, role, managed, targets)
    for kind in hubs_used:
        _add_hub(graph, kind, targets[kind])


def _targets(graph: EstateGraph) -> dict[str, list[str]]:
    """node kind -> known resource ids of that kind."""
    found: dict[str, list[str]] = {}
    for node, attrs in graph.g.nodes(data=True):
        if attrs.get("known") and attrs.get("kind") in HUB_LABEL:
            found.setdefault(attrs["kind"], []).append(node)
    return found


def _add_hub(graph: EstateGraph, kind: str, members: list[str]) -> None:
    hub = graph.node(hub_id(kind), kinds.HUB, HUB_LABEL[kind], stands_for=kind)
    for member in members:
        graph.edge(hub, member, kinds.MEMBER)


def _role_edges(
    graph: EstateGraph, role: Row, managed: dict[str, Row], targets: dict[str, list[str]]
) -> set[str]:
    """Add one role's edges; returns the hub kinds it used."""
    identity, boundary, missing = role_policies(role, managed)
    principal = PrincipalPolicies(role["arn"], identity, boundary, tolerant=True)
    if missing or principal.errors:
        graph.g.nodes[graph.ensure(role["arn"])]["policy_gaps"] = [
            f"policy {arn} is not in the snapshot" for arn in missing
        ] + [str(error) for error in principal.errors]
    hubs: set[str] = set()
    for edge_kind, by_target in ACCESS.items():
        for target_kind, actions in by_target.items():
            edges, hub = _edges_for(principal, actions, targets.get(target_kind, []))
            if hub is not None:
                hubs.add(target_kind)
                edges[hub_id(target_kind)] = hub
            for target, found in edges.items():
                graph.edge(
                    role["arn"],
                    target,
                    edge_kind,
                    conditional=found.conditional,
                    actions=sorted(found.actions),
                    statements=sorted(found.statements),
                )
    return hubs


def _edges_for(
    principal: PrincipalPolicies, actions: Iterable[str], candidates: list[str]
) -> tuple[dict[str, _Edge], _Edge | None]:
    """target -> edge for explicit targets, and the hub edge when a grant covers all of them."""
    edges: dict[str, _Edge] = {}
    hub: _Edge | None = None
    for action in actions:
        service = action.split(":", 1)[0]
        context = build_context(None, principal.caller, principal.caller.account, service)
        grants, _ = grants_for_action(principal, action, context)
        for grant in grants:
            if _covers_every(grant):
                hub = _merge(hub or _Edge(), grant)
                continue
            for target in _matching(grant, candidates):
                edges[target] = _merge(edges.get(target) or _Edge(), grant, target)
    return edges, hub


def _covers_every(grant: Grant) -> bool:
    """An unconditional grant on `*` (or a whole service's ARN space) with nothing carved out."""
    broad = grant.resource_wildcard or any(_service_wide(p) for p in grant.resources)
    return broad and not grant.not_resources and not grant.partial and not grant.conditional


def _service_wide(pattern: str) -> bool:
    """`arn:aws:s3:::*`, `arn:aws:sqs:*:*:*` and the like: every resource of a service."""
    parts = pattern.split(":", 5)
    return len(parts) == 6 and parts[5] in ("*", "*/*") and parts[4] in ("*", "")


def _matching(grant: Grant, candidates: list[str]) -> list[str]:
    return [target for target in candidates if grant.covers(_probe(grant, target)) is not False]


def _probe(grant: Grant, target: str) -> str:
    """The resource to test for a target: for a bucket, an object inside it that a grant names."""
    if not target.startswith("arn:aws:s3:::") or "/" in target:
        return target
    prefix = target + "/"
    for pattern in grant.resources:
        if pattern.startswith(prefix):
            return re.sub(r"[*?]", "x", pattern)
    return prefix + "x"


def _merge(edge: _Edge, grant: Grant, target: str | None = None) -> _Edge:
    edge.actions.add(grant.action)
    edge.statements.update(str(ref) for ref in grant.statements)
    sure = not grant.conditional and (target is None or grant.covers(_probe(grant, target)))
    edge.conditional = edge.conditional and not sure
    return edge


def add_assume_edges(graph: EstateGraph, estate: Estate) -> None:
    """role -> role where sts:AssumeRole is allowed by the caller's policies and the trust policy.

    Only plausible pairs are evaluated: targets an AssumeRole grant covers, and roles a trust
    policy names — not every pair of roles.
    """
    managed = {row["arn"]: row for row in estate.rows("iam_policies")}
    roles = {row["arn"]: row for row in estate.rows("iam_roles")}
    for role in roles.values():
        identity, boundary, _ = role_policies(role, managed)
        principal = PrincipalPolicies(role["arn"], identity, boundary, tolerant=True)
        for target in _assume_candidates(principal, role["arn"], roles):
            decision = _try(principal, roles[target])
            if decision in ("allowed", "conditional"):
                graph.edge(
                    role["arn"],
                    target,
                    kinds.ASSUMES,
                    conditional=decision != "allowed",
                    via="sts:AssumeRole",
                )


def _assume_candidates(principal: PrincipalPolicies, arn: str, roles: dict[str, Row]) -> set[str]:
    context = build_context(None, principal.caller, principal.caller.account, "sts")
    grants, _ = grants_for_action(principal, "sts:AssumeRole", context)
    found = {t for g in grants for t in _matching(g, list(roles))}
    found |= {t for t, row in roles.items() if arn in str(row.get("trust_policy") or "")}
    found.discard(arn)
    return found


def _try(principal: PrincipalPolicies, target: Row) -> str:
    """The decision for AssumeRole, which (unlike most actions) the trust policy must allow."""
    if not _trusts(target, principal.principal_arn or "", principal.caller.account):
        return "implicitly_denied"
    try:
        decision = principal.evaluate("sts:AssumeRole", target["arn"], target.get("trust_policy"))
    except PolicyError:  # a malformed trust policy allows nothing we can prove
        return "implicitly_denied"
    return decision.result


def _trusts(target: Row, caller: str, account: str | None) -> bool:
    """Whether the target's trust policy names the caller, its account, or everyone."""
    exposures = resource_exposure(target.get("trust_policy"), ["sts:AssumeRole"], target["arn"],
                                  target["arn"].split(":")[4])  # fmt: skip
    return any(
        e.who == caller
        or e.kind in ("public", "any-account")
        or (e.account == account and e.kind in ("same-account", "account"))
        for e in exposures
    )
