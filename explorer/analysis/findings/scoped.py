"""A5: a grant scoped to named resources whose action wildcard still includes permissions
management: `s3:*` on one bucket includes s3:PutBucketPolicy, so the holder can make that
bucket public. Grants on every resource (`*`) are the wildcard-write rule's.

Only action wildcards count (a named permissions-management action is a deliberate grant, and
the escalation and policy rules judge what it leads to). Each candidate action is decided by
the IAM engine on the statement's resource, so a Deny or a boundary takes it back. One finding
per principal; AWS-owned (service-linked) roles and admin-equivalent principals aside.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import LOW, MEDIUM, Finding, listed, make
from explorer.iam import expand_action
from explorer.iam.actions import PERMISSIONS, access_level
from explorer.iam.model import Statement

OPENS = {
    "s3": "make {} public",
    "sqs": "open {} to any account or anyone",
    "sns": "open {} to any account or anyone",
    "lambda": "let anyone invoke {}",
    "kms": "hand {} to another account",
    "secretsmanager": "share {} with another account",
    "events": "open {} to any account",
    "kinesis": "open {} to any account",
    "dynamodb": "open {} to any account",
    "iam": "change who may use {}",
}
"""Service -> what changing a resource's permissions lets the holder do to it."""
TELLING = frozenset(
    a.lower()
    for a in (
        "s3:PutBucketPolicy", "s3:PutBucketAcl", "s3:PutObjectAcl", "sqs:SetQueueAttributes",
        "sqs:AddPermission", "sns:SetTopicAttributes", "sns:AddPermission",
        "lambda:AddPermission", "kms:PutKeyPolicy", "kms:CreateGrant",
        "secretsmanager:PutResourcePolicy", "dynamodb:PutResourcePolicy",
        "kinesis:PutResourcePolicy", "events:PutPermission", "iam:UpdateAssumeRolePolicy",
    )
)  # fmt: skip
"""The permissions-management actions that open a resource up, named first."""
SERVICE_LINKED = "/aws-service-role/"
MAX_LISTED = 4


def scoped_permission_grants(ctx: Context) -> Iterator[Finding]:
    """One finding per principal holding permissions management through a scoped wildcard."""
    users = _workloads(ctx)
    rows = {row["arn"]: row for t in ("iam_roles", "iam_users", "iam_groups")
            for row in ctx.estate.rows(t)}  # fmt: skip
    for arn, compiled in sorted(ctx.principals.items()):
        if str(rows.get(arn, {}).get("path") or "").startswith(SERVICE_LINKED):
            continue
        if ctx.g.has_node(arn) and ctx.g.nodes[arn].get("admin") == "yes":
            continue
        found = _grants(compiled.principal)
        if found:
            yield _finding(ctx, arn, found, users.get(arn, ()))


def _grants(principal) -> list[tuple[str, str, str]]:
    """(resource pattern, action, statement) for each scoped permissions-management grant the
    engine allows (or allows under conditions)."""
    found = []
    for policy in principal.identity.policies:
        for statement in policy.statements:
            if not _scoped_wildcard(statement):
                continue
            for resource in statement.resources:
                for action in _permission_actions(statement.actions):
                    decision = principal.evaluate(action, resource.raw)
                    if decision.result in ("allowed", "conditional"):
                        found.append((resource.raw, action, str(statement.ref)))
                        break  # one action names the danger on this resource
    return found


def _scoped_wildcard(statement: Statement) -> bool:
    """An Allow with an action wildcard on named resources (not `*`, not NotResource)."""
    if statement.effect != "Allow" or statement.not_action or statement.not_resource:
        return False
    if any(p.is_any for p in statement.resources):
        return False
    return any("*" in a or "?" in a for a in statement.actions)


def _permission_actions(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The permissions-management actions the wildcard patterns cover."""
    return tuple(a for p in patterns if "*" in p or "?" in p for a in _covered(p))


@lru_cache(maxsize=2048)
def _covered(pattern: str) -> tuple[str, ...]:
    if pattern.split(":", 1)[0] in ("*", ""):
        return ()  # every service: the wildcard-write rule judges it
    found = [a for a in expand_action(pattern) if access_level(a) == PERMISSIONS]
    return tuple(sorted(found, key=lambda a: (a.lower() not in TELLING, a)))


def _finding(
    ctx: Context, arn: str, found: list[tuple[str, str, str]], runs: tuple[str, ...]
) -> Finding:
    resources = list(dict.fromkeys(_short(resource) for resource, _, _ in found))
    first, action, _ = found[0]
    service = action.split(":", 1)[0].lower()
    raw = list(dict.fromkeys(resource for resource, _, _ in found))
    shown = listed(raw, MAX_LISTED)
    what = OPENS.get(service, "change who may access {}").format(_short(first))
    also = f" (and {len(resources) - 1} more resources)" if len(resources) > 1 else ""
    lines = "; ".join(f"{a} on {r} ({s})" for r, a, s in found[:MAX_LISTED])
    noun = ctx.g.nodes[arn].get("kind", "principal") if ctx.g.has_node(arn) else "principal"
    who = f" Runs: {', '.join(ctx.label(u) for u in runs)}." if runs else ""
    return make(
        rules.SCOPED_PERMISSIONS,
        MEDIUM if runs else LOW,
        arn,
        f"{noun.capitalize()} {ctx.label(arn)} can {what}{also}",
        f"Its wildcard grant on {shown} includes permissions management: {lines}.{who}",
        path=(*runs[:1], arn),
        edges=("assumes",) if runs else (),
    )


def _short(resource: str) -> str:
    """`arn:aws:s3:::photos/*` -> `photos`: the resource's name, for the title."""
    name = resource.split(":", 5)[-1] if resource.startswith("arn:") else resource
    name = name.removesuffix("/*")
    return name.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or name


def _workloads(ctx: Context) -> dict[str, tuple[str, ...]]:
    """role ARN -> the functions and state machines that run as it."""
    found: dict[str, list[str]] = {}
    for table in ("functions", "state_machines"):
        for row in ctx.estate.rows(table):
            if row.get("role_arn"):
                found.setdefault(row["role_arn"], []).append(row["arn"])
    return {role: tuple(sorted(arns)) for role, arns in found.items()}
