"""A1 untrusted input reaching functions, and A3 chain outputs resting where outsiders read."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.findings import find_all
from explorer.analysis.taint import UntrustedInput
from tests.analysis.builders import graph_with, route
from tests.analysis.findings.helpers import (
    ACCOUNT,
    DAY,
    FOREIGN,
    allow,
    bucket,
    document,
    estate,
    fn,
    function,
    iam_role,
    of,
    queue,
    role,
    run,
)

E, T, A, W = kinds.EXPOSES, kinds.TRIGGERS, kinds.ASSUMES, kinds.WRITES
BLOCK_OFF = [{"account": "123456789012", "restrict_public_buckets": False,
              "ignore_public_acls": False}]  # fmt: skip


def via_route(name: str, trust: str = kinds.ANONYMOUS, origin: str = kinds.INTERNET):
    return UntrustedInput(origin, trust, route(name), (origin, route(name), fn(name)), (E, T))


def api_estate(*roles: dict) -> object:
    return estate(functions=[function("api")], iam_roles=list(roles))


def test_anonymous_input_to_a_function_that_can_write_is_critical():
    est = api_estate(iam_role("api-role", allow("s3:PutObject", f"{bucket('b')}/*")))
    est.tables["s3_buckets"] = [{"arn": bucket("b"), "name": "b"}]

    [found] = of(run(est, inputs={fn("api"): [via_route("api")]}), "untrusted-input-anonymous")

    assert (found.owasp, found.severity, found.resource) == ("A1", "critical", fn("api"))
    assert found.path == (kinds.INTERNET, route("api"), fn("api"))
    assert found.edges == (E, T)
    assert "may write b" in found.detail


def test_anonymous_input_to_a_function_that_can_write_nothing_is_high():
    est = api_estate(iam_role("api-role", allow("s3:GetObject", f"{bucket('b')}/*")))

    [found] = of(run(est, inputs={fn("api"): [via_route("api")]}), "untrusted-input-anonymous")

    assert found.severity == "high"


def test_cross_account_input_is_high_and_authenticated_input_medium():
    inputs = {fn("api"): [via_route("api", kinds.CROSS_ACCOUNT, f"account:{FOREIGN}"),
                          via_route("api", kinds.AUTHENTICATED)]}  # fmt: skip

    found = run(api_estate(), inputs=inputs)

    assert [f.severity for f in of(found, "untrusted-input-cross-account")] == ["high"]
    assert [f.severity for f in of(found, "untrusted-input-authenticated")] == ["medium"]


def test_internal_origin_is_not_a_finding():
    internal = via_route("api", kinds.INTERNAL, "service:events.amazonaws.com")

    found = run(api_estate(), inputs={fn("api"): [internal]})

    assert [f for f in found if f.owasp == "A1"] == []


def test_one_finding_per_level_explained_by_the_shortest_path():
    hops = (kinds.ANY_ACCOUNT, queue("q"), fn("w"), fn("api"))
    long = UntrustedInput(kinds.ANY_ACCOUNT, kinds.CROSS_ACCOUNT, queue("q"), hops, (E, T, T))
    short = via_route("api", kinds.CROSS_ACCOUNT, f"account:{FOREIGN}")

    [found] = of(
        run(api_estate(), inputs={fn("api"): [long, short]}), "untrusted-input-cross-account"
    )

    assert found.path == short.path
    assert kinds.ANY_ACCOUNT in found.detail


def test_inputs_are_computed_from_the_graph_when_not_given():
    method = {"arn": route("api"), "api_arn": "arn:aws:apigateway:us-east-1::/restapis/api1",
              "http_method": "GET", "path": "/api", "authorization_type": "NONE",
              "integration_type": "AWS_PROXY", "function_arn": fn("api")}  # fmt: skip
    est = estate(functions=[function("api")], rest_methods=[method])

    [found] = of(run(est), "untrusted-input-anonymous")

    assert found.path == (kinds.INTERNET, route("api"), fn("api"))


def gallery_estate(bucket_policy: dict, writer_policy: dict) -> object:
    method = {"arn": route("upload"), "api_arn": "arn:aws:apigateway:us-east-1::/restapis/api1",
              "http_method": "POST", "path": "/upload", "authorization_type": "NONE",
              "integration_type": "AWS_PROXY", "function_arn": fn("upload")}  # fmt: skip
    return estate(
        functions=[function("upload"), function("idle")],
        iam_roles=[iam_role("upload-role", writer_policy), iam_role("idle-role")],
        rest_methods=[method],
        s3_buckets=[{"arn": bucket("gallery"), "name": "gallery", "policy": bucket_policy}],
        s3_account_settings=BLOCK_OFF,
    )


def read_by(principal: object) -> dict:
    return document({"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                     "Resource": f"{bucket('gallery')}/*"})  # fmt: skip


def test_output_resting_in_a_public_bucket_is_public_output_from_the_origin():
    est = gallery_estate(read_by("*"), allow("s3:PutObject", f"{bucket('gallery')}/*"))

    [found] = of(run(est), "public-output")

    assert (found.owasp, found.severity, found.resource) == ("A3", "high", bucket("gallery"))
    assert found.path == (kinds.INTERNET, route("upload"), fn("upload"), role("upload-role"),
                          bucket("gallery"))  # fmt: skip
    assert found.edges == (E, T, A, W)


def test_output_through_a_wildcard_grant_names_the_bucket_not_the_hub():
    est = gallery_estate(read_by("*"), allow("s3:PutObject"))

    [found] = of(run(est), "public-output")

    assert found.path[-2:] == (role("upload-role"), bucket("gallery"))
    assert not any(node.startswith("hub:") for node in found.path)


def test_output_readable_by_a_foreign_account_is_medium():
    partner = {"AWS": f"arn:aws:iam::{FOREIGN}:root"}
    est = gallery_estate(read_by(partner), allow("s3:PutObject", f"{bucket('gallery')}/*"))

    [found] = of(run(est), "public-output")

    assert found.severity == "medium"
    assert FOREIGN in found.title


def test_public_bucket_no_function_writes_is_not_a_public_output():
    est = gallery_estate(read_by("*"), allow("s3:GetObject", f"{bucket('gallery')}/*"))

    assert of(run(est), "public-output") == []


def test_output_resting_in_a_bucket_with_a_public_read_acl_is_public_output():
    est = gallery_estate(None, allow("s3:PutObject", f"{bucket('gallery')}/*"))
    est.tables["s3_buckets"][0]["acl_all_users"] = ["READ"]

    [found] = of(run(est), "public-output")

    assert "everyone" in found.title


def test_explicit_chain_explains_the_output_before_a_shorter_wildcard_one():
    bus = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/shop"
    rule = f"arn:aws:events:us-east-1:{ACCOUNT}:rule/shop/placed"
    public = document({"Effect": "Allow", "Principal": "*", "Action": "sqs:ReceiveMessage",
                       "Resource": queue("outbox")})  # fmt: skip
    est = estate(sqs_queues=[{"arn": queue("outbox"), "name": "outbox", "policy": public}])
    graph = graph_with(
        (fn("orders"), A, role("orders-role")),
        (role("orders-role"), W, bus),
        (bus, T, rule),
        (rule, T, queue("outbox")),
        (fn("idle"), A, role("idle-role")),
        (role("idle-role"), W, "hub:queue"),
        ("hub:queue", kinds.MEMBER, queue("outbox")),
    )
    graph.node("hub:queue", kinds.HUB, "every queue")

    [found] = of(find_all(est, graph, today=DAY), "public-output")

    assert found.path == (fn("orders"), role("orders-role"), bus, rule, queue("outbox"))
    assert "idle" in found.detail
