"""The Kinesis crawl: moto for the calls, AWS's NextToken paging stubbed (moto never pages)."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import kinesis
from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Redactor

DATA = Path(__file__).parent.parent / "data" / "kinesis"


def _stream(session: boto3.Session, endpoint: str, name: str) -> str:
    client = session.client("kinesis", endpoint_url=endpoint)
    client.create_stream(StreamName=name, ShardCount=1)
    return client.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]["StreamARN"]


def test_stream_encryption_retention_and_policy_are_stored(
    account_session, moto_endpoint, crawl_account
):
    arn = _stream(account_session, moto_endpoint, "clicks")
    client = account_session.client("kinesis", endpoint_url=moto_endpoint)
    client.start_stream_encryption(StreamName="clicks", EncryptionType="KMS", KeyId="alias/clicks")
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "kinesis:GetRecords", "Resource": arn,
    }]}  # fmt: skip
    client.put_resource_policy(ResourceARN=arn, Policy=json.dumps(policy))

    snapshot = crawl_account(services=("kinesis",))

    [row] = snapshot.rows("kinesis_streams")
    assert (row["arn"], row["name"], row["stream_mode"]) == (arn, "clicks", "PROVISIONED")
    assert (row["encryption_type"], row["kms_key_id"]) == ("KMS", "alias/clicks")
    assert row["retention_hours"] == 24
    assert row["policy"] == policy


def test_stream_without_policy_records_no_failure(account_session, moto_endpoint, crawl_account):
    _stream(account_session, moto_endpoint, "plain")

    snapshot = crawl_account(services=("kinesis",))

    [row] = snapshot.rows("kinesis_streams")
    assert row["policy"] is None
    assert snapshot.rows("errors") == []


def test_streams_are_read_across_next_token_pages():
    pages = json.loads((DATA / "list_streams.json").read_text())["pages"]
    client = boto3.client(
        "kinesis", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    ctx = CrawlContext(
        clients=None, sink=None, account="123456789012", partition="aws", redactor=Redactor(b"k")
    )
    with Stubber(client) as stub:
        stub.add_response("list_streams", pages[0], {})
        stub.add_response("list_streams", pages[1], {"NextToken": "AAAAAAAAAAGtoken-page-2"})

        streams = kinesis.get_streams(ctx, client)

    assert [s["StreamARN"].rsplit("/", 1)[1] for s in streams] == ["clicks", "orders"]
