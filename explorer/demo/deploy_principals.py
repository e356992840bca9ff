"""Create the demo's groups and users (policies, memberships, passwords, access keys), then the
roles whose trust names a user, and record the seeded escalation paths and near misses."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients, dumps, tag_list
from explorer.demo.deploy_iam import create_role
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_near_misses import near_misses
from explorer.demo.estate_paths import iam_paths
from explorer.demo.estate_paths_services import Workloads, service_paths
from explorer.demo.estate_principals import (
    DEMO_PASSWORD,
    Case,
    GroupSpec,
    UserSpec,
    groups,
    target_users,
    trusting_roles,
)
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import AccessKeyRef, EscalationPath, GroupRef, NearMiss, UserRef
from explorer.demo.naming import Arns


def cases(a: Arns, w: Workloads) -> tuple[Case, ...]:
    """Every escalation case: seeded paths first, then near misses."""
    return (*iam_paths(a), *service_paths(a, w), *near_misses(a))


def deploy_principals(clients: Clients, a: Arns, ledger: Ledger, w: Workloads) -> None:
    """Groups, then users (admin targets first), then the roles that trust users."""
    iam = clients("iam")
    every = cases(a, w)
    users = (*target_users(), *(c.user for c in every if c.user))
    for group in groups(a):
        ledger.groups[group.name] = _create_group(iam, a, group, users)
    for user in users:
        ledger.users[user.name] = _create_user(iam, a, user)
    for role in trusting_roles(a):
        ledger.roles[role.name] = create_role(iam, a, role)
    ledger.escalations.extend(c.expect for c in every if isinstance(c.expect, EscalationPath))
    ledger.near_misses.extend(c.expect for c in every if isinstance(c.expect, NearMiss))


def _create_group(iam: Any, a: Arns, spec: GroupSpec, users: tuple[UserSpec, ...]) -> GroupRef:
    """A group with its policies (members join as each user is made)."""
    arn = iam.create_group(GroupName=spec.name, Path=spec.path)["Group"]["Arn"]
    for name, document in spec.inline.items():
        iam.put_group_policy(GroupName=spec.name, PolicyName=name, PolicyDocument=dumps(document))
    for policy in spec.managed:
        iam.attach_group_policy(GroupName=spec.name, PolicyArn=a.policy(policy))
    members = tuple(u.name for u in users if spec.name in u.groups)
    return GroupRef(arn, spec.path, members, tuple(spec.inline), _arns(a, spec.managed))


def _create_user(iam: Any, a: Arns, spec: UserSpec) -> UserRef:
    """A user with its policies, groups, console password and access keys."""
    arn = iam.create_user(UserName=spec.name, Path=spec.path, Tags=tag_list(COMMON_TAGS))
    for name, document in spec.inline.items():
        iam.put_user_policy(UserName=spec.name, PolicyName=name, PolicyDocument=dumps(document))
    for policy in spec.managed:
        iam.attach_user_policy(UserName=spec.name, PolicyArn=a.policy(policy))
    for group in spec.groups:
        iam.add_user_to_group(GroupName=group, UserName=spec.name)
    if spec.password:
        iam.create_login_profile(UserName=spec.name, Password=DEMO_PASSWORD)
    keys = tuple(_create_key(iam, spec.name, status) for status in spec.keys)
    return UserRef(
        arn["User"]["Arn"],
        spec.path,
        spec.groups,
        spec.password,
        keys,
        tuple(spec.inline),
        _arns(a, spec.managed),
    )


def _create_key(iam: Any, user: str, status: str) -> AccessKeyRef:
    """An access key (its secret is dropped at once), deactivated when so specified."""
    key_id = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    if status != "Active":
        iam.update_access_key(UserName=user, AccessKeyId=key_id, Status=status)
    return AccessKeyRef(key_id, status)


def _arns(a: Arns, policies: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(a.policy(name) for name in policies)
