"""A5 rules on IAM roles: admin-equivalent, wildcard write or permissions management, and
privilege-escalation combinations, all decided by the IAM engine.

Every role is checked (service-linked roles under `/aws-service-role/` excepted: AWS owns
them). A role that a function or state machine runs as is reported at full severity, since
compromising that workload hands over the role; other roles one level lower:

| rule                 | execution role | other role |
| -------------------- | -------------- | ---------- |
| admin-role           | critical       | high       |
| privilege-escalation | critical       | high       |
| wildcard-write-role  | high           | medium     |

A verdict that holds only under conditions the engine could not decide is one level lower.
An admin-equivalent role is not also reported for wildcards or escalation.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from explorer.analysis import kinds
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import CRITICAL, HIGH, Finding, listed, lower, make
from explorer.iam import (
    AdminVerdict,
    PrincipalPolicies,
    effective_permissions,
    is_admin_equivalent,
)
from explorer.iam.actions import PERMISSIONS, WRITE, access_level

SERVICE_LINKED = "/aws-service-role/"
BROAD_PROBES = (
    "s3:PutObject", "s3:PutBucketPolicy", "dynamodb:PutItem", "sqs:SendMessage", "sns:Publish",
    "lambda:UpdateFunctionCode", "lambda:CreateFunction", "iam:PassRole", "kms:Decrypt",
    "secretsmanager:PutSecretValue", "ec2:RunInstances", "events:PutEvents",
)  # fmt: skip
"""Write actions probed on `*` when a statement covers every service (`*`, NotAction)."""


@dataclass(frozen=True)
class RoleInfo:
    """One role ready for the engine: its policies and the workloads that run as it."""

    row: Row
    principal: PrincipalPolicies
    users: tuple[str, ...]
    identity: list
    boundary: list | None
    kind: str = kinds.ROLE

    @property
    def noun(self) -> str:
        return {kinds.USER: "User", kinds.GROUP: "Group"}.get(self.kind, "Role")

    @property
    def arn(self) -> str:
        return str(self.row["arn"])


def role_findings(ctx: Context) -> Iterator[Finding]:
    """Admin, wildcard and escalation findings for every role.

    Roles sharing the same policies share the admin and wildcard verdicts (computed once)."""
    infos = _roles(ctx)
    verdicts: dict[str, tuple[AdminVerdict, dict]] = {}
    for info in infos:
        key = _policy_key(info)
        if key not in verdicts:
            admin = _admin_verdict(info.principal)
            verdicts[key] = admin, {} if admin.admin else wildcard_grants(info.principal)
        verdict, wildcards = verdicts[key]
        if verdict.admin or verdict.conditional:
            yield _admin(ctx, info, verdict)
        if verdict.admin:
            continue
        yield from _wildcards(ctx, info, wildcards)


def _policy_key(info: RoleInfo) -> str:
    """The role's policies (names included: findings cite statements by policy name); a role
    whose policies nest too deeply to spell out shares its verdict with no other."""
    try:
        return json.dumps([info.identity, info.boundary], sort_keys=True, default=str)
    except RecursionError:
        return f"role {info.arn}"


def _statements(principal: PrincipalPolicies) -> list:
    return [s for policy in principal.identity.policies for s in policy.statements]


NOT_ADMIN = AdminVerdict(False, False, None, ())


def _admin_verdict(principal: PrincipalPolicies) -> AdminVerdict:
    """The engine's verdict, skipped when no Allow statement even names iam:PutRolePolicy
    (both ways to admin-equivalence need it)."""
    allows = [s for s in _statements(principal) if s.effect == "Allow"]
    if not any(s.matches_action("iam:putrolepolicy") for s in allows):
        return NOT_ADMIN
    return is_admin_equivalent(principal)


def _roles(ctx: Context) -> list[RoleInfo]:
    """Every role (AWS-owned ones aside), user and group, with its compiled policies."""
    users = _workloads(ctx)
    compiled = ctx.principals
    rows = {row["arn"]: row for t in ("iam_roles", "iam_users", "iam_groups")
            for row in ctx.estate.rows(t)}  # fmt: skip
    infos = []
    for arn in sorted(compiled):
        row, found = rows[arn], compiled[arn]
        if str(row.get("path") or "").startswith(SERVICE_LINKED):
            continue
        runs = tuple(sorted(users.get(arn, ())))
        infos.append(RoleInfo(row, found.principal, runs, found.identity or [], found.boundary,
                              found.kind))  # fmt: skip
    return infos


def _workloads(ctx: Context) -> dict[str, set[str]]:
    """role ARN -> functions and state machines that run as it."""
    found: dict[str, set[str]] = defaultdict(set)
    for table in ("functions", "state_machines"):
        for row in ctx.estate.rows(table):
            if row.get("role_arn"):
                found[row["role_arn"]].add(row["arn"])
    return found


def _severity(info: RoleInfo, for_execution: str, conditional: bool) -> str:
    severity = for_execution if info.users else lower(for_execution)
    return lower(severity) if conditional else severity


def _used_by(ctx: Context, info: RoleInfo) -> str:
    if not info.users:
        return " No function or state machine runs as it."
    return f" Runs: {', '.join(ctx.label(u) for u in info.users)}."


def _path(info: RoleInfo, *after: str) -> dict:
    """Path from the first workload through the role (and on to a target, a hop that is not
    a graph edge, so no edge kinds are given then)."""
    head = info.users[:1]
    edges = (kinds.ASSUMES,) if head and not after else ()
    return {"path": (*head, info.arn, *after), "edges": edges}


def _admin(ctx: Context, info: RoleInfo, verdict: AdminVerdict) -> Finding:
    how = "may do everything" if verdict.via == "all-actions" else "controls IAM permissions"
    maybe = " when conditions the engine could not decide hold" if verdict.conditional else ""
    statements = ", ".join(str(s) for s in verdict.statements) or "-"
    return make(
        rules.ADMIN_ROLE,
        _severity(info, CRITICAL, verdict.conditional),
        info.arn,
        f"{info.noun} {ctx.label(info.arn)} is admin-equivalent",
        f"The {info.noun.lower()} {how}{maybe} (statements: {statements}).{_used_by(ctx, info)}",
        **_path(info),
    )


def wildcard_grants(principal: PrincipalPolicies) -> dict[str, tuple[list[str], set[str]]]:
    """service -> (actions, statements) of write or permissions-management grants on every
    resource through a wildcard."""
    broad = [s for s in _statements(principal) if s.effect == "Allow" and _may_be_wild(s)]
    if not broad:
        return {}
    if any(s.action_services is None for s in broad):
        return _broad(principal)
    permissions = effective_permissions(principal)
    found: dict[str, tuple[list[str], set[str]]] = {}
    for service in sorted({svc for s in broad for svc in s.action_services or ()}):
        for level in (WRITE, PERMISSIONS):
            for action, grants in permissions.allowed_actions(level, service).items():
                wild = [g for g in grants if _wild(g, level)]
                if wild:
                    actions, statements = found.setdefault(service, ([], set()))
                    actions.append(action)
                    statements.update(str(s) for g in wild for s in g.statements)
    return found


def _may_be_wild(statement) -> bool:
    """Only a statement on every resource (`*` or NotResource) with an action wildcard (or a
    named permissions-management action) can make a wildcard grant."""
    everything = statement.not_resource or any(p.is_any for p in statement.resources)
    wild = statement.not_action or any("*" in a or "?" in a for a in statement.actions)
    return everything and (wild or any(access_level(a) == PERMISSIONS for a in statement.actions))


def _wild(grant, level: str) -> bool:
    """On every resource, nothing carved out, and through an action wildcard (any
    permissions-management action on `*` counts even when named)."""
    broad = grant.resource_wildcard and not grant.partial
    return broad and (grant.action_wildcard or level == PERMISSIONS)


def _broad(principal: PrincipalPolicies) -> dict[str, tuple[list[str], set[str]]]:
    """For statements covering every service: which probe writes are allowed on `*`."""
    found: dict[str, tuple[list[str], set[str]]] = {}
    for action in BROAD_PROBES:
        decision = principal.evaluate(action, "*")
        if decision.result in ("allowed", "conditional"):
            actions, statements = found.setdefault(action.split(":", 1)[0], ([], set()))
            actions.append(action)
            statements.update(str(r) for r in decision.reasons if r.effect == "Allow")
    return found


def _wildcards(ctx: Context, info: RoleInfo, grants: dict) -> Iterator[Finding]:
    if not grants:
        return
    listed = "; ".join(
        f"{svc}: {_few(actions)} ({', '.join(sorted(statements))})"
        for svc, (actions, statements) in sorted(grants.items())
    )
    named = _dangers(info.principal, grants)
    what = (", ".join(named) if named
            else f"write through wildcards in {', '.join(sorted(grants))}")  # fmt: skip
    yield make(
        rules.WILDCARD_ROLE,
        _severity(info, HIGH, False),
        info.arn,
        f"{info.noun} {ctx.label(info.arn)} may {what}",
        f"On every resource (`*`): {listed}.{_used_by(ctx, info)}",
        **_path(info),
    )


DANGERS = (
    ("lambda:InvokeFunction", "invoke every function"),
    ("lambda:UpdateFunctionCode", "change the code of every function"),
    ("s3:PutObject", "write every bucket"),
    ("s3:PutBucketPolicy", "make every bucket public"),
    ("dynamodb:PutItem", "write every table"),
    ("sqs:SendMessage", "send to every queue"),
    ("sns:Publish", "publish to every topic"),
    ("iam:PassRole", "pass every role"),
)
"""Grants on every resource named by what they let a caller do (the finding's title)."""


def _dangers(principal: PrincipalPolicies, grants: dict) -> list[str]:
    """What the wildcard grants let the principal do, in words: every action but those a
    NotAction on every resource leaves out, then the named dangerous grants it holds."""
    held = {action.lower() for actions, _ in grants.values() for action in actions}
    found = []
    for statement in _statements(principal):
        everything = statement.not_resource or any(p.is_any for p in statement.resources)
        if statement.effect == "Allow" and statement.not_action and everything:
            found.append(f"do every action except {', '.join(statement.actions)}")
    found += [words for action, words in DANGERS if action.lower() in held]
    return list(dict.fromkeys(found))


def _few(actions: list[str], limit: int = 4) -> str:
    """A few actions, the ones that change data or permissions first."""
    telling = ("Put", "Delete", "Update", "Create", "Attach", "Pass", "Send", "Publish")
    ranked = sorted(actions, key=lambda a: (not a.split(":")[-1].startswith(telling), a))
    return listed(ranked, limit)
