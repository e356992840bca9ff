"""Which roles a service may assume: the plain reading of the common trust policy (only
Allow statements, one naming the service with no condition) answers as the engine does, and
everything else is left to the engine (property test over trust-shaped documents)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.analysis.become_targets import _plain_services, _trusts
from explorer.iam import PrincipalPolicies
from explorer.iam.evaluate import resource_policy_of
from explorer.iam.model import ALLOWED, CONDITIONAL

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAMBDA = "lambda.amazonaws.com"
ROLE = "arn:aws:iam::111122223333:role/r"

EC2 = "ec2.amazonaws.com"
principals = st.sampled_from(
    [{"Service": LAMBDA}, {"Service": [LAMBDA, EC2]}, {"Service": EC2}, {"AWS": "*"}, "*",
     {"AWS": "111122223333"}, {"Service": LAMBDA, "AWS": "111122223333"}]
)  # fmt: skip
actions = st.sampled_from(["sts:AssumeRole", ["sts:TagSession", "sts:AssumeRole"], "sts:*",
                           "sts:TagSession", "*", ["sts:assumerole"]])  # fmt: skip
statements = st.builds(
    lambda effect, principal, action, extra: {
        "Effect": effect,
        "Principal": principal,
        "Action": action,
        **extra,
    },
    st.sampled_from(["Allow", "Allow", "Deny"]),
    principals,
    actions,
    st.sampled_from(
        [
            {},
            {},
            {"Condition": {"StringEquals": {"aws:SourceAccount": "1"}}},
            {"Resource": "*"},
            {"NotAction": "s3:*"},
        ]
    ),
)
documents = st.one_of(
    st.lists(statements, min_size=1, max_size=3).map(lambda s: {"Statement": s}),
    statements.map(lambda s: {"Statement": s}),
)


def _engine(document: object, service: str) -> bool:
    """The long way: the trust policy names the service (a trust open to everyone is reached by
    AssumeRole already) and the engine lets the service assume the role."""
    if service not in str(document):
        return False
    try:
        policy = resource_policy_of(document)
    except Exception:
        return False
    decision = PrincipalPolicies(service).evaluate("sts:AssumeRole", ROLE, policy)
    return decision.result in (ALLOWED, CONDITIONAL)


@SETTINGS
@given(documents)
def test_the_plain_reading_agrees_with_the_engine(document: dict) -> None:
    if LAMBDA in (_plain_services(document) or ()):
        assert _engine(document, LAMBDA)
    assert _trusts({"arn": ROLE, "trust_policy": document}, LAMBDA) == _engine(document, LAMBDA)
