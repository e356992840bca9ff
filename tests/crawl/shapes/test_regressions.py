"""Focused checks for defects the generated-response tests found: moto where it has the API,
AWS's documented answer through botocore's Stubber where it does not."""

from __future__ import annotations

from botocore.stub import Stubber

from explorer.crawl import lambda_
from explorer.crawl.client import ClientFactory, Target
from explorer.crawl.context import CrawlContext
from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.redact import Redactor
from tests.crawl.helpers import ACCOUNT, ListSink

CREDENTIALS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "stubbed"}


def test_websocket_route_keys_are_kept_whole_in_their_arn(
    account_session, moto_endpoint, crawl_account
):
    # A WebSocket route key is whatever the selection expression yields, spaces included:
    # "join room" and "JOIN room" are two routes, each invoked with the key as written.
    v2 = account_session.client("apigatewayv2", endpoint_url=moto_endpoint)
    api = v2.create_api(
        Name="chat", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
    )["ApiId"]
    for key in ("join room", "JOIN room", "$connect"):
        v2.create_route(ApiId=api, RouteKey=key)
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    prefix = f"arn:aws:execute-api:us-east-1:{account['Account']}:{api}/*/"

    snapshot = crawl_account(services=("apigatewayv2",))

    arns = sorted(row["arn"] for row in snapshot.rows("http_routes"))
    assert arns == sorted(prefix + key for key in ("join room", "JOIN room", "$connect"))


def test_function_urls_read_before_a_failed_page_are_kept():
    # moto has no ListFunctionUrlConfigs: AWS's paged answer is stubbed (shape as documented),
    # on the client the crawler's own factory builds.
    clients = ClientFactory(Target(credentials=CREDENTIALS), ApiCallStats(), workers=1)
    client = clients.client("lambda", "us-east-1")
    fn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:orders"
    url = {
        "FunctionUrl": "https://abc.lambda-url.us-east-1.on.aws/", "FunctionArn": fn,
        "AuthType": "NONE", "CreationTime": "2024-05-01T00:00:00Z",
        "LastModifiedTime": "2024-05-01T00:00:00Z",
    }  # fmt: skip
    sink = ListSink()
    ctx = CrawlContext(clients, sink, ACCOUNT, "aws", Redactor(b"k"), workers=1)
    with Stubber(client) as stub:
        stub.add_response(
            "list_functions", {"Functions": [{"FunctionName": "orders", "FunctionArn": fn}]}
        )
        stub.add_response("list_event_source_mappings", {"EventSourceMappings": []})
        stub.add_response("get_function_concurrency", {})
        stub.add_response("list_aliases", {"Aliases": []})
        stub.add_client_error("get_policy", "ResourceNotFoundException", http_status_code=404)
        stub.add_response(
            "list_function_url_configs", {"FunctionUrlConfigs": [url], "NextMarker": "p2"}
        )
        stub.add_client_error(
            "list_function_url_configs", "ThrottlingException", http_status_code=429
        )
        stub.add_response("list_function_event_invoke_configs", {"FunctionEventInvokeConfigs": []})

        lambda_.sync(ctx, "us-east-1")

    assert [row["arn"] for row in sink.rows["function_urls"]] == [fn]
    assert [(e.operation, e.code) for e in sink.errors] == [
        ("ListFunctionUrlConfigs", "ThrottlingException")
    ]
