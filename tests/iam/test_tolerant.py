"""Reading damaged policies tolerantly: one bad entry leaves out that entry alone, a statement
that cannot be read leaves out that statement, and every error says what it left out."""

from __future__ import annotations

import pytest

from explorer.iam import PrincipalPolicies, parse_policy_tolerant, resource_exposure
from explorer.iam.errors import DOCUMENT, ELEMENT, STATEMENT, policy_summary
from tests.iam.cases import ACCOUNT, OTHER, QUEUE, ROLE

PUBLIC = {"Effect": "Allow", "Principal": "*", "Resource": QUEUE}


def read(*statements: object) -> tuple:
    return parse_policy_tolerant({"Version": "2012-10-17", "Statement": list(statements)}, "p")


@pytest.mark.parametrize("bad", ["s3", "::", "s3:get:object", 5, None, ["sqs:*"], "a b:c"])
def test_a_bad_action_entry_is_left_out_and_the_others_kept(bad: object) -> None:
    policy, errors = read({**PUBLIC, "Action": ["sqs:SendMessage", bad, "sqs:ReceiveMessage"]})

    assert policy is not None
    assert policy.statements[0].actions == ("sqs:sendmessage", "sqs:receivemessage")
    assert [(e.statement, e.field, e.skipped) for e in errors] == [(0, "Action", ELEMENT)]


def test_a_bad_resource_entry_is_left_out() -> None:
    policy, errors = read({**PUBLIC, "Action": "sqs:*", "Resource": [QUEUE, 7]})

    assert policy is not None
    assert [p.raw for p in policy.statements[0].resources] == [QUEUE]
    assert (errors[0].field, errors[0].skipped) == ("Resource", ELEMENT)


def test_a_bad_principal_entry_or_type_is_left_out_and_the_rest_still_exposes() -> None:
    foreign = f"arn:aws:iam::{OTHER}:root"
    principal = {"AWS": [foreign, 12], "Users": "x"}
    statement = {**PUBLIC, "Action": "sqs:SendMessage", "Principal": principal}

    policy, errors = read(statement)
    found = resource_exposure(policy, ["sqs:SendMessage"], QUEUE, ACCOUNT)

    assert [e.who for e in found] == [f"account:{OTHER}"]
    assert sorted(e.reason for e in errors) == [
        "12 is not a string",
        "unknown principal type 'Users'",
    ]


@pytest.mark.parametrize("field", ["NotAction", "NotResource", "NotPrincipal"])
def test_a_deny_whose_not_element_lost_an_entry_is_left_out_whole(field: str) -> None:
    values = {"NotAction": ["sqs:Get*", "s3"], "NotResource": [QUEUE, 3],
              "NotPrincipal": {"AWS": [ROLE, 3]}}  # fmt: skip
    deny = {"Effect": "Deny", "Action": "sqs:*", "Resource": "*", "Principal": "*"}
    deny = {k: v for k, v in deny.items() if k != field.removeprefix("Not")}

    policy, errors = read({**deny, field: values[field]})

    assert policy is not None and policy.statements == ()
    assert (errors[0].field, errors[0].skipped) == (field, STATEMENT)
    assert "would deny more than written" in errors[0].explain()


def test_an_allow_whose_not_action_lost_an_entry_covers_more() -> None:
    policy, errors = read({**PUBLIC, "NotAction": ["sqs:Delete*", "s3"]})

    assert policy is not None and policy.statements[0].matches_action("sqs:sendmessage")
    assert errors[0].skipped == ELEMENT


def test_a_deny_whose_action_lost_an_entry_keeps_denying_the_rest() -> None:
    deny = {"Effect": "Deny", "Principal": "*", "Action": ["sqs:SendMessage", 1], "Resource": "*"}

    policy, errors = read({**PUBLIC, "Action": "sqs:*"}, deny)
    found = resource_exposure(policy, ["sqs:SendMessage"], QUEUE, ACCOUNT)

    assert found == [] and errors[0].skipped == ELEMENT


@pytest.mark.parametrize(
    ("statement", "field"),
    [
        ({**PUBLIC, "Action": {"sqs": "SendMessage"}}, "Action"),
        ({**PUBLIC, "Action": "sqs:*", "Condition": "yes"}, "Condition"),
        ({**PUBLIC, "Action": "sqs:*", "Principal": ["*"]}, "Principal"),
        ({**PUBLIC, "Action": "sqs:*", "Effect": "Maybe"}, "Effect"),
        ({**PUBLIC, "Action": "sqs:*", "Comment": "x"}, "Comment"),
        ("sqs:*", "Statement"),
        (5, "Statement"),
    ],
)
def test_a_statement_that_cannot_be_read_is_left_out_and_said(statement: object, field: str):
    good = {**PUBLIC, "Action": "sqs:ReceiveMessage"}

    policy, errors = read(good, statement)

    assert policy is not None and [s.index for s in policy.statements] == [0]
    assert [(e.statement, e.field, e.skipped) for e in errors] == [(1, field, STATEMENT)]
    assert errors[0].explain().endswith("(that statement was left out)")


@pytest.mark.parametrize(
    "document", ["garbage", {"Statement": "s3:*"}, {"Version": "2012-10-17"}, [1, 2], 42]
)
def test_a_document_that_cannot_be_read_leaves_no_policy(document: object) -> None:
    policy, errors = parse_policy_tolerant(document, "p")

    assert policy is None and errors[0].skipped == DOCUMENT
    assert errors[0].explain().endswith("(nothing in it could be read)")


def test_a_statement_list_of_numbers_reads_as_no_statements_with_an_error_each() -> None:
    policy, errors = parse_policy_tolerant({"Statement": [1, 2]}, "p")

    assert policy is not None and policy.statements == ()
    assert [(e.statement, e.skipped) for e in errors] == [(0, STATEMENT), (1, STATEMENT)]


def test_a_bad_sid_is_left_out_and_the_statement_kept() -> None:
    policy, errors = read({**PUBLIC, "Action": "sqs:*", "Sid": ["x"]})

    assert policy is not None and policy.statements[0].sid is None
    assert errors[0].field == "Sid"


def test_identity_policy_errors_name_the_dropped_entry() -> None:
    document = {"Statement": [{"Effect": "Allow", "Action": ["iam:PassRole", "s3"],
                               "Resource": "*"}]}  # fmt: skip

    principal = PrincipalPolicies(ROLE, [("deploy", document)], tolerant=True)

    assert principal.evaluate("iam:PassRole", ROLE).allowed
    [error] = principal.errors
    assert error.explain() == (
        "policy 'deploy', statement 0, field 'Action': 's3' is not of the form service:action"
        " (that entry was left out, the rest of the statement kept)"
    )


def test_a_long_bad_value_is_cut_short_in_the_message() -> None:
    _, errors = read({**PUBLIC, "Action": ["sqs:*", "x" * 500]})

    assert len(errors[0].reason) < 120


def test_the_summary_of_a_policy_names_it_and_caps_the_faults() -> None:
    _, errors = read(*[{**PUBLIC, "Action": n} for n in range(8)])

    summary = policy_summary("queue policy", errors)

    assert summary.startswith("queue policy: statement 0, field 'Action': ")
    assert summary.endswith("; and 3 more") and "'p'" not in summary
