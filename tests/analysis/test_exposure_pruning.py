"""Skipping Allow statements pinned to the own account before parsing changes no exposure."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis.exposure import parsed, parsed_outward
from explorer.analysis.narrowing import reaches
from explorer.iam.exposure import resource_exposure
from tests.analysis.builders import ACCOUNT

FOREIGN = "111122223333"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"


def outside(policy: object) -> set[tuple[str, str, tuple[str, ...]]]:
    """The origins a function policy lets invoke the function, with what narrows them."""
    found = resource_exposure(policy, ["lambda:InvokeFunction"], FUNCTION, ACCOUNT)
    return {(r.origin, r.trust, r.only) for e in found for r in reaches(e, ACCOUNT)}


def service_statement(condition: dict, effect: str = "Allow") -> dict:
    return {
        "Effect": effect,
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "lambda:InvokeFunction",
        "Resource": FUNCTION,
        "Condition": condition,
    }


def test_a_policy_of_only_own_account_statements_is_skipped_whole():
    pinned = service_statement({"ArnLike": {"AWS:SourceArn": f"arn:aws:sns:*:{ACCOUNT}:t"}})

    assert parsed_outward({"Version": "2012-10-17", "Statement": [pinned]}, ACCOUNT) == (None, [])


def test_statements_naming_another_account_or_negated_are_kept():
    foreign = service_statement({"ArnLike": {"AWS:SourceArn": f"arn:aws:sns:*:{FOREIGN}:t"}})
    negated = service_statement({"StringNotEquals": {"AWS:SourceAccount": ACCOUNT}})
    mixed = service_statement({"StringEquals": {"AWS:SourceAccount": [ACCOUNT, FOREIGN]}})
    document = {"Version": "2012-10-17", "Statement": [foreign, negated, mixed]}

    policy, _ = parsed_outward(document, ACCOUNT)

    assert policy is not None and len(policy.statements) == 3


def test_a_json_text_policy_is_pruned_too():
    pinned = service_statement({"StringEquals": {"aws:sourceaccount": ACCOUNT}})
    public = {"Effect": "Allow", "Principal": "*", "Action": "lambda:*", "Resource": FUNCTION}
    text = json.dumps({"Version": "2012-10-17", "Statement": [pinned, public]})

    policy, _ = parsed_outward(text, ACCOUNT)

    assert policy is not None and len(policy.statements) == 1
    assert outside(policy) == outside(parsed(text))


def test_statements_kept_after_pruning_are_cited_at_their_own_index():
    pinned = service_statement({"StringEquals": {"aws:sourceaccount": ACCOUNT}})
    public = {"Effect": "Allow", "Principal": "*", "Action": "lambda:*", "Resource": FUNCTION}

    policy, _ = parsed_outward({"Statement": [pinned, public]}, ACCOUNT)

    assert policy is not None and [s.index for s in policy.statements] == [1]


def test_a_malformed_document_is_unread_and_says_why():
    policy, errors = parsed_outward("{not json", ACCOUNT)

    assert policy is None and "not valid JSON" in errors[0].explain()
    assert parsed_outward(None, ACCOUNT) == (None, [])


ACCOUNTS = st.sampled_from([ACCOUNT, FOREIGN, "*"])
VALUES = st.one_of(
    ACCOUNTS,
    ACCOUNTS.map(lambda a: f"arn:aws:sns:us-east-1:{a}:topic"),
    st.lists(ACCOUNTS, min_size=0, max_size=2),
    st.integers(0, 5),
)
CONDITIONS = st.dictionaries(
    st.sampled_from(["StringEquals", "ArnLike", "StringNotEquals", "ArnNotLike", "Bool"]),
    st.dictionaries(
        st.sampled_from(
            [
                "AWS:SourceAccount",
                "aws:SourceArn",
                "aws:SourceOwner",
                "aws:SourceIp",
                "aws:PrincipalAccount",
                "aws:PrincipalOrgID",
            ]
        ),
        VALUES,
        max_size=2,
    ),
    max_size=2,
)
PRINCIPALS = st.sampled_from(
    ["*", {"AWS": "*"}, {"AWS": FOREIGN}, {"AWS": ACCOUNT}, {"Service": "s3.amazonaws.com"}]
)
STATEMENTS = st.fixed_dictionaries(
    {
        "Effect": st.sampled_from(["Allow", "Deny", "allow"]),
        "Principal": PRINCIPALS,
        "Action": st.sampled_from(["lambda:InvokeFunction", "lambda:*", "s3:GetObject"]),
        "Resource": st.sampled_from([FUNCTION, "*"]),
    },
    optional={"Condition": CONDITIONS},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(STATEMENTS, max_size=4))
def test_pruning_never_changes_who_outside_the_account_gets_in(statements):
    document = {"Version": "2012-10-17", "Statement": statements}

    assert outside(parsed_outward(document, ACCOUNT)[0]) == outside(parsed(document))
