"""What a principal can change, coarsely: the (service, access level) pairs it holds at a level
that changes things. Comparing two principals' sets says whether one is strictly stronger."""

from __future__ import annotations

from explorer.iam.actions import PERMISSIONS, TAGGING, WRITE
from explorer.iam.permissions import EffectivePermissions

ALL = ("*", "*")
"""Stands for every service and level (a grant of every action)."""
STRONG_LEVELS = (WRITE, PERMISSIONS, TAGGING)


def capabilities(permissions: EffectivePermissions) -> frozenset[tuple[str, str]]:
    """(service, level) pairs with some Write, Permissions management or Tagging grant."""
    if permissions.all_services:
        return frozenset({ALL})
    return frozenset(
        (service, level)
        for service in permissions.services()
        for level in permissions.levels_held(service, STRONG_LEVELS)
    )
