"""Resource policies that cannot be read in full: exposure unknown (never "nobody outside"),
a coverage gap naming the resource and the fault, and the readable rest still counted."""

from __future__ import annotations

import pytest

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.taint import untrusted_inputs
from explorer.crawl.apigateway import transform_api
from tests.analysis.findings.helpers import (
    ACCOUNT,
    FOREIGN,
    REGION,
    bucket,
    estate,
    fn,
    function,
    iam_role,
    of,
    queue,
    role,
    run,
)

TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:alerts"
BUS = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/orders"
STREAM = f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/clicks"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders"
API = f"arn:aws:apigateway:{REGION}::/restapis/a1"
METHOD = f"arn:aws:execute-api:{REGION}:{ACCOUNT}:a1/*/POST/orders"


def _row(arn: str, **extra: object) -> dict:
    return {"arn": arn, "name": arn.rsplit("/", 1)[-1].rsplit(":", 1)[-1], **extra}


def placed(kind: str, policy: object) -> tuple[dict, str, str]:
    """(estate tables holding `policy` on a resource of `kind`, its node, what it is called)."""
    places = {
        "function": ({"functions": [function("f")], "function_policies": [
            {"function_arn": fn("f"), "qualifier": "$LATEST", "policy": policy}]},
            fn("f"), "function policy"),
        "bucket": ({"s3_buckets": [_row(bucket("b"), policy=policy)]}, bucket("b"),
                   "bucket policy"),
        "topic": ({"sns_topics": [_row(TOPIC, policy=policy)]}, TOPIC, "topic policy"),
        "queue": ({"sqs_queues": [_row(queue("q"), policy=policy)]}, queue("q"), "queue policy"),
        "bus": ({"event_buses": [_row(BUS, policy=policy)]}, BUS, "event bus policy"),
        "api": ({"rest_apis": [_row(API, endpoint_types=["REGIONAL"], policy=policy)]}, API,
                "API policy"),
        "table": ({"dynamodb_tables": [_row(TABLE, policy=policy)]}, TABLE, "table policy"),
        "table stream": ({"dynamodb_tables": [_row(TABLE, stream_policy=policy,
                          stream_arn=f"{TABLE}/stream/2026")]}, TABLE, "stream policy"),
        "kinesis": ({"kinesis_streams": [_row(STREAM, policy=policy)]}, STREAM, "stream policy"),
        "trust": ({"iam_roles": [iam_role("r", trust=policy)]}, role("r"), "trust policy"),
    }  # fmt: skip
    return places[kind]


KINDS = ["function", "bucket", "topic", "queue", "bus", "api", "table", "table stream",
         "kinesis", "trust"]  # fmt: skip
SHAPES = {
    "statement is a string": {"Version": "2012-10-17", "Statement": "sqs:*"},
    "statement is a list of numbers": {"Version": "2012-10-17", "Statement": [1, 2]},
    "action is an object": {"Statement": [{"Effect": "Allow", "Principal": "*",
                                           "Action": {"sqs": "*"}, "Resource": "*"}]},
    "policy is garbage": "garbage",
    "one action entry is bad": {"Statement": [{"Effect": "Allow", "Principal": "*",
                                               "Action": ["sqs:ReceiveMessage", "s3"],
                                               "Resource": "*"}]},
}  # fmt: skip
FAULT = {
    "statement is a string": "Statement must be an object or a list",
    "statement is a list of numbers": "statement 1, field 'Statement': statement must be an object",
    "action is an object": "field 'Action': Action must be a string or a list of strings",
    "policy is garbage": "policy document is not valid JSON",
    "one action entry is bad": "'s3' is not of the form service:action",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("kind", KINDS)
def test_an_unreadable_policy_makes_the_exposure_unknown_and_says_why(kind: str, shape: str):
    tables, node, what = placed(kind, SHAPES[shape])

    unknown = build_graph(estate(**tables)).g.nodes[node]["exposure_unknown"]

    assert len(unknown) == 1 and unknown[0].startswith(f"{what}: ")
    assert FAULT[shape] in unknown[0]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("kind", KINDS)
def test_an_unreadable_policy_is_a_coverage_gap_naming_the_resource(kind: str, shape: str):
    tables, node, what = placed(kind, SHAPES[shape])

    found = [f for f in of(run(estate(**tables)), "coverage-gap") if f.resource == node]

    assert len(found) == 1 and found[0].severity == "info"
    assert "is unknown" in found[0].title and what in found[0].detail
    assert FAULT[shape] in found[0].detail


@pytest.mark.parametrize("kind", KINDS)
def test_a_readable_policy_leaves_the_exposure_known(kind: str):
    policy = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ACCOUNT},
                             "Action": "sqs:ReceiveMessage", "Resource": "*"}]}  # fmt: skip
    tables, node, _ = placed(kind, policy)

    assert "exposure_unknown" not in build_graph(estate(**tables)).g.nodes[node]


def test_a_bad_action_beside_a_public_grant_keeps_the_grant_and_its_taint():
    policy = {"Statement": [{"Effect": "Allow", "Principal": "*",
                             "Action": ["sqs:SendMessage", "::"], "Resource": "*"}]}  # fmt: skip
    mapping = {"uuid": "m", "event_source_arn": queue("q"), "function_arn": fn("worker"),
               "state": "Enabled"}  # fmt: skip
    est = estate(functions=[function("worker")], event_source_mappings=[mapping],
                 sqs_queues=[_row(queue("q"), policy=policy)])  # fmt: skip

    g = build_graph(est).g

    assert kinds.INTERNET in g.pred[queue("q")]
    assert [i.origin for i in untrusted_inputs(g)[fn("worker")]] == [kinds.INTERNET]
    assert "'::' is not of the form service:action" in g.nodes[queue("q")]["exposure_unknown"][0]


def test_an_open_url_whose_policy_cannot_be_read_is_anonymous_conditionally():
    url = {"arn": fn("track"), "function_arn": fn("track"), "qualifier": None,
           "url": "https://u", "auth_type": "NONE"}  # fmt: skip
    est = estate(functions=[function("track")], function_urls=[url], function_policies=[
        {"function_arn": fn("track"), "qualifier": "$LATEST", "policy": "garbage"}])  # fmt: skip

    g = build_graph(est).g
    [finding] = of(run(est), "public-function-url")

    [edge] = g.get_edge_data(kinds.INTERNET, f"{fn('track')}#url").values()
    assert (edge["trust"], edge["conditional"]) == (kinds.ANONYMOUS, True)
    assert finding.severity == "high" and "could not be read" in finding.detail


def test_every_route_of_an_api_shares_its_unknown_policy():
    method = {"arn": METHOD, "api_arn": API, "http_method": "POST", "path": "/orders",
              "authorization_type": "NONE"}  # fmt: skip
    api = _row(API, endpoint_types=["PRIVATE"], policy={"Statement": "execute-api:Invoke"})

    g = build_graph(estate(rest_apis=[api], rest_methods=[method])).g

    assert g.nodes[METHOD]["exposure_unknown"] == g.nodes[API]["exposure_unknown"]


def test_an_escaped_api_policy_as_aws_returns_it_is_read_and_judged():
    # AWS returns a REST API's policy as JSON with backslash-escaped quotes (moto does not).
    raw = {"id": "a1", "name": "shop", "endpointConfiguration": {"types": ["PRIVATE"]},
           "policy": '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[1]}'}  # fmt: skip
    row = transform_api(raw, "aws", REGION)

    g = build_graph(estate(rest_apis=[row])).g

    assert g.nodes[API]["exposure_unknown"] == [
        "API policy: statement 0, field 'Statement': statement must be an object "
        "(that statement was left out)"
    ]


def test_a_fault_inside_a_statement_pinned_to_the_own_account_changes_nothing_outside():
    pinned = {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
              "Action": ["lambda:InvokeFunction", "s3"], "Resource": fn("f"),
              "Condition": {"ArnLike": {"AWS:SourceArn": TOPIC}}}  # fmt: skip
    tables, node, _ = placed("function", {"Statement": [pinned]})

    assert "exposure_unknown" not in build_graph(estate(**tables)).g.nodes[node]


def test_a_foreign_trust_with_a_bad_action_still_lets_the_foreign_account_assume():
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{FOREIGN}:root"},
                            "Action": ["sts:AssumeRole", 7]}]}  # fmt: skip
    est = estate(iam_roles=[iam_role("r", trust=trust)])

    found = of(run(est), "cross-account-resource-policy")

    assert [f.resource for f in found] == [role("r")]
    assert "7 is not a string" in build_graph(est).g.nodes[role("r")]["exposure_unknown"][0]


def test_the_gap_names_the_functions_whose_untrusted_inputs_it_leaves_unknown():
    mapping = {"uuid": "m", "event_source_arn": queue("q"), "function_arn": fn("worker"),
               "state": "Enabled"}  # fmt: skip
    est = estate(functions=[function("worker"), function("idle")], event_source_mappings=[mapping],
                 sqs_queues=[_row(queue("q"), policy="garbage")])  # fmt: skip

    [found] = [f for f in of(run(est), "coverage-gap") if f.resource == queue("q")]

    assert found.detail.endswith(
        "Its data reaches worker, whose untrusted inputs may be incomplete."
    )


IDENTITY_SHAPES = {
    "statement is a string": ({"Version": "2012-10-17", "Statement": "s3:*"}, "Statement must be"),
    "action is an object": ({"Statement": [{"Effect": "Allow", "Action": {"s3": "*"},
                                            "Resource": "*"}]}, "field 'Action'"),
    "policy is garbage": ("garbage", "not valid JSON"),
    "one action entry is bad": ({"Statement": [{"Effect": "Allow", "Resource": "*",
                                                "Action": ["s3:GetObject", 3]}]},
                                "3 is not a string"),
}  # fmt: skip
MANAGED = f"arn:aws:iam::{ACCOUNT}:policy/managed"


@pytest.mark.parametrize("shape", sorted(IDENTITY_SHAPES))
@pytest.mark.parametrize("where", ["inline", "managed", "boundary"])
def test_an_unreadable_identity_policy_is_a_gap_on_its_role(where: str, shape: str):
    document, fault = IDENTITY_SHAPES[shape]
    managed = [{"arn": MANAGED, "name": "managed", "document": document}]
    row = {"inline": iam_role("r"),
           "managed": iam_role("r", attached_policy_arns=[MANAGED]),
           "boundary": iam_role("r", boundary_arn=MANAGED)}[where]  # fmt: skip
    if where == "inline":
        row["inline_policies"] = [{"name": "inline", "document": document}]

    found = of(run(estate(iam_roles=[row], iam_policies=managed)), "coverage-gap")

    assert [f.resource for f in found] == [role("r")] and fault in found[0].detail
