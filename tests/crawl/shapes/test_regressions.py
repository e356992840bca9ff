"""Focused checks for defects the generated-response tests found: moto where it has the API,
AWS's documented answer through botocore's Stubber where it does not."""

from __future__ import annotations


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
