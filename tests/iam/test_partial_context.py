"""A partial request context (some keys known, every other key unknown), used for
iam:PassedToService: the same answers through `simulate`, `PrincipalPolicies.evaluate`, the bulk
evaluator and effective permissions."""

from __future__ import annotations

import pytest

from explorer.iam import PrincipalPolicies, ResourceIndex, effective_permissions, simulate
from explorer.iam.bulk import evaluate_resources
from explorer.iam.context import Partial
from explorer.iam.permissions import grants_for_action
from tests.iam.cases import ACCOUNT, ROLE, allow, doc

PASSED_TO = "iam:PassedToService"
TARGET = f"arn:aws:iam::{ACCOUNT}:role/worker"
OTHER_TARGET = f"arn:aws:iam::{ACCOUNT}:role/batch"
PASS_TO_AUTOSCALING_AND_DAX = doc(
    allow(
        "iam:PassRole",
        "*",
        Condition={"StringEquals": {PASSED_TO: ["autoscaling.amazonaws.com", "dax.amazonaws.com"]}},
    )
)


def passing_to(service: str) -> Partial:
    return Partial({PASSED_TO: service})


def _pass_role(policy: dict, context: object, target: str = TARGET) -> str:
    return simulate("iam:PassRole", target, ROLE, [policy], context=context).result  # type: ignore[arg-type]


@pytest.mark.parametrize("service", ["autoscaling.amazonaws.com", "dax.amazonaws.com"])
def test_passrole_to_a_service_the_condition_names_is_allowed(service: str) -> None:
    """IAM UG, "IAM and AWS STS condition context keys", iam:PassedToService
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService):
    the service principal the role is passed to; StringEquals with several values matches any."""
    assert _pass_role(PASS_TO_AUTOSCALING_AND_DAX, passing_to(service)) == "allowed"


def test_passrole_to_a_service_the_condition_does_not_name_is_denied() -> None:
    """IAM UG, iam:PassedToService (URL above): passing the role to Lambda matches neither
    value, so the only Allow does not apply."""
    result = _pass_role(PASS_TO_AUTOSCALING_AND_DAX, passing_to("lambda.amazonaws.com"))

    assert result == "implicitly_denied"


def test_passrole_without_knowing_the_service_stays_conditional() -> None:
    """IAM UG, "Policy evaluation logic"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
    the condition decides; with the request unknown it cannot be decided offline."""
    assert _pass_role(PASS_TO_AUTOSCALING_AND_DAX, None) == "conditional"


@pytest.mark.parametrize(
    ("service", "expected"),
    [
        ("lambda.amazonaws.com", "allowed"),
        ("ec2.amazonaws.com", "allowed"),
        ("ec2.amazonaws.com.cn", "allowed"),
        ("ecs-tasks.amazonaws.com", "implicitly_denied"),
    ],
)
def test_passrole_with_stringlike_wildcards_matches_services_by_pattern(
    service: str, expected: str
) -> None:
    """IAM UG, "IAM JSON policy elements: Condition operators", String condition operators
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String):
    StringLike matches `*` and `?` wildcards anywhere in the value."""
    policy = doc(
        allow(
            "iam:PassRole",
            TARGET,
            Condition={"StringLike": {PASSED_TO: ["lambda.*", "ec2.amazonaws.com*"]}},
        )
    )

    assert _pass_role(policy, passing_to(service)) == expected


def test_a_partial_context_leaves_every_other_key_unknown() -> None:
    """IAM UG, "IAM JSON policy elements: Condition"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html):
    keys in one Condition block are ANDed; with the service known but the role's tag not, the
    grant may or may not apply, whereas a complete context says the tag is absent."""
    policy = doc(
        allow(
            "iam:PassRole",
            "*",
            Condition={
                "StringEquals": {
                    PASSED_TO: "lambda.amazonaws.com",
                    "aws:ResourceTag/team": "blue",
                }
            },
        )
    )

    partial = _pass_role(policy, passing_to("lambda.amazonaws.com"))
    complete = _pass_role(policy, {PASSED_TO: "lambda.amazonaws.com"})

    assert (partial, complete) == ("conditional", "implicitly_denied")


def test_a_key_a_partial_context_maps_to_none_is_known_absent() -> None:
    """IAM UG, Condition operators, "...IfExists" and Null
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null):
    Null "true" holds when the key is absent from the request."""
    policy = doc(allow("iam:PassRole", "*", Condition={"Null": {PASSED_TO: "true"}}))

    assert _pass_role(policy, Partial({PASSED_TO: None})) == "allowed"
    assert _pass_role(policy, passing_to("dax.amazonaws.com")) == "implicitly_denied"


def test_partials_combine_and_compare_by_their_keys() -> None:
    at = Partial.at("2026-01-15T00:00:00Z")

    combined = at | {PASSED_TO: "lambda.amazonaws.com"}

    assert dict(combined) == {
        "aws:CurrentTime": "2026-01-15T00:00:00Z",
        PASSED_TO: "lambda.amazonaws.com",
    }
    assert combined == Partial(dict(combined)) and hash(combined) == hash(Partial(dict(combined)))
    assert Partial({"k": ["a", "b"]}) == Partial({"k": ("a", "b")})


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (passing_to("dax.amazonaws.com"), "allowed"),
        (passing_to("lambda.amazonaws.com"), "implicitly_denied"),
        (None, "conditional"),
    ],
)
def test_bulk_evaluation_decides_passed_to_service_as_single_evaluation(
    context: Partial | None, expected: str
) -> None:
    """IAM UG, iam:PassedToService (URL above), through the graph builder's bulk path."""
    principal = PrincipalPolicies(ROLE, [PASS_TO_AUTOSCALING_AND_DAX])
    index = ResourceIndex([TARGET, OTHER_TARGET])

    bulk = evaluate_resources(principal, "iam:PassRole", index, context)

    got = {
        "allowed": bulk.allowed,
        "conditional": bulk.conditional,
        "implicitly_denied": index.every - bulk.allowed - bulk.conditional - bulk.denied,
    }[expected]
    assert got == index.every
    assert principal.evaluate("iam:PassRole", TARGET, context=context).result == expected


@pytest.mark.parametrize(
    ("context", "grants", "conditional"),
    [
        (passing_to("autoscaling.amazonaws.com"), 1, False),
        (passing_to("lambda.amazonaws.com"), 0, False),
        (None, 1, True),
    ],
)
def test_effective_permissions_decide_passed_to_service_as_evaluation(
    context: Partial | None, grants: int, conditional: bool
) -> None:
    """IAM UG, iam:PassedToService (URL above), through effective permissions."""
    principal = PrincipalPolicies(ROLE, [PASS_TO_AUTOSCALING_AND_DAX])

    found = effective_permissions(principal, context=context).grants("iam:PassRole")
    direct, _ = grants_for_action(
        principal, "iam:PassRole", principal.request_context("iam", context)
    )

    assert len(found) == len(direct) == grants
    assert all(grant.conditional == conditional for grant in found + direct)
