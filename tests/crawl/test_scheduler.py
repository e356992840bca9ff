"""The EventBridge Scheduler crawl, against moto's server over HTTP: one `ListSchedules` for
every group, and a `GetSchedule` only for schedules that invoke a function; inputs are redacted.
"""

from __future__ import annotations

import json

from explorer.crawl import scheduler

ROLE = "arn:aws:iam::{account}:role/scheduler"
FUNCTION = "arn:aws:lambda:us-east-1:{account}:function:{name}"
UNIVERSAL = "arn:aws:scheduler:::aws-sdk:"
SECRET = "sk_live_DEMOfakeKEYnotREAL000042"


def _create(client, name: str, target: dict, group: str | None = None, **extra) -> str:
    where = {"GroupName": group} if group else {}
    return client.create_schedule(
        Name=name, ScheduleExpression="rate(1 hour)", FlexibleTimeWindow={"Mode": "OFF"},
        Target=target, **where, **extra,
    )["ScheduleArn"]  # fmt: skip


def test_function_schedules_are_read_whole_and_others_kept_from_the_list(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()[
        "Account"
    ]
    role, report = ROLE.format(account=account), FUNCTION.format(account=account, name="report")
    dlq = f"arn:aws:sqs:us-east-1:{account}:dead-letters"
    client = account_session.client("scheduler", endpoint_url=moto_endpoint)
    client.create_schedule_group(Name="ops")
    templated = _create(
        client, "weekly", group="ops", State="DISABLED",
        target={"Arn": report, "RoleArn": role, "Input": json.dumps({"key": SECRET}),
                "DeadLetterConfig": {"Arn": dlq},
                "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 600}},
    )  # fmt: skip
    queue = f"arn:aws:sqs:us-east-1:{account}:jobs"
    to_queue = _create(client, "to-queue", {"Arn": queue, "RoleArn": role, "Input": SECRET})
    call = {"FunctionName": "sweeper:live", "InvocationType": "Event", "Payload": SECRET}
    invoke = _create(
        client, "sweep", {"Arn": UNIVERSAL + "lambda:invoke", "RoleArn": role,
                          "Input": json.dumps(call)},
    )  # fmt: skip
    sdk = {"Arn": UNIVERSAL + "sqs:createQueue", "RoleArn": role, "Input": "{}"}
    other = _create(client, "make-queue", sdk)

    snapshot = crawl_account(services=("scheduler",))

    rows = {r["arn"]: r for r in snapshot.rows("scheduler_schedules")}
    assert set(rows) == {templated, to_queue, invoke, other}
    weekly = rows[templated]
    assert (weekly["group_name"], weekly["state"], weekly["details_read"]) == (
        "ops",
        "DISABLED",
        True,
    )
    assert (weekly["target_arn"], weekly["function_arns"]) == (report, [report])
    assert (weekly["role_arn"], weekly["dlq_arn"], weekly["invocation_type"]) == (
        role,
        dlq,
        "Event",
    )
    assert weekly["retry_policy"] == {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 600}
    assert weekly["schedule_expression"] == "rate(1 hour)"
    assert [r["field"] for r in weekly["redacted_values"]] == ["Target.Input"]
    listed = rows[to_queue]
    assert (listed["target_arn"], listed["details_read"], listed["role_arn"]) == (
        queue,
        False,
        None,
    )
    sweep = rows[invoke]
    assert sweep["universal_target"] == "aws-sdk:lambda:invoke" and sweep["target_arn"] is None
    assert sweep["function_arns"] == [FUNCTION.format(account=account, name="sweeper:live")]
    assert sweep["invocation_type"] == "Event"
    assert (rows[other]["universal_target"], rows[other]["details_read"]) == (
        "aws-sdk:sqs:createQueue", False
    )  # fmt: skip
    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls")}
    assert calls["GetSchedule"] == 2
    assert SECRET not in json.dumps([r for r in snapshot.rows("scheduler_schedules", raw=True)])
    assert snapshot.rows("errors") == []


def test_an_invoke_call_names_its_function_by_name_partial_arn_or_arn():
    def of(name: str, **more) -> tuple:
        text = json.dumps({"FunctionName": name, **more})
        return scheduler.function_of_invoke(text, "aws", "eu-west-1", "111122223333")

    base = "arn:aws:lambda:eu-west-1"
    assert of("f") == (f"{base}:111122223333:function:f", "RequestResponse")
    assert of("444455556666:function:f:2", InvocationType="Event") == (
        f"{base}:444455556666:function:f:2", "Event"
    )  # fmt: skip
    assert of(f"{base}:777788889999:function:f")[0] == f"{base}:777788889999:function:f"
    assert of("<aws.scheduler.schedule-arn>")[0] is None
    assert scheduler.function_of_invoke("not json", "aws", "eu-west-1", "1") == (None, None)
    assert scheduler.function_of_invoke('["a list"]', "aws", "eu-west-1", "1") == (None, None)
