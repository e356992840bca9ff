"""A5 privilege escalation: reachability over `becomes`, multi-hop, one finding per principal
with the shortest path to the strongest principal it reaches, each hop's technique named."""

from __future__ import annotations

import pytest

from explorer.analysis import kinds
from explorer.analysis.findings.escalations import remedy
from explorer.iam.techniques import CATALOGUE, Technique
from tests.analysis.becomes_scenarios import ADMIN, MFA
from tests.analysis.builders import ACCOUNT, fn, group, role, stack, user
from tests.analysis.estates import cloudformation_stack, iam_group, iam_user, service_trust, trust
from tests.analysis.findings.helpers import allow, document, estate, function, iam_role, of, run

LAMBDA = service_trust("lambda")
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
PASS_TO_LAMBDA = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])


def test_code_takeover_then_passrole_is_a_two_hop_escalation_of_the_user():
    webhook = iam_role("webhook-role", PASS_TO_LAMBDA, trust=LAMBDA)
    admin = iam_role("admin", allow("*"), trust=LAMBDA)
    ops = iam_user("ops", allow("lambda:UpdateFunctionCode", fn("webhook-handler")))
    est = estate(functions=[function("webhook-handler", role_arn=role("webhook-role"))],
                 iam_roles=[webhook, admin], iam_users=[ops])  # fmt: skip

    found = {f.resource: f for f in of(run(est), "privilege-escalation")}

    escalation = found[user("ops")]
    assert escalation.path == (user("ops"), role("webhook-role"), role("admin"))
    assert escalation.edges == (kinds.BECOMES, kinds.BECOMES)
    assert escalation.title == "User ops can escalate to admin-equivalent admin in 2 steps"
    assert escalation.severity == "critical"
    first, second = escalation.detail.split(" then ")
    assert first.startswith("lambda:UpdateFunctionCode to webhook-role through webhook-handler")
    assert second.startswith("iam:PassRole+lambda to admin")


def test_the_function_role_in_the_middle_has_its_own_one_hop_finding():
    webhook = iam_role("webhook-role", PASS_TO_LAMBDA, trust=LAMBDA)
    est = estate(functions=[function("webhook-handler", role_arn=role("webhook-role"))],
                 iam_roles=[webhook, iam_role("admin", allow("*"), trust=LAMBDA)])  # fmt: skip

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (role("webhook-role"), role("admin"))
    assert found.severity == "critical"  # a function runs as it


def test_rewriting_its_own_policy_is_escalation_to_the_account_administrator():
    est = estate(iam_users=[iam_user("eve", allow("iam:PutUserPolicy", user("eve")))])

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("eve"), ADMIN)
    assert found.title == "User eve can escalate to the account's administrator in 1 step"
    assert found.severity == "critical"
    assert found.detail.startswith("iam:PutUserPolicy to ")


def test_a_hop_under_an_undecided_condition_lowers_the_severity():
    eve = iam_user("eve", allow("sts:AssumeRole", role("admin"), Condition=MFA))
    admin = iam_role("admin", allow("*"), trust=trust(AWS=ROOT))
    est = estate(iam_users=[eve], iam_roles=[admin])

    [found] = of(run(est), "privilege-escalation")

    assert (found.path, found.severity) == ((user("eve"), role("admin")), "high")
    assert "(if conditions hold)" in found.detail


def test_a_role_assumable_by_its_trust_alone_is_an_escalation():
    admin = iam_role("admin", allow("*"), trust=trust(AWS=user("eve")))
    est = estate(iam_users=[iam_user("eve")], iam_roles=[admin])

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("eve"), role("admin"))
    assert "sts:AssumeRole to admin" in found.detail


def test_a_path_through_a_hub_of_roles_names_the_role_it_lands_on():
    spares = [iam_role(f"spare-{n}", trust=LAMBDA) for n in range(12)]
    est = estate(iam_users=[iam_user("eve", PASS_TO_LAMBDA)],
                 iam_roles=[*spares, iam_role("admin", allow("*"), trust=LAMBDA)])  # fmt: skip

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("eve"), role("admin"))
    assert found.detail.startswith("iam:PassRole+lambda to admin")


def test_rewriting_a_role_reached_only_under_a_condition_is_conditional():
    eve = iam_user("eve", allow("sts:AssumeRole", Condition=MFA),
                   allow("iam:PutRolePolicy", role("deployer")))  # fmt: skip
    deployer = iam_role("deployer", trust=trust(AWS=ROOT))
    est = estate(iam_users=[eve], iam_roles=[deployer])

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("eve"), ADMIN)
    assert found.severity == "high"  # critical for a user, one lower: the assume may not hold


def test_joining_an_administrators_group_is_a_critical_escalation():
    est = estate(iam_users=[iam_user("eve", allow("iam:AddUserToGroup", group("admins")))],
                 iam_groups=[iam_group("admins", allow("*"))])  # fmt: skip

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("eve"), group("admins"))
    assert found.title == "User eve can escalate to admin-equivalent admins in 1 step"
    assert found.severity == "critical"


def test_joining_a_group_lends_the_groups_techniques():
    eve = iam_user("eve", allow("iam:AddUserToGroup", group("devs")))
    admin = iam_role("admin", allow("*"), trust=LAMBDA)
    est = estate(iam_users=[eve], iam_groups=[iam_group("devs", PASS_TO_LAMBDA)], iam_roles=[admin])

    found = {f.resource: f for f in of(run(est), "privilege-escalation")}[user("eve")]

    assert found.path == (user("eve"), group("devs"), role("admin"))
    first, second = found.detail.split(" then ")
    assert (first[:26], second[:28]) == (
        "iam:AddUserToGroup to devs",
        "iam:PassRole+lambda to admin",
    )


def test_a_sure_way_to_a_principal_wins_over_a_conditional_one():
    passes = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
                   Condition=MFA)  # fmt: skip
    eve = iam_user("eve", passes, allow("sts:AssumeRole", role("admin")))
    admin = iam_role("admin", allow("*"), trust=document(*LAMBDA["Statement"],
                     *trust(AWS=ROOT)["Statement"]))  # fmt: skip
    est = estate(iam_users=[eve], iam_roles=[admin])

    [found] = of(run(est), "privilege-escalation")

    assert (found.path, found.severity) == ((user("eve"), role("admin")), "critical")
    assert found.detail.startswith("sts:AssumeRole to admin")


def test_a_takeover_through_a_hub_names_a_function_running_as_the_role():
    jobs = [
        function(f"job-{n}", role_arn=role("admin" if n == 7 else f"job-{n}")) for n in range(12)
    ]
    roles = [iam_role(f"job-{n}", trust=LAMBDA) for n in range(12) if n != 7]
    est = estate(iam_users=[iam_user("ci", allow("lambda:UpdateFunctionCode"))], functions=jobs,
                 iam_roles=[*roles, iam_role("admin", allow("*"), trust=LAMBDA)])  # fmt: skip

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("ci"), role("admin"))
    assert found.detail.startswith("lambda:UpdateFunctionCode to admin through job-7")


def test_a_stack_takeover_through_a_hub_says_a_stack_runs_as_the_role():
    names = [f"app-{n}" for n in range(11)] + ["admin"]
    stacks = [cloudformation_stack(stack(name), role(name)) for name in names]
    roles = [iam_role(name, allow("*" if name == "admin" else "s3:GetObject")) for name in names]
    est = estate(iam_users=[iam_user("ops", allow("cloudformation:UpdateStack"))],
                 iam_roles=roles, cloudformation_stacks=stacks)  # fmt: skip

    [found] = of(run(est), "privilege-escalation")

    assert found.path == (user("ops"), role("admin"))
    assert found.detail.startswith(
        "cloudformation:UpdateStack to admin through a stack running as it"
    )


def test_a_group_that_can_escalate_is_a_finding_of_its_own_graver_with_members():
    admin = iam_role("admin", allow("*"), trust=LAMBDA)
    groups = [iam_group("devs", PASS_TO_LAMBDA), iam_group("empty", PASS_TO_LAMBDA)]
    est = estate(iam_users=[iam_user("ann", groups=["devs"])], iam_groups=groups,
                 iam_roles=[admin])  # fmt: skip

    found = {f.resource: f for f in of(run(est), "privilege-escalation")}

    assert (
        found[group("devs")].title == "Group devs can escalate to admin-equivalent admin in 1 step"
    )
    assert (found[group("devs")].severity, found[group("empty")].severity) == ("critical", "high")
    assert found[user("ann")].path == (user("ann"), role("admin"))


@pytest.mark.parametrize("technique", CATALOGUE, ids=lambda t: t.id)
def test_the_remedy_names_the_grant_that_opens_the_path(technique: Technique):
    assert technique.action in remedy(technique)


def test_a_group_rewriting_its_own_policy_is_told_to_remove_that_grant():
    ops = iam_group("ops", allow("iam:PutGroupPolicy", group("ops")))
    est = estate(iam_users=[iam_user("ann", groups=["ops"])], iam_groups=[ops])

    found = {f.resource: f for f in of(run(est), "privilege-escalation")}

    assert found[group("ops")].remediation.startswith("Remove iam:PutGroupPolicy")
    assert "PassRole" not in found[group("ops")].remediation
