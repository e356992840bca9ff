"""Malformed policies that moto stores as given, crawled for real and analysed: the exposure of
each is unknown and a coverage gap names it, and the readable part of a policy still counts.

moto refuses some shapes outright (an SQS or SNS policy that is not JSON: HTTP 500; any
EventBridge PutPermission with a malformed policy): those are covered by the hand-built
estates of test_unreadable_policies.py.
"""

from __future__ import annotations

import json

from explorer.analysis import kinds
from explorer.analysis.analyze import analyze


def test_malformed_policies_stored_by_moto_read_as_unknown_not_private(
    account_session, moto_endpoint, crawl_account
):
    s3 = account_session.client("s3", endpoint_url=moto_endpoint)
    s3.create_bucket(Bucket="garbage-policy")
    s3.put_bucket_policy(Bucket="garbage-policy", Policy="garbage")
    sqs = account_session.client("sqs", endpoint_url=moto_endpoint)
    numbers = json.dumps({"Version": "2012-10-17", "Statement": [1, 2]})
    sqs.create_queue(QueueName="numbers", Attributes={"Policy": numbers})
    half = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
            "Action": ["sqs:SendMessage", "s3"], "Resource": "*"}]}  # fmt: skip
    half_url = sqs.create_queue(QueueName="half", Attributes={"Policy": json.dumps(half)})
    sns = account_session.client("sns", endpoint_url=moto_endpoint)
    topic = sns.create_topic(Name="stringy")["TopicArn"]
    stringy = json.dumps({"Version": "2012-10-17", "Statement": "sns:Publish"})
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=stringy)

    analysis = analyze(crawl_account(services=("s3", "sqs", "sns")))

    g = analysis.graph
    found = sqs.get_queue_attributes(QueueUrl=half_url["QueueUrl"], AttributeNames=["QueueArn"])
    half_arn = found["Attributes"]["QueueArn"]
    nodes = {g.nodes[n]["name"]: n for n in g if g.nodes[n].get("exposure_unknown")}
    assert sorted(nodes) == ["garbage-policy", "half", "numbers", "stringy"]
    assert "not valid JSON" in g.nodes[nodes["garbage-policy"]]["exposure_unknown"][0]
    assert kinds.INTERNET in g.pred[half_arn]  # the readable action still exposes the queue
    gaps = {f.resource for f in analysis.findings if f.rule == "coverage-gap"}
    assert set(nodes.values()) <= gaps
