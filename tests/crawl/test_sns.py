"""The SNS crawl: moto for topics and subscriptions, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import sns
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "sns"
ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:us-east-2:{ACCOUNT}:orders"


def _offline_client():
    return boto3.client(
        "sns", region_name="us-east-2", aws_access_key_id="x", aws_secret_access_key="x"
    )


def _pages() -> list[dict]:
    return json.loads((DATA / "list_subscriptions.json").read_text())["pages"]


def _topic_with_subscribers(session: boto3.Session, endpoint: str) -> dict[str, str]:
    """A KMS-encrypted topic with a filtered SQS subscriber, a Lambda and an email address."""
    account = session.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]
    sqs = session.client("sqs", endpoint_url=endpoint)
    sqs.create_queue(QueueName="audit")
    client = session.client("sns", endpoint_url=endpoint)
    topic = client.create_topic(Name="orders", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    arns = {
        "topic": topic["TopicArn"],
        "queue": f"arn:aws:sqs:us-east-1:{account}:audit",
        "function": f"arn:aws:lambda:us-east-1:{account}:function:fulfil",
    }
    client.subscribe(
        TopicArn=arns["topic"], Protocol="sqs", Endpoint=arns["queue"],
        Attributes={"FilterPolicy": json.dumps({"store": ["corp"]}), "RawMessageDelivery": "true"},
    )  # fmt: skip
    client.subscribe(TopicArn=arns["topic"], Protocol="lambda", Endpoint=arns["function"])
    client.subscribe(TopicArn=arns["topic"], Protocol="email", Endpoint="ops@example.com")
    return arns


def test_topic_policy_and_encryption_are_stored(account_session, moto_endpoint, crawl_account):
    arns = _topic_with_subscribers(account_session, moto_endpoint)

    snapshot = crawl_account(services=("sns",))

    [topic] = snapshot.rows("sns_topics")
    assert (topic["arn"], topic["name"], topic["region"]) == (arns["topic"], "orders", "us-east-1")
    assert topic["kms_key_id"] == "alias/aws/sns"
    assert topic["policy"]["Statement"][0]["Resource"] == arns["topic"]
    assert topic["fifo"] == 0


def test_subscriptions_link_topic_to_endpoint_with_filter_policy(
    account_session, moto_endpoint, crawl_account
):
    arns = _topic_with_subscribers(account_session, moto_endpoint)

    snapshot = crawl_account(services=("sns",))

    rows = {r["protocol"]: r for r in snapshot.rows("sns_subscriptions")}
    assert (rows["sqs"]["topic_arn"], rows["sqs"]["endpoint"]) == (arns["topic"], arns["queue"])
    assert rows["sqs"]["filter_policy"] == {"store": ["corp"]}
    assert rows["sqs"]["raw_message_delivery"]
    assert rows["lambda"]["endpoint"] == arns["function"]
    assert rows["lambda"]["arn"].startswith(arns["topic"] + ":")
    assert rows["email"]["filter_policy"] is None  # not an edge: attributes not read


def test_attributes_are_read_only_for_subscriptions_to_aws_resources(
    account_session, moto_endpoint, crawl_account
):
    _topic_with_subscribers(account_session, moto_endpoint)

    snapshot = crawl_account(services=("sns",))

    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls")}
    assert calls["GetSubscriptionAttributes"] == 2  # sqs and lambda, not email
    assert calls["GetTopicAttributes"] == 1
    assert "ListSubscriptionsByTopic" not in calls


def test_subscriptions_are_read_across_pages():
    pages = _pages()
    client = _offline_client()
    with Stubber(client) as stub:
        stub.add_response("list_subscriptions", pages[0], {})
        stub.add_response("list_subscriptions", pages[1], {"NextToken": pages[0]["NextToken"]})

        subscriptions = sns.get_subscriptions(offline_context(), client)

    assert [s["Protocol"] for s in subscriptions] == ["lambda", "email", "https"]


def test_pending_subscription_has_status_instead_of_arn_and_no_attribute_read():
    pending = _pages()[0]["Subscriptions"][1]
    client = _offline_client()
    with Stubber(client):  # no responses queued: any call would fail
        attributes = sns.get_subscription_attributes(offline_context(), client, pending)

    row = sns.transform_subscription(pending, attributes, "us-east-2")

    assert (row["arn"], row["status"]) == (None, "PendingConfirmation")
    assert (row["topic_arn"], row["endpoint"]) == (TOPIC, "ops@example.com")


def test_basic_auth_password_in_https_endpoint_is_masked():
    https = _pages()[1]["Subscriptions"][0]

    row = sns.transform_subscription(https, None, "us-east-2")

    assert row["endpoint"] == "https://hook-user:****@hooks.example.com/orders"
    assert "Sup3rS3cret" not in json.dumps(row)


def test_aws_subscription_attributes_give_filter_and_dead_letter_queue():
    attributes = json.loads((DATA / "get_subscription_attributes.json").read_text())["Attributes"]
    listed = {k: attributes[k] for k in ("SubscriptionArn", "TopicArn", "Protocol", "Endpoint")}

    row = sns.transform_subscription(listed, attributes, "us-east-2")

    assert row["filter_policy"]["event"] == [{"anything-but": "order_cancelled"}]
    assert row["dlq_arn"] == f"arn:aws:sqs:us-east-2:{ACCOUNT}:order-audit-dlq"
    assert (row["raw_message_delivery"], row["status"]) == (True, "Confirmed")


def test_aws_fifo_topic_attributes_are_parsed():
    attributes = json.loads((DATA / "get_topic_attributes.json").read_text())["Attributes"]

    row = sns.transform_topic(TOPIC + ".fifo", "us-east-2", attributes)

    assert row["policy"]["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::444455556666:root"}
    assert row["delivery_policy"] == {"http": {"defaultHealthyRetryPolicy": {"numRetries": 5}}}
    assert (row["fifo"], row["tracing_mode"], row["display_name"]) == (True, "Active", None)
    assert (row["subscriptions_confirmed"], row["subscriptions_pending"]) == (2, 1)


def test_topic_with_more_subscriptions_than_listed_is_listed_by_topic():
    topics = [
        sns.transform_topic(TOPIC, "us-east-2", {"SubscriptionsConfirmed": "2"}),
        sns.transform_topic(TOPIC + "-quiet", "us-east-2", {"SubscriptionsConfirmed": "0"}),
    ]
    listed = [{"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": "q"}]

    assert sns.unlisted_topics(topics, listed) == [TOPIC]
