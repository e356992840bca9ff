"""Deciding one action for one principal over many resources at once.

This is the graph builder's path. The statements that cover the action are found once (by
the service-prefix index); each statement's Resource patterns are matched against a
ResourceIndex by literal prefix; then identity, boundary and denies are combined as sets,
with the same three-valued logic as `PrincipalPolicies.evaluate`, resource by resource.
It covers requests within the principal's account and without a resource-based policy;
other resources need `PrincipalPolicies.evaluate`. As there, sts:GetCallerIdentity is allowed
everywhere, and a KMS key (whose key policy this path never holds) is at best conditional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.iam.conditions import INVALID
from explorer.iam.context import IAM_KINDS, ContextArg, RequestContext
from explorer.iam.evaluate import (
    NO_PERMISSION_ACTIONS,
    PrincipalPolicies,
    StatementIndex,
    needs_key_policy,
)
from explorer.iam.model import Statement, StatementRef
from explorer.iam.patterns import arn_regex, compiled, has_unknown, substitute
from explorer.iam.resources import ResourceIndex
from explorer.iam.statements import conditions_state

Positions = frozenset[int]
EMPTY: Positions = frozenset()


@dataclass(frozen=True, slots=True)
class BulkDecision:
    """Positions (in the ResourceIndex) allowed, allowed only under conditions, and explicitly
    denied; every other position is implicitly denied."""

    allowed: Positions
    conditional: Positions
    denied: Positions
    statements: tuple[StatementRef, ...]
    """Every statement that covers the action (for explaining edges)."""
    total: int = 0

    @property
    def every(self) -> bool:
        """Nothing is singled out: every resource allowed outright (a hub edge suffices)."""
        return len(self.allowed) == self.total > 0


@dataclass(frozen=True, slots=True)
class _Sides:
    """Positions where a kind of statement certainly applies, and where it may."""

    sure: Positions = EMPTY
    maybe: Positions = EMPTY


def evaluate_resources(
    principal: PrincipalPolicies,
    action: str,
    index: ResourceIndex,
    context: ContextArg = None,
) -> BulkDecision:
    """Decide `action` on every resource of the index for this principal (`context`: None,
    a complete dict, or a Partial; see explorer.iam.context)."""
    lowered = action.lower()
    service = lowered.split(":", 1)[0]
    every = index.every
    if lowered in NO_PERMISSION_ACTIONS and principal.caller.kind in IAM_KINDS:
        return BulkDecision(every, EMPTY, EMPTY, (), len(index))
    request = principal.request_context(service, context)
    allow, deny, refs = _collect(principal.identity, lowered, index, request)
    if principal.boundary is not None:
        bound, bound_deny, more = _collect(principal.boundary, lowered, index, request)
        refs += more
    else:
        bound, bound_deny = _Sides(every), _Sides()
    denied = _or(deny.sure, bound_deny.sure)
    may_deny = _or(deny.maybe, bound_deny.maybe)
    sure = _minus(_minus(_and(allow.sure, bound.sure, every), denied), may_deny)
    possible = _and(_or(allow.sure, allow.maybe), _or(bound.sure, bound.maybe), every)
    possible = _minus(possible, denied)
    if service == "kms" and sure:
        sure = _minus(sure, _kms_keys(index))
    return BulkDecision(sure, _minus(possible, sure), denied, tuple(refs), len(index))


_KMS_KEY_ARN = re.compile(r"arn:[^:]+:kms:.*")


def _kms_keys(index: ResourceIndex) -> Positions:
    """Positions of KMS keys, whose key policy must allow too (see `needs_key_policy`)."""
    found = index.matching_regex("arn:", _KMS_KEY_ARN)
    return frozenset(p for p in found if needs_key_policy("kms:", index.resources[p]))


def _or(left: Positions, right: Positions) -> Positions:
    """Union without copying when one side is empty (the common case)."""
    if not right:
        return left
    return right if not left else left | right


def _and(left: Positions, right: Positions, every: Positions) -> Positions:
    """Intersection without copying when one side is every position."""
    if right is every:
        return left
    return right if left is every else left & right


def _minus(left: Positions, right: Positions) -> Positions:
    return left - right if left and right else left


def _collect(
    statements: StatementIndex, action: str, index: ResourceIndex, request: RequestContext
) -> tuple[_Sides, _Sides, list[StatementRef]]:
    """(allow, deny) positions of the statements covering the action."""
    found: dict[str, tuple[list[Positions], list[Positions]]] = {
        "Allow": ([], []),
        "Deny": ([], []),
    }
    refs = []
    for statement, ref in statements.for_action(action):
        state, _ = conditions_state(statement.conditions, request)
        if state is False or state is INVALID:
            continue
        sure, maybe = _positions(statement, index, request)
        slot = found[statement.effect]
        slot[0 if state is True else 1].append(sure)
        slot[1].append(maybe)
        refs.append(ref)
    allow, deny = (
        _Sides(_union(sure, index.every), _union(maybe, index.every))
        for sure, maybe in found.values()
    )
    return allow, deny, refs


def _union(parts: list[Positions], every: Positions) -> Positions:
    """The union of position sets, without copying one set or anything unioned with every."""
    parts = [part for part in parts if part]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    if any(part is every for part in parts):
        return every
    return frozenset().union(*parts)


def _positions(
    statement: Statement, index: ResourceIndex, request: RequestContext
) -> tuple[Positions, Positions]:
    """Where the statement's Resource/NotResource certainly matches, and where it may."""
    sure: list[Positions] = []
    maybe: list[Positions] = []
    for pattern in statement.resources:
        if not pattern.has_vars:
            sure.append(index.matching_pattern(pattern))
            continue
        tokens = substitute(pattern, request.lookup)
        if tokens is None:
            return EMPTY, EMPTY  # an absent policy variable voids the statement
        hits = index.matching_regex(_prefix(tokens), compiled(arn_regex(tokens), False))
        (maybe if has_unknown(tokens) else sure).append(hits)
    certain = _union(sure, index.every)
    possible = _minus(_union(maybe, index.every), certain)
    if statement.not_resource:
        return _minus(_minus(index.every, certain), possible), possible
    return certain, possible


def _prefix(tokens: list[tuple[str, object]]) -> str:
    """Literal text before the first wildcard or unknown variable."""
    prefix = []
    for kind, value in tokens:
        if kind != "L":
            break
        prefix.append(str(value))
    return "".join(prefix)
