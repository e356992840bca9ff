"""A6: public REST API stages without a WAF web ACL."""

from __future__ import annotations

from explorer.analysis import kinds
from tests.analysis.builders import route
from tests.analysis.findings.helpers import REGION, estate, fn, function, of, run

API = f"arn:aws:apigateway:{REGION}::/restapis/api1"
RULE = "api-stage-no-waf"


def rest_api(*endpoint_types: str) -> dict:
    return {"arn": API, "id": "api1", "name": "shop", "region": REGION,
            "endpoint_types": list(endpoint_types or ("REGIONAL",))}  # fmt: skip


def method(path: str, auth: str = "NONE", verb: str = "GET", **extra) -> dict:
    return {"arn": route(path, verb), "api_arn": API, "api_id": "api1", "path": f"/{path}",
            "http_method": verb, "authorization_type": auth, "integration_type": "AWS_PROXY",
            "function_arn": fn("api"), **extra}  # fmt: skip


def stage(name: str = "prod", web_acl: str | None = None) -> dict:
    return {"arn": f"{API}/stages/{name}", "api_arn": API, "api_id": "api1", "name": name,
            "region": REGION, "web_acl_arn": web_acl, "tracing_enabled": True,
            "access_log_destination_arn": "arn:aws:logs:x"}  # fmt: skip


def shop(*methods: dict, api: dict | None = None, stages: list | None = None) -> object:
    return estate(
        functions=[function("api")],
        rest_apis=[api or rest_api()],
        rest_methods=list(methods),
        rest_stages=stages if stages is not None else [stage()],
    )


def test_stage_with_an_anonymous_route_and_no_web_acl_is_reported_on_its_api():
    [found] = of(run(shop(method("catalog"), method("orders", "COGNITO_USER_POOLS"))), RULE)

    assert (found.owasp, found.severity, found.resource) == ("A6", "medium", API)
    assert found.path == (kinds.INTERNET, route("catalog"))
    assert "1 route(s)" in found.detail and "GET /catalog" in found.detail
    assert "Stage prod" in found.title


def test_each_unguarded_stage_is_its_own_finding():
    stages = [stage("prod"), stage("beta"), stage("safe", "arn:aws:wafv2:us-east-1:1:acl")]

    found = of(run(shop(method("catalog"), stages=stages)), RULE)

    assert sorted(f.title.split()[1] for f in found) == ["beta", "prod"]


def test_web_acl_on_the_stage_is_no_finding():
    acl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop/1"

    assert of(run(shop(method("catalog"), stages=[stage(web_acl=acl)])), RULE) == []


def test_api_whose_every_route_needs_authentication_is_no_finding():
    authed = (method("orders", "AWS_IAM"), method("keyed", api_key_required=True))

    assert of(run(shop(*authed)), RULE) == []


def test_private_api_is_no_finding():
    assert of(run(shop(method("catalog"), api=rest_api("PRIVATE"))), RULE) == []


def test_cors_preflight_mock_alone_makes_no_stage_public():
    preflight = method("catalog", verb="OPTIONS", integration_type="MOCK", function_arn=None)

    assert of(run(shop(preflight)), RULE) == []
