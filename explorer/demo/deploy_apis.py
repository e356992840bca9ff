"""Create the demo's REST API (API Gateway v1) and HTTP API (apigatewayv2)."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients, dumps
from explorer.demo.deploy_lambda import grant_invoke
from explorer.demo.deploy_wiring import create_pool_client
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_iam import doc
from explorer.demo.estate_stores import HTTP_ACCESS_LOG_GROUP
from explorer.demo.estate_triggers import (
    API_KEY,
    AUTHORIZER_FUNCTION,
    HTTP_API,
    HTTP_ROUTES,
    REST_API,
    REST_ROUTES,
    REST_STAGE,
    STAFF_POOL,
    USAGE_PLAN,
    USER_POOL,
    RouteSpec,
)
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import API_AUTHORIZER, API_HTTP, API_REST, Route
from explorer.demo.naming import Arns

_APIGW = "apigateway.amazonaws.com"


def lambda_uri(a: Arns, function: str) -> str:
    """The integration URI API Gateway uses to invoke a function."""
    return (
        f"arn:aws:apigateway:{a.region}:lambda:path/2015-03-31/functions/"
        f"{a.function(function)}/invocations"
    )


def deploy_rest_api(clients: Clients, a: Arns, ledger: Ledger, pool_arn: str) -> None:
    """The shop API: Cognito (the staff pool, `pool_arn`), Lambda-token and no authorizers;
    one route needs an API key.

    The `prod` stage has no access logging (a deliberate flaw).
    """
    gateway = clients("apigateway")
    api = gateway.create_rest_api(
        name=REST_API,
        description="Print shop storefront",
        endpointConfiguration={"types": ["REGIONAL"]},
        policy=dumps(_public_invoke_policy()),
        tags=COMMON_TAGS,
    )["id"]
    ledger.rest_apis[REST_API] = api
    authorizers = _rest_authorizers(clients, a, ledger, api, pool_arn)
    resources = _resource_ids(gateway, api, [route.path for route in REST_ROUTES])
    for route in REST_ROUTES:
        _rest_route(clients, a, ledger, api, resources[route.path], route, authorizers)
    gateway.create_deployment(restApiId=api, stageName=REST_STAGE, description="release")
    _api_key(gateway, ledger, api)


def _public_invoke_policy() -> dict[str, Any]:
    """The usual "anyone may call" resource policy of a public API."""
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "execute-api:Invoke",
        "Resource": "execute-api:/*",
    }
    return doc(statement)


def _rest_authorizers(
    clients: Clients, a: Arns, ledger: Ledger, api: str, pool_arn: str
) -> dict[str, str]:
    """A Cognito authorizer over the staff pool (`pool_arn`) and a Lambda token authorizer:
    auth type -> id."""
    gateway = clients("apigateway")
    header = "method.request.header.Authorization"
    cognito = gateway.create_authorizer(
        restApiId=api,
        name=f"{STAFF_POOL}-authorizer",
        type="COGNITO_USER_POOLS",
        providerARNs=[pool_arn],
        identitySource=header,
    )["id"]
    token = gateway.create_authorizer(
        restApiId=api,
        name="admin-token",
        type="TOKEN",
        authorizerUri=lambda_uri(a, AUTHORIZER_FUNCTION),
        identitySource=header,
        authorizerResultTtlInSeconds=300,
    )["id"]
    source = f"arn:aws:execute-api:{a.region}:{a.account}:{api}/authorizers/{token}"
    grant_invoke(clients("lambda"), AUTHORIZER_FUNCTION, "ApiAuthorizer", _APIGW, source)
    ledger.trigger(API_AUTHORIZER, source, a.function(AUTHORIZER_FUNCTION), "TOKEN")
    return {"COGNITO_USER_POOLS": cognito, "CUSTOM": token}


def _resource_ids(gateway: Any, api: str, paths: list[str]) -> dict[str, str]:
    """Create every resource on the given paths (parents first); path -> resource id."""
    ids = {item["path"]: item["id"] for item in gateway.get_resources(restApiId=api)["items"]}
    for path in paths:
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts) + 1):
            current = "/" + "/".join(parts[:depth])
            if current not in ids:
                parent = "/" + "/".join(parts[: depth - 1])
                ids[current] = gateway.create_resource(
                    restApiId=api, parentId=ids[parent], pathPart=parts[depth - 1]
                )["id"]
    return ids


def _rest_route(
    clients: Clients,
    a: Arns,
    ledger: Ledger,
    api: str,
    resource: str,
    route: RouteSpec,
    authorizers: dict[str, str],
) -> None:
    """A method with a Lambda proxy integration and the API Gateway invoke grant."""
    gateway = clients("apigateway")
    auth = {"authorizerId": authorizers[route.auth]} if route.auth in authorizers else {}
    gateway.put_method(
        restApiId=api,
        resourceId=resource,
        httpMethod=route.method,
        authorizationType=route.auth,
        apiKeyRequired=route.api_key,
        **auth,
    )
    gateway.put_integration(
        restApiId=api,
        resourceId=resource,
        httpMethod=route.method,
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=lambda_uri(a, route.function),
    )
    _record_route(clients, a, ledger, "rest", api, route)


def _record_route(
    clients: Clients, a: Arns, ledger: Ledger, kind: str, api: str, route: RouteSpec
) -> None:
    """Grant API Gateway the invoke, and note the route and its trigger."""
    arn = a.execute_api(api, route.method, route.path)
    sid = f"Api-{route.method}-{route.path.strip('/').replace('/', '-')}"
    grant_invoke(clients("lambda"), route.function, sid, _APIGW, arn)
    ledger.routes.append(
        Route(kind, api, route.method, route.path, route.function, route.auth, route.api_key, arn)
    )
    trigger_kind = API_REST if kind == "rest" else API_HTTP
    detail = f"{route.auth}+api-key" if route.api_key else route.auth
    ledger.trigger(trigger_kind, arn, a.function(route.function), detail)


def _api_key(gateway: Any, ledger: Ledger, api: str) -> None:
    """The partner's API key, through a usage plan on the stage."""
    key = gateway.create_api_key(name=API_KEY, enabled=True, tags=COMMON_TAGS)["id"]
    plan = gateway.create_usage_plan(
        name=USAGE_PLAN, apiStages=[{"apiId": api, "stage": REST_STAGE}]
    )["id"]
    gateway.create_usage_plan_key(usagePlanId=plan, keyId=key, keyType="API_KEY")
    ledger.api_keys.append(key)


def deploy_http_api(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """The photo API: an open upload route and a JWT-protected one; stage with access logs."""
    v2 = clients("apigatewayv2")
    api = v2.create_api(
        Name=HTTP_API, ProtocolType="HTTP", Description="Photo uploads", Tags=COMMON_TAGS
    )["ApiId"]
    ledger.http_apis[HTTP_API] = api
    jwt = _jwt_authorizer(clients, a, ledger, api)
    for route in HTTP_ROUTES:
        integration = v2.create_integration(
            ApiId=api,
            IntegrationType="AWS_PROXY",
            IntegrationUri=a.function(route.function),
            PayloadFormatVersion="2.0",
        )["IntegrationId"]
        auth = {"AuthorizationType": "JWT", "AuthorizerId": jwt} if route.auth == "JWT" else {}
        v2.create_route(
            ApiId=api,
            RouteKey=f"{route.method} {route.path}",
            Target=f"integrations/{integration}",
            **auth,
        )
        _record_route(clients, a, ledger, "http", api, route)
    v2.create_stage(
        ApiId=api,
        StageName="$default",
        AutoDeploy=True,
        AccessLogSettings={
            "DestinationArn": a.log_group(HTTP_ACCESS_LOG_GROUP),
            "Format": "$context.requestId $context.identity.sourceIp $context.routeKey",
        },
    )


def _jwt_authorizer(clients: Clients, a: Arns, ledger: Ledger, api: str) -> str:
    """A JWT authorizer trusting the customer pool (issuer), which anyone may sign up to, and
    its web client (audience)."""
    pool_id = ledger.user_pools[USER_POOL]
    return clients("apigatewayv2").create_authorizer(
        ApiId=api,
        AuthorizerType="JWT",
        Name="cognito-jwt",
        IdentitySource=["$request.header.Authorization"],
        JwtConfiguration={
            "Audience": [create_pool_client(clients, pool_id)],
            "Issuer": f"https://cognito-idp.{a.region}.amazonaws.com/{pool_id}",
        },
    )["AuthorizerId"]
