"""EventBridge Scheduler in the back office: a weekly schedule invokes the nightly report
function (asynchronously, as a templated target, with a dead-letter queue), and an hourly one
calls Lambda's Invoke API on the cleanup worker (a universal target, which waits). Both run as a
scheduler role that may invoke just those two functions; a schedule's input is a constant the
account wrote, so neither adds an untrusted input."""

from __future__ import annotations

import json

from explorer.demo.clients import Clients, dumps
from explorer.demo.deploy_iam import create_role
from explorer.demo.estate_iam import RoleSpec, allow, doc, trust_service
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns

ROLE = "pixmart-scheduler-role"
GROUP = "pixmart-ops"
REPORT = ("pixmart-weekly-report", "pixmart-nightly-report", "cron(0 6 ? * MON *)")
SWEEP = ("pixmart-cleanup-sweep", "pixmart-cleanup-worker", "rate(1 hour)")
DEAD_LETTERS = "pixmart-dead-letters"
LAMBDA_INVOKE = "arn:aws:scheduler:::aws-sdk:lambda:invoke"
TARGET, INVOKE_CALL, DLQ = "scheduler-target", "scheduler-invoke-call", "scheduler-dlq"
"""The trigger kinds (keys) of the scheduler source."""


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    functions = [a.function(REPORT[1]), a.function(SWEEP[1])]
    role = RoleSpec(
        ROLE, trust_service("scheduler.amazonaws.com"),
        {f"{ROLE}-inline": doc(allow("lambda:InvokeFunction", functions),
                               allow("sqs:SendMessage", a.queue(DEAD_LETTERS)))},
        managed=(), description="EventBridge Scheduler: the back-office schedules",
    )  # fmt: skip
    ledger.roles[ROLE] = role_arn = create_role(clients("iam"), a, role)
    scheduler = clients("scheduler")
    scheduler.create_schedule_group(Name=GROUP)
    name, function, expression = REPORT
    report = scheduler.create_schedule(
        Name=name, GroupName=GROUP, ScheduleExpression=expression,
        FlexibleTimeWindow={"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 30},
        Target={"Arn": a.function(function), "RoleArn": role_arn,
                "Input": dumps({"period": "week"}),
                "DeadLetterConfig": {"Arn": a.queue(DEAD_LETTERS)},
                "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600}},
    )["ScheduleArn"]  # fmt: skip
    ledger.trigger(TARGET, report, a.function(function), expression)
    ledger.trigger(DLQ, report, a.queue(DEAD_LETTERS), "failed deliveries")
    name, function, expression = SWEEP
    call = {"FunctionName": function, "InvocationType": "RequestResponse",
            "Payload": json.dumps({"sweep": "hourly"})}  # fmt: skip
    sweep = scheduler.create_schedule(
        Name=name, ScheduleExpression=expression, FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": LAMBDA_INVOKE, "RoleArn": role_arn, "Input": dumps(call)},
    )["ScheduleArn"]  # fmt: skip
    ledger.trigger(INVOKE_CALL, sweep, a.function(function), expression)
