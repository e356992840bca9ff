"""A2: unauthenticated API routes, and function URLs open to everyone."""

from __future__ import annotations

from explorer.analysis import kinds
from tests.analysis.builders import route
from tests.analysis.findings.helpers import (
    ACCOUNT,
    document,
    error,
    estate,
    fn,
    function,
    of,
    run,
)

API = "arn:aws:apigateway:us-east-1::/restapis/api1"


def method(path: str = "orders", http: str = "GET", auth: str = "NONE", **extra) -> dict:
    return {"arn": route(path, http), "api_arn": API, "path": f"/{path}", "http_method": http,
            "authorization_type": auth, "api_key_required": False,
            "integration_type": "AWS_PROXY", "function_arn": fn("api"), **extra}  # fmt: skip


def http_route(key: str, auth: str = "NONE", protocol: str = "HTTP") -> dict:
    arn = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:h1/*/{key}"
    return {"arn": arn, "api_arn": "arn:aws:apigateway:us-east-1::/apis/h1", "route_key": key,
            "protocol_type": protocol, "authorization_type": auth,
            "integration_type": "AWS_PROXY", "function_arn": fn("api")}  # fmt: skip


def test_rest_method_without_auth_is_an_unauthenticated_route_with_its_path():
    est = estate(functions=[function("api")], rest_methods=[method()])

    [found] = of(run(est), "unauthenticated-route")

    assert (found.owasp, found.severity, found.resource) == ("A2", "high", route("orders"))
    assert found.path == (kinds.INTERNET, route("orders"), fn("api"))
    assert found.edges == (kinds.EXPOSES, kinds.TRIGGERS)


def test_rest_method_with_an_authorizer_is_not_reported():
    est = estate(functions=[function("api")], rest_methods=[method(auth="COGNITO_USER_POOLS")])

    assert of(run(est), "unauthenticated-route") == []


def test_rest_method_requiring_an_api_key_is_not_reported():
    est = estate(functions=[function("api")], rest_methods=[method(api_key_required=True)])

    assert of(run(est), "unauthenticated-route") == []


def test_cors_preflight_is_not_reported():
    row = method(http="OPTIONS", integration_type="MOCK", function_arn=None)
    est = estate(rest_methods=[row])

    assert of(run(est), "unauthenticated-route") == []


def test_route_of_a_private_api_is_low():
    apis = [{"arn": API, "name": "internal", "endpoint_types": ["PRIVATE"]}]
    est = estate(functions=[function("api")], rest_apis=apis, rest_methods=[method()])

    [found] = of(run(est), "unauthenticated-route")

    assert found.severity == "low"
    assert "private" in found.detail


def test_http_route_without_auth_is_reported_and_jwt_route_is_not():
    routes = [http_route("POST /photos"), http_route("GET /mine", auth="JWT")]
    est = estate(functions=[function("api")], http_routes=routes)

    [found] = of(run(est), "unauthenticated-route")

    assert found.title == "Route POST /photos needs no authentication"


def test_websocket_routes_other_than_connect_inherit_its_auth():
    routes = [
        http_route("$connect", protocol="WEBSOCKET"),
        http_route("send", protocol="WEBSOCKET"),
    ]
    est = estate(functions=[function("api")], http_routes=routes)

    assert [f.title for f in of(run(est), "unauthenticated-route")] == [
        "Route $connect needs no authentication"
    ]


def url(auth: str = "NONE", qualifier: str | None = None) -> dict:
    arn = fn("track") + (f":{qualifier}" if qualifier else "")
    return {"arn": arn, "function_arn": fn("track"), "qualifier": qualifier,
            "url": "https://abc.lambda-url.us-east-1.on.aws/", "auth_type": auth}  # fmt: skip


def url_policy(qualifier: str = "$LATEST", principal: object = "*", **condition) -> dict:
    auth = {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE", **condition}}
    statement = {"Effect": "Allow", "Principal": principal, "Action": "lambda:InvokeFunctionUrl",
                 "Resource": fn("track"), "Condition": auth}  # fmt: skip
    return {"function_arn": fn("track"), "qualifier": qualifier, "policy": document(statement)}


def test_public_url_with_public_permission_is_high():
    est = estate(
        functions=[function("track")], function_urls=[url()], function_policies=[url_policy()]
    )

    [found] = of(run(est), "public-function-url")

    assert (found.severity, found.resource) == ("high", fn("track") + "#url")
    assert found.path == (kinds.INTERNET, fn("track") + "#url", fn("track"))


def test_public_url_without_a_public_permission_is_low():
    est = estate(functions=[function("track")], function_urls=[url()])

    [found] = of(run(est), "public-function-url")

    assert found.severity == "low"
    assert "refused" in found.detail


def test_public_url_whose_policy_could_not_be_read_is_high_and_says_so():
    gap = error("lambda", "GetPolicy", resource=fn("track"))
    est = estate(functions=[function("track")], function_urls=[url()], errors=[gap])

    [found] = of(run(est), "public-function-url")

    assert found.severity == "high"
    assert "could not be read" in found.detail


def test_url_permission_for_another_account_only_is_not_public():
    policy = url_policy(principal={"AWS": "arn:aws:iam::999988887777:root"})
    est = estate(functions=[function("track")], function_urls=[url()], function_policies=[policy])

    [found] = of(run(est), "public-function-url")

    assert found.severity == "low"


def test_alias_url_is_judged_with_the_alias_policy():
    est = estate(
        functions=[function("track")],
        function_urls=[url(qualifier="live")],
        function_policies=[url_policy()],  # only the unqualified function's policy is public
    )

    [found] = of(run(est), "public-function-url")

    assert found.severity == "low"


def test_iam_authenticated_url_is_not_reported():
    est = estate(functions=[function("track")], function_urls=[url(auth="AWS_IAM")])

    assert of(run(est), "public-function-url") == []
