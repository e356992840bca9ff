"""The SQS crawl: moto for queues and attributes, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import sqs
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "sqs"
ACCOUNT = "123456789012"


def test_queue_policy_redrive_and_encryption_are_stored(
    account_session, moto_endpoint, crawl_account
):
    client = account_session.client("sqs", endpoint_url=moto_endpoint)
    dlq_url = client.create_queue(QueueName="jobs-dlq")["QueueUrl"]
    dlq = client.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])
    dlq = dlq["Attributes"]["QueueArn"]
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}
    ]}  # fmt: skip
    client.create_queue(QueueName="jobs", Attributes={
        "Policy": json.dumps(policy), "VisibilityTimeout": "45", "KmsMasterKeyId": "alias/jobs",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq, "maxReceiveCount": "3"}),
    })  # fmt: skip

    snapshot = crawl_account(services=("sqs",))

    rows = {r["name"]: r for r in snapshot.rows("sqs_queues")}
    jobs = rows["jobs"]
    assert jobs["arn"] == dlq.replace("jobs-dlq", "jobs")
    assert jobs["policy"]["Statement"][0]["Principal"] == "*"
    assert (jobs["dlq_arn"], jobs["max_receive_count"]) == (dlq, 3)
    assert (jobs["kms_key_id"], jobs["visibility_timeout"], jobs["fifo"]) == ("alias/jobs", 45, 0)
    assert rows["jobs-dlq"]["dlq_arn"] is None


def test_queues_are_listed_in_pages_of_the_maximum_size():
    pages = json.loads((DATA / "list_queues.json").read_text())["pages"]
    client = boto3.client(
        "sqs", region_name="us-east-2", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("list_queues", pages[0], {"MaxResults": 1000})
        token = pages[0]["NextToken"]
        stub.add_response("list_queues", pages[1], {"MaxResults": 1000, "NextToken": token})

        urls = sqs.get_queue_urls(offline_context(), client)

    assert [u.rsplit("/", 1)[1] for u in urls] == ["orders.fifo", "orders-dlq.fifo"]


def test_aws_fifo_queue_attributes_are_parsed():
    attributes = json.loads((DATA / "get_queue_attributes.json").read_text())["Attributes"]
    url = f"https://sqs.us-east-2.amazonaws.com/{ACCOUNT}/orders.fifo"

    row = sqs.transform_queue(url, "us-east-2", "aws", attributes)

    assert row["fifo"] is True
    assert row["dlq_arn"] == f"arn:aws:sqs:us-east-2:{ACCOUNT}:orders-dlq.fifo"
    assert row["max_receive_count"] == 5
    condition = row["policy"]["Statement"][0]["Condition"]
    assert condition["ArnEquals"]["aws:SourceArn"].endswith(":orders.fifo")
    assert row["message_retention_seconds"] == 1209600
    assert row["redrive_allow_policy"] == {"redrivePermission": "denyAll"}


def test_queue_with_unreadable_attributes_is_still_listed_under_its_arn():
    url = f"https://sqs.eu-west-1.amazonaws.com/{ACCOUNT}/jobs.fifo"

    row = sqs.transform_queue(url, "eu-west-1", "aws", None)

    assert row["arn"] == f"arn:aws:sqs:eu-west-1:{ACCOUNT}:jobs.fifo"
    assert (row["name"], row["fifo"], row["policy"], row["raw"]) == ("jobs.fifo", True, None, None)
