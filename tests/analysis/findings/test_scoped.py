"""A5: a wildcard scoped to named resources that still includes permissions management."""

from __future__ import annotations

from tests.analysis.findings.helpers import (
    ACCOUNT,
    allow,
    bucket,
    document,
    estate,
    function,
    iam_role,
    of,
    queue,
    role,
    run,
)

RULE = "scoped-permissions-management"
PHOTOS = [bucket("photos"), f"{bucket('photos')}/*"]


def test_s3_star_on_one_bucket_can_make_that_bucket_public():
    est = estate(functions=[function("f", role_arn=role("r"))],
                 iam_roles=[iam_role("r", allow("s3:*", PHOTOS))])  # fmt: skip

    [found] = of(run(est), RULE)

    assert (found.resource, found.severity, found.owasp) == (role("r"), "medium", "A5")
    assert found.title == "Role r can make photos public"
    assert "s3:PutBucket" in found.detail


def test_a_role_no_workload_runs_as_is_low():
    est = estate(iam_roles=[iam_role("r", allow("sqs:*", queue("jobs")))])

    [found] = of(run(est), RULE)

    assert found.severity == "low"
    assert found.title == "Role r can open jobs to any account or anyone"


def test_a_boundary_that_leaves_out_permissions_management_takes_it_back():
    boundary = f"arn:aws:iam::{ACCOUNT}:policy/b"
    managed = {"arn": boundary, "name": "b", "document": document(allow("s3:GetObject", "*"))}
    est = estate(iam_roles=[iam_role("r", allow("s3:*", PHOTOS), boundary_arn=boundary)],
                 iam_policies=[managed])  # fmt: skip

    assert of(run(est), RULE) == []


def test_data_wildcards_named_actions_and_grants_on_everything_are_not_this_rule():
    est = estate(iam_roles=[
        iam_role("data", allow(["s3:Get*", "s3:Put*Object"], PHOTOS)),
        iam_role("named", allow("s3:PutBucketPolicy", bucket("photos"))),
        iam_role("everything", allow("s3:*", "*")),
    ])  # fmt: skip

    assert of(run(est), RULE) == []


def test_a_deny_of_everything_but_reads_takes_it_back():
    deny = {"Effect": "Deny", "NotAction": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}
    est = estate(iam_roles=[iam_role("r", allow("s3:*", PHOTOS), deny)])

    assert of(run(est), RULE) == []
