"""The HTTP/WebSocket API (v2) crawl: moto for the calls, AWS's authorizer list stubbed."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from explorer.crawl import apigatewayv2
from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Redactor
from tests.crawl.helpers import ListSink

DATA = Path(__file__).parent.parent / "data" / "apigatewayv2"
ACCOUNT = "123456789012"
FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders"
AUTH_URI = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:auth/invocations"
)
ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE1"


def _http_api(session: boto3.Session, endpoint: str) -> dict[str, str]:
    """An HTTP API: JWT-protected POST /orders and a Lambda-authorized $default, one integration."""
    v2 = session.client("apigatewayv2", endpoint_url=endpoint)
    api = v2.create_api(Name="orders", ProtocolType="HTTP")["ApiId"]
    jwt = v2.create_authorizer(
        ApiId=api, AuthorizerType="JWT", Name="jwt",
        IdentitySource=["$request.header.Authorization"],
        JwtConfiguration={"Audience": ["client-1"], "Issuer": ISSUER},
    )["AuthorizerId"]  # fmt: skip
    custom = v2.create_authorizer(
        ApiId=api, AuthorizerType="REQUEST", Name="custom", AuthorizerUri=AUTH_URI,
        IdentitySource=["$request.header.Authorization"], AuthorizerPayloadFormatVersion="2.0",
    )["AuthorizerId"]  # fmt: skip
    target = (
        "integrations/"
        + v2.create_integration(
            ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=FN, PayloadFormatVersion="2.0"
        )["IntegrationId"]
    )
    v2.create_route(
        ApiId=api, RouteKey="POST /orders", AuthorizationType="JWT", AuthorizerId=jwt, Target=target
    )
    v2.create_route(
        ApiId=api, RouteKey="$default", AuthorizationType="CUSTOM", AuthorizerId=custom,
        Target=target,
    )  # fmt: skip
    return {"api": api, "jwt": jwt, "custom": custom}


def _execute_prefix(session: boto3.Session, endpoint: str, api: str) -> str:
    account = session.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]
    return f"arn:aws:execute-api:us-east-1:{account}:{api}/*/"


def test_routes_carry_authorization_and_lambda_integration(
    account_session, moto_endpoint, crawl_account
):
    ids = _http_api(account_session, moto_endpoint)

    snapshot = crawl_account(services=("apigatewayv2",))

    routes = {r["arn"]: r for r in snapshot.rows("http_routes")}
    prefix = _execute_prefix(account_session, moto_endpoint, ids["api"])
    post = routes[prefix + "POST/orders"]
    assert (post["authorization_type"], post["authorizer_id"]) == ("JWT", ids["jwt"])
    assert (post["integration_type"], post["function_arn"]) == ("AWS_PROXY", FN)
    assert routes[prefix + "$default"]["authorization_type"] == "CUSTOM"
    [api] = snapshot.rows("http_apis")
    assert (api["arn"], api["protocol_type"]) == (
        f"arn:aws:apigateway:us-east-1::/apis/{ids['api']}",
        "HTTP",
    )


def test_authorizers_are_read_one_by_one_where_the_list_is_not_implemented(
    account_session, moto_endpoint, crawl_account
):
    ids = _http_api(account_session, moto_endpoint)

    snapshot = crawl_account(services=("apigatewayv2",))

    authorizers = {a["authorizer_id"]: a for a in snapshot.rows("http_authorizers")}
    assert (authorizers[ids["jwt"]]["type"], authorizers[ids["jwt"]]["jwt_issuer"]) == (
        "JWT",
        ISSUER,
    )
    assert authorizers[ids["custom"]]["function_arn"].endswith(":function:auth")
    assert snapshot.rows("errors") == []


def test_websocket_route_and_stage_settings_are_stored_with_variables_redacted(
    account_session, moto_endpoint, crawl_account
):
    v2 = account_session.client("apigatewayv2", endpoint_url=moto_endpoint)
    api = v2.create_api(
        Name="chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
    )["ApiId"]
    v2.create_route(ApiId=api, RouteKey="$connect", AuthorizationType="NONE")
    log_group = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:access"
    v2.create_stage(
        ApiId=api, StageName="prod", StageVariables={"apiToken": "tok-8c1f0e3b9a7d4e21"},
        AccessLogSettings={"DestinationArn": log_group, "Format": "$context.requestId"},
    )  # fmt: skip

    snapshot = crawl_account(services=("apigatewayv2",))

    [route] = snapshot.rows("http_routes")
    assert route["arn"] == _execute_prefix(account_session, moto_endpoint, api) + "$connect"
    [stage] = snapshot.rows("http_stages")
    assert stage["access_log_destination_arn"] == log_group
    assert stage["variables"]["apiToken"]["redacted"] is True
    assert b"tok-8c1f0e3b9a7d4e21" not in snapshot.path.read_bytes()


class _OneClient:
    """A client factory that hands out one (stubbed) client for every request."""

    def __init__(self, client) -> None:
        self._client = client

    def client(self, service, region, probe=False):
        return self._client


def test_authorizer_list_is_read_across_pages_where_supported():
    pages = json.loads((DATA / "get_authorizers.json").read_text())["pages"]
    client = boto3.client(
        "apigatewayv2", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    ctx = CrawlContext(
        clients=_OneClient(client), sink=ListSink(), account=ACCOUNT, partition="aws",
        redactor=Redactor(b"k"),
    )  # fmt: skip
    api = {"id": "abc123", "arn": "arn:aws:apigateway:us-east-1::/apis/abc123"}
    with Stubber(client) as stub:
        stub.add_response("get_authorizers", pages[0], {"ApiId": "abc123"})
        stub.add_response(
            "get_authorizers", pages[1], {"ApiId": "abc123", "NextToken": "page-2-token"}
        )

        found = apigatewayv2.AuthorizerReader(ctx, "us-east-1").read(api, [])

    rows = [apigatewayv2.transform_authorizer({**api, "region": "us-east-1"}, a) for a in found]
    assert [(r["type"], r["jwt_issuer"], r["function_arn"]) for r in rows] == [
        ("JWT", ISSUER, None),
        ("REQUEST", None, f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:authorizer"),
    ]


@pytest.mark.parametrize(
    ("route_key", "suffix"),
    [
        ("GET /orders/{id}", "GET/orders/{id}"),
        ("ANY /{proxy+}", "*/{proxy+}"),
        ("GET /", "GET/"),
        ("$default", "$default"),
        ("$connect", "$connect"),
        ("sendMessage", "sendMessage"),
    ],
)
def test_route_keys_map_to_execute_api_suffixes(route_key, suffix):
    assert apigatewayv2.route_path(route_key) == suffix
