"""Who a resource-policy grant really reaches: the conditions that narrow it, read as a trust
level and as words.

A grant to `*` limited by `aws:SourceIp` is still anonymous, but only from those addresses;
limited by `aws:PrincipalOrgID` it reaches the organisation's accounts, not everyone; limited by
`aws:PrincipalAccount` to one foreign account it is that account's; limited to the own account
it reaches every principal of the account (`account-wide`), and so does a grant to the own
account's root, which lets IAM decide. A Deny that applies *unless* such a condition holds
narrows the grant the same way. Each reach keeps the words the user reads: "only from
203.0.113.7/32", "only through VPC endpoint vpce-1a2b".
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.analysis import kinds
from explorer.iam.conditions import OPERATORS
from explorer.iam.exposure import ANY_ACCOUNT, PUBLIC, SAME_ACCOUNT, SERVICE, Exposure, Narrowing

PRINCIPAL_ACCOUNT_KEYS = frozenset({"aws:principalaccount", "aws:principalarn"})
"""Keys naming the caller's own account: pinned to the own account, every principal of it."""
SOURCE_ACCOUNT_KEYS = frozenset({"aws:sourceaccount", "aws:sourceowner", "aws:sourcearn"})
"""Keys naming the resource a service acts for: pinned to the own account, nobody outside."""
ACCOUNT_KEYS = PRINCIPAL_ACCOUNT_KEYS | SOURCE_ACCOUNT_KEYS
ORG_KEYS = frozenset(
    {"aws:principalorgid", "aws:principalorgpaths", "aws:sourceorgid", "aws:sourceorgpaths"}
)
PHRASES = {
    "aws:sourceip": "from {}",
    "aws:vpcsourceip": "from {} inside a VPC",
    "aws:sourcevpc": "from VPC {}",
    "aws:sourcevpce": "through VPC endpoint {}",
    "aws:principalarn": "as {}",
    "aws:userid": "as user id {}",
    "aws:calledvia": "via {}",
    "aws:sourcearn": "on behalf of {}",
}
"""Narrowing key -> how the user reads it after "only" (an organisation or account is the origin
itself)."""
LIMITING_KEYS = PHRASES.keys() | ACCOUNT_KEYS | ORG_KEYS


@dataclass(frozen=True, slots=True)
class Reach:
    """An origin a grant lets put data in: its trust level and what narrows it."""

    origin: str
    trust: str
    only: tuple[str, ...] = ()
    """Phrases read after "only" ("from 203.0.113.7/32"); empty when nothing narrows it."""
    delegated: bool = False
    """Account-wide through the account's root: only principals IAM allows (not every one)."""


def only_text(only: tuple[str, ...] | list[str]) -> str:
    """`only from 203.0.113.7/32, through VPC endpoint vpce-1` ("" when not narrowed)."""
    return f"only {', '.join(only)}" if only else ""


def reaches(exposure: Exposure, account: str) -> list[Reach]:
    """The origins one exposure reaches (none when it stays with the account's own services or
    S3 Block Public Access overrides it)."""
    if exposure.blocked_by_public_access:
        return []
    clauses = limiting(exposure)
    own = {c.key.lower() for c in clauses if c.key.lower() in ACCOUNT_KEYS and _all_own(c, account)}
    if own & SOURCE_ACCOUNT_KEYS:
        return []  # only a service acting for the account's own resources
    only = tuple(_phrase(c) for c in clauses if c.key.lower() not in ACCOUNT_KEYS | ORG_KEYS)
    if exposure.kind == SERVICE:
        return [] if own else [Reach(_service(exposure), kinds.INTERNAL)]
    if exposure.kind == SAME_ACCOUNT:
        return [Reach(kinds.account_origin(account), kinds.ACCOUNT_WIDE, only, delegated=True)]
    if exposure.kind in (PUBLIC, ANY_ACCOUNT):
        if own:
            return [Reach(kinds.account_origin(account), kinds.ACCOUNT_WIDE, only)]
        return _everyone(exposure, account, clauses, only)
    if exposure.cross_account and exposure.account and exposure.account != account and not own:
        return [Reach(kinds.account_origin(exposure.account), kinds.CROSS_ACCOUNT, only)]
    return []


def _service(exposure: Exposure) -> str:
    return kinds.service_origin(exposure.who.split(":", 1)[-1])


def _everyone(
    exposure: Exposure, account: str, clauses: list[Narrowing], only: tuple[str, ...]
) -> list[Reach]:
    """A grant to `*` (or any AWS account) not pinned to the own account, after the conditions
    that say whose calls count: foreign accounts, an organisation, or everyone."""
    pins = [c for c in clauses if c.key.lower() in ACCOUNT_KEYS]
    if pins:
        foreign = sorted({account_of(v) for v in pins[0].values if v.strip("*")} - {account})
        named = tuple(_phrase(c) for c in pins if c.key.lower() in PHRASES)
        return [Reach(kinds.account_origin(a), kinds.CROSS_ACCOUNT, only + named) for a in foreign]
    orgs = [c for c in clauses if c.key.lower() in ORG_KEYS]
    if orgs:
        ids = sorted({v.split("/", 1)[0] for c in orgs for v in c.values if v.strip("*")})
        return [Reach(kinds.org_origin(i), kinds.ORGANIZATION, only) for i in ids]
    if exposure.kind == PUBLIC:
        return [Reach(kinds.INTERNET, kinds.ANONYMOUS, only)]
    return [Reach(kinds.ANY_ACCOUNT, kinds.CROSS_ACCOUNT, only)]


def limiting(exposure: Exposure) -> list[Narrowing]:
    """The conditions that limit who the grant reaches: a positive narrowing condition of the
    Allow, or a negated one of a Deny ("deny unless from 203.0.113.7/32")."""
    return [
        c
        for c in exposure.conditions
        if c.key.lower() in LIMITING_KEYS
        and any(v.strip("*") for v in c.values)
        and _negated(c.operator) == (c.source == "Deny")
        and not c.operator.lower().startswith("null")
    ]


def _negated(operator: str) -> bool:
    base = operator.split(":", 1)[-1].lower().removesuffix("ifexists")
    known = OPERATORS.get(base)
    return bool(known and known[2])


def _all_own(clause: Narrowing, account: str) -> bool:
    return bool(account) and all(account_of(v) == account for v in clause.values)


def pinned_to_own(exposure: Exposure, account: str) -> bool:
    """An Allow condition limits the grant to the own account (SNS's default policy does this
    with AWS:SourceOwner): nobody outside is exposed (a grant to `*` limited so by
    aws:PrincipalAccount is account-wide, which the resource-policy rules leave to the input
    rules)."""
    return any(
        c.source == "Allow"
        and c.key.lower() in SOURCE_ACCOUNT_KEYS | {"aws:principalaccount"}
        and not _negated(c.operator)
        and c.values
        and _all_own(c, account)
        for c in exposure.conditions
    )


def account_of(value: str) -> str:
    """A 12-digit account id, or the account field of an ARN."""
    parts = value.split(":")
    return parts[4] if len(parts) > 5 else value


def _phrase(clause: Narrowing) -> str:
    template = PHRASES.get(clause.key.lower(), "from account {}")
    return template.format(" or ".join(clause.values))
