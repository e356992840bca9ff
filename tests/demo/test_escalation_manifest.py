"""The demo's escalation manifest against the crawled snapshot: every principal, policy,
membership, password and key the manifest names is in the snapshot as it describes.

Columns and tables the crawler adds in issue 12 (a user's `password_enabled` and `access_keys`,
a role's `instance_profiles`, `cloudformation_stacks`, `glue_dev_endpoints`, `ec2_instances`)
are checked when the snapshot has them; until then those tests skip and say what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from explorer.demo.estate_principals import (
    CFN_ROLE,
    DEMO_PASSWORD,
    DEV_ENDPOINT,
    EC2_ROLE,
    GLUE_ROLE,
    INSTANCE,
    INSTANCE_PROFILE,
    LEGACY_POLICY,
    SCALING_ROLE,
    SSO_ROLE,
    STACK,
)
from explorer.demo.manifest import DemoManifest
from explorer.store.reader import Snapshot
from tests.demo.conftest import CrawledDemo

pytestmark = pytest.mark.moto


@pytest.fixture
def m(crawled_demo: CrawledDemo) -> DemoManifest:
    return crawled_demo.manifest


def by_arn(snapshot: Snapshot, table: str) -> dict[str, dict[str, Any]]:
    return {row["arn"]: row for row in snapshot.rows(table)}


def require(snapshot: Snapshot, table: str, columns: Iterable[str] = ()) -> None:
    """Skip unless the snapshot has the table and columns (added by issue 12's crawl work)."""
    stored = snapshot.columns(table)
    missing = [c for c in columns if c not in stored]
    if not stored or missing:
        pytest.skip(f"the crawler does not record {table} {missing or ''} yet")


def inline_names(row: dict[str, Any]) -> list[str]:
    return sorted(p["name"] for p in row["inline_policies"] or [])


def test_every_user_is_stored_with_its_groups_and_policies(snapshot, m):
    users = by_arn(snapshot, "iam_users")

    wrong = [
        name
        for name, user in m.users.items()
        if user.arn not in users
        or sorted(users[user.arn]["groups"]) != sorted(user.groups)
        or inline_names(users[user.arn]) != sorted(user.inline_policies)
        or sorted(users[user.arn]["attached_policy_arns"]) != sorted(user.attached_policies)
    ]

    assert wrong == []


def test_every_group_is_stored_with_its_policies(snapshot, m):
    groups = by_arn(snapshot, "iam_groups")

    wrong = [
        name
        for name, group in m.groups.items()
        if group.arn not in groups
        or inline_names(groups[group.arn]) != sorted(group.inline_policies)
        or sorted(groups[group.arn]["attached_policy_arns"]) != sorted(group.attached_policies)
    ]

    assert wrong == []


def test_every_role_and_managed_policy_is_stored(snapshot, m):
    roles, policies = by_arn(snapshot, "iam_roles"), by_arn(snapshot, "iam_policies")

    assert set(m.roles.values()) - set(roles) == set()
    assert set(m.policies.values()) - set(policies) == set()


def test_reserved_and_service_linked_roles_are_stored_with_their_paths(snapshot, m):
    roles = by_arn(snapshot, "iam_roles")

    assert roles[m.roles[SSO_ROLE]]["path"].startswith("/aws-reserved/")
    assert roles[m.roles[SCALING_ROLE]]["path"].startswith("/aws-service-role/")


def test_every_escalation_principal_and_target_is_in_the_snapshot(snapshot, m):
    stored = set(by_arn(snapshot, "iam_users")) | set(by_arn(snapshot, "iam_roles"))
    stored |= set(by_arn(snapshot, "iam_groups")) | {f"admin:{m.account_id}"}
    named = {p.principal for p in m.escalations} | {n.principal for n in m.near_misses}
    named |= {hop.target for p in m.escalations for hop in p.hops}
    named |= {n.target for n in m.near_misses}

    assert named - stored == set()


def test_legacy_policy_keeps_its_full_access_version(snapshot, m):
    row = by_arn(snapshot, "iam_policies")[m.policies[LEGACY_POLICY]]
    versions = {v["VersionId"]: v for v in row["raw"]["PolicyVersionList"]}

    assert row["default_version_id"] == "v2"
    assert versions["v1"]["Document"]["Statement"][0]["Action"] == "*"


def test_every_password_is_recorded(snapshot, m):
    require(snapshot, "iam_users", ["password_enabled"])
    users = by_arn(snapshot, "iam_users")

    wrong = [n for n, u in m.users.items() if users[u.arn]["password_enabled"] is not u.password]

    assert wrong == []


def test_every_access_key_is_recorded_with_its_status(snapshot, m):
    require(snapshot, "iam_users", ["access_keys"])
    users = by_arn(snapshot, "iam_users")

    wrong = [
        name
        for name, user in m.users.items()
        if [(k["id"], k["status"]) for k in users[user.arn]["access_keys"] or []]
        != [(k.id, k.status) for k in user.access_keys]
    ]

    assert wrong == []


def test_ec2_admin_role_is_recorded_in_its_instance_profile(snapshot, m):
    require(snapshot, "iam_roles", ["instance_profiles"])

    role = by_arn(snapshot, "iam_roles")[m.roles[EC2_ROLE]]

    assert role["instance_profiles"] == [m.instance_profiles[INSTANCE_PROFILE]]


def test_build_runner_is_recorded_with_its_profile(snapshot, m):
    require(snapshot, "ec2_instances", ["instance_profile_arn"])

    instance = by_arn(snapshot, "ec2_instances")[m.instances[INSTANCE]]

    assert instance["instance_profile_arn"] == m.instance_profiles[INSTANCE_PROFILE]


def test_platform_stack_is_recorded_with_its_role(snapshot, m):
    require(snapshot, "cloudformation_stacks", ["role_arn"])

    stack = by_arn(snapshot, "cloudformation_stacks")[m.stacks[STACK]]

    assert stack["role_arn"] == m.roles[CFN_ROLE]


def test_dev_endpoint_is_recorded_with_its_role(snapshot, m):
    require(snapshot, "glue_dev_endpoints", ["role_arn"])

    endpoint = by_arn(snapshot, "glue_dev_endpoints")[m.dev_endpoints[DEV_ENDPOINT]]

    assert endpoint["role_arn"] == m.roles[GLUE_ROLE]


def test_no_password_is_in_the_snapshot(snapshot):
    assert DEMO_PASSWORD.encode() not in snapshot.path.read_bytes()
