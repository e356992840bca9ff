"""Time conditions decided against a given instant (the snapshot's time): aws:CurrentTime and
aws:EpochTime are that instant, aws:TokenIssueTime some instant at or before it.

Citations: IAM UG, "AWS global condition context keys"
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
sections aws:CurrentTime (#condition-keys-currenttime), aws:EpochTime
(#condition-keys-epochtime) and aws:TokenIssueTime (#condition-keys-tokenissuetime, "This key
is included in the request context only when the principal uses temporary credentials").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from explorer.iam import PrincipalPolicies, ResourceIndex, effective_permissions, simulate
from explorer.iam.bulk import evaluate_resources
from explorer.iam.context import Partial
from tests.iam.cases import ACCOUNT, OBJECT, QUEUE, ROLE, USER, allow, deny, doc

SNAPSHOT = "2026-01-15T12:00:00Z"
AT_SNAPSHOT = Partial.at(SNAPSHOT)
SNAPSHOT_EPOCH = 1768478400


def _get(policy: dict, context: object, principal: str = ROLE) -> str:
    return simulate("s3:GetObject", OBJECT, principal, [policy], context=context).result  # type: ignore[arg-type]


def _when(operator: str, key: str, value: object) -> dict:
    return doc(allow("s3:GetObject", Condition={operator: {key: value}}))


EXPIRED = _when("DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z")


def test_an_expired_grant_is_not_allowed_at_the_snapshot_time() -> None:
    """aws:CurrentTime (URL above), and IAM UG "AWS: Allows access based on date and time"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html):
    a DateLessThan on the current time no longer holds after that date."""
    assert _get(EXPIRED, AT_SNAPSHOT) == "implicitly_denied"


def test_an_expired_grant_stays_conditional_when_no_time_is_given() -> None:
    """IAM UG, "Policy evaluation logic": a condition on a key the request does not tell is not
    decided offline."""
    assert _get(EXPIRED, None) == "conditional"


def test_a_grant_whose_window_holds_the_snapshot_time_is_allowed() -> None:
    """IAM UG, "AWS: Allows access based on date and time" (URL above): both bounds hold."""
    window = doc(
        allow(
            "s3:GetObject",
            Condition={
                "DateGreaterThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"},
                "DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"},
            },
        )
    )

    assert _get(window, AT_SNAPSHOT) == "allowed"


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("NumericEquals", str(SNAPSHOT_EPOCH), "allowed"),
        ("NumericLessThan", "1577836800", "implicitly_denied"),
        ("DateGreaterThan", "2025-06-01T00:00:00Z", "allowed"),
        ("DateLessThan", "1577836800", "implicitly_denied"),
    ],
)
def test_epoch_time_is_the_same_instant_as_the_current_time(
    operator: str, value: str, expected: str
) -> None:
    """aws:EpochTime (URL above): "Use this key with date condition operators or numeric
    condition operators"; it is the request time in epoch seconds."""
    assert _get(_when(operator, "aws:EpochTime", value), AT_SNAPSHOT) == expected


def test_the_time_may_be_given_as_epoch_time_or_a_datetime() -> None:
    """aws:CurrentTime and aws:EpochTime (URL above) name the same instant."""
    as_epoch = Partial({"aws:EpochTime": SNAPSHOT_EPOCH})
    as_datetime = Partial.at(datetime(2026, 1, 15, 12, tzinfo=UTC))

    assert _get(EXPIRED, as_epoch) == _get(EXPIRED, as_datetime) == "implicitly_denied"


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        # never holds: every token was issued at or before the snapshot
        ("DateGreaterThan", "2026-06-01T00:00:00Z", "implicitly_denied"),
        ("DateEquals", "2026-06-01T00:00:00Z", "implicitly_denied"),
        # always holds
        ("DateLessThan", "2026-06-01T00:00:00Z", "allowed"),
        ("DateLessThanEquals", SNAPSHOT, "allowed"),
        ("DateNotEquals", "2026-06-01T00:00:00Z", "allowed"),
        # holds for some tokens only
        ("DateGreaterThan", "2025-01-01T00:00:00Z", "conditional"),
        ("DateLessThan", "2025-01-01T00:00:00Z", "conditional"),
        ("DateEquals", "2025-01-01T00:00:00Z", "conditional"),
    ],
)
def test_token_issue_time_is_some_instant_at_or_before_the_snapshot_time(
    operator: str, value: str, expected: str
) -> None:
    """aws:TokenIssueTime (URL above): a role is used only through temporary credentials, so
    the key is present, its value issued no later than the request."""
    assert _get(_when(operator, "aws:TokenIssueTime", value), AT_SNAPSHOT) == expected


def test_the_revoke_older_sessions_deny_applies_to_every_session_before_its_date() -> None:
    """IAM UG, "Revoke IAM role temporary security credentials"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html): the
    AWSRevokeOlderSessions policy denies everything to tokens issued before its date."""
    revoke = deny(Condition={"DateLessThan": {"aws:TokenIssueTime": "2026-02-01T00:00:00Z"}})
    policy = doc(allow("s3:GetObject"), revoke)

    assert _get(policy, AT_SNAPSHOT) == "explicitly_denied"
    assert _get(policy, None) == "conditional"


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        # false with a token (issued before the snapshot) and false without one
        ("DateGreaterThan", "2026-06-01T00:00:00Z", "implicitly_denied"),
        # true with a token, false without one: long-term keys carry none
        ("DateLessThan", "2026-06-01T00:00:00Z", "conditional"),
        # true with a token, true without one (a negated operator on an absent key holds)
        ("DateNotEquals", "2026-06-01T00:00:00Z", "allowed"),
    ],
)
def test_a_users_token_issue_time_may_also_be_absent(
    operator: str, value: str, expected: str
) -> None:
    """aws:TokenIssueTime (URL above): only requests signed with temporary credentials carry it,
    and a user may sign with long-term access keys; IAM UG, Condition operators: a key missing
    from the request matches no operator but a negated one."""
    policy = _when(operator, "aws:TokenIssueTime", value)

    assert _get(policy, AT_SNAPSHOT, USER) == expected


def test_null_on_token_issue_time_tells_temporary_credentials_apart() -> None:
    """IAM UG, Condition operators, Null condition operator
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null)."""
    temporary_only = _when("Null", "aws:TokenIssueTime", "false")

    assert _get(temporary_only, AT_SNAPSHOT) == "allowed"
    assert _get(temporary_only, AT_SNAPSHOT, USER) == "conditional"


def test_a_string_operator_on_token_issue_time_stays_conditional() -> None:
    """The token's exact time is unknown, so only Date operators and Null can be decided."""
    policy = _when("StringLike", "aws:TokenIssueTime", "2026-*")

    assert _get(policy, AT_SNAPSHOT) == "conditional"


def test_a_policy_variable_of_token_issue_time_is_unknown() -> None:
    """IAM UG, "IAM policy elements: Variables and tags"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): the
    variable takes the key's value, which is not known exactly."""
    policy = doc(allow("s3:GetObject", "arn:aws:s3:::data-bucket/${aws:TokenIssueTime}"))

    decision = simulate("s3:GetObject", OBJECT, ROLE, [policy], context=AT_SNAPSHOT)

    assert decision.result == "conditional"


def test_the_time_decides_the_same_way_in_bulk_and_in_effective_permissions() -> None:
    """aws:CurrentTime (URL above), through the graph builder's bulk path and the permissions
    view: an expired grant is gone at the snapshot time, conditional without one."""
    expired = doc(
        allow(
            "sqs:SendMessage",
            Condition={"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}},
        )
    )
    principal = PrincipalPolicies(ROLE, [expired])
    index = ResourceIndex([QUEUE, f"arn:aws:sqs:us-east-1:{ACCOUNT}:other"])

    at_snapshot = evaluate_resources(principal, "sqs:SendMessage", index, AT_SNAPSHOT)
    unknown = evaluate_resources(principal, "sqs:SendMessage", index)

    assert not at_snapshot.allowed and not at_snapshot.conditional
    assert unknown.conditional == index.every
    assert effective_permissions(principal, context=AT_SNAPSHOT).grants("sqs:SendMessage") == []
    assert effective_permissions(principal).grants("sqs:SendMessage")[0].conditional


def test_a_time_that_is_no_date_decides_nothing() -> None:
    """aws:CurrentTime (URL above) must be a date; text that is none leaves the keys as given."""
    assert _get(EXPIRED, Partial.at("yesterday")) == "implicitly_denied"
    assert _get(_when("Null", "aws:TokenIssueTime", "false"), Partial.at("never")) == (
        "conditional"
    )
