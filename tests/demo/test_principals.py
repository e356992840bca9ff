"""The demo's users, groups and escalation cases: deployed in moto as the manifest says, and the
manifest's escalation records consistent with themselves and with what was deployed."""

from __future__ import annotations

import dataclasses
import json

import pytest

from explorer.demo.estate_principals import (
    BREAKGLASS_ROLE,
    CFN_ROLE,
    DEMO_PASSWORD,
    DEV_ENDPOINT,
    EC2_ROLE,
    GLUE_ROLE,
    INSTANCE,
    INSTANCE_PROFILE,
    ONCALL,
    SCALING_ROLE,
    SSO_ROLE,
    STACK,
)
from explorer.demo.manifest import TECHNIQUES, DemoManifest
from tests.demo.conftest import CrawledDemo

pytestmark = pytest.mark.moto


@pytest.fixture(scope="module")
def m(crawled_demo: CrawledDemo) -> DemoManifest:
    return crawled_demo.manifest


# --- users and groups in moto ---------------------------------------------------------------


def test_every_user_has_its_password_and_keys(crawled_demo: CrawledDemo) -> None:
    iam = crawled_demo.client("iam")
    wrong = []
    for name, user in crawled_demo.manifest.users.items():
        keys = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
        found = [(k["AccessKeyId"], k["Status"]) for k in keys]
        if found != [(k.id, k.status) for k in user.access_keys]:
            wrong.append((name, "keys", found))
        if _has_password(iam, name) != user.password:
            wrong.append((name, "password", user.password))
        if iam.get_user(UserName=name)["User"]["Arn"] != user.arn:
            wrong.append((name, "arn", user.arn))
    assert wrong == []


def _has_password(iam, name: str) -> bool:
    try:
        iam.get_login_profile(UserName=name)
    except iam.exceptions.NoSuchEntityException:
        return False
    return True


def test_users_mix_passwords_keys_and_an_inactive_second_key(m: DemoManifest) -> None:
    statuses = {tuple(k.status for k in u.access_keys) for u in m.users.values()}

    assert any(u.password for u in m.users.values())
    assert any(u.access_keys and not u.password for u in m.users.values())
    assert ("Active", "Inactive") in statuses


def test_every_user_has_its_policies(crawled_demo: CrawledDemo) -> None:
    iam = crawled_demo.client("iam")
    wrong = []
    for name, user in crawled_demo.manifest.users.items():
        inline = iam.list_user_policies(UserName=name)["PolicyNames"]
        attached = iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]
        if sorted(inline) != sorted(user.inline_policies):
            wrong.append((name, inline))
        if sorted(p["PolicyArn"] for p in attached) != sorted(user.attached_policies):
            wrong.append((name, attached))
    assert wrong == []


def test_every_group_has_its_members_and_policies(crawled_demo: CrawledDemo) -> None:
    iam = crawled_demo.client("iam")
    wrong = []
    for name, group in crawled_demo.manifest.groups.items():
        found = iam.get_group(GroupName=name)
        members = sorted(u["UserName"] for u in found["Users"])
        inline = iam.list_group_policies(GroupName=name)["PolicyNames"]
        if (found["Group"]["Arn"], members) != (group.arn, sorted(group.members)):
            wrong.append((name, members))
        if sorted(inline) != sorted(group.inline_policies):
            wrong.append((name, inline))
    assert wrong == []
    assert all(group.members for group in crawled_demo.manifest.groups.values())


def test_memberships_agree_both_ways(m: DemoManifest) -> None:
    from_users = {(g, name) for name, u in m.users.items() for g in u.groups}
    from_groups = {(name, member) for name, g in m.groups.items() for member in g.members}

    assert from_users == from_groups


# --- roles and workloads in moto ------------------------------------------------------------


def test_reserved_and_service_linked_roles_keep_their_paths(crawled_demo: CrawledDemo) -> None:
    iam = crawled_demo.client("iam")

    sso = iam.get_role(RoleName=SSO_ROLE)["Role"]
    linked = iam.get_role(RoleName=SCALING_ROLE)["Role"]

    assert sso["Path"].startswith("/aws-reserved/")
    assert linked["Path"].startswith("/aws-service-role/")
    assert {sso["Arn"], linked["Arn"]} <= set(crawled_demo.manifest.roles.values())


def test_break_glass_trust_names_the_on_call_user_who_holds_no_assume_grant(
    crawled_demo: CrawledDemo,
) -> None:
    iam, m = crawled_demo.client("iam"), crawled_demo.manifest

    trust = iam.get_role(RoleName=BREAKGLASS_ROLE)["Role"]["AssumeRolePolicyDocument"]
    (statement,) = trust["Statement"]
    policies = [
        iam.get_user_policy(UserName=ONCALL, PolicyName=p)["PolicyDocument"]
        for p in m.users[ONCALL].inline_policies
    ]

    assert statement["Principal"] == {"AWS": m.users[ONCALL].arn}
    assert "sts:" not in json.dumps(policies) and not m.users[ONCALL].groups


def test_build_runner_runs_with_the_ec2_admin_profile(crawled_demo: CrawledDemo) -> None:
    ec2, iam, m = crawled_demo.client("ec2"), crawled_demo.client("iam"), crawled_demo.manifest
    instance_id = m.instances[INSTANCE].rsplit("/", 1)[-1]

    (reservation,) = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    profile = iam.get_instance_profile(InstanceProfileName=INSTANCE_PROFILE)["InstanceProfile"]

    assert reservation["Instances"][0]["IamInstanceProfile"]["Arn"] == profile["Arn"]
    assert profile["Arn"] == m.instance_profiles[INSTANCE_PROFILE]
    assert [r["Arn"] for r in profile["Roles"]] == [m.roles[EC2_ROLE]]


def test_platform_stack_and_dev_endpoint_run_as_admin_roles(crawled_demo: CrawledDemo) -> None:
    cloudformation, glue = crawled_demo.client("cloudformation"), crawled_demo.client("glue")
    m = crawled_demo.manifest

    (stack,) = cloudformation.describe_stacks(StackName=STACK)["Stacks"]
    endpoint = glue.get_dev_endpoint(EndpointName=DEV_ENDPOINT)["DevEndpoint"]

    assert (stack["StackId"], stack["RoleARN"]) == (m.stacks[STACK], m.roles[CFN_ROLE])
    assert endpoint["RoleArn"] == m.roles[GLUE_ROLE]


# --- the escalation records -----------------------------------------------------------------


def test_every_contract_technique_is_seeded(m: DemoManifest) -> None:
    used = {hop.technique for path in m.escalations for hop in path.hops}

    assert used == set(TECHNIQUES)


def test_every_near_miss_resembles_a_seeded_path_of_its_technique(m: DemoManifest) -> None:
    techniques = {p.name: {hop.technique for hop in p.hops} for p in m.escalations}

    unmatched = [
        n.name for n in m.near_misses if n.technique not in techniques.get(n.resembles, ())
    ]

    assert unmatched == []
    assert {n.technique for n in m.near_misses} <= set(TECHNIQUES)


def test_each_principal_has_one_case_and_each_case_a_unique_name(m: DemoManifest) -> None:
    principals = [p.principal for p in m.escalations] + [n.principal for n in m.near_misses]
    names = [p.name for p in m.escalations] + [n.name for n in m.near_misses]

    assert len(set(principals)) == len(principals)
    assert len(set(names)) == len(names)


def test_every_principal_and_target_was_deployed(m: DemoManifest) -> None:
    principals = {u.arn for u in m.users.values()} | set(m.roles.values())
    targets = principals | {g.arn for g in m.groups.values()} | {f"admin:{m.account_id}"}
    named = {p.principal for p in m.escalations} | {n.principal for n in m.near_misses}
    aimed = {hop.target for p in m.escalations for hop in p.hops}
    aimed |= {n.target for n in m.near_misses}

    assert named - principals == set()
    assert aimed - targets == set()


def test_every_hop_goes_through_something_deployed(m: DemoManifest) -> None:
    deployed = {*m.functions.values(), *m.stacks.values(), *m.dev_endpoints.values()}
    deployed |= {*m.instances.values(), *m.instance_profiles.values(), *m.policies.values()}
    deployed |= {g.arn for g in m.groups.values()}
    vias = {hop.via for path in m.escalations for hop in path.hops if hop.via}

    assert vias - deployed == set()


def test_manifest_holds_no_password(m: DemoManifest) -> None:
    document = json.dumps(dataclasses.asdict(m))

    assert DEMO_PASSWORD not in document
    assert json.loads(document)["escalations"]
