"""Who can perform an action on a resource: directly (identity and resource policies decided
by the IAM engine), as a function through its role, from outside through the resource policy,
or after escalation (any principal that can become one that can).

Principals are decided one by one with `PrincipalPolicies.evaluate` and the resource's own
policy, so Deny, boundaries, conditions and the same- and cross-account rules all apply. An
S3 action is decided on the bucket and on its objects (`bucket/*`), whichever the action
applies to.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.estate import Estate, Row
from explorer.analysis.identities import compile_principals
from explorer.analysis.paths import concrete
from explorer.analysis.traverse import Parents, search, walk_forward
from explorer.iam import Decision, PolicyError, resource_exposure
from explorer.iam.evaluate import resource_policy_of
from explorer.iam.model import ALLOWED, CONDITIONAL

ALLOWED_EDGE = "allowed"
"""The last hop of every answer's path: the principal may do the action on the resource."""

POLICY_COLUMN = {
    "s3_buckets": "policy",
    "sqs_queues": "policy",
    "sns_topics": "policy",
    "dynamodb_tables": "policy",
    "kinesis_streams": "policy",
    "event_buses": "policy",
    "rest_apis": "policy",
    "iam_roles": "trust_policy",
}
"""Tables whose rows hold the resource's own policy, and the column."""


@dataclass(frozen=True)
class Answer:
    """One principal, function or origin that may do the action, and how."""

    principal: str
    kind: str
    result: str
    path: tuple[str, ...]
    edges: tuple[str, ...]
    statements: tuple[str, ...]

    def as_json(self) -> dict:
        return {"principal": self.principal, "kind": self.kind, "result": self.result,
                "path": list(self.path), "edges": list(self.edges),
                "statements": list(self.statements)}  # fmt: skip


def who_can(estate: Estate, g: nx.MultiDiGraph, action: str, resource: str) -> list[Answer]:
    """Every answer, direct ones first, then functions, origins and escalations."""
    policy, policy_error = _resource_policy(estate, g, resource)
    direct = _direct(estate, g, action, resource, policy)
    answers = list(direct.values())
    answers += _functions(g, direct)
    answers += _origins(g, action, resource, policy, estate.account)
    answers += _escalations(g, direct, resource)
    if policy_error:
        answers = [a for a in answers if a.kind != kinds.ORIGIN]
    return answers


def _resource_policy(estate: Estate, g: nx.MultiDiGraph, resource: str):
    """(parsed policy or None, whether it could not be read)."""
    row: Row = g.nodes[resource].get("row") or {} if resource in g else {}
    table = g.nodes[resource].get("table") if resource in g else None
    document = row.get(POLICY_COLUMN.get(str(table), ""))
    if table == "functions":
        document = _function_policy(estate, resource)
    if not document:
        return None, False
    try:
        return resource_policy_of(document), False
    except PolicyError:
        return None, True


def _function_policy(estate: Estate, function: str) -> object:
    for row in estate.rows("function_policies"):
        if row.get("function_arn") == function and not row.get("qualifier"):
            return row.get("policy")
    return None


def _probes(action: str, resource: str) -> list[str]:
    """The resource ARNs to decide on: an S3 bucket's objects too."""
    if resource.startswith("arn:") and resource.split(":")[2:3] == ["s3"] and "/" not in resource:
        return [resource, f"{resource}/*"]
    return [resource]


def _direct(estate, g, action, resource, policy) -> dict[str, Answer]:
    """Principals whose own policies (with the resource's) allow the action."""
    found: dict[str, Answer] = {}
    for arn, compiled in compile_principals(estate).items():
        if arn not in g:
            continue
        best = _decide(compiled.principal, action, _probes(action, resource), policy)
        if best is not None:
            refs = tuple(str(r) for r in best.reasons if r.effect == "Allow")
            found[arn] = Answer(
                arn, compiled.kind, best.result, (arn, resource), (ALLOWED_EDGE,), refs
            )
    return found


def _decide(principal, action: str, probes: list[str], policy) -> Decision | None:
    best = None
    for probe in probes:
        try:
            decision = principal.evaluate(action, probe, policy)
        except PolicyError:
            continue
        if decision.result == ALLOWED:
            return decision
        if decision.result == CONDITIONAL:
            best = decision
    return best


def _functions(g: nx.MultiDiGraph, direct: dict[str, Answer]) -> list[Answer]:
    """Functions and state machines running as a role that may."""
    out = []
    for role, answer in direct.items():
        for workload, _, data in g.in_edges(role, data=True):
            if data.get("kind") == kinds.ASSUMES:
                kind = g.nodes[workload].get("kind", "")
                out.append(Answer(workload, kind, answer.result, (workload, *answer.path),
                                  (kinds.ASSUMES, ALLOWED_EDGE), answer.statements))  # fmt: skip
    return out


def _origins(g, action: str, resource: str, policy, account: str) -> list[Answer]:
    """Callers outside the account (or everyone) the resource policy lets in."""
    if policy is None:
        return []
    out = []
    for probe in _probes(action, resource):
        for exposure in resource_exposure(policy, [action], probe, account):
            if exposure.kind in ("same-account", "account") and exposure.account == account:
                continue
            result = CONDITIONAL if exposure.narrowed else ALLOWED
            refs = tuple(str(s) for s in exposure.statements)
            path = (exposure.who, resource)
            out.append(Answer(exposure.who, kinds.ORIGIN, result, path, (ALLOWED_EDGE,), refs))
    return list({a.principal: a for a in out}.values())


def _escalations(g: nx.MultiDiGraph, direct: dict[str, Answer], resource: str) -> list[Answer]:
    """Principals that can become one that may (or the account's administrator), nearest
    first, with the path through each `becomes` hop."""
    goals = set(direct) | {n for n, a in g.nodes(data=True) if a.get("kind") == kinds.ADMIN}
    parents = _backwards(g, goals)
    out = []
    for node, link in parents.items():
        if link is None or node in direct or g.nodes[node].get("kind") not in (
            kinds.ROLE, kinds.USER,
        ):  # fmt: skip
            continue
        nodes, edges, conditional = _forward_path(parents, node)
        path, edge_kinds = concrete(g, nodes, edges)
        goal = nodes[-1]
        answer = direct.get(goal)
        result = CONDITIONAL if conditional or (answer and answer.result != ALLOWED) else ALLOWED
        statements = answer.statements if answer else ()
        out.append(Answer(node, g.nodes[node].get("kind", ""), result, (*path, resource),
                          (*edge_kinds, ALLOWED_EDGE), statements))  # fmt: skip
    return out


def _backwards(g: nx.MultiDiGraph, goals: set[str]) -> Parents:
    """node -> (the next node towards a goal, the edge's data) over `becomes` edges (and hubs
    standing for a goal), walked back."""

    def steps(node: str) -> list[tuple[str, dict]]:
        found = []
        for prev, _, data in g.in_edges(node, data=True):
            kind = data.get("kind")
            if kind == kinds.BECOMES or (
                kind == kinds.MEMBER and g.nodes[prev].get("kind") == kinds.HUB
            ):
                found.append((prev, data))
        return found

    return search([goal for goal in goals if goal in g], steps)


def _forward_path(parents: Parents, node: str) -> tuple[list[str], list[str], bool]:
    """From `node` to its goal: the nodes, the edge kinds, and whether any edge is conditional."""
    nodes, datas = walk_forward(parents, node)
    return nodes, [d.get("kind") for d in datas], any(d.get("conditional") for d in datas)
