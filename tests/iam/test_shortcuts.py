"""The engine's shortcuts give the answers of the long way: which actions some Allow names
(`StatementIndex.allowing`, the first check before deciding many actions) and which access
levels a principal holds in a service (`EffectivePermissions.levels_held`, settled by the
first granted action, and `allowed_actions`, one level at a time, instead of expanding the
whole service)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.iam import EffectivePermissions, PrincipalPolicies
from explorer.iam.actions import ACCESS_LEVELS, level_actions
from explorer.iam.capabilities import ALL, STRONG_LEVELS, capabilities

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ACTIONS = ["s3:*", "s3:Get*", "s3:PutObject", "sqs:SendMessage", "iam:PassRole", "iam:*",
           "lambda:Update*", "lambda:InvokeFunction", "*", "sqs:?etQueueUrl",
           "dynamodb:Put*"]  # fmt: skip
RESOURCES = ["*", "arn:aws:s3:::b/*", "arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:iam::*"]
CONDITIONS = [None, {"Bool": {"aws:MultiFactorAuthPresent": "true"}}]

statements = st.builds(
    lambda effect, negate, actions, resources, condition: {
        "Effect": effect,
        ("NotAction" if negate else "Action"): actions,
        "Resource": resources,
        **({"Condition": condition} if condition else {}),
    },
    st.sampled_from(["Allow", "Allow", "Deny"]),
    st.booleans(),
    st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=3),
    st.lists(st.sampled_from(RESOURCES), min_size=1, max_size=2),
    st.sampled_from(CONDITIONS),
)
policies = st.lists(statements, min_size=1, max_size=4).map(
    lambda found: {"Version": "2012-10-17", "Statement": found}
)
ASKED = frozenset(
    ["s3:getobject", "s3:putobject", "sqs:sendmessage", "sqs:getqueueurl", "iam:passrole",
     "lambda:updatefunctioncode", "lambda:invokefunction", "dynamodb:putitem", "ec2:runinstances"]
)  # fmt: skip


def _principal(identity: dict, boundary: dict | None) -> PrincipalPolicies:
    return PrincipalPolicies(
        "arn:aws:iam::111122223333:role/r", [identity], [boundary] if boundary else None
    )


@SETTINGS
@given(policies)
def test_allowing_names_exactly_the_actions_an_allow_statement_covers(identity: dict) -> None:
    index = _principal(identity, None).identity
    expected = {
        action for action in ASKED if any(s.effect == "Allow" for s, _ in index.for_action(action))
    }

    assert index.allowing(ASKED) == expected


@SETTINGS
@given(policies, st.one_of(st.none(), policies), st.sampled_from(["s3", "sqs", "lambda", "iam"]))
def test_levels_held_are_the_levels_of_the_expanded_service(
    identity: dict, boundary: dict | None, service: str
) -> None:
    principal = _principal(identity, boundary)
    expanded = EffectivePermissions(principal).service(service)

    held = EffectivePermissions(principal).levels_held(service, ACCESS_LEVELS)

    assert held == {level for level in ACCESS_LEVELS if expanded.get(level)}


def test_level_actions_split_a_service_by_access_level() -> None:
    writes = level_actions("sqs", "Write")

    assert "sqs:sendmessage" in writes and "sqs:receivemessage" not in writes
    assert set(STRONG_LEVELS) <= set(ACCESS_LEVELS)


@SETTINGS
@given(policies, st.one_of(st.none(), policies))
def test_capabilities_are_the_levels_held_in_every_named_service(
    identity: dict, boundary: dict | None
) -> None:
    permissions = EffectivePermissions(_principal(identity, boundary))
    expected = (
        {ALL}
        if permissions.all_services
        else {
            (service, level)
            for service in permissions.services()
            for level, actions in permissions.service(service).items()
            if level in STRONG_LEVELS and actions
        }
    )

    assert capabilities(EffectivePermissions(_principal(identity, boundary))) == expected


@SETTINGS
@given(policies, st.one_of(st.none(), policies), st.sampled_from(["s3", "sqs", "lambda", "iam"]))
def test_one_levels_actions_are_those_of_the_expanded_service(
    identity: dict, boundary: dict | None, service: str
) -> None:
    principal = _principal(identity, boundary)
    expanded = EffectivePermissions(principal).service(service)

    for level in ACCESS_LEVELS:
        found = EffectivePermissions(principal).allowed_actions(level, service)
        assert list(found.items()) == list(expanded.get(level, {}).items())
