"""The DynamoDB crawl against moto's server: tables, streams, encryption, resource policies."""

from __future__ import annotations

import json

import boto3
from botocore.awsrequest import AWSResponse

KEY = {
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_):
        yield self._data


def _denied(request, **_):
    """A `before-send` handler answering the way DynamoDB's JSON protocol refuses a call."""
    body = {"__type": "com.amazon.coral.service#AccessDeniedException", "message": "not allowed"}
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    return AWSResponse(request.url, 400, headers, _Body(json.dumps(body).encode()))


def _client(session: boto3.Session, endpoint: str):
    return session.client("dynamodb", endpoint_url=endpoint)


def test_stream_encryption_and_policy_of_a_table_are_stored(
    account_session, moto_endpoint, crawl_account
):
    ddb = _client(account_session, moto_endpoint)
    table = ddb.create_table(
        TableName="orders", **KEY, DeletionProtectionEnabled=True,
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/orders"},
    )["TableDescription"]  # fmt: skip
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "dynamodb:GetItem", "Resource": table["TableArn"],
    }]}  # fmt: skip
    ddb.put_resource_policy(ResourceArn=table["TableArn"], Policy=json.dumps(policy))

    snapshot = crawl_account(services=("dynamodb",))

    [row] = snapshot.rows("dynamodb_tables")
    assert (row["arn"], row["stream_arn"]) == (table["TableArn"], table["LatestStreamArn"])
    assert (row["stream_enabled"], row["stream_view_type"]) == (1, "NEW_AND_OLD_IMAGES")
    assert (row["encryption"], row["deletion_protection"]) == ("KMS", 1)
    assert row["policy"] == policy


def test_table_without_policy_or_stream_records_no_failure(
    account_session, moto_endpoint, crawl_account
):
    _client(account_session, moto_endpoint).create_table(TableName="plain", **KEY)

    snapshot = crawl_account(services=("dynamodb",))

    [row] = snapshot.rows("dynamodb_tables")
    assert (row["policy"], row["stream_enabled"], row["stream_arn"]) == (None, 0, None)
    assert (row["encryption"], row["billing_mode"]) == ("AWS_OWNED_KEY", "PAY_PER_REQUEST")
    assert snapshot.rows("errors") == []


def test_table_that_cannot_be_described_stays_with_unknown_settings(
    account_session, moto_endpoint, crawl_account
):
    _client(account_session, moto_endpoint).create_table(TableName="secret", **KEY)

    snapshot = crawl_account(
        services=("dynamodb",), hooks=(("before-send.dynamodb.DescribeTable", _denied),)
    )

    [row] = snapshot.rows("dynamodb_tables")
    assert row["arn"].endswith(":table/secret")
    assert (row["stream_enabled"], row["policy"]) == (None, None)
    [error] = snapshot.rows("errors")
    assert (error["operation"], error["code"]) == ("DescribeTable", "AccessDeniedException")
