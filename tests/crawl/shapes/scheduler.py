"""EventBridge Scheduler answers as AWS sends them: unique schedule ARNs, and targets of every
kind (a function, a queue, a universal `lambda:invoke` call, another universal call, none), so
both the listed-only and the read-whole paths of the crawl are reached."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.crawl.shapes.model import Call, rows
from tests.crawl.shapes.realism import arn, function_arn

UNIVERSAL = "arn:aws:scheduler:::aws-sdk:"


def schedules(call: Call) -> None:
    for index, item in enumerate(call.items("Schedules")):
        group = call.draw(st.sampled_from(["default", call.name()]))
        item["Name"] = name = call.name()
        item["GroupName"] = group
        item["Arn"] = arn("scheduler", f"schedule/{group}/{name}")
        targets = [function_arn(call.name()), arn("sqs", call.name()),
                   f"{UNIVERSAL}lambda:invoke", f"{UNIVERSAL}sqs:sendMessage", None]  # fmt: skip
        target = targets[0] if call.rich and index == 0 else call.draw(st.sampled_from(targets))
        if target is None:
            item.pop("Target", None)
        else:
            item["Target"] = {"Arn": target}


def schedule(call: Call) -> None:
    """The schedule asked for (its `Input`, drawn as any string, may or may not be JSON)."""
    call.response["Name"] = call.params["Name"]
    if call.params.get("GroupName"):
        call.response["GroupName"] = call.params["GroupName"]
    if call.rich and isinstance(call.response.get("Target"), dict):
        call.response["Target"]["Input"] = call.draw(
            st.sampled_from(['{"FunctionName": "f", "InvocationType": "Event"}', "{}", "x"])
        )


schedule_lands = rows("scheduler_schedules", "Schedules", arn="Arn")
