"""Admin-equivalent detection, proven on positive cases and on negative ones: a Deny, a NotAction
that excludes the needed action, a condition that blocks, and a boundary. (Escalation is the
graph's `becomes` edges: tests/analysis/test_becomes*.py.)"""

from __future__ import annotations

import pytest

from explorer.iam import is_admin_equivalent
from tests.iam.cases import ROLE, allow, deny, doc

BLOCKING = {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}


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
