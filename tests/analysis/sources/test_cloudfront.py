"""CloudFront distributions as entry points: hand-made rows, the graph they make."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.cloudfront import DISTRIBUTION, EDGE, ORIGIN, SIGNED
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import estate, function

DIST = f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2EXAMPLE"
URL_HOST = "abcdefghijklmnop.lambda-url.us-east-1.on.aws"
REST_API = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3"
HTTP_API = "arn:aws:apigateway:us-east-1::/apis/h1t2p3"
CONTROL = "E1OACEXAMPLE"


def distribution(*origins: dict, edge: tuple[dict, ...] = (), **extra) -> dict:
    return {
        "arn": DIST, "id": "E2EXAMPLE", "name": "cdn", "domain_name": "d111.cloudfront.net",
        "aliases": ["cdn.example.com"], "enabled": True, "staging": False, "web_acl_id": None,
        "origins": list(origins), "edge_functions": list(edge),
        "behaviors": [{"path_pattern": "*", "default": True, "signed_urls": False}], **extra,
    }  # fmt: skip


def association(name: str, event: str = "viewer-request", **extra) -> dict:
    return {"function_arn": f"{fn(name)}:3", "event_type": event, "include_body": True,
            "path_pattern": "*", "signed_urls": False, **extra}  # fmt: skip


def url_origin(control: str | None = None) -> dict:
    return {"id": "url", "domain_name": URL_HOST, "kind": "lambda-url", "region": "us-east-1",
            "origin_access_control_id": control}  # fmt: skip


def function_url(name: str, auth: str) -> dict:
    return {"arn": fn(name), "function_arn": fn(name), "qualifier": None, "auth_type": auth,
            "url": f"https://{URL_HOST}/"}  # fmt: skip


def graph_of(*rows: dict, **tables: list[dict]):
    tables.setdefault("functions", [function("edge"), function("site")])
    return build_graph(estate(cloudfront_distributions=list(rows), **tables)).g


def exposure(g, node: str) -> dict | None:
    found = [d for _, _, d in g.in_edges(node, data=True) if d["kind"] == kinds.EXPOSES]
    return found[0] if found else None


def origin_edges(g) -> list[tuple[str, dict]]:
    return [(t, d) for _, t, d in g.out_edges(DIST, data=True)
            if d["evidence"].get("trigger_kind") == ORIGIN.key]  # fmt: skip


def test_an_enabled_distribution_is_an_anonymous_entry_whose_web_acl_is_evidence():
    g = graph_of(distribution(web_acl_id="arn:aws:wafv2:us-east-1:1:global/webacl/w/1"))

    assert g.nodes[DIST]["kind"] == DISTRIBUTION
    edge = exposure(g, DIST)
    assert (edge["trust"], edge["evidence"]["via"]) == (kinds.ANONYMOUS, "CloudFront distribution")
    assert edge["evidence"]["web_acl"].endswith("webacl/w/1")
    assert "only" not in edge


def test_a_disabled_distribution_is_not_exposed():
    assert exposure(graph_of(distribution(enabled=False)), DIST) is None


def test_signed_urls_on_every_behaviour_narrow_the_exposure_but_keep_its_level():
    signed = [{"path_pattern": p, "signed_urls": True} for p in ("*", "/a")]
    edge = exposure(graph_of(distribution(behaviors=signed)), DIST)

    assert (edge["trust"], edge["only"]) == (kinds.ANONYMOUS, [SIGNED])


def test_a_lambda_edge_function_gets_the_viewers_request_anonymously():
    g = graph_of(distribution(edge=(association("edge"),)))

    [(_, target, data)] = g.out_edges(DIST, data=True)
    assert target == fn("edge")  # the version ARN names the function's node
    assert data["evidence"]["trigger_kind"] == EDGE.key
    assert data["evidence"]["function_version"] == f"{fn('edge')}:3"
    assert (data["evidence"]["event_type"], data["evidence"]["include_body"]) == (
        "viewer-request", True,
    )  # fmt: skip
    [found] = untrusted_inputs(g)[fn("edge")]
    assert (found.trust, found.path) == (kinds.ANONYMOUS, (kinds.INTERNET, DIST, fn("edge")))


def test_origin_events_carry_the_request_on_and_are_still_untrusted():
    g = graph_of(distribution(edge=(association("edge", "origin-response"),)))

    [(_, _, data)] = g.out_edges(DIST, data=True)
    assert "origin's response" in data["evidence"]["input"]
    assert untrusted_inputs(g)[fn("edge")][0].trust == kinds.ANONYMOUS


def public(name: str) -> list[dict]:
    """A resource policy that lets anyone call the function's URL."""
    statement = {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
                 "Resource": fn(name)}  # fmt: skip
    document = {"Version": "2012-10-17", "Statement": [statement]}
    return [{"function_arn": fn(name), "qualifier": "$LATEST", "policy": document}]


def test_a_public_url_origin_is_fronted_and_stays_public_on_its_own():
    url = function_url("site", "NONE")
    g = graph_of(
        distribution(url_origin(CONTROL)), function_urls=[url], function_policies=public("site")
    )

    [(target, data)] = origin_edges(g)
    assert target == f"{fn('site')}#url"
    assert data["evidence"]["direct_calls"].startswith("allowed")
    assert data["evidence"]["origin_access_control"] == CONTROL
    assert g.has_edge(kinds.INTERNET, f"{fn('site')}#url")  # the direct exposure is kept
    [direct] = untrusted_inputs(g)[fn("site")]
    assert direct.path == (kinds.INTERNET, f"{fn('site')}#url", fn("site"))


def test_a_url_without_auth_that_refuses_everyone_refuses_cloudfront_too():
    g = graph_of(distribution(url_origin(CONTROL)), function_urls=[function_url("site", "NONE")])

    assert origin_edges(g) == []


def controls(behaviour: str) -> list[dict]:
    return [{"arn": "x", "id": CONTROL, "signing_behavior": behaviour}]


def test_an_iam_url_signed_by_origin_access_control_is_reached_only_through_cloudfront():
    url = function_url("site", "AWS_IAM")
    g = graph_of(
        distribution(url_origin(CONTROL)), function_urls=[url],
        cloudfront_origin_access_controls=controls("always"),
    )  # fmt: skip

    [(_, data)] = origin_edges(g)
    assert data["evidence"]["direct_calls"].startswith("refused")
    assert data["conditional"] is False
    found = {i.trust: i.path for i in untrusted_inputs(g)[fn("site")]}
    assert found[kinds.ANONYMOUS] == (kinds.INTERNET, DIST, f"{fn('site')}#url", fn("site"))
    assert found[kinds.AUTHENTICATED][1] == f"{fn('site')}#url"  # signed direct calls


def test_an_iam_url_without_signing_refuses_what_cloudfront_forwards():
    url = function_url("site", "AWS_IAM")
    unsigned = graph_of(distribution(url_origin()), function_urls=[url])
    never = graph_of(
        distribution(url_origin(CONTROL)), function_urls=[url],
        cloudfront_origin_access_controls=controls("never"),
    )  # fmt: skip

    assert origin_edges(unsigned) == [] and origin_edges(never) == []


def test_an_unread_origin_access_control_counts_as_signing_conditionally():
    url = function_url("site", "AWS_IAM")
    built = estate(
        cloudfront_distributions=[distribution(url_origin(CONTROL))], function_urls=[url],
        functions=[function("site")],
    )  # fmt: skip
    built.errors.append({"service": "cloudfront", "operation": "ListOriginAccessControls"})

    [(_, data)] = origin_edges(build_graph(built).g)
    assert data["conditional"] is True
    assert "not read" in data["evidence"]["direct_calls"]


def test_an_api_gateway_origin_leads_to_the_api_in_the_snapshot_only():
    rest = {"id": "o", "domain_name": "a1b2c3.execute-api.us-east-1.amazonaws.com",
            "kind": "execute-api", "api_id": "a1b2c3", "region": "us-east-1",
            "origin_path": "/prod"}  # fmt: skip
    http = {**rest, "domain_name": "h1t2p3.execute-api.us-east-1.amazonaws.com",
            "api_id": "h1t2p3"}  # fmt: skip
    elsewhere = {**rest, "api_id": "zzz999"}
    g = graph_of(
        distribution(rest, http, elsewhere), rest_apis=[{"arn": REST_API, "name": "shop"}],
        http_apis=[{"arn": HTTP_API, "name": "photos"}],
    )  # fmt: skip

    assert sorted(t for t, _ in origin_edges(g)) == sorted([REST_API, HTTP_API])
