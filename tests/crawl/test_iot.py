"""The AWS IoT topic rule crawl, against moto's server over HTTP: one `GetTopicRule` per listed
rule; every action's target becomes an ARN where it names one, and the literals of actions that
may carry credentials (HTTP headers and URLs, Kafka client properties) are redacted. A failed
rule read is tested with botocore's Stubber (moto cannot be made to fail one)."""

from __future__ import annotations

import json

from botocore.stub import Stubber

from explorer.crawl import iot
from tests.crawl.helpers import ACCOUNT, stubbed

TOKEN = "Bearer sk_live_DEMOfakeKEYnotREAL000043"
PASSWORD = "Pr0d-Kafka-Passw0rd-demo!"


def test_rules_are_stored_with_their_targets_and_without_credentials(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()[
        "Account"
    ]
    function = f"arn:aws:lambda:us-east-1:{account}:function:telemetry"
    role = f"arn:aws:iam::{account}:role/iot-writer"
    client = account_session.client("iot", endpoint_url=moto_endpoint)
    client.create_topic_rule(ruleName="telemetry", topicRulePayload={
        "sql": "SELECT * FROM 'devices/+/telemetry'", "ruleDisabled": False,
        "actions": [
            {"lambda": {"functionArn": function}},
            {"http": {"url": "https://hooks.example/in?token=abc123secret",
                      "headers": [{"key": "Authorization", "value": TOKEN}]}},
            {"kafka": {"destinationArn": f"arn:aws:iot:us-east-1:{account}:ruledestination/vpc/1",
                       "topic": "t", "clientProperties": {"sasl.plain.password": PASSWORD,
                                                          "bootstrap.servers": "b:9092"}}},
            {"s3": {"bucketName": "${topic(2)}", "key": "k", "roleArn": role}},
        ],
        "errorAction": {"sqs": {"queueUrl": f"https://sqs.us-east-1.amazonaws.com/{account}/errs",
                                "roleArn": role}},
    })  # fmt: skip
    client.create_topic_rule(ruleName="archive", topicRulePayload={
        "sql": "SELECT * FROM 'devices/#'", "ruleDisabled": True,
        "actions": [{"dynamoDBv2": {"putItem": {"tableName": "readings"}, "roleArn": role}}],
    })  # fmt: skip

    snapshot = crawl_account(services=("iot",))

    rows = {r["name"]: r for r in snapshot.rows("iot_topic_rules")}
    assert set(rows) == {"telemetry", "archive"}
    rule = rows["telemetry"]
    assert rule["arn"] == f"arn:aws:iot:us-east-1:{account}:rule/telemetry"
    assert (rule["topic_pattern"], rule["disabled"], rule["rule_read"]) == (
        "devices/+/telemetry", False, True
    )  # fmt: skip
    assert rule["sql"] == "SELECT * FROM 'devices/+/telemetry'"
    assert rule["authorization_type"] == "IOT"
    assert rule["function_arns"] == [function]
    assert [(t["action"], t["arn"], t["error_action"]) for t in rule["targets"]] == [
        ("lambda", function, False), ("http", None, False), ("kafka", None, False),
        ("s3", None, False),  # its bucket is chosen per message
        ("sqs", f"arn:aws:sqs:us-east-1:{account}:errs", True),
    ]  # fmt: skip
    assert rule["role_arns"] == [role]
    assert {
        "actions[1].http.headers[0].value", 'actions[1].http.url["?token"]',
        'actions[2].kafka.clientProperties["sasl.plain.password"]',
    } <= {r["field"] for r in rule["redacted_values"]}  # fmt: skip
    archive = rows["archive"]
    assert archive["disabled"] is True
    assert archive["targets"][0]["arn"] == f"arn:aws:dynamodb:us-east-1:{account}:table/readings"
    stored = json.dumps(snapshot.rows("iot_topic_rules", raw=True))
    assert TOKEN not in stored and PASSWORD not in stored and "abc123secret" not in stored
    assert "hooks.example/in" in stored  # the URL keeps where it goes
    assert snapshot.rows("errors") == []


def test_a_rule_whose_read_fails_keeps_what_the_list_said_and_the_failure_is_recorded():
    ctx, client = stubbed("iot")
    arn = f"arn:aws:iot:us-east-1:{ACCOUNT}:rule/kiosks"
    listed = {"ruleArn": arn, "ruleName": "kiosks", "topicPattern": "k/#", "ruleDisabled": False}
    with Stubber(client) as stub:
        stub.add_response("list_topic_rules", {"rules": [listed]}, {})
        stub.add_client_error("get_topic_rule", "UnauthorizedException", http_status_code=401)
        iot.sync(ctx, "us-east-1")

    [row] = ctx.sink.rows["iot_topic_rules"]
    assert (row["arn"], row["topic_pattern"], row["rule_read"]) == (arn, "k/#", False)
    assert row["targets"] == [] and row["function_arns"] == []
    [error] = ctx.sink.errors
    assert (error.operation, error.code, error.resource) == (
        "GetTopicRule",
        "UnauthorizedException",
        arn,
    )
