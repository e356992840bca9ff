"""The EventBridge crawl: moto for buses, rules and targets, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
from botocore.stub import Stubber

from explorer.crawl import events
from explorer.crawl.redact import Redactor
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "events"
ACCOUNT = "123456789012"
KEYED = Redactor(b"k")
RULE = {
    "arn": f"arn:aws:events:us-east-1:{ACCOUNT}:rule/orders/placed",
    "bus_arn": f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/orders",
    "region": "us-east-1",
}


def _orders_bus(session: boto3.Session, endpoint: str) -> dict[str, str]:
    """A custom bus open to a partner account, a pattern rule with two targets, and a schedule."""
    account = session.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]
    arns = {
        "queue": f"arn:aws:sqs:us-east-1:{account}:orders-dlq",
        "function": f"arn:aws:lambda:us-east-1:{account}:function:fulfil",
        "role": f"arn:aws:iam::{account}:role/events",
    }
    client = session.client("events", endpoint_url=endpoint)
    arns["bus"] = client.create_event_bus(Name="orders")["EventBusArn"]
    client.put_permission(
        EventBusName="orders", Action="events:PutEvents", Principal="444455556666", StatementId="p"
    )
    rule = client.put_rule(
        Name="placed", EventBusName="orders", RoleArn=arns["role"],
        EventPattern=json.dumps({"source": ["shop"], "detail-type": ["OrderPlaced"]}),
    )  # fmt: skip
    arns["rule"] = rule["RuleArn"]
    client.put_targets(Rule="placed", EventBusName="orders", Targets=[
        {"Id": "fulfil", "Arn": arns["function"], "DeadLetterConfig": {"Arn": arns["queue"]},
         "InputTransformer": {"InputPathsMap": {"o": "$.detail.id"}, "InputTemplate": "<o>"}},
        {"Id": "audit", "Arn": arns["queue"], "Input": '{"audit": true}'},
    ])  # fmt: skip
    client.put_rule(Name="nightly", ScheduleExpression="cron(0 3 * * ? *)", State="DISABLED")
    return arns


def test_buses_are_stored_with_their_policy(account_session, moto_endpoint, crawl_account):
    arns = _orders_bus(account_session, moto_endpoint)

    snapshot = crawl_account(services=("events",))

    buses = {b["name"]: b for b in snapshot.rows("event_buses")}
    assert set(buses) == {"default", "orders"}
    assert buses["orders"]["arn"] == arns["bus"]
    principal = buses["orders"]["policy"]["Statement"][0]["Principal"]
    assert principal == {"AWS": "arn:aws:iam::444455556666:root"}
    assert buses["default"]["policy"] is None
    assert snapshot.rows("errors") == []


def test_rules_and_targets_link_bus_to_destinations(account_session, moto_endpoint, crawl_account):
    arns = _orders_bus(account_session, moto_endpoint)

    snapshot = crawl_account(services=("events",))

    rules = {r["name"]: r for r in snapshot.rows("event_rules")}
    placed = rules["placed"]
    assert (placed["arn"], placed["bus_arn"], placed["role_arn"]) == (
        arns["rule"], arns["bus"], arns["role"]
    )  # fmt: skip
    assert placed["event_pattern"] == {"source": ["shop"], "detail-type": ["OrderPlaced"]}
    assert (rules["nightly"]["schedule_expression"], rules["nightly"]["state"]) == (
        "cron(0 3 * * ? *)", "DISABLED"
    )  # fmt: skip
    assert rules["nightly"]["bus_name"] == "default"
    targets = {t["target_id"]: t for t in snapshot.rows("event_targets")}
    assert (targets["fulfil"]["rule_arn"], targets["fulfil"]["target_arn"]) == (
        arns["rule"], arns["function"]
    )  # fmt: skip
    assert targets["fulfil"]["dlq_arn"] == arns["queue"]
    assert targets["fulfil"]["raw"]["InputTransformer"]["InputTemplate"]["redacted"] is True
    assert targets["audit"]["raw"]["Input"]["length"] == len('{"audit": true}')


def test_buses_are_read_across_pages_without_a_paginator():
    pages = json.loads((DATA / "list_event_buses.json").read_text())["pages"]
    client = boto3.client(
        "events", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("list_event_buses", pages[0], {})
        stub.add_response("list_event_buses", pages[1], {"NextToken": pages[0]["NextToken"]})

        buses = events.get_buses(offline_context(), client)

    assert [b["Name"] for b in buses] == ["default", "orders"]


def test_aws_bus_description_gives_kms_key_and_dead_letter_queue():
    raw = json.loads((DATA / "describe_event_bus.json").read_text())

    row = events.transform_bus(raw, "us-east-1")

    assert row["kms_key_id"].endswith(":key/0987dcba-09fe-87dc-65ba-ab0987654321")
    assert row["dlq_arn"] == f"arn:aws:sqs:us-east-1:{ACCOUNT}:orders-bus-dlq"
    assert row["policy"]["Statement"][0]["Sid"] == "partner-put"


def test_aws_targets_keep_role_and_dead_letter_queue():
    targets = json.loads((DATA / "list_targets_by_rule.json").read_text())["Targets"]
    rule = {
        "arn": f"arn:aws:events:us-east-1:{ACCOUNT}:rule/orders/placed",
        "bus_arn": f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/orders",
        "region": "us-east-1",
    }

    rows = {r["target_id"]: r for r in (events.transform_target(KEYED, t, rule) for t in targets)}

    assert rows["fulfil"]["dlq_arn"] == f"arn:aws:sqs:us-east-1:{ACCOUNT}:fulfil-dlq"
    assert rows["audit-stream"]["role_arn"] == f"arn:aws:iam::{ACCOUNT}:role/events-to-kinesis"
    assert rows["audit-stream"]["target_arn"].endswith(":stream/audit")


def test_constant_target_input_is_redacted():
    template = '{"token": "hunter2hunter2", "id": <id>}'
    target = {
        "Id": "1",
        "Arn": "arn:aws:sqs:us-east-1:123456789012:q",
        "Input": '{"api_key": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}',
        "InputTransformer": {"InputPathsMap": {"id": "$.id"}, "InputTemplate": template},
    }

    redacted = events.transform_target(KEYED, target, RULE)["raw"]

    assert "sk_live" not in json.dumps(redacted) and "hunter2" not in json.dumps(redacted)
    assert redacted["Input"]["redacted"] is True
    assert redacted["InputTransformer"]["InputPathsMap"] == {"id": "$.id"}
