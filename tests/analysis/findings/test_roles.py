"""A5 on roles: admin-equivalent, wildcard write / permissions management, escalation paths."""

from __future__ import annotations

from explorer.analysis import kinds
from tests.analysis.findings.helpers import (
    ACCOUNT,
    allow,
    document,
    estate,
    fn,
    function,
    iam_role,
    of,
    role,
    run,
)

ADMIN_POLICY = f"arn:aws:iam::{ACCOUNT}:policy/everything"


def test_admin_execution_role_is_critical_with_path_from_its_function():
    est = estate(functions=[function("ops", role_arn=role("admin"))],
                 iam_roles=[iam_role("admin", allow("*"))])  # fmt: skip

    [found] = of(run(est), "admin-role")

    assert (found.owasp, found.severity, found.resource) == ("A5", "critical", role("admin"))
    assert found.path == (fn("ops"), role("admin"))
    assert found.edges == (kinds.ASSUMES,)
    assert "ops" in found.detail


def test_admin_role_nothing_runs_as_is_high():
    est = estate(iam_roles=[iam_role("admin", allow("*"))])

    [found] = of(run(est), "admin-role")

    assert found.severity == "high"
    assert found.path == (role("admin"),)


def test_admin_through_an_attached_managed_policy_is_found():
    row = iam_role("admin", attached_policy_arns=[ADMIN_POLICY])
    managed = {"arn": ADMIN_POLICY, "name": "everything", "document": document(allow("*"))}
    est = estate(iam_roles=[row], iam_policies=[managed])

    assert [f.resource for f in of(run(est), "admin-role")] == [role("admin")]


def test_permissions_boundary_stops_admin_equivalence():
    boundary = f"arn:aws:iam::{ACCOUNT}:policy/boundary"
    row = iam_role("bounded", allow("*"), boundary_arn=boundary)
    managed = {"arn": boundary, "name": "boundary", "document": document(allow("s3:GetObject"))}
    est = estate(iam_roles=[row], iam_policies=[managed])

    assert of(run(est), "admin-role") == []


def test_admin_only_under_an_undecided_condition_is_one_level_lower():
    mfa = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    est = estate(functions=[function("ops", role_arn=role("admin"))],
                 iam_roles=[iam_role("admin", allow("*", Condition=mfa))])  # fmt: skip

    [found] = of(run(est), "admin-role")

    assert found.severity == "high"
    assert "conditions" in found.detail


def test_admin_role_is_not_also_reported_for_wildcards_or_escalation():
    est = estate(iam_roles=[iam_role("admin", allow("*"))])

    found = run(est)

    assert of(found, "wildcard-write-role") == of(found, "privilege-escalation") == []


def test_service_wildcard_on_every_resource_is_a_wildcard_write_role():
    est = estate(functions=[function("mailer", role_arn=role("mailer"))],
                 iam_roles=[iam_role("mailer", allow("s3:*"))])  # fmt: skip

    [found] = of(run(est), "wildcard-write-role")

    assert (found.severity, found.resource) == ("high", role("mailer"))
    assert found.title == "Role mailer may write every bucket, make every bucket public"


def test_a_wildcard_names_the_dangerous_grant_not_the_service():
    est = estate(iam_roles=[iam_role("ops", allow(["lambda:*", "dynamodb:*"]))])

    [found] = of(run(est), "wildcard-write-role")

    assert found.title == (
        "Role ops may invoke every function, change the code of every function, write every table"
    )


def test_a_wildcard_with_no_named_danger_still_says_which_services():
    est = estate(iam_roles=[iam_role("ops", allow("kinesis:*"))])

    [found] = of(run(est), "wildcard-write-role")

    assert found.title == "Role ops may write through wildcards in kinesis"


def test_wildcard_on_a_role_nothing_runs_as_is_medium():
    est = estate(iam_roles=[iam_role("spare", allow("dynamodb:*"))])

    [found] = of(run(est), "wildcard-write-role")

    assert found.severity == "medium"


def test_named_write_actions_on_every_resource_are_not_wildcards():
    logs = allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])
    est = estate(iam_roles=[iam_role("basic", logs)])

    assert of(run(est), "wildcard-write-role") == []


def test_wildcard_limited_to_named_resources_is_not_reported():
    est = estate(iam_roles=[iam_role("scoped", allow("s3:*", "arn:aws:s3:::photos/*"))])

    assert of(run(est), "wildcard-write-role") == []


def test_named_permissions_management_action_on_every_resource_counts():
    est = estate(iam_roles=[iam_role("iamish", allow("iam:PutRolePolicy"))])

    [found] = of(run(est), "wildcard-write-role")

    assert "iam:PutRolePolicy" in found.detail


LAMBDA_TRUST = document(
    {
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }
)


def test_passrole_with_create_and_invoke_is_privilege_escalation_towards_the_passed_role():
    deployer = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])
    admin = iam_role("admin", allow("*"), trust=LAMBDA_TRUST)
    est = estate(iam_roles=[iam_role("deployer", deployer), admin])

    [found] = of(run(est), "privilege-escalation")

    assert found.title.endswith("can escalate to admin-equivalent admin in 1 step")
    assert "iam:PassRole+lambda to admin" in found.detail
    assert found.path == (role("deployer"), role("admin"))
    assert found.severity == "high"


def test_a_malformed_action_beside_passrole_hides_neither_the_escalation_nor_itself():
    deployer = iam_role(
        "deployer",
        allow(["iam:PassRole", "s3", "lambda:CreateFunction"]),
        allow("lambda:InvokeFunction"),
    )
    est = estate(iam_roles=[deployer, iam_role("admin", allow("*"), trust=LAMBDA_TRUST)])

    found = run(est)

    [escalation] = of(found, "privilege-escalation")
    assert escalation.path == (role("deployer"), role("admin"))
    [gap] = [f for f in of(found, "coverage-gap") if f.resource == role("deployer")]
    assert "'s3' is not of the form service:action (that entry was left out" in gap.detail


def test_passrole_to_roles_lambda_cannot_assume_is_no_lambda_escalation():
    deployer = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])
    est = estate(iam_roles=[iam_role("deployer", deployer), iam_role("admin", allow("*"),
                 trust=document())])  # fmt: skip

    assert of(run(est), "privilege-escalation") == []


def test_updating_code_of_a_function_running_as_admin_is_escalation_towards_it():
    ops = allow("lambda:UpdateFunctionCode", fn("nightly"))
    est = estate(
        functions=[function("nightly", role_arn=role("admin"))],
        iam_roles=[iam_role("admin", allow("*")), iam_role("ops", ops)],
    )

    [found] = of(run(est), "privilege-escalation")

    assert found.resource == role("ops")
    assert found.path == (role("ops"), role("admin"))
    assert "lambda:UpdateFunctionCode to admin through nightly" in found.detail
    assert found.severity == "high"


def test_role_without_escalation_raises_none():
    est = estate(iam_roles=[iam_role("reader", allow("s3:GetObject", "arn:aws:s3:::b/*"))])

    assert of(run(est), "privilege-escalation") == []


def test_service_linked_roles_are_skipped():
    row = iam_role("AWSServiceRoleForX", allow("*"), path="/aws-service-role/x.amazonaws.com/")

    assert of(run(estate(iam_roles=[row])), "admin-role") == []


def test_full_iam_control_is_admin_equivalent():
    est = estate(iam_roles=[iam_role("iam-admin", allow("iam:*"))])

    [found] = of(run(est), "admin-role")

    assert "controls IAM permissions" in found.detail


def test_power_user_not_action_is_a_wildcard_write_role_not_admin():
    power = {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}
    est = estate(iam_roles=[iam_role("power", power)])

    found = run(est)

    assert of(found, "admin-role") == []
    [wild] = of(found, "wildcard-write-role")
    assert "s3:PutObject" in wild.detail
    assert wild.title.startswith("Role power may do every action except iam:*, organizations:*")
