"""What a principal can change, coarsely: the (service, access level) pairs it holds at a level
that changes things. Comparing two principals' sets says whether one is strictly stronger."""

from __future__ import annotations

from explorer.iam.actions import PERMISSIONS, TAGGING, WRITE, level_actions
from explorer.iam.model import Statement
from explorer.iam.permissions import EffectivePermissions

ALL = ("*", "*")
"""Stands for every service and level (a grant of every action)."""
STRONG_LEVELS = (WRITE, PERMISSIONS, TAGGING)

Pairs = frozenset[tuple[str, str]]
_PAIRS: dict[tuple[tuple[str, ...], bool], Pairs] = {}
"""(Action list, NotAction?) -> the strong (service, level) pairs it names, per process."""


def capabilities(permissions: EffectivePermissions) -> Pairs:
    """(service, level) pairs with some Write, Permissions management or Tagging grant."""
    if permissions.all_services:
        return frozenset({ALL})
    plain = _plain_pairs(permissions)
    if plain is not None:
        return plain
    return frozenset(
        (service, level)
        for service in permissions.services()
        for level in permissions.levels_held(service, STRONG_LEVELS)
    )


def _plain_pairs(permissions: EffectivePermissions) -> Pairs | None:
    """For policies of unconditional Allow statements only (no Deny, no boundary: nothing can
    take a grant back), the union of what each statement names; None otherwise."""
    principal = permissions.principal
    if principal.boundary is not None:
        return None
    statements = [s for policy in principal.identity.policies for s in policy.statements]
    if any(s.effect != "Allow" or s.conditions for s in statements):
        return None
    found: set[tuple[str, str]] = set()
    for statement in statements:
        found |= _named_pairs(statement)
    return frozenset(found)


def _named_pairs(statement: Statement) -> Pairs:
    key = (statement.actions, statement.not_action)
    found = _PAIRS.get(key)
    if found is None:
        found = _PAIRS[key] = frozenset(
            (service, level)
            for service in statement.action_services or ()
            for level in STRONG_LEVELS
            if any(statement.matches_action(a) for a in level_actions(service, level))
        )
    return found
