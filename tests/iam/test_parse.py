"""Parsing policies as found in the wild, and the PolicyError raised for malformed ones."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from explorer.iam import PolicyError, parse_policy, parse_policy_tolerant, simulate
from tests.iam.cases import OBJECT, ROLE

GOOD = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
}


def test_statement_may_be_a_single_object() -> None:
    policy = parse_policy({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})

    assert len(policy.statements) == 1


def test_elements_may_be_strings_or_lists() -> None:
    statement = {"Effect": "Allow", "Action": ["s3:GetObject", "S3:PutObject"], "Resource": "*"}

    policy = parse_policy({"Statement": [statement]})

    assert policy.statements[0].actions == ("s3:getobject", "s3:putobject")


def test_json_text_is_accepted() -> None:
    assert parse_policy(json.dumps(GOOD)).version == "2012-10-17"


def test_url_encoded_json_is_accepted() -> None:
    assert len(parse_policy(quote(json.dumps(GOOD))).statements) == 1


def test_bytes_are_accepted() -> None:
    assert len(parse_policy(json.dumps(GOOD).encode()).statements) == 1


def test_api_wrapper_is_unwrapped() -> None:
    wrapped = {"PolicyName": "inline", "PolicyDocument": quote(json.dumps(GOOD))}

    assert len(parse_policy(wrapped).statements) == 1


def test_odd_casing_of_element_names_and_effect() -> None:
    policy = parse_policy({"statement": [{"effect": "allow", "ACTION": "s3:*", "resource": "*"}]})

    assert policy.statements[0].effect == "Allow"


def test_sid_is_kept_and_cited() -> None:
    document = {
        "Statement": [{"Sid": "ReadAll", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
    }

    decision = simulate("s3:GetObject", OBJECT, ROLE, [document], context={})

    assert decision.reasons[0].sid == "ReadAll"


def test_missing_version_disables_variables() -> None:
    assert not parse_policy({"Statement": []}).variables


def test_missing_resource_means_every_resource() -> None:
    policy = parse_policy(
        {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}]}
    )

    assert policy.statements[0].resources[0].is_any


@pytest.mark.parametrize(
    ("statement", "field"),
    [
        ({"Action": "s3:*", "Resource": "*"}, "Effect"),
        ({"Effect": "Permit", "Action": "s3:*", "Resource": "*"}, "Effect"),
        ({"Effect": "Allow", "Resource": "*"}, "Action"),
        ({"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Get*", "Resource": "*"}, "Action"),
        ({"Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}, "Action"),
        ({"Effect": "Allow", "Action": 5, "Resource": "*"}, "Action"),
        ({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "*"}, "Resource"),
        ({"Effect": "Allow", "Action": "s3:*", "Resource": ["*", None]}, "Resource"),
        ({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Principal": 3}, "Principal"),
        ({"Effect": "Allow", "Action": "s3:*", "Principal": {"Users": "x"}}, "Principal"),
        ({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": []}, "Condition"),
        (
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEq": {}}},
            "Condition",
        ),
        (
            {
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": "*",
                "Condition": {"NullIfExists": {"a": "true"}},
            },
            "Condition",
        ),
        (
            {
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": "*",
                "Condition": {"ForSomeValues:StringEquals": {"a": "b"}},
            },
            "Condition",
        ),
        (
            {
                "Effect": "Allow",
                "Action": "s3:*",
                "Resource": "*",
                "Condition": {"StringEquals": {"a": {"b": 1}}},
            },
            "Condition",
        ),
        ({"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Comment": "x"}, "Comment"),
        ({"Sid": ["x"], "Effect": "Allow", "Action": "s3:*", "Resource": "*"}, "Sid"),
    ],
)
def test_malformed_statement_names_statement_and_field(statement: dict, field: str) -> None:
    document = {"Statement": [GOOD["Statement"][0], statement]}

    with pytest.raises(PolicyError) as raised:
        parse_policy(document, "p")

    assert (raised.value.statement, raised.value.field) == (1, field)
    assert "statement 1" in str(raised.value) and "'p'" in str(raised.value)


@pytest.mark.parametrize(
    "document",
    [
        "not json",
        "[]",
        42,
        {"Version": "2020-01-01", "Statement": []},
        {"Id": "x"},
        {"Statement": "s3:*"},
        {"Statement": [], "Extra": 1},
        "{" * 100000,
        b"\xff\xfe",
    ],
)
def test_malformed_document_raises_policy_error(document: object) -> None:
    with pytest.raises(PolicyError) as raised:
        parse_policy(document)

    assert raised.value.statement is None


def test_tolerant_parse_keeps_good_statements() -> None:
    bad = {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Nope": {}}}
    document = {"Statement": [GOOD["Statement"][0], bad, GOOD["Statement"][0]]}

    policy, errors = parse_policy_tolerant(document, "p")

    assert policy is not None and len(policy.statements) == 2
    assert [error.statement for error in errors] == [1]


def test_tolerant_parse_of_unreadable_document() -> None:
    policy, errors = parse_policy_tolerant("garbage", "p")

    assert policy is None and errors[0].policy == "p"


def test_error_message_names_sid() -> None:
    document = {"Statement": [{"Sid": "Broken", "Effect": "Maybe", "Action": "s3:*"}]}

    with pytest.raises(PolicyError, match="Sid 'Broken'"):
        parse_policy(document)


def test_simulate_raises_policy_error_for_malformed_identity_policy() -> None:
    with pytest.raises(PolicyError):
        simulate("s3:GetObject", OBJECT, ROLE, [{"Statement": [{"Effect": "Allow"}]}])


def test_resource_policy_without_principal_is_rejected() -> None:
    policy = {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}

    with pytest.raises(PolicyError, match="Principal"):
        simulate("s3:GetObject", OBJECT, ROLE, [], resource_policy=policy)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"action": 5},
        {"resource": None},
        {"principal": 7},
        {"context": [1]},
        {"resource_account": 1},
        {"identity_policies": 3},
        {"identity_policies": [None]},
        {"boundary_policies": "x"},
    ],
)
def test_simulate_rejects_bad_arguments_with_policy_error(kwargs: dict) -> None:
    arguments = {
        "action": "s3:GetObject",
        "resource": OBJECT,
        "principal": ROLE,
        "identity_policies": [GOOD],
        "context": {},
    }
    arguments.update(kwargs)

    with pytest.raises(PolicyError):
        simulate(**arguments)


def test_identity_policies_may_be_named_pairs() -> None:
    decision = simulate("s3:GetObject", OBJECT, ROLE, [("ReadOnly", GOOD)], context={})

    assert decision.reasons[0].policy == "ReadOnly"


def test_a_statement_seen_before_is_cited_where_it_stands_now() -> None:
    logs = {"Sid": "Logs", "Effect": "Allow", "Action": "logs:*", "Resource": "*"}
    first = parse_policy({"Statement": [logs]}, "role-a-inline")
    again = parse_policy({"Statement": [GOOD["Statement"][0], logs]}, "role-b-inline")

    cited = again.statements[1]

    assert (cited.ref.policy, cited.ref.index, cited.ref.sid) == ("role-b-inline", 1, "Logs")
    assert cited.actions == first.statements[0].actions == ("logs:*",)
    assert first.statements[0].ref.policy == "role-a-inline"


def test_a_cached_statement_keeps_variables_apart_from_plain_text() -> None:
    statement = {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}"}

    with_variables = parse_policy({"Version": "2012-10-17", "Statement": [statement]})
    without = parse_policy({"Version": "2008-10-17", "Statement": [statement]})

    assert with_variables.statements[0].resources[0].has_vars
    assert not without.statements[0].resources[0].has_vars


def test_nan_and_null_are_not_taken_for_one_statement() -> None:
    null = {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": None}
    nan = {**null, "Condition": float("nan")}

    assert parse_policy({"Statement": [null]}).statements[0].conditions == ()
    _, errors = parse_policy_tolerant({"Statement": [nan]})
    assert errors and errors[0].field == "Condition"
