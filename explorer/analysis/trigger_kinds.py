"""Trigger kinds as data: one declaration per way something starts a function or carries its
data on, read by the graph build (the edge's evidence), the findings (an asynchronous
invocation needs somewhere for failures to go) and the app (the label people read).

A rule asks by `key` or by `invocation`, never by the label: labels are for people and may
change. A new trigger source declares its kinds in its own module under
`explorer/analysis/sources/` (docs/extending.md); `sources.TRIGGER_KINDS` holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SYNC = "synchronous"
"""The caller waits for the function (API routes, function URLs, Step Functions tasks)."""
ASYNC = "asynchronous"
"""Lambda queues the event and retries it; a failure is lost unless a destination keeps it."""
POLL = "polling"
"""Lambda's event source mapping reads the source; failures stay in the source or its DLQ."""
CARRIES = "carries data"
"""Not an invocation: data moves on (a dead-letter queue, a redrive, a destination target)."""


@dataclass(frozen=True)
class TriggerKind:
    """How a source reaches a function: its stable key, the label people read, and how Lambda
    invokes the function through it."""

    key: str
    label: str
    invocation: str

    def evidence(self, **more: Any) -> dict[str, Any]:
        """The edge evidence naming this kind: `via` (the label) and `trigger_kind` (the key)."""
        return {"via": self.label, "trigger_kind": self.key, **more}


API_INTEGRATION = TriggerKind("api-integration", "api integration", SYNC)
FUNCTION_URL = TriggerKind("function-url", "function URL", SYNC)
S3_NOTIFICATION = TriggerKind("s3-notification", "S3 notification", ASYNC)
EVENT_SOURCE_MAPPING = TriggerKind("event-source-mapping", "event source mapping", POLL)
MAPPING_ON_FAILURE = TriggerKind(
    "mapping-on-failure", "event source mapping on-failure destination", CARRIES
)
SNS_SUBSCRIPTION = TriggerKind("sns-subscription", "SNS subscription", ASYNC)
SNS_SUBSCRIPTION_DLQ = TriggerKind("sns-subscription-dlq", "SNS subscription DLQ", CARRIES)
EVENT_RULE = TriggerKind("event-rule", "EventBridge rule", CARRIES)
EVENT_TARGET = TriggerKind("event-target", "EventBridge target", ASYNC)
EVENT_TARGET_DLQ = TriggerKind("event-target-dlq", "EventBridge target DLQ", CARRIES)
STEP_FUNCTIONS_TASK = TriggerKind("step-functions-task", "Step Functions task", SYNC)
COGNITO_TRIGGER = TriggerKind("cognito-trigger", "Cognito trigger", SYNC)
LOG_SUBSCRIPTION = TriggerKind("log-subscription", "log subscription filter", ASYNC)
ON_SUCCESS = TriggerKind("on-success", "async on-success destination", ASYNC)
ON_FAILURE = TriggerKind("on-failure", "async on-failure destination", ASYNC)
DEAD_LETTER_QUEUE = TriggerKind("dead-letter-queue", "dead-letter queue", CARRIES)
SQS_REDRIVE = TriggerKind("sqs-redrive", "SQS redrive", CARRIES)

ALL: tuple[TriggerKind, ...] = (
    API_INTEGRATION, FUNCTION_URL, S3_NOTIFICATION, EVENT_SOURCE_MAPPING, MAPPING_ON_FAILURE,
    SNS_SUBSCRIPTION, SNS_SUBSCRIPTION_DLQ, EVENT_RULE, EVENT_TARGET, EVENT_TARGET_DLQ,
    STEP_FUNCTIONS_TASK, COGNITO_TRIGGER, LOG_SUBSCRIPTION, ON_SUCCESS, ON_FAILURE,
    DEAD_LETTER_QUEUE, SQS_REDRIVE,
)  # fmt: skip
"""The built-in kinds (`triggers.py` builds their edges); the kinds of the sources declared
under `explorer/analysis/sources/` join them in `sources.TRIGGER_KINDS`."""
DESTINATIONS = {"on_success_arn": ON_SUCCESS, "on_failure_arn": ON_FAILURE}
"""Async invoke configuration column -> the kind of the edge to its target."""
