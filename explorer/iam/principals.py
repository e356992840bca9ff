"""Matching a caller against the Principal/NotPrincipal element of a resource-based policy.

A match has a kind, because AWS treats grants differently by what the policy named:
DIRECT (everyone, the user, the session, a service: not limited by the caller's boundary),
ROLE (the role ARN: limited by an implicit deny in the role's boundary) and ACCOUNT (the
account: a delegation, so the caller's identity-based policies must still allow).
"""

from __future__ import annotations

import re

from explorer.iam.context import (
    FEDERATED,
    FEDERATED_USER,
    IAM_KINDS,
    ROLE,
    ROOT,
    SERVICE,
    SESSION,
    USER,
    Caller,
    parse_caller,
)
from explorer.iam.model import PrincipalSpec

DIRECT, ROLE_GRANT, ACCOUNT = "direct", "role", "account"
_STRENGTH = {None: 0, ACCOUNT: 1, ROLE_GRANT: 2, DIRECT: 3}
_ACCOUNT_ID = re.compile(r"^\d{12}$")


def match_principal(spec: PrincipalSpec, caller: Caller) -> str | None:
    """How the element names the caller: DIRECT, ROLE_GRANT, ACCOUNT, or None."""
    if spec.wildcard:
        return DIRECT
    best: str | None = None
    for entry in spec.aws:
        found = _match_aws(entry, caller)
        if _STRENGTH[found] > _STRENGTH[best]:
            best = found
    if best == DIRECT or _match_other(spec, caller):
        return DIRECT
    return best


def _match_other(spec: PrincipalSpec, caller: Caller) -> bool:
    """Service, Federated and CanonicalUser entries, compared as names."""
    raw = (caller.raw or "").lower()
    if caller.kind == SERVICE:
        return raw in {entry.lower() for entry in spec.service}
    if caller.kind == FEDERATED:
        return raw in {entry.lower() for entry in spec.federated}
    return bool(raw) and raw in {entry.lower() for entry in spec.canonical}


def _match_aws(entry: str, caller: Caller) -> str | None:
    """One `AWS` entry: an account id, root, role, user, session or federated-user ARN."""
    if caller.kind not in IAM_KINDS:
        return None
    named = parse_caller(entry)
    if named.account != caller.account or named.account is None:
        return None
    if named.kind == ROOT:
        return DIRECT if caller.kind == ROOT else ACCOUNT
    if named.kind == ROLE and caller.kind in (ROLE, SESSION):
        return ROLE_GRANT if _same_name(named.name, caller.name) else None
    if named.kind == USER and caller.kind == USER:
        return DIRECT if _same_name(named.name, caller.name) else None
    if named.kind in (SESSION, FEDERATED_USER) and named.kind == caller.kind:
        return DIRECT if (named.raw or "").lower() == (caller.raw or "").lower() else None
    return None


def _same_name(left: str | None, right: str | None) -> bool:
    """IAM role and user names are unique regardless of case."""
    return left is not None and right is not None and left.lower() == right.lower()
