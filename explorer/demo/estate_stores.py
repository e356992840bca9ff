"""The demo's data stores as data: buckets, queues, topics, tables, streams, buses, log groups."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.demo.estate_iam import Document, allow, doc
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

HTTP_ACCESS_LOG_GROUP = "/aws/apigateway/pixmart-photos-http"
TRAIL = "pixmart-audit"
"""The account's trail: every region, management events only (no Lambda data events)."""
TRAIL_BUCKET = "pixmart-audit-logs"
CLOUDTRAIL = "cloudtrail.amazonaws.com"
FOREIGN_ROOT = f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"
SHOP_TILL = "203.0.113.7/32"
"""The one address the order queue accepts anonymous messages from (a shop's till)."""


@dataclass(frozen=True)
class BucketSpec:
    """A bucket: its base name (the account id is appended), policy and protections.

    `ownership` None leaves the bucket without ownership controls (ACLs enabled, as on a bucket
    made before April 2023); `tls_only` adds the Deny of plain HTTP to its policy.
    """

    base: str
    policy: Document | None = None
    block_public: bool = True
    kms: bool = False
    tags: Mapping[str, str] = field(default_factory=dict)
    ownership: str | None = "BucketOwnerEnforced"
    tls_only: bool = False


@dataclass(frozen=True)
class QueueSpec:
    """A queue with an optional access policy and dead-letter queue."""

    name: str
    policy: Document | None = None
    dead_letter: str | None = None


@dataclass(frozen=True)
class TopicSpec:
    """A topic with an optional access policy."""

    name: str
    policy: Document | None = None


def _grant(principal: object, actions: str | list[str], resource: str, **extra: object) -> dict:
    return {**allow(actions, resource, **extra), "Principal": principal}


def _from_service(service: str, actions: str, resource: str, source_arn: str) -> dict:
    condition = {"ArnLike": {"aws:SourceArn": source_arn}}
    return _grant({"Service": service}, actions, resource, Condition=condition)


def deny_plain_http(bucket: str) -> dict:
    """The statement AWS recommends: nobody may use the bucket over plain HTTP."""
    return {
        "Sid": "TlsOnly",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket, f"{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def buckets(a: Arns) -> tuple[BucketSpec, ...]:
    """Buckets: private uploads and invoices (TLS only), a public gallery with ACLs still
    enabled, cross-account reports, and the trail's logs (written by CloudTrail for this trail
    only)."""
    gallery = a.bucket("pixmart-public-gallery")
    reports = a.bucket("pixmart-reports")
    logs, trail = a.bucket(TRAIL_BUCKET), a.trail(TRAIL)
    return (
        BucketSpec("pixmart-uploads", kms=True, tags={"data": "user-content"}),
        BucketSpec(
            "pixmart-public-gallery",
            doc(_grant("*", "s3:GetObject", f"{gallery}/*", Sid="PublicRead")),
            block_public=False,
            tags={"data": "public"},
            ownership=None,
        ),
        BucketSpec(
            "pixmart-invoices",
            doc(deny_plain_http(a.bucket("pixmart-invoices"))),
            kms=True,
            tags={"data": "pii"},
            tls_only=True,
        ),
        BucketSpec(
            "pixmart-reports",
            doc(_grant({"AWS": FOREIGN_ROOT}, "s3:GetObject", f"{reports}/*", Sid="PartnerRead")),
            tags={"data": "confidential"},
        ),
        BucketSpec(
            TRAIL_BUCKET,
            doc(
                _from_service(CLOUDTRAIL, "s3:GetBucketAcl", logs, trail),
                _from_service(CLOUDTRAIL, "s3:PutObject", f"{logs}/AWSLogs/*", trail),
            ),
            tags={"data": "audit"},
        ),
    )


def queues(a: Arns) -> tuple[QueueSpec, ...]:
    """Queues: a partner-writable order queue (open to anyone from one address, too), S3-fed
    cleanup, a DLQ, a public outbox."""
    orders, cleanup, outbox = (
        a.queue("pixmart-orders"),
        a.queue("pixmart-cleanup"),
        a.queue("pixmart-partner-outbox"),
    )
    uploads = a.bucket("pixmart-uploads")
    partner = _grant({"AWS": FOREIGN_ROOT}, "sqs:SendMessage", orders, Sid="PartnerOrders")
    anyone = _grant("*", ["sqs:ReceiveMessage", "sqs:DeleteMessage"], outbox, Sid="AnyoneReads")
    fanout = _from_service(
        "sns.amazonaws.com", "sqs:SendMessage", outbox, a.topic("pixmart-order-events")
    )
    till = _grant("*", "sqs:SendMessage", orders, Sid="ShopTill",
                 Condition={"IpAddress": {"aws:SourceIp": SHOP_TILL}})  # fmt: skip
    return (
        QueueSpec("pixmart-dead-letters"),
        QueueSpec("pixmart-orders", doc(partner, till), dead_letter="pixmart-dead-letters"),
        QueueSpec(
            "pixmart-cleanup",
            doc(_from_service("s3.amazonaws.com", "sqs:SendMessage", cleanup, uploads)),
        ),
        QueueSpec("pixmart-partner-outbox", doc(anyone, fanout)),
    )


def topics(a: Arns) -> tuple[TopicSpec, ...]:
    """Topics: photo events, a publicly publishable order topic, S3-fed invoices (any principal
    of the account may publish too), alerts."""
    order_events, invoices, alerts = (
        a.topic("pixmart-order-events"),
        a.topic("pixmart-invoice-events"),
        a.topic("pixmart-alerts"),
    )
    public = _grant("*", "sns:Publish", order_events, Sid="AnyonePublishes")
    invoices_bucket = a.bucket("pixmart-invoices")
    from_s3 = _from_service("s3.amazonaws.com", "sns:Publish", invoices, invoices_bucket)
    own_account = {"StringEquals": {"aws:PrincipalAccount": a.account}}
    anyone_here = _grant("*", "sns:Publish", invoices, Sid="AnyoneHere", Condition=own_account)
    vendor = _grant({"AWS": FOREIGN_ROOT}, "sns:Subscribe", alerts, Sid="MonitoringVendor")
    return (
        TopicSpec("pixmart-photo-events"),
        TopicSpec("pixmart-order-events", doc(public)),
        TopicSpec("pixmart-invoice-events", doc(from_s3, anyone_here)),
        TopicSpec("pixmart-alerts", doc(vendor)),
    )


TABLES = {
    "pixmart-photos": True,
    "pixmart-orders": False,
    "pixmart-catalog": False,
    "pixmart-click-stats": False,
    "pixmart-users": False,
    "pixmart-audit": False,
}
"""Table name -> whether it has a stream."""

KINESIS_STREAMS = ("pixmart-clickstream",)
ORDERS_BUS = "pixmart-orders-bus"
