"""The S3 Object Lambda crawl, on AWS-shaped responses replayed through botocore's Stubber.

moto 5.2 implements none of S3 Control's Object Lambda operations; the embedded server adds the
ones the crawl and the demo need (`explorer/demo/moto_s3control.py`), so the crawl reads access
points from moto too. An endpoint without the list (a bare 404) is a recorded gap like any other
failure, never "no access points". The access points themselves are tested on responses shaped
as the S3 API Reference documents them (`tests/data/s3control/`, each with a `_source` note).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from botocore.stub import Stubber

from explorer.crawl import s3_object_lambda
from explorer.crawl.client import strip_account_host
from tests.crawl.helpers import recorded, stubbed

DATA = Path(__file__).parent.parent / "data" / "s3control"
ACCOUNT = "123456789012"
POINT = f"arn:aws:s3-object-lambda:us-east-1:{ACCOUNT}:accesspoint"
PAYLOAD_SECRET = "sk_live_OBJECTLAMBDAnotREAL0001"


def _named(name: str) -> dict:
    return {"AccountId": ACCOUNT, "Name": name}


def test_access_points_are_stored_with_their_function_bucket_and_policy():
    ctx, client = stubbed("s3control")
    pages = recorded(DATA, "list_access_points_for_object_lambda.json")["pages"]
    supporting = recorded(DATA, "get_access_point.json")
    supporting["CreationDate"] = datetime(2024, 5, 1, 12, tzinfo=UTC)
    with Stubber(client) as stub:
        stub.add_response("list_access_points_for_object_lambda", pages[0], {"AccountId": ACCOUNT})
        stub.add_response(
            "list_access_points_for_object_lambda", pages[1],
            {"AccountId": ACCOUNT, "NextToken": "page-2-token"},
        )  # fmt: skip
        stub.add_response(
            "get_access_point_configuration_for_object_lambda",
            recorded(DATA, "get_access_point_configuration_for_object_lambda.json"),
            _named("redact-pii"),
        )  # fmt: skip
        stub.add_response(
            "get_access_point_policy_for_object_lambda",
            recorded(DATA, "get_access_point_policy_for_object_lambda.json"), _named("redact-pii"),
        )  # fmt: skip
        stub.add_client_error(
            "get_access_point_configuration_for_object_lambda", "AccessDenied", http_status_code=403
        )
        stub.add_client_error(
            "get_access_point_policy_for_object_lambda", "NoSuchAccessPointPolicy",
            http_status_code=404,
        )  # fmt: skip
        stub.add_response("get_access_point", supporting, _named("records"))

        s3_object_lambda.sync(ctx, "us-east-1")

    rows = {r["name"]: r for r in ctx.sink.rows["s3_object_lambda_access_points"]}
    redact = rows["redact-pii"]
    assert redact["arn"] == f"{POINT}/redact-pii"
    assert redact["authorization_type"] == "AWS_IAM"
    assert redact["function_arns"] == [
        f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:redact-pii:live"
    ]
    assert redact["transformations"][0]["actions"] == ["GetObject", "HeadObject"]
    assert redact["supporting_bucket_arn"] == "arn:aws:s3:::example-records"
    assert redact["policy"]["Statement"][0]["Sid"] == "PartnerReads"
    assert (redact["policy_read"], redact["configuration_read"]) == (True, True)
    assert [r["field"] for r in redact["redacted_values"]] == [
        "TransformationConfigurations[0].FunctionPayload"
    ]
    assert PAYLOAD_SECRET not in json.dumps(ctx.sink.rows)
    thumbnails = rows["thumbnails"]  # configuration refused: unknown; no policy: none
    assert (thumbnails["configuration_read"], thumbnails["function_arns"]) == (False, [])
    assert (thumbnails["policy"], thumbnails["policy_read"]) == (None, True)
    assert [(e.operation, e.code) for e in ctx.sink.errors] == [
        ("GetAccessPointConfigurationForObjectLambda", "AccessDenied")
    ]


def test_moto_access_points_are_read_with_their_function_bucket_and_policy(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()[
        "Account"
    ]
    control = account_session.client("s3control", endpoint_url=moto_endpoint)
    control.meta.events.register("before-sign", strip_account_host)
    control.create_access_point(AccountId=account, Name="records", Bucket="example-records")
    function = f"arn:aws:lambda:us-east-1:{account}:function:redact"
    configuration = {
        "SupportingAccessPoint": f"arn:aws:s3:us-east-1:{account}:accesspoint/records",
        "TransformationConfigurations": [
            {"Actions": ["GetObject"],
             "ContentTransformation": {"AwsLambda": {"FunctionArn": function}}}
        ],
    }  # fmt: skip
    for name in ("redact-pii", "plain"):
        control.create_access_point_for_object_lambda(
            AccountId=account, Name=name, Configuration=configuration
        )
    grant = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
             "Action": "s3-object-lambda:GetObject", "Resource": "*"}  # fmt: skip
    control.put_access_point_policy_for_object_lambda(
        AccountId=account, Name="redact-pii",
        Policy=json.dumps({"Version": "2012-10-17", "Statement": [grant]}),
    )  # fmt: skip

    snapshot = crawl_account(services=("s3_object_lambda",))

    rows = {r["name"]: r for r in snapshot.rows("s3_object_lambda_access_points", raw=False)}
    assert set(rows) == {"redact-pii", "plain"}
    redact = rows["redact-pii"]
    assert redact["arn"] == f"arn:aws:s3-object-lambda:us-east-1:{account}:accesspoint/redact-pii"
    assert redact["function_arns"] == [function]
    assert redact["supporting_bucket_arn"] == "arn:aws:s3:::example-records"
    assert redact["policy"]["Statement"][0]["Principal"] == grant["Principal"]
    assert (rows["plain"]["policy"], rows["plain"]["policy_read"]) == (None, True)
    assert snapshot.rows("errors") == []


def test_an_endpoint_without_the_list_is_a_recorded_gap_not_none():
    ctx, client = stubbed("s3control")
    with Stubber(client) as stub:
        stub.add_client_error(
            "list_access_points_for_object_lambda", "404", "Not Found", http_status_code=404
        )
        s3_object_lambda.sync(ctx, "us-east-1")

    assert [(e.operation, e.code) for e in ctx.sink.errors] == [
        ("ListAccessPointsForObjectLambda", "404")
    ]
    assert ctx.sink.rows.get("s3_object_lambda_access_points", []) == []


def test_a_refused_list_is_a_recorded_gap():
    ctx, client = stubbed("s3control")
    with Stubber(client) as stub:
        stub.add_client_error(
            "list_access_points_for_object_lambda", "AccessDenied", http_status_code=403
        )
        s3_object_lambda.sync(ctx, "us-east-1")

    assert [(e.operation, e.code) for e in ctx.sink.errors] == [
        ("ListAccessPointsForObjectLambda", "AccessDenied")
    ]
    assert ctx.sink.rows.get("s3_object_lambda_access_points", []) == []
