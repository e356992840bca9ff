"""`becomes` edges in the cases AWS treats specially: policies and roles no one in the account
can change, users whose credentials a technique cannot create, instances that run nothing,
trust policies that admit a caller on their own, group membership, and the account's
administrator node."""

from __future__ import annotations

import pytest

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from tests.analysis.becomes_scenarios import ADMIN, MFA, becomes_edges
from tests.analysis.builders import ACCOUNT, fn, group, instance, instance_profile, policy, role
from tests.analysis.builders import user as user_arn
from tests.analysis.estates import (
    allow,
    deny,
    ec2_instance,
    estate,
    function,
    iam_group,
    iam_role,
    iam_user,
    managed_policy,
    service_trust,
    trust,
)

AWS_READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"


@pytest.mark.parametrize("action", ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"])
@pytest.mark.parametrize("crawled", [True, False], ids=["policy-crawled", "policy-not-crawled"])
def test_aws_managed_policy_versions_give_nothing(action: str, crawled: bool):
    # IAM UG, "AWS managed policies": "You cannot change the permissions defined in AWS
    # managed policies."
    attacker = iam_role("attacker", allow(action), attached_policy_arns=[AWS_READ_ONLY])
    policies = [managed_policy(AWS_READ_ONLY, allow("s3:Get*"))] if crawled else []
    est = estate(iam_roles=[attacker], iam_policies=policies)

    assert becomes_edges(est, role("attacker")) == {}


RESERVED = ["/aws-service-role/lambda.amazonaws.com/", "/aws-reserved/sso.amazonaws.com/"]


@pytest.mark.parametrize("path", RESERVED)
def test_trust_of_an_aws_owned_role_cannot_be_rewritten(path: str):
    # IAM UG, "Using service-linked roles"; IAM Identity Center UG: roles under /aws-reserved/
    owned = iam_role("owned", allow("*"), path=path, trust_policy=service_trust("lambda"))
    est = estate(iam_roles=[iam_role("attacker", allow("iam:UpdateAssumeRolePolicy")), owned])

    assert becomes_edges(est, role("attacker")) == {}


@pytest.mark.parametrize("path", RESERVED)
@pytest.mark.parametrize("action", ["iam:PutRolePolicy", "iam:AttachRolePolicy"])
def test_an_aws_owned_role_cannot_rewrite_its_own_policies(path: str, action: str):
    est = estate(iam_roles=[iam_role("owned", allow(action, role("owned")), path=path)])

    assert becomes_edges(est, role("owned")) == {}


def _key(status: str = "Active") -> dict:
    return {"id": "AKIAEXAMPLE", "status": status, "created": "2026-01-01T00:00:00Z",
            "last_used": None, "last_used_service": None, "last_used_region": None}  # fmt: skip


def _credentials(action: str, *extra: dict, **victim: object) -> dict[str, list[dict]]:
    """target -> edges, for an attacker allowed `action` (and `extra`) on a user `victim`."""
    attacker = iam_user("attacker", allow(action, user_arn("victim")), *extra)
    est = estate(iam_users=[attacker, iam_user("victim", allow("*"), **victim)])
    return becomes_edges(est, user_arn("attacker"))


def test_no_access_key_for_a_user_holding_two_already():
    # IAM API reference, CreateAccessKey: LimitExceeded (two keys per user, whatever status)
    assert _credentials("iam:CreateAccessKey", access_keys=[_key(), _key("Inactive")]) == {}


def test_two_keys_and_the_right_to_delete_one_is_an_access_key():
    delete = allow("iam:DeleteAccessKey", user_arn("victim"))

    found = _credentials("iam:CreateAccessKey", delete, access_keys=[_key(), _key()])

    assert [e["conditional"] for e in found[user_arn("victim")]] == [False]


@pytest.mark.parametrize("keys", [[], [_key("Inactive")]], ids=["none", "one-inactive"])
def test_a_user_with_room_for_a_key_is_an_access_key(keys: list):
    found = _credentials("iam:CreateAccessKey", access_keys=keys)

    assert [e["conditional"] for e in found[user_arn("victim")]] == [False]


@pytest.mark.parametrize(
    ("action", "state"),
    [("iam:CreateAccessKey", {"access_keys": None}),
     ("iam:CreateAccessKey", {"access_keys": [_key(), _key()], "password_enabled": None}),
     ("iam:CreateLoginProfile", {"password_enabled": None}),
     ("iam:UpdateLoginProfile", {"password_enabled": None})],
    ids=["keys-unknown", "two-keys-delete-conditional", "password-unknown", "reset-unknown"],
)  # fmt: skip
def test_unrecorded_credentials_make_the_edge_conditional(action: str, state: dict):
    delete = allow("iam:DeleteAccessKey", user_arn("victim"), Condition=MFA)

    found = _credentials(action, delete, **state)

    assert [e["conditional"] for e in found[user_arn("victim")]] == [True]


def test_no_login_profile_for_a_user_who_has_a_password():
    # IAM API reference, CreateLoginProfile: EntityAlreadyExists
    assert _credentials("iam:CreateLoginProfile", password_enabled=True) == {}


def test_no_password_reset_for_a_user_without_one():
    # IAM API reference, UpdateLoginProfile: NoSuchEntity
    assert _credentials("iam:UpdateLoginProfile", password_enabled=False) == {}


@pytest.mark.parametrize(("action", "password"), [("iam:CreateLoginProfile", False),
                                                  ("iam:UpdateLoginProfile", True)])  # fmt: skip
def test_a_password_is_no_way_past_the_users_mfa_device(action: str, password: bool):
    # IAM UG, "AWS Multi-factor authentication in IAM": sign-in asks for the device's code
    assert _credentials(action, password_enabled=password, mfa_active=True) == {}


@pytest.mark.parametrize(("deactivate", "sure"), [({}, True), ({"Condition": MFA}, False)],
                         ids=["allowed", "conditional"])  # fmt: skip
def test_a_password_is_a_way_in_for_who_may_deactivate_the_mfa_device(deactivate, sure):
    off = allow("iam:DeactivateMFADevice", user_arn("victim"), **deactivate)

    found = _credentials("iam:UpdateLoginProfile", off, password_enabled=True, mfa_active=True)

    assert [e["conditional"] for e in found[user_arn("victim")]] == [not sure]


def test_an_unrecorded_mfa_device_makes_a_password_edge_conditional():
    found = _credentials("iam:UpdateLoginProfile", password_enabled=True, mfa_active=None)

    assert [e["conditional"] for e in found[user_arn("victim")]] == [True]


def test_an_access_key_needs_no_mfa_device():
    found = _credentials("iam:CreateAccessKey", mfa_active=True)

    assert [e["conditional"] for e in found[user_arn("victim")]] == [False]


@pytest.mark.parametrize("action", ["iam:CreateAccessKey", "iam:UpdateLoginProfile"])
def test_a_user_does_not_become_itself(action: str):
    est = estate(iam_users=[iam_user("me", allow(action), password_enabled=True)])

    assert becomes_edges(est, user_arn("me")) == {}


def test_a_role_cannot_join_a_group():
    est = estate(iam_roles=[iam_role("attacker", allow("iam:AddUserToGroup"))],
                 iam_groups=[iam_group("admins", allow("*"))])  # fmt: skip

    assert becomes_edges(est, role("attacker")) == {}


def test_a_user_adding_itself_to_a_group_becomes_the_group():
    est = estate(iam_users=[iam_user("eve", allow("iam:AddUserToGroup", group("admins")))],
                 iam_groups=[iam_group("admins", allow("*"))])  # fmt: skip

    [edge] = becomes_edges(est, user_arn("eve"))[group("admins")]

    assert edge["evidence"]["technique"] == "iam:AddUserToGroup"


def test_a_member_gains_nothing_by_joining_its_own_group():
    eve = iam_user("eve", allow("iam:AddUserToGroup"), groups=["admins"])
    est = estate(iam_users=[eve], iam_groups=[iam_group("admins", allow("s3:GetObject"))])

    assert group("admins") not in becomes_edges(est, user_arn("eve"))


@pytest.mark.parametrize("attached", [False, True], ids=["inline", "attached"])
def test_a_groups_policy_gives_its_member_the_edge(attached: bool):
    grant = allow("iam:CreateAccessKey", user_arn("victim"))
    managed = managed_policy(policy("keys"), grant)
    devs = (iam_group("devs", attached_policy_arns=[policy("keys")]) if attached
            else iam_group("devs", grant))  # fmt: skip
    members = [iam_user("eve", groups=["devs"]), iam_user("victim", allow("*"))]
    est = estate(iam_users=members, iam_groups=[devs], iam_policies=[managed])

    [edge] = becomes_edges(est, user_arn("eve"))[user_arn("victim")]

    assert edge["evidence"]["statements"] == [f"devs/{'keys' if attached else 'g'}#0 Allow"]


def _instance_estate(*instances: dict, profiles: list | None = None) -> dict[str, list[dict]]:
    """The becomes edges of a role allowed ssm:SendCommand, beside these instances."""
    sender = iam_role("attacker", allow("ssm:SendCommand"))
    target = iam_role("target", allow("*"), trust_policy=service_trust("ec2"),
                      instance_profiles=profiles)  # fmt: skip
    return becomes_edges(estate(iam_roles=[sender, target], ec2_instances=list(instances)),
                         role("attacker"))  # fmt: skip


@pytest.mark.parametrize("state", ["terminated", "shutting-down"])
def test_no_commands_on_an_instance_that_is_gone(state: str):
    profile = instance_profile("target")
    found = _instance_estate(ec2_instance("i-1", profile, state), profiles=[profile])

    assert found == {}


@pytest.mark.parametrize(("state", "sure"), [("running", True), ("pending", True),
                                            ("stopped", False), ("stopping", False)])  # fmt: skip
def test_commands_on_a_stopped_instance_wait_until_someone_starts_it(state: str, sure: bool):
    profile = instance_profile("target")
    found = _instance_estate(ec2_instance("i-1", profile, state), profiles=[profile])

    assert [edge["conditional"] for edge in found[role("target")]] == [not sure]


@pytest.mark.parametrize("profiles", [None, [instance_profile("elsewhere")]])
def test_an_instance_profile_no_known_role_holds_gives_nothing(profiles: list | None):
    found = _instance_estate(ec2_instance("i-1", instance_profile("target")), profiles=profiles)

    assert found == {}


def test_passrole_to_ec2_with_instance_profiles_not_recorded_is_conditional():
    runner = iam_role("attacker", allow(["iam:PassRole", "ec2:RunInstances"]))
    target = iam_role("target", allow("*"), trust_policy=service_trust("ec2"),
                      instance_profiles=None)  # fmt: skip

    [edge] = becomes_edges(estate(iam_roles=[runner, target]), role("attacker"))[role("target")]

    assert edge["conditional"] is True


def test_passrole_to_ec2_for_a_role_in_no_instance_profile_gives_nothing():
    runner = iam_role("attacker", allow(["iam:PassRole", "ec2:RunInstances"]))
    target = iam_role("target", allow("*"), trust_policy=service_trust("ec2"),
                      instance_profiles=[])  # fmt: skip

    assert becomes_edges(estate(iam_roles=[runner, target]), role("attacker")) == {}


def test_trust_naming_the_user_lets_it_assume_the_role_with_no_grant_of_its_own():
    # IAM UG, "Policy evaluation logic": within an account, a resource-based policy (the trust
    # policy) naming the user's ARN allows on its own.
    admin = iam_role("admin", allow("*"), trust_policy=trust(AWS=user_arn("eve")))
    est = estate(iam_users=[iam_user("eve", allow("s3:GetObject"))], iam_roles=[admin])

    [edge] = becomes_edges(est, user_arn("eve"))[role("admin")]

    assert (edge["evidence"]["technique"], edge["conditional"]) == ("sts:AssumeRole", False)


def test_trust_naming_only_the_account_needs_a_grant_of_the_callers_own():
    admin = iam_role("admin", allow("*"), trust_policy=trust(AWS=ROOT))
    est = estate(iam_users=[iam_user("eve", allow("s3:GetObject"))], iam_roles=[admin])

    assert becomes_edges(est, user_arn("eve")) == {}


def test_trust_naming_the_user_does_not_beat_its_explicit_deny():
    admin = iam_role("admin", allow("*"), trust_policy=trust(AWS=user_arn("eve")))
    eve = iam_user("eve", deny("sts:AssumeRole"))
    est = estate(iam_users=[eve], iam_roles=[admin])

    assert becomes_edges(est, user_arn("eve")) == {}


def test_trust_naming_another_user_admits_no_one_else():
    admin = iam_role("admin", allow("*"), trust_policy=trust(AWS=user_arn("alice")))
    est = estate(iam_users=[iam_user("eve", allow("sts:AssumeRole"))], iam_roles=[admin])

    assert becomes_edges(est, user_arn("eve")) == {}


def test_rewriting_its_own_policy_makes_the_administrator_node():
    est = estate(iam_users=[iam_user("eve", allow("iam:PutUserPolicy", user_arn("eve")))])

    g = build_graph(est).g
    [edge] = [d for d in g.get_edge_data(user_arn("eve"), ADMIN).values()]

    assert g.nodes[ADMIN]["kind"] == kinds.ADMIN
    assert edge["evidence"]["via"] == user_arn("eve")


def test_rewriting_a_role_it_can_assume_makes_it_administrator():
    attacker = iam_role("attacker", allow("iam:PutRolePolicy", role("other")))
    other = iam_role("other", trust_policy=trust(AWS=role("attacker")))
    est = estate(iam_roles=[attacker, other])

    [edge] = becomes_edges(est, role("attacker"))[ADMIN]

    assert edge["evidence"] == {"technique": "iam:PutRolePolicy", "actions": ["iam:PutRolePolicy"],
                                "statements": ["p#0 Allow"], "via": role("other")}  # fmt: skip


def test_attaching_only_a_named_harmless_policy_gives_nothing():
    only = {"ArnEquals": {"iam:PolicyARN": policy("harmless")}}
    est = estate(iam_users=[iam_user("eve", allow("iam:AttachUserPolicy", Condition=only))])

    assert becomes_edges(est, user_arn("eve")) == {}


def test_an_instance_is_reached_through_the_role_of_its_profile():
    profile = instance_profile("target")
    found = _instance_estate(ec2_instance("i-1", profile), profiles=[profile])

    [edge] = found[role("target")]

    assert edge["evidence"]["via"] == instance("i-1")


def test_rewriting_a_role_it_cannot_become_gives_nothing():
    est = estate(iam_roles=[iam_role("attacker", allow("iam:PutRolePolicy", role("other"))),
                            iam_role("other", trust_policy=service_trust("lambda"))])  # fmt: skip

    g = build_graph(est).g

    assert becomes_edges(est, role("attacker")) == {}
    assert ADMIN not in g  # no administrator node with nothing reaching it


def test_evidence_cites_only_the_statements_that_allow():
    takeover = iam_role("attacker", allow("lambda:UpdateFunctionCode"),
                        deny("lambda:UpdateFunctionCode", fn("other")))  # fmt: skip
    est = estate(iam_roles=[takeover, iam_role("target")],
                 functions=[function("victim", "target"), function("other", "target")])  # fmt: skip

    [edge] = becomes_edges(est, role("attacker"))[role("target")]

    assert edge["evidence"]["statements"] == ["p#0 Allow"]


def test_a_companion_action_allowed_for_sure_anywhere_keeps_the_edge_sure():
    create = [
        allow("lambda:CreateFunction", Condition=MFA),
        allow("lambda:CreateFunction", fn("x")),
    ]
    passer = iam_role("attacker", allow(["iam:PassRole", "lambda:InvokeFunction"]), *create)
    admin = iam_role("admin", allow("*"), trust_policy=service_trust("lambda"))

    [edge] = becomes_edges(estate(iam_roles=[passer, admin]), role("attacker"))[role("admin")]

    assert edge["conditional"] is False


def test_a_statement_granting_several_actions_of_a_technique_is_cited_once():
    passer = iam_role("attacker", allow(["iam:PassRole", "lambda:CreateFunction",
                                         "lambda:InvokeFunction"]))  # fmt: skip
    admin = iam_role("admin", allow("*"), trust_policy=service_trust("lambda"))

    [edge] = becomes_edges(estate(iam_roles=[passer, admin]), role("attacker"))[role("admin")]

    assert edge["evidence"]["statements"] == ["p#0 Allow"]


@pytest.mark.parametrize("everyone", ["*", ["*"]])
def test_trust_open_to_everyone_lets_any_principal_assume_with_no_grant(everyone):
    # IAM UG, "Policy evaluation logic": within an account, a resource-based policy that allows
    # the principal (here every principal) allows on its own.
    admin = iam_role("admin", allow("*"), trust_policy=trust(AWS=everyone))
    est = estate(iam_users=[iam_user("eve", allow("s3:GetObject"))], iam_roles=[admin])

    [edge] = becomes_edges(est, user_arn("eve"))[role("admin")]

    assert (edge["evidence"]["technique"], edge["conditional"]) == ("sts:AssumeRole", False)


@pytest.mark.parametrize("path", RESERVED)
def test_an_aws_owned_role_it_can_become_cannot_be_rewritten_either(path: str):
    owned = iam_role("owned", path=path, trust_policy=trust(AWS=role("attacker")))
    attacker = iam_role(
        "attacker", allow(["iam:PutRolePolicy", "iam:AttachRolePolicy"], role("owned"))
    )
    est = estate(iam_roles=[attacker, owned])

    assert list(becomes_edges(est, role("attacker"))) == [role("owned")]


def test_a_users_boundary_limits_what_its_groups_grant():
    boundary = managed_policy(policy("boundary"), allow("s3:*"))
    eve = iam_user("eve", groups=["devs"], boundary=policy("boundary"))
    devs = iam_group("devs", allow("iam:CreateAccessKey"))
    est = estate(iam_users=[eve, iam_user("bob")], iam_groups=[devs], iam_policies=[boundary])

    assert becomes_edges(est, user_arn("eve")) == {}


@pytest.mark.parametrize(("run", "edge"), [("lambda:CreateFunctionUrlConfig", False),
                                          ("lambda:AddPermission", True)])  # fmt: skip
def test_a_function_url_alone_does_not_run_a_new_function(run: str, edge: bool):
    # Lambda DG, "Control access to function URLs": even with AuthType NONE the function's
    # resource policy must allow lambda:InvokeFunctionUrl, which takes AddPermission
    worker = iam_role("worker", trust_policy=service_trust("lambda"))
    eve = iam_user("eve", allow(["iam:PassRole", "lambda:CreateFunction", run]))

    assert (role("worker") in becomes_edges(estate(iam_users=[eve], iam_roles=[worker]),
                                            user_arn("eve"))) is edge  # fmt: skip


PIPELINE = ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition",
            "datapipeline:ActivatePipeline"]  # fmt: skip


def _pipeline_estate(passable: list[str]) -> dict[str, list[dict]]:
    """An operator allowed to build and activate pipelines, passing `passable` roles: a pipeline
    role (trusts Data Pipeline) and a resource role (trusts EC2, in an instance profile)."""
    operator = iam_user("operator", allow(PIPELINE[1:]), allow("iam:PassRole", passable))
    roles = [iam_role("pipeline", allow("*"), trust_policy=service_trust("datapipeline")),
             iam_role("resource", allow("*"), trust_policy=service_trust("ec2"),
                      instance_profiles=[instance_profile("resource")])]  # fmt: skip
    return becomes_edges(estate(iam_users=[operator], iam_roles=roles), user_arn("operator"))


def test_a_data_pipeline_runs_its_activities_as_the_resource_role():
    # Data Pipeline DG, "IAM roles for AWS Data Pipeline": the pipeline role lets the service
    # manage resources; activities run on an EC2 instance as the resource role
    found = _pipeline_estate([role("pipeline"), role("resource")])

    assert set(found) == {role("resource")}
    assert found[role("resource")][0]["evidence"]["technique"] == "iam:PassRole+datapipeline"


@pytest.mark.parametrize("passable", [[role("pipeline")], [role("resource")]],
                         ids=["no-resource-role", "no-pipeline-role"])  # fmt: skip
def test_a_data_pipeline_needs_both_roles_passed(passable: list[str]):
    assert _pipeline_estate(passable) == {}


def test_passing_any_of_many_roles_is_one_edge_to_a_hub_of_them():
    roles = [iam_role(f"worker-{n}", trust_policy=service_trust("lambda")) for n in range(12)]
    passer = iam_user(
        "eve", allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])
    )
    g = build_graph(estate(iam_users=[passer], iam_roles=roles)).g

    [(hub, data)] = [(v, d) for _, v, d in g.out_edges(user_arn("eve"), data=True)
                     if d["kind"] == kinds.BECOMES]  # fmt: skip

    assert g.nodes[hub]["kind"] == kinds.HUB
    assert {m for _, m in g.out_edges(hub)} == {role(f"worker-{n}") for n in range(12)}
    assert data["evidence"]["technique"] == "iam:PassRole+lambda"


def test_a_users_self_service_policy_reaches_no_other_user():
    own = allow(["iam:CreateAccessKey", "iam:UpdateLoginProfile"],
                f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")  # fmt: skip
    bob = iam_user("bob", allow("*"), password_enabled=True)
    est = estate(iam_users=[iam_user("eve", own, password_enabled=True), bob])

    assert becomes_edges(est, user_arn("eve")) == {}


def test_a_groups_self_service_policy_lends_no_other_users_credentials():
    own = allow("iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
    same_name = iam_user("staff", allow("*"))  # a user named like the group
    est = estate(iam_users=[iam_user("eve", allow("iam:AddUserToGroup")), same_name],
                 iam_groups=[iam_group("staff", own)])  # fmt: skip

    assert becomes_edges(est, group("staff")) == {}


def test_rewriting_the_code_of_many_functions_is_one_edge_to_a_hub_of_their_roles():
    functions = [function(f"job-{n}", f"job-{n}") for n in range(12)]
    roles = [iam_role(f"job-{n}", trust_policy=service_trust("lambda")) for n in range(12)]
    est = estate(iam_users=[iam_user("ci", allow("lambda:UpdateFunctionCode"))],
                 iam_roles=roles, functions=functions)  # fmt: skip
    g = build_graph(est).g

    [hub] = [v for _, v, d in g.out_edges(user_arn("ci"), data=True) if d["kind"] == kinds.BECOMES]

    assert g.nodes[hub]["kind"] == kinds.HUB
    assert {m for _, m in g.out_edges(hub)} == {role(f"job-{n}") for n in range(12)}


CRAWLED = {"finished": "2026-11-01T00:00:00+00:00"}


@pytest.mark.parametrize(("until", "edge"), [("2026-06-30T00:00:00Z", False),
                                              ("2027-06-30T00:00:00Z", True)])  # fmt: skip
def test_a_grant_is_decided_at_the_snapshots_time(until: str, edge: bool):
    # IAM UG, "AWS global condition context keys": aws:CurrentTime is the request's time; the
    # snapshot's requests are made when its crawl finished.
    expiring = {"DateLessThan": {"aws:CurrentTime": until}}
    ops = iam_role("ops", allow("lambda:UpdateFunctionCode", Condition=expiring))
    est = estate(meta=CRAWLED, iam_roles=[ops, iam_role("target")],
                 functions=[function("victim", "target")])  # fmt: skip

    found = becomes_edges(est, role("ops"))

    assert [e["conditional"] for e in found.get(role("target"), [])] == ([False] if edge else [])
