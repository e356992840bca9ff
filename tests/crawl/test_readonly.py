"""The crawler cannot change an account: non-read operations are refused before sending."""

from __future__ import annotations

import pytest

from explorer.crawl.client import ClientFactory, Target
from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.readonly import ReadOnlyViolation, is_read_operation
from explorer.demo.server import FAKE_CREDENTIALS


@pytest.mark.parametrize(
    "operation", ["ListFunctions", "GetPolicy", "DescribeTable", "GetAccountAuthorizationDetails"]
)
def test_metadata_reads_are_allowed(operation):
    assert is_read_operation(operation)


@pytest.mark.parametrize(
    "operation",
    ["CreateBucket", "PutBucketPolicy", "DeleteFunction", "UpdateFunctionCode", "Invoke",
     "SendMessage", "Publish", "GetSecretValue", "GetObject", "GetSessionToken"],
)  # fmt: skip
def test_writes_and_secret_reads_are_refused(operation):
    assert not is_read_operation(operation)


def test_write_call_is_refused_before_any_request_is_sent():
    # Nothing listens on port 9: a request that was sent would fail with a connection error.
    target = Target(endpoint_url="http://127.0.0.1:9", credentials=FAKE_CREDENTIALS)
    stats = ApiCallStats()
    s3 = ClientFactory(target, stats, workers=1).client("s3", "us-east-1")

    with pytest.raises(ReadOnlyViolation, match="s3:CreateBucket"):
        s3.create_bucket(Bucket="must-not-exist")

    assert stats.total() == 0


def test_refused_write_leaves_the_account_unchanged(moto_endpoint, account_session):
    creds = account_session.get_credentials().get_frozen_credentials()
    target = Target(
        endpoint_url=moto_endpoint,
        credentials={
            "aws_access_key_id": creds.access_key,
            "aws_secret_access_key": creds.secret_key,
            "aws_session_token": creds.token,
        },
    )
    sqs = ClientFactory(target, ApiCallStats(), workers=1).client("sqs", "us-east-1")

    with pytest.raises(ReadOnlyViolation):
        sqs.create_queue(QueueName="must-not-exist")

    assert sqs.list_queues().get("QueueUrls", []) == []
