"""The REST API (API Gateway v1) crawl: moto for the calls, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import apigateway
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "apigateway"
ACCOUNT = "123456789012"
FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders"
AUTH_FN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:auth"


def _invocation_uri(function_arn: str) -> str:
    return (
        f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{function_arn}/invocations"
    )


def _orders_api(session: boto3.Session, endpoint: str) -> dict[str, str]:
    """A REST API with a policy, a Lambda proxy POST behind a token authorizer, and ANY on /."""
    ag = session.client("apigateway", endpoint_url=endpoint)
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}
    ]}  # fmt: skip
    api = ag.create_rest_api(
        name="orders", policy=json.dumps(policy), endpointConfiguration={"types": ["REGIONAL"]}
    )["id"]
    root = ag.get_resources(restApiId=api)["items"][0]["id"]
    orders = ag.create_resource(restApiId=api, parentId=root, pathPart="orders")["id"]
    auth = ag.create_authorizer(
        restApiId=api, name="token", type="TOKEN", authorizerUri=_invocation_uri(AUTH_FN),
        identitySource="method.request.header.Authorization",
    )["id"]  # fmt: skip
    ag.put_method(
        restApiId=api, resourceId=orders, httpMethod="POST", authorizationType="CUSTOM",
        authorizerId=auth, apiKeyRequired=True,
    )  # fmt: skip
    ag.put_integration(
        restApiId=api, resourceId=orders, httpMethod="POST", type="AWS_PROXY",
        integrationHttpMethod="POST", uri=_invocation_uri(FN),
    )  # fmt: skip
    ag.put_method(restApiId=api, resourceId=root, httpMethod="ANY", authorizationType="NONE")
    ag.put_integration(restApiId=api, resourceId=root, httpMethod="ANY", type="MOCK")
    return {"api": api, "authorizer": auth}


def test_rest_api_policy_and_endpoint_type_are_stored(
    account_session, moto_endpoint, crawl_account
):
    ids = _orders_api(account_session, moto_endpoint)

    snapshot = crawl_account(services=("apigateway",))

    [api] = snapshot.rows("rest_apis")
    assert api["arn"] == f"arn:aws:apigateway:us-east-1::/restapis/{ids['api']}"
    assert api["endpoint_types"] == ["REGIONAL"]
    assert api["policy"]["Statement"][0]["Principal"] == "*"


def test_methods_carry_authorization_and_lambda_integration(
    account_session, moto_endpoint, crawl_account
):
    ids = _orders_api(account_session, moto_endpoint)

    snapshot = crawl_account(services=("apigateway",))

    methods = {m["arn"]: m for m in snapshot.rows("rest_methods")}
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    prefix = f"arn:aws:execute-api:us-east-1:{account['Account']}:{ids['api']}/*/"
    post = methods[prefix + "POST/orders"]
    assert (post["authorization_type"], post["authorizer_id"]) == ("CUSTOM", ids["authorizer"])
    assert post["api_key_required"]  # SQLite stores booleans as 1/0
    assert (post["integration_type"], post["function_arn"]) == ("AWS_PROXY", FN)
    assert methods[prefix + "*/"]["authorization_type"] == "NONE"
    [authorizer] = snapshot.rows("rest_authorizers")
    assert (authorizer["type"], authorizer["function_arn"]) == ("TOKEN", AUTH_FN)


def test_stage_logging_settings_are_stored_and_variables_redacted(
    account_session, moto_endpoint, crawl_account
):
    ids = _orders_api(account_session, moto_endpoint)
    ag = account_session.client("apigateway", endpoint_url=moto_endpoint)
    ag.create_deployment(
        restApiId=ids["api"], stageName="prod", variables={"dbPassword": "s3cr3t-Pa55word!"}
    )
    log_group = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:access"
    ag.update_stage(restApiId=ids["api"], stageName="prod", patchOperations=[
        {"op": "replace", "path": "/tracingEnabled", "value": "true"},
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "ERROR"},
        {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": log_group},
    ])  # fmt: skip

    snapshot = crawl_account(services=("apigateway",))

    [stage] = snapshot.rows("rest_stages")
    assert stage["arn"] == f"arn:aws:apigateway:us-east-1::/restapis/{ids['api']}/stages/prod"
    assert (stage["tracing_enabled"], stage["logging_level"]) == (True, "ERROR")
    assert stage["access_log_destination_arn"] == log_group
    assert stage["variables"]["dbPassword"]["redacted"] is True
    assert b"s3cr3t-Pa55word!" not in snapshot.path.read_bytes()


def test_aws_escaped_policy_string_is_parsed():
    raw = json.loads((DATA / "get_rest_apis.json").read_text())["pages"][0]["items"][0]

    row = apigateway.transform_api(raw, "aws", "us-east-1")

    statement = row["policy"]["Statement"][0]
    assert statement["Resource"] == "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"
    assert statement["Condition"]["IpAddress"]["aws:SourceIp"] == "203.0.113.0/24"


def test_rest_apis_are_read_across_pages():
    pages = json.loads((DATA / "get_rest_apis.json").read_text())["pages"]
    client = boto3.client(
        "apigateway", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("get_rest_apis", pages[0], {})
        stub.add_response("get_rest_apis", pages[1], {"position": "page-2-token"})

        apis = apigateway.get_rest_apis(offline_context(), client)

    assert [a["id"] for a in apis] == ["a1b2c3d4e5", "f6g7h8i9j0"]


def test_function_arn_with_stage_variable_is_kept_as_written():
    function = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:${{stageVariables.fn}}"

    assert apigateway.function_arn_from_uri(_invocation_uri(function)) == function


def test_non_lambda_integration_has_no_function():
    assert apigateway.function_arn_from_uri("https://example.com/orders") is None


def test_any_method_on_root_becomes_wildcard_method_with_empty_path():
    assert apigateway.method_route("ANY", "/") == "*/"
    assert apigateway.method_route("get", "/orders/{id}") == "GET/orders/{id}"


def test_canary_stage_variable_overrides_are_redacted():
    """moto drops `canarySettings`: a GetStages response shaped like AWS's stands in."""
    response = json.loads((DATA / "get_stages_canary.json").read_text())
    client = boto3.client(
        "apigateway", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    api = {"arn": "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5", "id": "a1b2c3d4e5",
           "region": "us-east-1"}  # fmt: skip
    ctx = offline_context()
    with Stubber(client) as stub:
        stub.add_response("get_stages", response, {"restApiId": "a1b2c3d4e5"})
        [stage] = [apigateway.transform_stage(ctx, api, s) for s in
                   apigateway.get_stages(ctx, client, api)]  # fmt: skip

    overrides = stage["raw"]["canarySettings"]["stageVariableOverrides"]
    assert overrides["backendKey"]["redacted"] is True
    assert "v4lue" not in json.dumps(stage)
    assert [r["field"] for r in stage["redacted_values"]] == [
        "variables.backendKey", "canarySettings.stageVariableOverrides.backendKey"
    ]  # fmt: skip
