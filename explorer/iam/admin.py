"""Admin-equivalent detection: a principal that may do everything, or that fully controls IAM
permissions (and so can grant itself everything), including through NotAction forms."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.iam.actions import PERMISSIONS, actions_at_level
from explorer.iam.context import ContextArg
from explorer.iam.evaluate import PrincipalPolicies
from explorer.iam.model import ALLOWED, CONDITIONAL, StatementRef

EVERYTHING_PROBES = (
    "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:CreateUser", "iam:PassRole",
    "sts:AssumeRole", "s3:PutBucketPolicy", "s3:GetObject", "ec2:RunInstances",
    "lambda:UpdateFunctionCode", "kms:Decrypt", "secretsmanager:GetSecretValue",
    "organizations:LeaveOrganization", "dynamodb:DeleteTable", "zz-unlisted-service:AnyAction",
)  # fmt: skip
"""One action from many services, plus one no service has: all allowed on `*` means `*:*`."""

ALL_ACTIONS, IAM_CONTROL = "all-actions", "iam-permissions-management"


@dataclass(frozen=True, slots=True)
class AdminVerdict:
    """Whether a principal is admin-equivalent, how, and which statements make it so.

    `admin` is a definite verdict; `conditional` means it would be admin-equivalent when
    conditions the engine could not decide hold. `missing` lists the probe actions that were
    not allowed (why a principal is *not* admin).
    """

    admin: bool
    conditional: bool
    via: str | None
    statements: tuple[StatementRef, ...]
    missing: tuple[str, ...] = ()


def is_admin_equivalent(
    identity_policies: object,
    boundary_policies: object | None = None,
    principal_arn: str | None = None,
    context: ContextArg = None,
) -> AdminVerdict:
    """Admin-equivalent if every action on every resource is allowed (`*`, or NotAction that
    leaves everything probed), or if every IAM permissions-management action is allowed on
    every resource (it can then attach AdministratorAccess to itself)."""
    principal = _principal(identity_policies, boundary_policies, principal_arn)
    iam_actions = tuple(actions_at_level("iam", PERMISSIONS))
    best: AdminVerdict | None = None
    for via, probes in ((ALL_ACTIONS, EVERYTHING_PROBES), (IAM_CONTROL, iam_actions)):
        verdict = _probe(principal, via, probes, context)
        if verdict.admin:
            return verdict
        if best is None or (verdict.conditional and not best.conditional):
            best = verdict
    assert best is not None
    return best


def _principal(identity: object, boundary: object | None, arn: str | None) -> PrincipalPolicies:
    """Reuse a PrincipalPolicies, or build a tolerant one from documents."""
    if isinstance(identity, PrincipalPolicies):
        return identity
    return PrincipalPolicies(arn or _DEFAULT_ARN, identity, boundary, tolerant=True)


_DEFAULT_ARN = "arn:aws:iam::000000000000:role/principal"
"""Stands in for an unnamed principal: a role in its own account."""


def _probe(
    principal: PrincipalPolicies, via: str, probes: tuple[str, ...], context: ContextArg
) -> AdminVerdict:
    """Evaluate each probe action on `*`; admin when all are allowed."""
    refs: dict[StatementRef, None] = {}
    missing = []
    conditional = False
    for action in probes:
        decision = principal.evaluate(action, "*", context=context)
        if decision.result not in (ALLOWED, CONDITIONAL):
            missing.append(action)
            continue
        conditional = conditional or decision.result == CONDITIONAL
        refs.update(dict.fromkeys(r for r in decision.reasons if r.effect == "Allow"))
    if missing:
        return AdminVerdict(False, False, None, (), tuple(missing))
    return AdminVerdict(not conditional, conditional, via, tuple(refs))
