"""`exposes` edges and trust levels: auth settings, resource policies, Block Public Access."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from tests.analysis.builders import ACCOUNT, bucket, fn, queue, route
from tests.analysis.estates import estate

FOREIGN = "111122223333"


def exposures(est) -> dict[tuple[str, str], str]:
    g = build_graph(est).g
    return {(u, v): d["trust"] for u, v, d in g.edges(data=True) if d["kind"] == kinds.EXPOSES}


def policy(principal, action: str, resource: str) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    return {"Version": "2012-10-17", "Statement": [statement]}


def test_route_trust_follows_its_authorization():
    methods = [
        {"arn": route("open"), "authorization_type": "NONE"},
        {"arn": route("keyed"), "authorization_type": "NONE", "api_key_required": True},
        {"arn": route("cognito"), "authorization_type": "COGNITO_USER_POOLS"},
    ]

    found = exposures(estate(rest_methods=methods))

    assert found[(kinds.INTERNET, route("open"))] == kinds.ANONYMOUS
    assert found[(kinds.INTERNET, route("keyed"))] == kinds.AUTHENTICATED
    assert found[(kinds.INTERNET, route("cognito"))] == kinds.AUTHENTICATED


def test_private_api_routes_are_not_exposed_to_the_internet():
    api = "arn:aws:apigateway:us-east-1::/restapis/api1"
    est = estate(
        rest_apis=[{"arn": api, "name": "p", "endpoint_types": ["PRIVATE"]}],
        rest_methods=[{"arn": route("x"), "api_arn": api, "authorization_type": "NONE"}],
    )

    assert exposures(est) == {}


URLS = [{"arn": fn("f"), "function_arn": fn("f"), "auth_type": "NONE"}]


def test_function_url_without_auth_is_anonymous_when_its_policy_allows_everyone():
    document = policy("*", "lambda:InvokeFunctionUrl", fn("f"))
    policies = [{"function_arn": fn("f"), "qualifier": "$LATEST", "policy": document}]

    found = exposures(estate(function_urls=URLS, function_policies=policies))

    assert found == {(kinds.INTERNET, f"{fn('f')}#url"): "anonymous"}


def test_function_url_without_auth_but_no_public_permission_refuses_the_internet():
    assert exposures(estate(function_urls=URLS)) == {}


def test_queue_policy_for_a_foreign_account_is_cross_account():
    queues = [{"arn": queue("q"), "name": "q",
               "policy": policy({"AWS": FOREIGN}, "sqs:SendMessage", queue("q"))}]  # fmt: skip

    found = exposures(estate(sqs_queues=queues))

    assert found == {(f"account:{FOREIGN}", queue("q")): kinds.CROSS_ACCOUNT}


def test_public_bucket_policy_is_anonymous():
    buckets = [{"arn": bucket("b"), "name": "b",
                "policy": policy("*", "s3:PutObject", "arn:aws:s3:::b/*")}]  # fmt: skip

    assert exposures(estate(s3_buckets=buckets)) == {(kinds.INTERNET, bucket("b")): "anonymous"}


def test_block_public_access_overrides_a_public_bucket_policy():
    buckets = [{"arn": bucket("b"), "name": "b",
                "policy": policy("*", "s3:PutObject", "arn:aws:s3:::b/*")}]  # fmt: skip
    account = [{"account": ACCOUNT, "restrict_public_buckets": True}]

    assert exposures(estate(s3_buckets=buckets, s3_account_settings=account)) == {}


def test_publicly_readable_bucket_is_marked_readable():
    buckets = [{"arn": bucket("b"), "name": "b",
                "policy": policy("*", "s3:GetObject", "arn:aws:s3:::b/*")}]  # fmt: skip

    g = build_graph(estate(s3_buckets=buckets)).g

    assert g.nodes[bucket("b")]["readable_by"] == [(kinds.INTERNET, kinds.ANONYMOUS)]


def test_service_principal_is_internal():
    document = policy({"Service": "s3.amazonaws.com"}, "lambda:InvokeFunction", fn("f"))
    policies = [{"function_arn": fn("f"), "qualifier": "$LATEST", "policy": document}]

    found = exposures(estate(function_policies=policies))

    assert found == {("service:s3.amazonaws.com", fn("f")): kinds.INTERNAL}
