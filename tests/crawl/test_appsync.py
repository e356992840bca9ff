"""The AppSync crawl: against moto's server, and on AWS-shaped answers.

moto 5.2 implements ListGraphqlApis (auth modes, Lambda authorizer, visibility) and API keys,
but not data sources; the embedded server adds CreateDataSource and ListDataSources
(`explorer/demo/moto_appsync.py`), so the crawl reads data sources from moto too. The Stubber
tests replay responses shaped as AWS's API reference documents them (`tests/data/appsync/`),
including paging and a failed read (which leaves the data sources unknown).
"""

from __future__ import annotations

import json
from pathlib import Path

from botocore.stub import Stubber

from explorer.crawl import appsync
from tests.crawl.helpers import stubbed

DATA = Path(__file__).parent.parent / "data" / "appsync"
ACCOUNT = "123456789012"
SHOP = f"arn:aws:appsync:us-east-1:{ACCOUNT}:apis/shopapi1example"
OFFICE = f"arn:aws:appsync:us-east-1:{ACCOUNT}:apis/officeapi2example"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function"


def _pages(name: str) -> list[dict]:
    """The pages of a recorded response (its `_source` note left out)."""
    return json.loads((DATA / name).read_text())["pages"]


def _list_apis(stub: Stubber) -> None:
    first, second = _pages("list_graphql_apis.json")
    stub.add_response("list_graphql_apis", first, {"maxResults": 25})
    stub.add_response("list_graphql_apis", second, {"maxResults": 25, "nextToken": "page-2-token"})


def test_apis_auth_modes_authorizers_and_lambda_data_sources_are_stored():
    ctx, client = stubbed("appsync")
    first, second = _pages("list_data_sources.json")
    with Stubber(client) as stub:
        _list_apis(stub)
        shop = {"apiId": "shopapi1example", "maxResults": 25}
        stub.add_response("list_data_sources", first, shop)
        stub.add_response("list_data_sources", second, {**shop, "nextToken": "page-2-token"})
        stub.add_response(
            "list_data_sources", {"dataSources": []},
            {"apiId": "officeapi2example", "maxResults": 25},
        )  # fmt: skip

        appsync.sync(ctx, "us-east-1")

    apis = {r["arn"]: r for r in ctx.sink.rows["appsync_graphql_apis"]}
    shop_row, office = apis[SHOP], apis[OFFICE]
    assert (shop_row["name"], shop_row["authorization_type"], shop_row["visibility"]) == (
        "shop", "API_KEY", "GLOBAL",
    )  # fmt: skip
    assert shop_row["authorization_modes"] == [
        "API_KEY", "AWS_LAMBDA", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT",
    ]  # fmt: skip
    assert shop_row["authorizer_function_arns"] == [f"{FUNCTION}:shop-authorizer:live"]
    assert shop_row["user_pool_arns"] == [
        f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_EXAMPLE1"
    ]
    assert shop_row["oidc_issuers"] == ["https://login.shop.example"]
    assert shop_row["waf_web_acl_arn"].startswith("arn:aws:wafv2:")
    assert shop_row["data_sources_read"] is True
    assert (office["visibility"], office["authorization_modes"]) == (
        "PRIVATE", ["AMAZON_COGNITO_USER_POOLS"],
    )  # fmt: skip
    assert office["user_pool_arns"][0].endswith("userpool/us-east-1_EXAMPLE2")
    assert office["authorizer_function_arns"] == [] and office["waf_web_acl_arn"] is None
    sources = {r["name"]: r for r in ctx.sink.rows["appsync_data_sources"]}
    assert set(sources) == {"orders", "products", "search", "local"}
    assert sources["orders"]["function_arn"] == f"{FUNCTION}:shop-orders"
    assert sources["search"]["function_arn"] == f"{FUNCTION}:shop-search:live"
    assert sources["products"]["function_arn"] is None  # a DynamoDB data source
    assert {r["api_arn"] for r in sources.values()} == {SHOP}
    assert ctx.sink.errors == []


def test_a_failed_data_source_read_leaves_them_unknown_not_none():
    ctx, client = stubbed("appsync")
    with Stubber(client) as stub:
        _list_apis(stub)
        stub.add_response(
            "list_data_sources", _pages("list_data_sources.json")[0],
            {"apiId": "shopapi1example", "maxResults": 25},
        )  # fmt: skip
        stub.add_client_error("list_data_sources", "AccessDeniedException")
        stub.add_client_error("list_data_sources", "AccessDeniedException")

        appsync.sync(ctx, "us-east-1")

    apis = {r["arn"]: r for r in ctx.sink.rows["appsync_graphql_apis"]}
    assert {a: r["data_sources_read"] for a, r in apis.items()} == {SHOP: False, OFFICE: False}
    assert "appsync_data_sources" not in ctx.sink.rows  # a part would read as all of them
    assert sorted(e.resource for e in ctx.sink.errors) == [OFFICE, SHOP]
    assert {e.operation for e in ctx.sink.errors} == {"ListDataSources"}


def test_moto_apis_and_their_data_sources_are_read(account_session, moto_endpoint, crawl_account):
    client = account_session.client("appsync", endpoint_url=moto_endpoint)
    authorizer = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:gate"
    resolver = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:resolve"
    public = client.create_graphql_api(
        name="public", authenticationType="API_KEY",
        additionalAuthenticationProviders=[{
            "authenticationType": "AWS_LAMBDA",
            "lambdaAuthorizerConfig": {"authorizerUri": authorizer},
        }],
    )["graphqlApi"]  # fmt: skip
    client.create_graphql_api(name="private", authenticationType="AWS_IAM", visibility="PRIVATE")
    key = client.create_api_key(apiId=public["apiId"])["apiKey"]["id"]
    for n in range(appsync.PAGE + 2):  # more than one page
        client.create_data_source(
            apiId=public["apiId"], name=f"query{n}", type="AWS_LAMBDA",
            lambdaConfig={"lambdaFunctionArn": resolver},
        )  # fmt: skip
    client.create_data_source(apiId=public["apiId"], name="local", type="NONE")

    snapshot = crawl_account(services=("appsync",))

    apis = {r["name"]: r for r in snapshot.rows("appsync_graphql_apis")}
    assert apis["public"]["arn"] == public["arn"]
    assert apis["public"]["authorization_modes"] == ["API_KEY", "AWS_LAMBDA"]
    assert apis["public"]["authorizer_function_arns"] == [authorizer]
    assert (apis["private"]["visibility"], apis["private"]["authorization_type"]) == (
        "PRIVATE", "AWS_IAM",
    )  # fmt: skip
    assert {r["data_sources_read"] for r in apis.values()} == {1}
    sources = {r["name"]: r for r in snapshot.rows("appsync_data_sources")}
    assert len(sources) == appsync.PAGE + 3
    assert sources["query0"]["arn"] == f"{public['arn']}/datasources/query0"
    assert sources["query0"]["function_arn"] == resolver
    assert sources["local"]["function_arn"] is None
    assert {r["api_arn"] for r in sources.values()} == {public["arn"]}
    assert snapshot.rows("errors") == []
    stored = json.dumps(snapshot.rows("appsync_graphql_apis"))
    assert key not in stored  # an AppSync key's id is the key: API keys are never listed
