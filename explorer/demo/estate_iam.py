"""The demo's IAM as data: managed policies and roles, good ones and deliberately bad ones."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

Document = dict[str, Any]

LOGGING_POLICY = "pixmart-lambda-logging"
PIPELINE_POLICY = "pixmart-photo-pipeline"
BOUNDARY_POLICY = "pixmart-gallery-boundary"
PARTNER_EXTERNAL_ID = "pixmart-partner-7731"
TYPO_ACTION = "sts:GetCallerIdentify"
"""An action no AWS service has (sts:GetCallerIdentity, misspelt)."""


@dataclass(frozen=True)
class PolicySpec:
    """A customer-managed policy; every document is a version, the last one the default."""

    name: str
    versions: tuple[Document, ...]
    description: str = ""


@dataclass(frozen=True)
class RoleSpec:
    """A role: its trust policy, inline policies, attached managed policies and boundary."""

    name: str
    trust: Document
    inline: Mapping[str, Document] = field(default_factory=dict)
    managed: tuple[str, ...] = (LOGGING_POLICY,)
    boundary: str | None = None
    description: str = ""
    path: str = "/"


def doc(*statements: Document) -> Document:
    """A policy document."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(actions: str | list[str], resources: str | list[str], **extra: Any) -> Document:
    """An Allow statement (extra keys such as Condition or Sid pass through)."""
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def deny(actions: str | list[str], resources: str | list[str], **extra: Any) -> Document:
    """A Deny statement."""
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


def trust_service(service: str | list[str]) -> Document:
    """A trust policy for one AWS service principal (or several)."""
    statement = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    return doc(statement)


def trust_principal(arn: str) -> Document:
    """A trust policy naming one IAM principal (a user, or an account's root) by ARN."""
    return doc({"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"})


def trust_account(account: str, external_id: str) -> Document:
    """A trust policy letting another account assume the role (with an external id)."""
    return doc(
        {
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
        }
    )


LAMBDA_TRUST = trust_service("lambda.amazonaws.com")


def managed_policies(a: Arns) -> tuple[PolicySpec, ...]:
    """Customer-managed policies (the pipeline policy has a v1 left behind, v2 default)."""
    uploads = a.bucket("pixmart-uploads")
    photos = a.table("pixmart-photos")
    logging = allow(
        ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        f"arn:aws:logs:{a.region}:{a.account}:*",
    )
    pipeline_v1 = doc(allow("s3:GetObject", f"{uploads}/*"))
    pipeline_v2 = doc(
        allow("s3:GetObject", f"{uploads}/*"),
        allow(["dynamodb:PutItem", "dynamodb:UpdateItem"], photos),
    )
    boundary = doc(
        allow(["s3:GetObject", "s3:PutObject"], f"{a.bucket('pixmart-public-gallery')}/*"),
        allow(["logs:CreateLogStream", "logs:PutLogEvents"], "*"),
    )
    return (
        PolicySpec(LOGGING_POLICY, (doc(logging),), "CloudWatch Logs for every function"),
        PolicySpec(PIPELINE_POLICY, (pipeline_v1, pipeline_v2), "thumbnail pipeline"),
        PolicySpec(BOUNDARY_POLICY, (boundary,), "boundary: the gallery bucket only"),
    )


def roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Every role of the demo, in creation order."""
    return (*_entry_roles(a), *_pipeline_roles(a), *_order_roles(a), *_risky_roles(a))


def _role(name: str, description: str, *statements: Document, **kw: Any) -> RoleSpec:
    inline = {f"{name}-inline": doc(*statements)} if statements else {}
    return RoleSpec(name, kw.pop("trust", LAMBDA_TRUST), inline, description=description, **kw)


def _entry_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Roles of the functions behind APIs and URLs."""
    reads = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
    tables = [a.table("pixmart-catalog"), a.table("pixmart-photos")]
    return (
        _role(
            "pixmart-upload-api-role",
            "stores raw uploads",
            allow("s3:PutObject", f"{a.bucket('pixmart-uploads')}/raw/*"),
        ),
        _role(
            "pixmart-readonly-role",
            "read-only API handlers",
            allow(reads, tables),
            allow("s3:GetObject", f"{a.bucket('pixmart-reports')}/*"),
        ),
        _role(
            "pixmart-authorizer-role",
            "token authorizer: logs who it runs as (with a typo that grants nothing)",
            allow(TYPO_ACTION, "*", Sid="WhoAmI"),
        ),
        _role(
            "pixmart-tracker-role",
            "click tracking pixel",
            allow(["kinesis:PutRecord", "kinesis:PutRecords"], a.kinesis("pixmart-clickstream")),
        ),
        _role(
            "pixmart-signup-role",
            "Cognito sign-up checks",
            allow("dynamodb:PutItem", a.table("pixmart-users")),
        ),
    )


def _pipeline_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Roles of the photo pipeline and the click stream."""
    stream_read = [
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:DescribeStream",
        "dynamodb:ListStreams",
    ]
    kinesis_read = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"]
    return (
        RoleSpec(
            "pixmart-thumbnailer-role",
            LAMBDA_TRUST,
            managed=(LOGGING_POLICY, PIPELINE_POLICY),
            description="thumbnails: managed policy only",
        ),
        _role(
            "pixmart-indexer-role",
            "photo stream indexer",
            allow(stream_read, f"{a.table('pixmart-photos')}/stream/*"),
            allow("sns:Publish", a.topic("pixmart-photo-events")),
        ),
        _role(
            "pixmart-gallery-role",
            "gallery publisher, wide inline grant narrowed by a boundary",
            allow("s3:PutObject", "arn:aws:s3:::pixmart-*/*"),
            boundary=BOUNDARY_POLICY,
        ),
        _role(
            "pixmart-clicks-role",
            "click aggregation",
            allow(kinesis_read, a.kinesis("pixmart-clickstream")),
            allow("dynamodb:UpdateItem", a.table("pixmart-click-stats")),
        ),
        _role(
            "pixmart-audit-role",
            "audit trail",
            allow("dynamodb:PutItem", a.table("pixmart-audit")),
        ),
    )


def _order_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Roles of order taking, payment and fulfilment."""
    orders_table, uploads = a.table("pixmart-orders"), a.bucket("pixmart-uploads")
    queue_read = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    kms_only = {"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}
    return (
        _role(
            "pixmart-shop-role",
            "order intake",
            allow("sqs:SendMessage", a.queue("pixmart-orders")),
            allow("events:PutEvents", a.bus("pixmart-orders-bus")),
        ),
        _role(
            "pixmart-payments-role",
            "payment webhook and card charging",
            allow(["dynamodb:PutItem", "dynamodb:UpdateItem"], orders_table),
            allow("s3:PutObject", f"{a.bucket('pixmart-invoices')}/*", Condition=kms_only),
        ),
        _role(
            "pixmart-order-worker-role",
            "order queue worker",
            allow(queue_read, a.queue("pixmart-orders")),
            allow("dynamodb:PutItem", orders_table),
            allow("states:StartExecution", a.state_machine("pixmart-fulfilment")),
        ),
        _role(
            "pixmart-print-role",
            "print lab hand-off (fetches originals with a lazy s3:* on the uploads bucket)",
            allow("sns:Publish", a.topic("pixmart-order-events")),
            allow("s3:*", [uploads, f"{uploads}/*"], Sid="FetchOriginals"),
        ),
        _role("pixmart-receipt-role", "receipts by e-mail", allow("ses:SendEmail", "*")),
        _role(
            "pixmart-fulfilment-sfn-role",
            "state machine execution role",
            allow(
                "lambda:InvokeFunction",
                [a.function("pixmart-charge-card"), a.function("pixmart-print-order")],
            ),
            trust=trust_service("states.amazonaws.com"),
            managed=(),
        ),
    )


def _risky_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """The roles the demo exists to catch: admin, wildcard, escalation, deny, cross-account."""
    return (
        _role("pixmart-admin-role", "lazy admin for reports", allow("*", "*")),
        _role(
            "pixmart-mailer-role",
            "invoice mailer; someone needed GetObject",
            allow("s3:*", "*"),
            allow("ses:SendEmail", "*"),
        ),
        _role(
            "pixmart-deployer-role",
            "self-service deploys from the admin tool",
            allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*"),
        ),
        _role(
            "pixmart-ops-role",
            "log watcher that can hot-fix the nightly report",
            allow("lambda:UpdateFunctionCode", a.function("pixmart-nightly-report")),
            allow("sns:Publish", a.topic("pixmart-alerts")),
        ),
        _role(
            "pixmart-cleanup-role",
            "deletes derived objects; reports are kept for audit",
            allow(["sqs:ReceiveMessage", "sqs:DeleteMessage"], a.queue("pixmart-cleanup")),
            allow("s3:DeleteObject", "arn:aws:s3:::pixmart-*/*"),
            deny("s3:*", [a.bucket("pixmart-reports"), f"{a.bucket('pixmart-reports')}/*"]),
        ),
        _role(
            "pixmart-partner-access-role",
            "assumed by the print partner",
            allow("s3:GetObject", f"{a.bucket('pixmart-reports')}/*"),
            allow("sqs:SendMessage", a.queue("pixmart-orders")),
            trust=trust_account(FOREIGN_ACCOUNT, PARTNER_EXTERNAL_ID),
            managed=(),
        ),
    )
