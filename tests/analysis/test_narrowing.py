"""What a resource-policy condition does to who a grant reaches: the trust level it leaves
and the words the user reads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis import kinds
from explorer.analysis.narrowing import Reach, only_text, reaches
from explorer.iam.exposure import resource_exposure
from tests.analysis.builders import ACCOUNT, queue

FOREIGN = "111122223333"
QUEUE = queue("orders")


def reached(principal: object, condition: dict | None = None, *extra: dict) -> list[Reach]:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sqs:SendMessage",
                 "Resource": QUEUE}  # fmt: skip
    if condition:
        statement["Condition"] = condition
    document = {"Version": "2012-10-17", "Statement": [statement, *extra]}
    found = resource_exposure(document, ["sqs:SendMessage"], QUEUE, ACCOUNT)
    return [r for e in found for r in reaches(e, ACCOUNT)]


def test_a_grant_to_everyone_from_one_address_stays_anonymous_but_only_from_there():
    [reach] = reached("*", {"IpAddress": {"aws:SourceIp": "203.0.113.7/32"}})

    assert (reach.origin, reach.trust) == (kinds.INTERNET, kinds.ANONYMOUS)
    assert only_text(reach.only) == "only from 203.0.113.7/32"


def test_a_deny_unless_from_a_vpc_endpoint_narrows_the_same_way():
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": QUEUE,
            "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b"}}}  # fmt: skip

    [reach] = reached("*", None, deny)

    assert reach.trust == kinds.ANONYMOUS
    assert only_text(reach.only) == "only through VPC endpoint vpce-1a2b"


def test_a_negated_allow_condition_does_not_narrow():
    [reach] = reached("*", {"NotIpAddress": {"aws:SourceIp": "203.0.113.7/32"}})

    assert reach.only == ()


def test_an_organisation_condition_makes_the_organisation_the_origin():
    [reach] = reached("*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}})

    assert (reach.origin, reach.trust) == (kinds.org_origin("o-abc123"), kinds.ORGANIZATION)
    assert reach.only == ()  # the origin says it: nothing narrows it further


def test_an_org_path_condition_names_the_organisation_of_the_path():
    paths = {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-abc123/r-ab12/ou-ab12-1/*"}}

    [reach] = reached("*", paths)

    assert reach.origin == kinds.org_origin("o-abc123")


def test_a_grant_to_everyone_limited_to_a_foreign_account_is_that_accounts():
    [reach] = reached({"AWS": "*"}, {"StringEquals": {"aws:PrincipalAccount": FOREIGN}})

    assert (reach.origin, reach.trust) == (kinds.account_origin(FOREIGN), kinds.CROSS_ACCOUNT)


def test_a_grant_to_everyone_limited_to_the_own_account_is_account_wide():
    [reach] = reached("*", {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}})

    assert (reach.origin, reach.trust) == (kinds.account_origin(ACCOUNT), kinds.ACCOUNT_WIDE)
    assert not reach.delegated


def test_a_grant_to_the_own_accounts_root_is_account_wide_and_left_to_iam():
    [reach] = reached({"AWS": f"arn:aws:iam::{ACCOUNT}:root"})

    assert reach.trust == kinds.ACCOUNT_WIDE and reach.delegated


@pytest.mark.parametrize("key", ["aws:SourceAccount", "aws:SourceOwner"])
def test_a_grant_pinned_to_a_service_acting_for_the_own_account_reaches_nobody(key):
    assert reached("*", {"StringEquals": {key: ACCOUNT}}) == []
    assert reached({"Service": "sns.amazonaws.com"}, {"StringEquals": {key: ACCOUNT}}) == []


def test_a_service_not_pinned_stays_an_internal_service_origin():
    [reach] = reached({"Service": "sns.amazonaws.com"})

    assert (reach.origin, reach.trust) == (kinds.service_origin("sns.amazonaws.com"), "internal")


def test_a_named_foreign_account_keeps_its_narrowing():
    [reach] = reached({"AWS": FOREIGN}, {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "::1"]}})

    assert reach.trust == kinds.CROSS_ACCOUNT
    assert only_text(reach.only) == "only from 10.0.0.0/8 or ::1"


def test_a_condition_of_only_wildcards_narrows_nothing():
    [reach] = reached("*", {"StringLike": {"aws:SourceVpce": "*"}})

    assert reach.trust == kinds.ANONYMOUS and reach.only == ()


KEYS = st.sampled_from(
    ["aws:SourceIp", "aws:SourceVpce", "aws:PrincipalOrgID", "aws:PrincipalAccount",
     "aws:SourceAccount", "aws:SourceArn", "aws:userid", "aws:CalledVia", "Aws:SourceVpc"]
)  # fmt: skip
OPERATORS = st.sampled_from(
    ["StringEquals", "StringNotEquals", "IpAddress", "NotIpAddress", "ArnLike",
     "ForAnyValue:StringLike", "StringEqualsIfExists", "Null"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from([ACCOUNT, FOREIGN, "*"]), st.text(max_size=20)),
             max_size=3),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(OPERATORS, st.dictionaries(KEYS, VALUES, max_size=2), max_size=2),
    st.sampled_from(["*", {"AWS": FOREIGN}, {"AWS": ACCOUNT}, {"Service": "s3.amazonaws.com"}]),
)
def test_any_condition_gives_known_levels_and_literal_words(condition, principal):  # fmt: skip
    for reach in reached(principal, condition):
        assert reach.trust in kinds.TRUST_ORDER
        assert all(isinstance(phrase, str) for phrase in reach.only)
