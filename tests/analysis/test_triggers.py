"""Every trigger kind the crawler records becomes a `triggers` edge (DESIGN §5)."""

from __future__ import annotations

import pytest

from explorer.analysis import kinds
from tests.analysis.builders import ACCOUNT, bucket, fn, queue, route
from tests.analysis.estates import edges_of, estate, function

T = kinds.TRIGGERS
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:events"
TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"
STREAM = f"{TABLE}/stream/2026-01-01T00:00:00.000"
KINESIS = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clicks"
BUS = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/shop"
RULE = f"arn:aws:events:us-east-1:{ACCOUNT}:rule/shop/placed"
MACHINE = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine/flow"
POOL = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_x"
LOGS = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/a"

CASES = {
    "rest method": ({"rest_methods": [{"arn": route("a"), "function_arn": fn("f")}]}, route("a")),
    "http route": ({"http_routes": [{"arn": route("b"), "function_arn": fn("f")}]}, route("b")),
    "function URL": (
        {"function_urls": [{"arn": fn("f"), "function_arn": fn("f"), "auth_type": "NONE"}]},
        f"{fn('f')}#url",
    ),
    "S3 notification": (
        {"s3_notifications": [{"bucket_arn": bucket("in"), "destination_arn": fn("f")}]},
        bucket("in"),
    ),
    "SQS mapping": (
        {"event_source_mappings": [{"uuid": "1", "event_source_arn": queue("q"),
                                    "function_arn": fn("f")}]},
        queue("q"),
    ),
    "Kinesis mapping": (
        {"event_source_mappings": [{"uuid": "2", "event_source_arn": KINESIS,
                                    "function_arn": fn("f")}]},
        KINESIS,
    ),
    "DynamoDB stream mapping": (
        {"event_source_mappings": [{"uuid": "3", "event_source_arn": STREAM,
                                    "function_arn": f"{fn('f')}:live"}]},
        TABLE,
    ),
    "SNS subscription": (
        {"sns_subscriptions": [{"topic_arn": TOPIC, "protocol": "lambda", "endpoint": fn("f")}]},
        TOPIC,
    ),
    "EventBridge target": (
        {"event_targets": [{"rule_arn": RULE, "target_id": "1", "target_arn": fn("f")}]},
        RULE,
    ),
    "Step Functions task": (
        {"state_machines": [{"arn": MACHINE, "name": "flow",
                             "lambda_tasks": [{"function_arn": fn("f"), "dynamic": False}]}]},
        MACHINE,
    ),
    "Cognito trigger": (
        {"cognito_user_pools": [{"arn": POOL, "name": "p",
                                 "lambda_triggers": {"PreSignUp": fn("f")}}]},
        POOL,
    ),
    "log subscription": (
        {"log_subscription_filters": [{"log_group_arn": LOGS, "destination_arn": fn("f")}]},
        LOGS,
    ),
    "async destination": (
        {"function_event_invoke_configs": [{"arn": fn("a"), "function_arn": fn("a"),
                                            "on_success_arn": fn("f")}]},
        fn("a"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_trigger_kind_becomes_an_edge_to_the_function(case):
    tables, source = CASES[case]

    found = edges_of(estate(functions=[function("f")], **tables), T)

    assert (source, fn("f")) in found


def test_rule_on_a_bus_is_fed_by_the_bus_but_a_schedule_is_not():
    rules = [
        {"arn": RULE, "name": "placed", "bus_arn": BUS},
        {
            "arn": f"{RULE}-cron",
            "name": "cron",
            "bus_arn": BUS,
            "schedule_expression": "rate(1 day)",
        },
    ]

    found = edges_of(estate(event_rules=rules), T)

    assert (BUS, RULE) in found and (BUS, f"{RULE}-cron") not in found


def test_stage_variable_integrations_are_not_guessed():
    methods = [
        {"arn": route("v"), "function_arn": "arn:aws:lambda:r:1:function:${stageVariables.fn}"}
    ]

    assert edges_of(estate(rest_methods=methods), T) == set()


def test_function_writes_its_own_log_group_when_it_exists():
    groups = [{"arn": LOGS, "name": "/aws/lambda/a"}]

    found = edges_of(estate(functions=[function("a")], log_groups=groups), kinds.WRITES)

    assert (fn("a"), LOGS) in found
