"""The Firehose crawl, against moto's server over HTTP: delivery streams with their source,
destinations and transformation functions; a Splunk token never reaches the snapshot."""

from __future__ import annotations

import json

import boto3
import pytest

ACCOUNT_ROLE = "arn:aws:iam::{account}:role/firehose"
TOKEN = "8f1c2b7e-hec-token-not-for-the-snapshot"


def _processing(function: str) -> dict:
    return {"Enabled": True, "Processors": [{"Type": "Lambda", "Parameters": [
        {"ParameterName": "LambdaArn", "ParameterValue": f"{function}:$LATEST"},
        {"ParameterName": "NumberOfRetries", "ParameterValue": "3"}]}]}  # fmt: skip


@pytest.mark.filterwarnings("ignore:A Splunk destination:UserWarning")  # moto stores it anyway
def test_streams_are_stored_with_source_destinations_and_functions(
    account_session: boto3.Session, moto_endpoint: str, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()[
        "Account"
    ]
    role = ACCOUNT_ROLE.format(account=account)
    function = f"arn:aws:lambda:us-east-1:{account}:function:transform"
    kinesis = account_session.client("kinesis", endpoint_url=moto_endpoint)
    kinesis.create_stream(StreamName="clicks", ShardCount=1)
    stream = kinesis.describe_stream_summary(StreamName="clicks")["StreamDescriptionSummary"][
        "StreamARN"
    ]
    firehose = account_session.client("firehose", endpoint_url=moto_endpoint)
    firehose.create_delivery_stream(
        DeliveryStreamName="clicks-to-s3", DeliveryStreamType="KinesisStreamAsSource",
        KinesisStreamSourceConfiguration={"KinesisStreamARN": stream, "RoleARN": role},
        ExtendedS3DestinationConfiguration={
            "RoleARN": role, "BucketARN": "arn:aws:s3:::archive",
            "ProcessingConfiguration": _processing(function),
        },
    )  # fmt: skip
    firehose.create_delivery_stream(
        DeliveryStreamName="logs-to-splunk",
        SplunkDestinationConfiguration={
            "HECEndpoint": "https://splunk.example:8088", "HECEndpointType": "Raw",
            "HECToken": TOKEN,
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::failed"},
        },
    )  # fmt: skip

    snapshot = crawl_account(services=("firehose",))

    rows = {r["name"]: r for r in snapshot.rows("firehose_delivery_streams")}
    clicks = rows["clicks-to-s3"]
    assert clicks["arn"] == f"arn:aws:firehose:us-east-1:{account}:deliverystream/clicks-to-s3"
    assert (clicks["stream_type"], clicks["source_arn"]) == ("KinesisStreamAsSource", stream)
    assert clicks["function_arns"] == [f"{function}:$LATEST"]
    assert clicks["processing_enabled"] is True
    assert clicks["destination_arns"] == ["arn:aws:s3:::archive"]
    assert clicks["destinations"][0]["type"] == "ExtendedS3"
    assert clicks["role_arns"] == [role]
    splunk = rows["logs-to-splunk"]
    assert (splunk["stream_type"], splunk["source_arn"]) == ("DirectPut", None)
    assert splunk["destinations"][0]["type"] == "Splunk"
    assert splunk["destination_arns"] == ["arn:aws:s3:::failed"]  # failed records land there
    assert splunk["function_arns"] == [] and splunk["processing_enabled"] is None
    assert [r["field"] for r in splunk["redacted_values"]] == [
        "Destinations[0].SplunkDestinationDescription.HECToken"
    ]
    assert TOKEN not in json.dumps(snapshot.rows("firehose_delivery_streams"))
    assert snapshot.rows("errors") == []
