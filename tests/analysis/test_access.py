"""IAM edges: grants become writes, invokes, controls; Deny, boundaries, conditions shape them."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.access import hub_id
from tests.analysis.builders import bucket, fn, queue, role
from tests.analysis.estates import allow, deny, edge_data, edges_of, estate, function, iam_role

Q1, Q2 = queue("orders"), queue("audit")
QUEUES = [{"arn": Q1, "name": "orders"}, {"arn": Q2, "name": "audit"}]
BOUNDARY = "arn:aws:iam::123456789012:policy/boundary"


def test_function_assumes_its_execution_role():
    found = edges_of(estate(functions=[function("f", "r")]), kinds.ASSUMES)

    assert (fn("f"), role("r")) in found


def test_specific_grant_is_an_explicit_write_edge():
    roles = [iam_role("r", allow("sqs:SendMessage", Q1))]

    found = edges_of(estate(iam_roles=roles, sqs_queues=QUEUES), kinds.WRITES)

    assert found == {(role("r"), Q1)}


MANY = [{"arn": queue(f"q{n}"), "name": f"q{n}"} for n in range(12)]


def test_wildcard_grant_goes_through_one_hub_edge():
    roles = [iam_role("r", allow("sqs:*")), iam_role("s", allow("sqs:SendMessage"))]

    found = edges_of(estate(iam_roles=roles, sqs_queues=MANY), kinds.WRITES)
    members = edges_of(estate(iam_roles=roles, sqs_queues=MANY), kinds.MEMBER)

    assert found == {(role("r"), hub_id(kinds.QUEUE)), (role("s"), hub_id(kinds.QUEUE))}
    assert members == {(hub_id(kinds.QUEUE), q["arn"]) for q in MANY}


def test_roles_with_the_same_carved_out_grant_share_one_hub():
    statements = (allow("sqs:SendMessage"), deny("sqs:SendMessage", queue("q0")))
    roles = [iam_role("r", *statements), iam_role("s", *statements)]

    found = edges_of(estate(iam_roles=roles, sqs_queues=MANY), kinds.WRITES)
    members = edges_of(estate(iam_roles=roles, sqs_queues=MANY), kinds.MEMBER)

    [hub] = {target for _, target in found}
    assert hub.startswith("hub:queue:") and len(found) == 2
    assert {m for _, m in members} == {q["arn"] for q in MANY[1:]}


def test_explicit_deny_removes_write_edge():
    roles = [iam_role("r", allow("sqs:SendMessage"), deny("sqs:SendMessage", Q2))]

    found = edges_of(estate(iam_roles=roles, sqs_queues=QUEUES), kinds.WRITES)

    assert found == {(role("r"), Q1)}


def test_boundary_cuts_a_grant_to_what_it_allows():
    roles = [iam_role("r", allow("sqs:SendMessage"), boundary=BOUNDARY)]
    policies = [
        {
            "arn": BOUNDARY,
            "name": "boundary",
            "document": {"Version": "2012-10-17", "Statement": [allow("sqs:*", Q2)]},
        }
    ]

    found = edges_of(
        estate(iam_roles=roles, iam_policies=policies, sqs_queues=QUEUES), kinds.WRITES
    )

    assert found == {(role("r"), Q2)}


def test_condition_makes_an_edge_conditional():
    condition = {"StringEquals": {"aws:RequestTag/team": "shop"}}
    roles = [iam_role("r", allow("sqs:SendMessage", Q1, Condition=condition))]

    data = edge_data(estate(iam_roles=roles, sqs_queues=QUEUES), role("r"), Q1, kinds.WRITES)

    assert data["conditional"] is True


def test_object_prefix_grant_writes_its_bucket():
    buckets = [{"arn": bucket("in"), "name": "in"}, {"arn": bucket("out"), "name": "out"}]
    roles = [iam_role("r", allow("s3:PutObject", "arn:aws:s3:::in/uploads/*"))]

    found = edges_of(estate(iam_roles=roles, s3_buckets=buckets), kinds.WRITES)

    assert found == {(role("r"), bucket("in"))}


def test_update_function_code_is_control_of_that_function():
    roles = [iam_role("ops", allow("lambda:UpdateFunctionCode", fn("victim")))]
    functions = [function("victim", "strong"), function("other", "weak")]

    found = edges_of(estate(iam_roles=roles, functions=functions), kinds.CONTROLS)

    assert found == {(role("ops"), fn("victim"))}


def test_assume_role_needs_the_trust_policy_to_allow_it():
    trusting = iam_role("target")
    trusting["trust_policy"] = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": role("caller")}, "Action": "sts:AssumeRole"}
        ],
    }
    untrusting = iam_role("other")
    roles = [iam_role("caller", allow("sts:AssumeRole")), trusting, untrusting]

    found = edges_of(estate(iam_roles=roles), kinds.BECOMES)

    assert found == {(role("caller"), role("target"))}


def test_invoke_read_and_pass_grants_become_their_edges():
    roles = [
        iam_role("r", allow("lambda:InvokeFunction", fn("callee")), allow("sqs:ReceiveMessage", Q1),
                 allow("iam:PassRole", role("target"))),
        iam_role("target"),
    ]  # fmt: skip
    est = estate(iam_roles=roles, sqs_queues=QUEUES, functions=[function("callee", "target")])

    assert edges_of(est, kinds.INVOKES) == {(role("r"), fn("callee"))}
    assert edges_of(est, kinds.READS) == {(role("r"), Q1)}
    assert edges_of(est, kinds.PASSES) == {(role("r"), role("target"))}
