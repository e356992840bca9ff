"""The CloudFront crawl: moto for distributions and origin access controls, AWS's Lambda@Edge
associations stubbed.

moto 5.2 keeps a distribution's origins, aliases, web ACL and origin access control, but drops
every Lambda@Edge and CloudFront Functions association (`LambdaFunctionAssociations` always reads
`{"Quantity": 0}`); our server keeps the Lambda@Edge ones (docs/moto.md). The associations,
paging and failures are also tested on AWS-shaped responses (`tests/data/cloudfront/`, from the
API reference) replayed through botocore's Stubber.
"""

from __future__ import annotations

import json
from pathlib import Path

from botocore.stub import Stubber

from explorer.crawl import cloudfront
from tests.crawl.helpers import recorded, stubbed

DATA = Path(__file__).parent.parent / "data" / "cloudfront"
ACCOUNT = "123456789012"
SECRET = "s3cr3t-origin-verify-7f1e9c"
SHOP = f"arn:aws:cloudfront::{ACCOUNT}:distribution/E1EXAMPLESHOP"
OLD = f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2EXAMPLEOLD"


def test_associations_origins_and_signing_are_stored_and_header_secrets_are_not():
    ctx, client = stubbed("cloudfront")
    pages = recorded(DATA, "list_distributions.json")["pages"]
    with Stubber(client) as stub:
        stub.add_response("list_distributions", pages[0], {})
        stub.add_response("list_distributions", pages[1], {"Marker": "E2EXAMPLEPAGE2"})
        stub.add_response(
            "list_origin_access_controls", recorded(DATA, "list_origin_access_controls.json"), {}
        )

        cloudfront.sync(ctx, "eu-west-1")
        stub.assert_no_pending_responses()

    rows = {r["arn"]: r for r in ctx.sink.rows["cloudfront_distributions"]}
    shop, old = rows[SHOP], rows[OLD]
    assert (shop["name"], shop["aliases"], shop["enabled"]) == (
        "shop storefront", ["cdn.shop.example.com"], True,
    )  # fmt: skip
    assert shop["web_acl_id"].endswith("webacl/shop-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222")
    assert shop["edge_functions"] == [
        {"function_arn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:shop-edge-auth:7",
         "event_type": "viewer-request", "include_body": False, "path_pattern": "*",
         "default": True, "target_origin_id": "render-url", "signed_urls": False,
         "viewer_protocol_policy": "redirect-to-https"},
        {"function_arn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:shop-edge-rewrite:2",
         "event_type": "origin-request", "include_body": True, "path_pattern": "/api/*",
         "default": False, "target_origin_id": "orders-api", "signed_urls": False,
         "viewer_protocol_policy": "https-only"},
    ]  # fmt: skip
    assert [f["event_type"] for f in shop["cloudfront_functions"]] == ["viewer-response"]
    origins = {o["id"]: o for o in shop["origins"]}
    assert (origins["render-url"]["kind"], origins["render-url"]["region"]) == (
        "lambda-url", "us-east-1",
    )  # fmt: skip
    assert origins["render-url"]["origin_access_control_id"] == "E3OACEXAMPLE"
    assert origins["render-url"]["custom_headers"] == ["X-Origin-Verify"]
    api = origins["orders-api"]
    assert (api["kind"], api["api_id"], api["region"], api["origin_path"]) == (
        "execute-api", "a1b2c3d4e5", "eu-west-1", "/prod",
    )  # fmt: skip
    assert api["origin_access_control_id"] is None
    assert origins["assets"]["kind"] == "s3"
    assert [b["signed_urls"] for b in shop["behaviors"]] == [False, False, True]
    assert (old["name"], old["enabled"], old["web_acl_id"]) == (
        "d222222abcdef8.cloudfront.net", False, None,
    )  # fmt: skip
    assert SECRET not in json.dumps([r for r in rows.values()], default=str)
    [record] = shop["redacted_values"]
    assert (record["name"], record["length"]) == ("X-Origin-Verify", len(SECRET))
    controls = {r["id"]: r for r in ctx.sink.rows["cloudfront_origin_access_controls"]}
    assert controls["E3OACEXAMPLE"]["signing_behavior"] == "always"
    assert controls["E3OACEXAMPLE"]["arn"] == (
        f"arn:aws:cloudfront::{ACCOUNT}:origin-access-control/E3OACEXAMPLE"
    )
    assert ctx.sink.errors == []


def test_a_failed_page_keeps_what_was_read_and_is_recorded():
    ctx, client = stubbed("cloudfront")
    pages = recorded(DATA, "list_distributions.json")["pages"]
    with Stubber(client) as stub:
        stub.add_response("list_distributions", pages[0], {})
        stub.add_client_error("list_distributions", "Throttling", http_status_code=400)
        stub.add_client_error("list_origin_access_controls", "AccessDenied", http_status_code=403)

        cloudfront.sync(ctx, "us-east-1")

    assert [r["arn"] for r in ctx.sink.rows["cloudfront_distributions"]] == [SHOP]
    assert "cloudfront_origin_access_controls" not in ctx.sink.rows
    assert sorted(e.operation for e in ctx.sink.errors) == [
        "ListDistributions", "ListOriginAccessControls",
    ]  # fmt: skip


def test_origin_access_controls_are_read_only_when_an_origin_names_one():
    ctx, client = stubbed("cloudfront")
    only_old = recorded(DATA, "list_distributions.json")["pages"][1]
    with Stubber(client) as stub:
        stub.add_response("list_distributions", only_old, {})

        cloudfront.sync(ctx, "us-east-1")
        stub.assert_no_pending_responses()

    assert [r["arn"] for r in ctx.sink.rows["cloudfront_distributions"]] == [OLD]
    assert ctx.sink.errors == []


def test_moto_distributions_are_read_with_their_lambda_edge_associations(
    account_session, moto_endpoint, crawl_account
):
    client = account_session.client("cloudfront", endpoint_url=moto_endpoint)
    control = client.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": "site", "SigningProtocol": "sigv4", "SigningBehavior": "always",
            "OriginAccessControlOriginType": "lambda",
        }
    )["OriginAccessControl"]["Id"]  # fmt: skip
    host = "abcdefghij1234567890klmnopqrstuv.lambda-url.us-east-1.on.aws"
    created = client.create_distribution(
        DistributionConfig={
            "CallerReference": "site", "Comment": "site", "Enabled": True,
            "Aliases": {"Quantity": 1, "Items": ["www.site.example"]},
            "Origins": {"Quantity": 1, "Items": [{
                "Id": "url", "DomainName": host, "OriginAccessControlId": control,
                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                       "OriginProtocolPolicy": "https-only"},
            }]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "url", "ViewerProtocolPolicy": "https-only",
                "LambdaFunctionAssociations": {"Quantity": 1, "Items": [{
                    "LambdaFunctionARN": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f:1",
                    "EventType": "viewer-request",
                }]},
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "MinTTL": 0,
            },
        }
    )["Distribution"]  # fmt: skip

    snapshot = crawl_account(services=("cloudfront",))

    [row] = snapshot.rows("cloudfront_distributions")
    assert (row["arn"], row["name"], row["enabled"]) == (created["ARN"], "site", 1)
    assert row["aliases"] == ["www.site.example"]
    [origin] = row["origins"]
    assert (origin["kind"], origin["domain_name"]) == ("lambda-url", host)
    assert origin["origin_access_control_id"] == control
    [edge] = row["edge_functions"]  # kept by the demo server's extension (docs/moto.md)
    assert edge["event_type"] == "viewer-request"
    [signing] = snapshot.rows("cloudfront_origin_access_controls")
    assert (signing["id"], signing["signing_behavior"]) == (control, "always")
    assert snapshot.rows("errors") == []
