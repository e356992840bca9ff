"""Resource-policy exposure: who may perform which actions on a resource, and what narrows it.

Each Allow statement yields one Exposure per principal it names: public, any AWS account,
a named foreign account or principal, a service, or the resource's own account, with the
conditions that narrow it (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID,
aws:SourceIp, aws:SourceVpce, ...). Deny statements remove or narrow exposures, and S3 Block
Public Access (RestrictPublicBuckets) overrides grants of a public policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from explorer.iam.conditions import OPERATORS
from explorer.iam.context import parse_caller
from explorer.iam.model import ConditionClause, Policy, Statement, StatementRef
from explorer.iam.parse import parse_policy_tolerant
from explorer.iam.statements import match_resource

PUBLIC, ANY_ACCOUNT, ACCOUNT, SERVICE = "public", "any-account", "account", "service"
SAME_ACCOUNT, PRINCIPAL, FEDERATED = "same-account", "principal", "federated"
NARROWING_KEYS = frozenset(
    key.lower()
    for key in (
        "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOrgID",
        "aws:SourceOrgPaths", "aws:VpcSourceIp", "aws:CalledVia", "lambda:FunctionUrlAuthType",
    )
)  # fmt: skip
ANONYMOUS_SERVICES = frozenset({"s3", "sqs", "sns", "execute-api"})
"""Services that accept unsigned requests, so `*` there means the whole internet."""


@dataclass(frozen=True, slots=True)
class Narrowing:
    """A condition on an exposure: from its Allow statement, or a Deny that lifts it."""

    operator: str
    key: str
    values: tuple[str, ...]
    source: str = "Allow"
    """Allow (the grant holds only when this holds) or Deny (a Deny applies unless it holds)."""


@dataclass(frozen=True, slots=True)
class Exposure:
    """Who may perform `actions` on the resource through its resource-based policy."""

    who: str
    """public, any-account, account:<id>, service:<name>, same-account, or a principal ARN."""
    kind: str
    account: str | None
    actions: tuple[str, ...]
    conditions: tuple[Narrowing, ...]
    narrowed: bool
    """A condition restricts who (source account/ARN/org/IP/VPC endpoint...)."""
    blocked_by_public_access: bool | None
    """S3 Block Public Access overrides it (None when the setting is unknown)."""
    statements: tuple[StatementRef, ...]
    cross_account: bool = False
    """Reachable from outside the resource's account."""


def resource_exposure(
    resource_policy: object,
    actions: Sequence[str] | None = None,
    resource_arn: str = "*",
    resource_account: str | None = None,
    block_public_access: bool | None = None,
) -> list[Exposure]:
    """Exposures of a resource through its policy (malformed statements are skipped).

    `actions` limits the answer to those actions (None: every action the policy names).
    `block_public_access` is S3's RestrictPublicBuckets: True blocks the grants of a public
    policy to anyone outside the account except AWS services.
    """
    policy = _policy(resource_policy)
    if policy is None:
        return []
    service = resource_arn.split(":")[2] if resource_arn.count(":") >= 5 else ""
    found: list[Exposure] = []
    for statement in policy.statements:
        covered = _covered_actions(statement, actions)
        if statement.effect != "Allow" or not covered or not _on_resource(statement, resource_arn):
            continue
        conditions = tuple(_summary(clause) for clause in statement.conditions)
        narrowed = any(_narrows(clause) for clause in statement.conditions)
        refs = (statement.ref.with_kind("resource"),)
        for who, kind, account in _principals(statement, resource_account, service):
            cross = _cross(kind, account, resource_account)
            found.append(
                Exposure(who, kind, account, covered, conditions, narrowed, None, refs, cross)
            )
    found = _apply_denies(found, policy, resource_arn, resource_account, service)
    return _apply_public_access_block(found, block_public_access)


def _cross(kind: str, account: str | None, own: str | None) -> bool:
    """Whether a principal of this kind and account is outside the resource's account."""
    if kind in (SERVICE, SAME_ACCOUNT):
        return False
    if kind == PRINCIPAL:
        return account is None or account != own
    return True


def _policy(document: object) -> Policy | None:
    """The policy, tolerant of malformed statements."""
    if isinstance(document, Policy):
        return document
    if document is None:
        return None
    policy, _ = parse_policy_tolerant(document, "resource")
    return policy


def _covered_actions(statement: Statement, actions: Sequence[str] | None) -> tuple[str, ...]:
    """The requested actions the statement covers (its own patterns when none requested)."""
    if actions is None:
        return statement.actions if not statement.not_action else ("*",)
    return tuple(action for action in actions if statement.matches_action(action.lower()))


def _on_resource(statement: Statement, resource: str) -> bool:
    """Whether the statement may apply to the resource (unknown variables count as yes)."""
    hits = [match_resource(p, resource, None) for p in statement.resources]
    hit = any(h is True or h is None for h in hits)
    return hit != statement.not_resource or resource == "*"


def _principals(
    statement: Statement, own_account: str | None, service: str
) -> list[tuple[str, str, str | None]]:
    """(who, kind, account) for each principal the statement names."""
    spec = statement.principal
    if spec is None:
        return []
    everyone = PUBLIC if service in ANONYMOUS_SERVICES or not service else ANY_ACCOUNT
    if spec.wildcard or statement.not_principal:
        return [(everyone, everyone, None)]
    out = [_aws_entry(entry, own_account) for entry in spec.aws]
    out += [(f"service:{name.lower()}", SERVICE, None) for name in spec.service]
    out += [(f"federated:{name}", FEDERATED, None) for name in spec.federated]
    out += [(name, PRINCIPAL, None) for name in spec.canonical]
    return out


def _aws_entry(entry: str, own_account: str | None) -> tuple[str, str, str | None]:
    """An `AWS` principal entry as (who, kind, account)."""
    caller = parse_caller(entry)
    account = caller.account
    if caller.kind == "root":
        if account == own_account:
            return SAME_ACCOUNT, SAME_ACCOUNT, account
        return f"account:{account}", ACCOUNT, account
    return entry, PRINCIPAL, account


def _narrows(clause: ConditionClause) -> bool:
    """A positive condition on a narrowing key with a value that is not just `*`."""
    if clause.key not in NARROWING_KEYS or clause.family == "null":
        return False
    negated = OPERATORS[clause.base.lower()][2]
    return not negated and any(value.strip("*") for value in clause.values)


def _summary(clause: ConditionClause, source: str = "Allow") -> Narrowing:
    """A condition clause as a record."""
    return Narrowing(clause.operator, clause.key_raw, clause.values, source)


def _apply_denies(
    found: list[Exposure], policy: Policy, resource: str, own: str | None, service: str
) -> list[Exposure]:
    """Drop exposures an unconditional Deny covers; narrow those a conditional Deny limits."""
    for statement in policy.statements:
        if statement.effect != "Deny" or not _on_resource(statement, resource):
            continue
        denied_kinds = {kind for _, kind, _ in _principals(statement, own, service)}
        everyone = bool(denied_kinds & {PUBLIC, ANY_ACCOUNT})
        found = [_deny_one(e, statement, everyone) for e in found]
        found = [e for e in found if e is not None]
    return found  # type: ignore[return-value]


def _deny_one(exposure: Exposure, statement: Statement, everyone: bool) -> Exposure | None:
    """One exposure after one Deny statement."""
    hits = tuple(a for a in exposure.actions if statement.matches_action(a.lower()) or a == "*")
    if not hits or not (everyone or _names(statement, exposure)):
        return exposure
    if not statement.conditions:
        remaining = tuple(a for a in exposure.actions if a not in hits)
        return replace(exposure, actions=remaining) if remaining else None
    extra = tuple(_summary(clause, "Deny") for clause in statement.conditions)
    narrows = any(_lifts(clause) for clause in statement.conditions)
    conditions = exposure.conditions + extra
    return replace(exposure, conditions=conditions, narrowed=exposure.narrowed or narrows)


def _lifts(clause: ConditionClause) -> bool:
    """A Deny "unless <narrowing key> is ..." clause: negated operator on a narrowing key."""
    return clause.key in NARROWING_KEYS and OPERATORS[clause.base.lower()][2]


def _names(statement: Statement, exposure: Exposure) -> bool:
    """Whether a Deny statement names the exposure's principal."""
    spec = statement.principal
    if spec is None or statement.not_principal:
        return False
    return exposure.who in spec.aws or exposure.who.removeprefix("service:") in spec.service


def _apply_public_access_block(found: list[Exposure], block: bool | None) -> list[Exposure]:
    """Mark what RestrictPublicBuckets overrides: with a public policy, every grant to
    principals outside the account other than AWS services."""
    public = any(e.kind in (PUBLIC, ANY_ACCOUNT) and not e.narrowed for e in found)
    out = []
    for exposure in found:
        affected = public and exposure.cross_account
        blocked = None if block is None and affected else bool(block and affected)
        same = blocked is exposure.blocked_by_public_access
        out.append(exposure if same else replace(exposure, blocked_by_public_access=blocked))
    return out
