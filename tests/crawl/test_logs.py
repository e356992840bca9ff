"""The CloudWatch Logs crawl: moto for groups and filters, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import logs
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "logs"
ACCOUNT = "123456789012"


def _pages() -> list[dict]:
    return json.loads((DATA / "describe_log_groups.json").read_text())["pages"]


def test_log_groups_are_stored_with_retention_and_key(
    account_session, moto_endpoint, crawl_account
):
    client = account_session.client("logs", endpoint_url=moto_endpoint)
    client.create_log_group(logGroupName="/aws/lambda/orders", kmsKeyId="arn:aws:kms:k")
    client.put_retention_policy(logGroupName="/aws/lambda/orders", retentionInDays=7)
    client.create_log_group(logGroupName="forever")

    snapshot = crawl_account(services=("logs",))

    groups = {g["name"]: g for g in snapshot.rows("log_groups")}
    orders = groups["/aws/lambda/orders"]
    assert orders["arn"].endswith(":log-group:/aws/lambda/orders")
    assert (orders["retention_days"], orders["kms_key_id"]) == (7, "arn:aws:kms:k")
    assert groups["forever"]["retention_days"] is None
    assert orders["raw"]["arn"].endswith(":*")


def test_subscription_filter_links_log_group_to_destination(
    account_session, moto_endpoint, crawl_account
):
    kinesis = account_session.client("kinesis", endpoint_url=moto_endpoint)
    kinesis.create_stream(StreamName="sink", ShardCount=1)
    stream = kinesis.describe_stream_summary(StreamName="sink")["StreamDescriptionSummary"]
    client = account_session.client("logs", endpoint_url=moto_endpoint)
    client.create_log_group(logGroupName="app")
    client.create_log_group(logGroupName="quiet")
    role = f"arn:aws:iam::{ACCOUNT}:role/to-kinesis"
    client.put_subscription_filter(
        logGroupName="app", filterName="errors", filterPattern="ERROR",
        destinationArn=stream["StreamARN"], roleArn=role,
    )  # fmt: skip

    snapshot = crawl_account(services=("logs",))

    [row] = snapshot.rows("log_subscription_filters")
    assert row["log_group_arn"].endswith(":log-group:app")
    assert (row["log_group_name"], row["filter_name"], row["filter_pattern"]) == (
        "app", "errors", "ERROR"
    )  # fmt: skip
    assert (row["destination_arn"], row["role_arn"]) == (stream["StreamARN"], role)
    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls")}
    assert calls["DescribeSubscriptionFilters"] == 2  # one per log group


def test_log_groups_are_read_across_pages():
    pages = _pages()
    client = boto3.client(
        "logs", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("describe_log_groups", pages[0], {})
        stub.add_response("describe_log_groups", pages[1], {"nextToken": pages[0]["nextToken"]})

        groups = logs.get_log_groups(offline_context(), client)

    assert [g["logGroupName"] for g in groups] == ["/aws/lambda/orders", "legacy-app"]


def test_arn_without_trailing_wildcard_when_only_the_old_field_is_given():
    legacy = _pages()[1]["logGroups"][0]

    row = logs.transform_log_group(legacy, "us-east-1", "aws", ACCOUNT)

    assert row["arn"] == f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:legacy-app"
    assert (row["retention_days"], row["stored_bytes"]) == (None, 0)
    assert row["created"] == "2014-02-28T00:00:00+00:00"


def test_aws_subscription_filter_keeps_pattern_role_and_distribution():
    raw = json.loads((DATA / "describe_subscription_filters.json").read_text())
    group = logs.transform_log_group(_pages()[0]["logGroups"][0], "us-east-1", "aws", ACCOUNT)

    row = logs.transform_subscription_filter(raw["subscriptionFilters"][0], group)

    assert row["log_group_arn"] == group["arn"]
    assert row["filter_pattern"] == '{ $.level = "ERROR" }'
    assert row["role_arn"] == f"arn:aws:iam::{ACCOUNT}:role/logs-to-kinesis"
    assert row["distribution"] == "ByLogStream"
