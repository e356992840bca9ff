"""Admin-equivalent and privilege-escalation detection, each proven on positive cases and on
negative ones: a Deny, a NotAction that excludes the needed action, a condition that blocks,
and a resource pattern that does not match."""

from __future__ import annotations

import pytest

from explorer.iam import RoleTarget, find_escalations, is_admin_equivalent
from tests.iam.cases import ACCOUNT, FUNCTION, ROLE, allow, deny, doc

BLOCKING = {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
OTHER_ROLE = f"arn:aws:iam::{ACCOUNT}:role/other"
ADMIN_ROLE = f"arn:aws:iam::{ACCOUNT}:role/admin"
WEAK_ROLE = f"arn:aws:iam::{ACCOUNT}:role/weak"


@pytest.mark.parametrize(
    "statements",
    [
        [allow("*", "*")],
        [allow("*:*", "*")],
        [allow(NotAction="s3:*")],
        [allow(NotAction=["ec2:*", "rds:*"])],
        [allow("iam:*", "*")],
        [allow("*", "*"), deny("s3:DeleteBucket")],
    ],
    ids=["star", "star-colon-star", "notaction-s3", "notaction-ec2-rds", "iam-star", "small-deny"],
)
def test_admin_equivalent_positive(statements: list[dict]) -> None:
    verdict = is_admin_equivalent([doc(*statements)], principal_arn=ROLE, context={})

    assert verdict.admin and verdict.statements


@pytest.mark.parametrize(
    "statements",
    [
        [allow("*", "*"), deny("iam:*")],
        [allow(NotAction="iam:*")],
        [allow(NotAction=["iam:*", "organizations:*", "account:*"])],
        [allow("*", "*", Condition=BLOCKING)],
        [allow("*", "arn:aws:s3:::*")],
        [allow("s3:*", "*")],
        [allow("iam:Get*", "*"), allow("iam:List*", "*")],
    ],
    ids=[
        "deny-iam",
        "notaction-iam",
        "power-user",
        "condition-blocks",
        "resource-not-star",
        "one-service",
        "iam-read-only",
    ],
)
def test_admin_equivalent_negative(statements: list[dict]) -> None:
    verdict = is_admin_equivalent([doc(*statements)], principal_arn=ROLE, context={})

    assert not verdict.admin and not verdict.conditional and verdict.missing


def test_admin_with_unknown_condition_is_conditional() -> None:
    verdict = is_admin_equivalent([doc(allow("*", "*", Condition=BLOCKING))], principal_arn=ROLE)

    assert verdict.conditional and not verdict.admin


def test_admin_blocked_by_boundary() -> None:
    verdict = is_admin_equivalent([doc(allow())], [doc(allow("s3:*"))], principal_arn=ROLE)

    assert not verdict.admin


PASSROLE_LAMBDA = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]


def kinds(statements: list[dict], **kwargs: object) -> set[str]:
    """The escalation kinds found for one identity policy."""
    found = find_escalations([doc(*statements)], principal_arn=ROLE, context={}, **kwargs)
    return {escalation.kind for escalation in found}


@pytest.mark.parametrize(
    ("statements", "kind"),
    [
        ([allow(PASSROLE_LAMBDA)], "passrole-lambda"),
        (
            [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"])],
            "passrole-lambda",
        ),
        ([allow(["iam:PassRole", "cloudformation:CreateStack"])], "passrole-cloudformation"),
        ([allow(["iam:PassRole", "ec2:RunInstances"])], "passrole-ec2"),
        (
            [allow("iam:CreatePolicyVersion", f"arn:aws:iam::{ACCOUNT}:policy/*")],
            "iam-create-policy-version",
        ),
        ([allow("iam:SetDefaultPolicyVersion")], "iam-set-default-policy-version"),
        ([allow("iam:PutRolePolicy", ROLE)], "iam-put-role-policy"),
        (
            [allow("iam:AttachRolePolicy", f"arn:aws:iam::{ACCOUNT}:role/*")],
            "iam-attach-role-policy",
        ),
        (
            [allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"])],
            "iam-update-assume-role-policy",
        ),
        ([allow("sts:AssumeRole", "*")], "sts-assume-role"),
        ([allow("lambda:UpdateFunctionCode", "*")], "lambda-update-code"),
        ([allow("lambda:UpdateFunctionConfiguration", "*")], "lambda-update-configuration"),
        ([allow(NotAction="s3:*")], "passrole-lambda"),
    ],
)
def test_escalation_positive(statements: list[dict], kind: str) -> None:
    assert kind in kinds(statements)


@pytest.mark.parametrize(
    ("statements", "kind"),
    [
        ([allow(PASSROLE_LAMBDA), deny("iam:PassRole")], "passrole-lambda"),
        ([allow(["iam:PassRole", "lambda:CreateFunction"])], "passrole-lambda"),
        ([allow(NotAction=["iam:PassRole"])], "passrole-lambda"),
        ([allow(NotAction=["iam:*"])], "iam-put-role-policy"),
        ([allow(PASSROLE_LAMBDA, Condition=BLOCKING)], "passrole-lambda"),
        ([allow("iam:PutRolePolicy", OTHER_ROLE)], "iam-put-role-policy"),
        (
            [allow("iam:AttachRolePolicy", f"arn:aws:iam::{ACCOUNT}:role/service/*")],
            "iam-attach-role-policy",
        ),
        (
            [allow("iam:PutRolePolicy", ROLE), deny("iam:PutRolePolicy", ROLE)],
            "iam-put-role-policy",
        ),
        ([allow("sts:AssumeRole", OTHER_ROLE)], "sts-assume-role"),
        ([allow("lambda:UpdateFunctionCode", FUNCTION)], "lambda-update-code"),
        ([allow("iam:UpdateAssumeRolePolicy")], "iam-update-assume-role-policy"),
    ],
    ids=[
        "deny",
        "no-way-to-run",
        "notaction-excludes",
        "notaction-iam",
        "condition-blocks",
        "other-role",
        "resource-pattern-misses",
        "deny-on-self",
        "specific-role-no-targets",
        "specific-function-no-targets",
        "no-assume",
    ],
)
def test_escalation_negative(statements: list[dict], kind: str) -> None:
    assert kind not in kinds(statements)


def test_escalation_cites_enabling_statements() -> None:
    found = find_escalations(
        [
            doc(
                {"Sid": "Pass", **allow("iam:PassRole")},
                {"Sid": "Fn", **allow(PASSROLE_LAMBDA[1:])},
            )
        ],
        principal_arn=ROLE,
        context={},
    )

    escalation = next(e for e in found if e.kind == "passrole-lambda")
    assert {ref.sid for ref in escalation.statements} == {"Pass", "Fn"}
    assert escalation.actions[0] == "iam:PassRole"


def test_escalation_conditional_when_context_unknown() -> None:
    found = find_escalations([doc(allow(PASSROLE_LAMBDA, Condition=BLOCKING))], principal_arn=ROLE)

    assert any(e.kind == "passrole-lambda" and e.conditional for e in found)


ROLES = {
    ADMIN_ROLE: RoleTarget(
        ADMIN_ROLE,
        [doc(allow())],
        trust_policy=doc(allow("sts:AssumeRole", None, Principal={"AWS": ROLE})),
    ),
    WEAK_ROLE: RoleTarget(
        WEAK_ROLE,
        [doc(allow("s3:GetObject"))],
        trust_policy=doc(allow("sts:AssumeRole", None, Principal={"AWS": ROLE})),
    ),
}


def test_assume_into_stronger_role_found_with_targets() -> None:
    found = find_escalations(
        [doc(allow("sts:AssumeRole", "*"))], principal_arn=ROLE, context={}, roles=ROLES
    )

    assert [e.target for e in found if e.kind == "sts-assume-role"] == [ADMIN_ROLE]


def test_assume_refused_by_trust_policy() -> None:
    roles = {
        ADMIN_ROLE: RoleTarget(
            ADMIN_ROLE,
            [doc(allow())],
            trust_policy=doc(
                allow("sts:AssumeRole", None, Principal={"Service": "lambda.amazonaws.com"})
            ),
        )
    }

    found = find_escalations(
        [doc(allow("sts:AssumeRole", "*"))], principal_arn=ROLE, context={}, roles=roles
    )

    assert not [e for e in found if e.kind == "sts-assume-role"]


def test_update_code_of_function_with_stronger_role() -> None:
    functions = {FUNCTION: ADMIN_ROLE, FUNCTION + "-weak": WEAK_ROLE}

    found = find_escalations(
        [doc(allow("lambda:UpdateFunctionCode", "*"))],
        principal_arn=ROLE,
        context={},
        roles=ROLES,
        functions=functions,
    )

    assert [e.target for e in found if e.kind == "lambda-update-code"] == [FUNCTION]


def test_update_code_of_function_with_weaker_role_is_not_escalation() -> None:
    functions = {FUNCTION: WEAK_ROLE}

    found = find_escalations(
        [doc(allow(["lambda:UpdateFunctionCode", "s3:*"], "*"))],
        principal_arn=ROLE,
        context={},
        roles=ROLES,
        functions=functions,
    )

    assert not [e for e in found if e.kind == "lambda-update-code"]


def test_passrole_targets_only_roles_the_service_may_assume() -> None:
    lambda_trust = doc(allow("sts:AssumeRole", None, Principal={"Service": "lambda.amazonaws.com"}))
    roles = {ADMIN_ROLE: RoleTarget(ADMIN_ROLE, [doc(allow())], trust_policy=lambda_trust)}

    found = find_escalations(
        [doc(allow(PASSROLE_LAMBDA))], principal_arn=ROLE, context={}, roles=roles
    )

    assert {e.kind: e.target for e in found}.get("passrole-lambda") == ADMIN_ROLE
    assert "passrole-ec2" not in {e.kind for e in found}
