"""The demo's wiring as data: what triggers which function, and where async results go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.demo.manifest import ESM_DYNAMODB, ESM_KINESIS, ESM_SQS
from explorer.demo.naming import Arns

STATE_MACHINE = "pixmart-fulfilment"
STATE_MACHINE_ROLE = "pixmart-fulfilment-sfn-role"
USER_POOL = "pixmart-users"
USER_POOL_CLIENT = "pixmart-web"
STAFF_POOL = "pixmart-staff"
"""The shop staff who take orders at the till: only administrators create its users, MFA is on,
its client hides which users exist. The Cognito near miss beside the self sign-up customer pool:
the orders route it guards stays `authenticated` and it raises no Cognito finding."""
STAFF_POOL_CLIENT = "pixmart-till"
REST_API = "pixmart-shop"
REST_STAGE = "prod"
HTTP_API = "pixmart-photos-http"
AUTHORIZER_FUNCTION = "pixmart-authorizer"
API_KEY = "pixmart-partner-key"
USAGE_PLAN = "pixmart-partners"


@dataclass(frozen=True)
class Target:
    """A place something is sent: kind "lambda", "queue" or "topic", and a name."""

    kind: str
    name: str

    def arn(self, a: Arns) -> str:
        """The target's ARN."""
        build = {"lambda": a.function, "queue": a.queue, "topic": a.topic}[self.kind]
        return build(self.name)


@dataclass(frozen=True)
class Notification:
    """An S3 bucket notification (bucket by base name)."""

    bucket: str
    target: Target
    events: tuple[str, ...]
    prefix: str = ""


@dataclass(frozen=True)
class Destinations:
    """Async invocation settings of a function (None: no destination of that kind)."""

    function: str
    on_success: Target | None
    on_failure: Target | None
    retries: int = 2


@dataclass(frozen=True)
class RuleSpec:
    """An EventBridge rule with one Lambda target: an event pattern or a schedule."""

    name: str
    bus: str
    function: str
    pattern: dict[str, Any] | None = None
    schedule: str | None = None


@dataclass(frozen=True)
class RouteSpec:
    """An API route: method, path, function, authorization and whether an API key is needed."""

    method: str
    path: str
    function: str
    auth: str = "NONE"
    api_key: bool = False


NOTIFICATIONS = (
    Notification(
        "pixmart-uploads",
        Target("lambda", "pixmart-thumbnailer"),
        ("s3:ObjectCreated:*",),
        "raw/",
    ),
    Notification("pixmart-uploads", Target("queue", "pixmart-cleanup"), ("s3:ObjectRemoved:*",)),
    Notification(
        "pixmart-invoices", Target("topic", "pixmart-invoice-events"), ("s3:ObjectCreated:*",)
    ),
)

SUBSCRIPTIONS = (
    ("pixmart-photo-events", Target("lambda", "pixmart-gallery-publisher")),
    ("pixmart-order-events", Target("lambda", "pixmart-audit-trail")),
    ("pixmart-order-events", Target("queue", "pixmart-partner-outbox")),
    ("pixmart-invoice-events", Target("lambda", "pixmart-invoice-mailer")),
)
"""(topic, endpoint) pairs."""

MAPPINGS = (
    (ESM_SQS, "pixmart-orders", "pixmart-order-worker"),
    (ESM_SQS, "pixmart-cleanup", "pixmart-cleanup-worker"),
    (ESM_KINESIS, "pixmart-clickstream", "pixmart-click-aggregator"),
    (ESM_DYNAMODB, "pixmart-photos", "pixmart-photo-indexer"),
)
"""(kind, source queue/stream/table name, function) event source mappings."""

DESTINATIONS = (
    Destinations(
        "pixmart-thumbnailer",
        Target("lambda", "pixmart-audit-trail"),
        Target("queue", "pixmart-dead-letters"),
    ),
    Destinations("pixmart-nightly-report", None, Target("topic", "pixmart-alerts"), retries=0),
    Destinations("pixmart-invoice-mailer", None, Target("queue", "pixmart-dead-letters")),
    Destinations("pixmart-audit-trail", None, Target("queue", "pixmart-dead-letters")),
)

RULES = (
    RuleSpec(
        "pixmart-order-placed",
        "pixmart-orders-bus",
        "pixmart-send-receipt",
        pattern={"source": ["pixmart.orders"], "detail-type": ["OrderPlaced"]},
    ),
    RuleSpec("pixmart-nightly", "default", "pixmart-nightly-report", schedule="cron(0 2 * * ? *)"),
)

LOG_SUBSCRIPTIONS = (
    (
        "/aws/lambda/pixmart-charge-card",
        "payment-errors",
        "?ERROR ?Exception",
        "pixmart-log-watcher",
    ),
)
"""(log group, filter name, filter pattern, function)."""

COGNITO_TRIGGERS = {
    "PreSignUp": "pixmart-signup-guard",
    "PostConfirmation": "pixmart-signup-guard",
}

FUNCTION_URLS = {"pixmart-track": "NONE", "pixmart-admin-tools": "AWS_IAM"}

CROSS_ACCOUNT_INVOKERS = ("pixmart-admin-tools",)
"""Functions whose resource policy lets the foreign account invoke them."""

REST_ROUTES = (
    RouteSpec("POST", "/orders", "pixmart-create-order", "COGNITO_USER_POOLS"),
    RouteSpec("GET", "/catalog", "pixmart-catalog"),
    RouteSpec("POST", "/webhooks/payment", "pixmart-payment-webhook", api_key=True),
    RouteSpec("GET", "/admin/reports", "pixmart-reports", "CUSTOM"),
)

HTTP_ROUTES = (
    RouteSpec("POST", "/photos", "pixmart-upload-api"),
    RouteSpec("GET", "/me/photos", "pixmart-my-photos", "JWT"),
)


def fulfilment_definition(a: Arns) -> dict[str, Any]:
    """Charge (via the lambda:invoke integration), then print (a direct function ARN)."""
    charge = {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": a.function("pixmart-charge-card"), "Payload.$": "$"},
        "ResultPath": "$.charge",
        "Next": "PrintOrder",
    }
    print_order = {"Type": "Task", "Resource": a.function("pixmart-print-order"), "End": True}
    return {
        "Comment": "Charge the card, then send the order to the print lab",
        "StartAt": "ChargeCard",
        "States": {"ChargeCard": charge, "PrintOrder": print_order},
    }


STATE_MACHINE_TASKS = {
    "pixmart-charge-card": "arn:aws:states:::lambda:invoke",
    "pixmart-print-order": "direct function ARN",
}
