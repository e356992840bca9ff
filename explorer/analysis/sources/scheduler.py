"""EventBridge Scheduler: a schedule calls its target on a timetable, as the role it names.

A templated Lambda target is invoked asynchronously (Lambda queues and retries the event, so the
function needs a failure destination); any other templated target (a queue, a topic, a state
machine) gets the same kind of edge, as EventBridge rule targets do: data moves on. A universal
`aws-sdk:lambda:invoke` target calls Lambda's Invoke API with the invocation type its input
names: `Event` is asynchronous, anything else but `DryRun` makes Scheduler wait. Failed
deliveries go to the schedule's dead-letter queue (data carried on).

The schedule acts as its execution role (`assumes`), as a state machine does: `who-can` names
it among what runs as the role. Data does not flow through that edge (DESIGN §5: only a
function passes its data on through its role). A schedule's input is a constant the account
wrote, so nothing outside sends to it: no exposure. A schedule whose details were not read
(its target is not a function) has an unknown role and queue: no edge is made for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.shapes import strings, text
from explorer.analysis.sources import RESOURCES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

SCHEDULE = "schedule"
"""Node kind: an EventBridge Scheduler schedule."""
TARGET = tk.TriggerKind("scheduler-target", "EventBridge Scheduler target", tk.ASYNC)
INVOKE_CALL = tk.TriggerKind("scheduler-invoke-call", "EventBridge Scheduler Invoke call", tk.SYNC)
DLQ = tk.TriggerKind("scheduler-dlq", "EventBridge Scheduler DLQ", tk.CARRIES)
ASYNC_INVOCATION, DRY_RUN = "Event", "DryRun"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Schedule -> its target (or the function its Invoke call names), -> its dead-letter
    queue, and -> the role it runs as."""
    for row in estate.rows("scheduler_schedules"):
        arn, state = row["arn"], row.get("state")
        universal = text(row.get("universal_target"))
        target = text(row.get("target_arn"))
        if universal is None and target and target.startswith("arn:"):
            graph.edge(arn, target, kinds.TRIGGERS, **TARGET.evidence(state=state))
        if universal is not None:
            invocation = text(row.get("invocation_type"))
            kind = TARGET if invocation == ASYNC_INVOCATION else INVOKE_CALL
            for function in strings(row.get("function_arns")):
                if invocation != DRY_RUN and function.startswith("arn:"):
                    graph.edge(
                        arn, function, kinds.TRIGGERS,
                        **kind.evidence(state=state, universal_target=universal),
                    )  # fmt: skip
        dlq = text(row.get("dlq_arn"))
        if dlq and dlq.startswith("arn:"):
            graph.edge(arn, dlq, kinds.TRIGGERS, **DLQ.evidence())
        role = text(row.get("role_arn"))
        if role and role.startswith("arn:"):
            graph.edge(arn, role, kinds.ASSUMES, via="schedule role")


SOURCE = Source(
    title="EventBridge Scheduler schedules",
    crawl="scheduler",
    kinds=(TARGET, INVOKE_CALL, DLQ),
    nodes=(
        NodeKind(
            SCHEDULE,
            "scheduler_schedules",
            "name",
            "schedule",
            RESOURCES,
            ("scheduler", "schedule"),
        ),
    ),
    columns={
        "scheduler_schedules": (
            "state",
            "target_arn",
            "universal_target",
            "function_arns",
            "invocation_type",
            "role_arn",
            "dlq_arn",
        )
    },
    triggers=triggers,
)
