"""EventBridge Scheduler: schedules, the target each one calls, the role it calls it as, its
dead-letter queue and retry policy.

Per region: one paginated `ListSchedules` with no group filter (it lists every group's
schedules; its summaries give each schedule's group, state and target ARN), then one
`GetSchedule` only for a schedule whose target is a Lambda function (the templated target, or
the universal target `aws-sdk:lambda:invoke`) or whose summary names no target ARN: that read
adds the expression, the role, the dead-letter queue, the retry policy and the input. A schedule
targeting anything else keeps its target from the summary, with `details_read` False: its
role, expression and queue are unknown, not none. `ListScheduleGroups` is not called: the group
name comes with each schedule, and a group holds no policy or setting the analysis uses.

A schedule's `Input` is a constant the account wrote (it may hold a credential): it is redacted
at crawl time, one record in `redacted_values`, as are SageMaker pipeline parameter values. For
a universal `lambda:invoke` target the function name and invocation type are read from the
input before it is redacted (they name, they hold nothing). Other universal targets (the
resource is named inside their input) get no target: `universal_target` says which API they
call.
"""

from __future__ import annotations

import json
from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals
from explorer.crawl.util import clean
from explorer.schema.records import Row

SERVICE = "scheduler"

UNIVERSAL = "aws-sdk:"
"""Where a universal target's ARN (`arn:aws:scheduler:::aws-sdk:sqs:sendMessage`) names its API."""
LAMBDA_INVOKE = "aws-sdk:lambda:invoke"
TEMPLATED_INVOCATION = "Event"
"""Scheduler invokes a function named as a templated target asynchronously."""
SDK_DEFAULT_INVOCATION = "RequestResponse"
"""Lambda's `Invoke` without an `InvocationType`: the caller waits."""


def list_schedules(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_schedules", "Schedules")


def universal_target(target_arn: Any) -> str | None:
    """`aws-sdk:sqs:sendMessage` for a universal target's ARN, None for a templated one."""
    if not isinstance(target_arn, str):
        return None
    parts = target_arn.split(":", 5)
    if len(parts) == 6 and parts[2] == "scheduler" and parts[5].startswith(UNIVERSAL):
        return parts[5]
    return None


def needs_details(summary: dict[str, Any]) -> bool:
    """Whether a schedule is worth a `GetSchedule`: its target is a function, or unknown."""
    target = (summary.get("Target") or {}).get("Arn")
    if not isinstance(target, str) or not target.startswith("arn:"):
        return True
    universal = universal_target(target)
    if universal is not None:
        return universal.lower() == LAMBDA_INVOKE.lower()
    return _is_function(target)


def _is_function(arn: Any) -> bool:
    return isinstance(arn, str) and arn.split(":")[2:3] == ["lambda"]


def get_schedule(ctx: CrawlContext, client: Any, summary: dict[str, Any]) -> dict[str, Any] | None:
    """The whole schedule (None: the read failed or the schedule is gone)."""
    params = {"Name": summary["Name"]}
    if summary.get("GroupName"):
        params["GroupName"] = summary["GroupName"]
    response = ctx.call(client, "get_schedule", summary.get("Arn"), **params)
    return clean(response) if response is not None else None


def function_of_invoke(
    text: Any, partition: str, region: str, account: str
) -> tuple[str | None, str | None]:
    """(function ARN, invocation type) of a universal `lambda:invoke` input: a name, a partial
    ARN (`123456789012:function:name`) or an ARN, each maybe with a qualifier."""
    try:
        parsed = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None, None
    if not isinstance(parsed, dict):
        return None, None
    name, invocation = parsed.get("FunctionName"), parsed.get("InvocationType")
    invocation = invocation if isinstance(invocation, str) else SDK_DEFAULT_INVOCATION
    if not isinstance(name, str) or not name or "<" in name:  # empty, or a context placeholder
        return None, invocation
    if name.startswith("arn:"):
        return name, invocation
    parts = name.split(":")
    if len(parts) >= 3 and parts[1] == "function":
        account, name = parts[0], ":".join(parts[2:])
    return f"arn:{partition}:lambda:{region}:{account}:function:{name}", invocation


def _account_of(arn: Any, default: str) -> str:
    parts = arn.split(":") if isinstance(arn, str) else []
    return parts[4] if len(parts) > 4 and parts[4] else default


def redact_target(literals: Literals, target: dict[str, Any]) -> dict[str, Any]:
    """A target with its constant input and SageMaker parameter values redacted."""
    target = dict(target)
    if target.get("Input") is not None:
        target["Input"] = literals.value(("Target", "Input"), target["Input"])
    sagemaker = target.get("SageMakerPipelineParameters")
    if isinstance(sagemaker, dict):
        where = ("Target", "SageMakerPipelineParameters")
        params = [_redact_parameter(literals, where, p)
                  for p in sagemaker.get("PipelineParameterList") or []]  # fmt: skip
        target["SageMakerPipelineParameters"] = {**sagemaker, "PipelineParameterList": params}
    return target


def _redact_parameter(literals: Literals, where: tuple[str, ...], parameter: Any) -> Any:
    """A pipeline parameter with its value redacted (its name kept: it names, holds nothing)."""
    if not isinstance(parameter, dict) or parameter.get("Value") is None:
        return parameter
    name = str(parameter.get("Name") or "Value")
    return {**parameter, "Value": literals.value((*where, name), parameter["Value"])}


def transform_schedule(
    ctx: CrawlContext, region: str, summary: dict[str, Any], full: dict[str, Any] | None
) -> Row:
    """One `scheduler_schedules` row: from the whole schedule when read, else its summary (which
    alone names the row: the schedule as listed)."""
    raw = {**summary, **(full or {})}
    target = raw.get("Target") if isinstance(raw.get("Target"), dict) else {}
    target_arn = target.get("Arn")
    universal = universal_target(target_arn)
    functions: list[str] = []
    invocation = None
    if universal is None and _is_function(target_arn):
        functions, invocation = [target_arn], TEMPLATED_INVOCATION
    elif universal is not None and universal.lower() == LAMBDA_INVOKE.lower():
        account = _account_of(summary["Arn"], ctx.account)
        found, invocation = function_of_invoke(target.get("Input"), ctx.partition, region, account)
        functions = [found] if found else []
    literals = Literals(ctx.redactor)
    target = redact_target(literals, target)
    return {
        "arn": summary["Arn"],
        "name": summary.get("Name"),
        "region": region,
        "group_name": summary.get("GroupName") or raw.get("GroupName"),
        "state": raw.get("State"),
        "details_read": full is not None,
        "schedule_expression": raw.get("ScheduleExpression"),
        "timezone": raw.get("ScheduleExpressionTimezone"),
        "target_arn": target_arn if universal is None else None,
        "universal_target": universal,
        "function_arns": functions,
        "invocation_type": invocation,
        "role_arn": target.get("RoleArn"),
        "dlq_arn": (target.get("DeadLetterConfig") or {}).get("Arn"),
        "retry_policy": target.get("RetryPolicy"),
        "redacted_values": literals.records,
        "raw": {**raw, "Target": target},
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl the schedules of one region: summaries as listed, functions' schedules read."""
    client = ctx.client(SERVICE, region)
    summaries = [s for s in list_schedules(ctx, client) if s.get("Arn") and s.get("Name")]
    listed = [s for s in summaries if not needs_details(s)]
    ctx.emit("scheduler_schedules", [transform_schedule(ctx, region, s, None) for s in listed])

    def one(summary: dict[str, Any]) -> None:
        full = get_schedule(ctx, client, summary)
        ctx.emit("scheduler_schedules", [transform_schedule(ctx, region, summary, full)])

    ctx.map(one, [s for s in summaries if needs_details(s)])
