"""The demo's Lambda functions as data: runtime, role, environment, tags and intended outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.demo.naming import Arns

# Obviously fake values that secret detectors still flag (detect-secrets: Stripe Access Key,
# AWS Access Key, Base64 High Entropy String, Basic Auth Credentials, Slack Token, Keyword).
STRIPE_KEY = "sk_live_DEMOfakeKEYnotREAL000001"
AWS_KEY_ID = "AKIA2DEMO0NOT0REAL00"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
JWT_SECRET = "Zm9vYmFyLWRlbW8tb25seS1ub3QtYS1yZWFsLXNlY3JldA=="
DB_PASSWORD = "Pr0d-Passw0rd-demo!"
DATABASE_URL = "postgres://pixmart:S3cr3t-Demo-Passw0rd@orders-db.pixmart.internal:5432/orders"
SLACK_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
SEEDED_SECRETS = (
    STRIPE_KEY,
    AWS_KEY_ID,
    AWS_SECRET,
    JWT_SECRET,
    DB_PASSWORD,
    DATABASE_URL,
    SLACK_WEBHOOK,
)

CLIENT_ID = "4q9kr2ma1t7h3vb8c0dx5e6f2g"
"""A Cognito app client id: shaped like a random string, yet an identifier, not a secret."""


def secret_references(a: Arns) -> dict[str, str]:
    """Variables that name a secret or an id, and that no finding may call a secret (issue 13:
    each was reported on an outside estate): two functions share them, so no shared secret
    either."""
    return {
        "USER_POOL_CLIENT_ID": CLIENT_ID,
        "SECRET_NAME": "pixmart/orders-db",
        "DB_SECRET_ARN": a.secret("pixmart/orders-db-Ab12Cd"),
    }


HOSTILE_TEXT = "[bold red]pwned[/] \x1b[2J"
"""Rich markup and a clear-screen escape: must be shown literally, never interpreted."""

LAYER_NAME = "pixmart-imagemagick"
COMMON_TAGS = {"app": "pixmart", "env": "prod"}


@dataclass(frozen=True)
class FunctionSpec:
    """One function. `outputs` lists the resources it is meant to write (by its role)."""

    name: str
    runtime: str
    role: str
    description: str
    env: Mapping[str, str] = field(default_factory=dict)
    outputs: tuple[str, ...] = ()
    tracing: str = "Active"
    layers: tuple[str, ...] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    log_retention: int | None = 30
    reserved_concurrency: int | None = None
    """None: no reservation (the account's unreserved pool); the demo sets one on the upload
    API (a public route that is capped) and a low one on the payment webhook."""


def functions(a: Arns) -> tuple[FunctionSpec, ...]:
    """Every function of the demo (roles must exist first)."""
    return (*_photo_functions(a), *_shop_functions(a), *_order_functions(a), *_ops_functions(a))


def _photo_functions(a: Arns) -> tuple[FunctionSpec, ...]:
    """The photo chain: anonymous upload -> ... -> publicly readable gallery."""
    uploads, gallery = a.bucket_name("pixmart-uploads"), a.bucket_name("pixmart-public-gallery")
    return (
        FunctionSpec(
            "pixmart-upload-api",
            "python3.12",
            "pixmart-upload-api-role",
            "Receives photo uploads (HTTP API, no auth)",
            env={"LOG_LEVEL": "info", "BUCKET_NAME": uploads},
            outputs=(a.bucket("pixmart-uploads"),),
            reserved_concurrency=100,
        ),
        FunctionSpec(
            "pixmart-my-photos",
            "python3.12",
            "pixmart-readonly-role",
            "Lists the signed-in user's photos (JWT)",
            env={"LOG_LEVEL": "info", "TABLE_NAME": "pixmart-photos"},
            log_retention=None,
        ),
        FunctionSpec(
            "pixmart-thumbnailer",
            "python3.7",
            "pixmart-thumbnailer-role",
            "Makes thumbnails of new uploads",
            env={"LOG_LEVEL": "info", "TABLE_NAME": "pixmart-photos", "SOURCE_BUCKET": uploads},
            outputs=(a.table("pixmart-photos"),),
            layers=(LAYER_NAME,),
            log_retention=14,
        ),
        FunctionSpec(
            "pixmart-photo-indexer",
            "python3.12",
            "pixmart-indexer-role",
            "Indexes photo records and announces them",
            env={"LOG_LEVEL": "info", "TOPIC_ARN": a.topic("pixmart-photo-events")},
            outputs=(a.topic("pixmart-photo-events"),),
        ),
        FunctionSpec(
            "pixmart-gallery-publisher",
            "nodejs22.x",
            "pixmart-gallery-role",
            "Copies approved photos to the public gallery",
            env={"LOG_LEVEL": "info", "GALLERY_BUCKET": gallery},
            outputs=(a.bucket("pixmart-public-gallery"),),
            tracing="PassThrough",
            log_retention=None,
        ),
    )


def _shop_functions(a: Arns) -> tuple[FunctionSpec, ...]:
    """The shop's REST API handlers, its authorizer and the tracking pixel."""
    return (
        FunctionSpec(
            "pixmart-create-order",
            "python3.12",
            "pixmart-shop-role",
            "Takes an order from a signed-in customer",
            env={"LOG_LEVEL": "info", "QUEUE_NAME": "pixmart-orders", **secret_references(a)},
            outputs=(a.queue("pixmart-orders"), a.bus("pixmart-orders-bus")),
        ),
        FunctionSpec(
            "pixmart-catalog",
            "nodejs12.x",
            "pixmart-readonly-role",
            f"Print catalog {HOSTILE_TEXT}",
            env={"LOG_LEVEL": "info", "TABLE_NAME": "pixmart-catalog", **secret_references(a)},
            tracing="PassThrough",
            tags={"owner": f"storefront {HOSTILE_TEXT}"},
            log_retention=None,
        ),
        FunctionSpec(
            "pixmart-payment-webhook",
            "python3.12",
            "pixmart-payments-role",
            "Payment provider webhook (API key only)",
            env={"STRIPE_SECRET_KEY": STRIPE_KEY, "DB_PASSWORD": DB_PASSWORD},
            outputs=(a.table("pixmart-orders"),),
            log_retention=None,
            reserved_concurrency=2,
        ),
        FunctionSpec(
            "pixmart-reports",
            "python3.12",
            "pixmart-readonly-role",
            "Serves sales reports to admins",
            env={"LOG_LEVEL": "info", "REPORTS_BUCKET": a.bucket_name("pixmart-reports")},
        ),
        FunctionSpec(
            "pixmart-authorizer",
            "python3.12",
            "pixmart-authorizer-role",
            "Token authorizer for the admin routes",
            env={"JWT_SECRET": JWT_SECRET},
        ),
        FunctionSpec(
            "pixmart-track",
            "nodejs22.x",
            "pixmart-tracker-role",
            "Tracking pixel behind a public function URL",
            env={"LOG_LEVEL": "warn", "STREAM_NAME": "pixmart-clickstream"},
            outputs=(a.kinesis("pixmart-clickstream"),),
            tracing="PassThrough",
            log_retention=None,
        ),
    )


def _order_functions(a: Arns) -> tuple[FunctionSpec, ...]:
    """Order processing: queue worker, state machine tasks, receipts, invoices."""
    return (
        FunctionSpec(
            "pixmart-order-worker",
            "python3.12",
            "pixmart-order-worker-role",
            "Drains the order queue and starts fulfilment",
            env={"TABLE_NAME": "pixmart-orders", "STATE_MACHINE": "pixmart-fulfilment"},
            outputs=(a.table("pixmart-orders"), a.state_machine("pixmart-fulfilment")),
        ),
        FunctionSpec(
            "pixmart-charge-card",
            "python3.12",
            "pixmart-payments-role",
            "Charges the card (fulfilment step 1)",
            env={"STRIPE_SECRET_KEY": STRIPE_KEY, "DATABASE_URL": DATABASE_URL},
            outputs=(a.table("pixmart-orders"), a.bucket("pixmart-invoices")),
            log_retention=None,
        ),
        FunctionSpec(
            "pixmart-print-order",
            "python3.12",
            "pixmart-print-role",
            "Sends the order to the print lab (fulfilment step 2)",
            env={"TOPIC_ARN": a.topic("pixmart-order-events")},
            outputs=(a.topic("pixmart-order-events"),),
        ),
        FunctionSpec(
            "pixmart-send-receipt",
            "python3.12",
            "pixmart-receipt-role",
            "E-mails a receipt when an order is placed",
            env={"LEGACY_AWS_KEY_ID": AWS_KEY_ID, "LEGACY_AWS_SECRET": AWS_SECRET},
        ),
        FunctionSpec(
            "pixmart-invoice-mailer",
            "python3.12",
            "pixmart-mailer-role",
            "Mails new invoices",
            env={"LOG_LEVEL": "info", "INVOICE_BUCKET": a.bucket_name("pixmart-invoices")},
        ),
        FunctionSpec(
            "pixmart-audit-trail",
            "python3.12",
            "pixmart-audit-role",
            "Records pipeline and order events",
            env={"TABLE_NAME": "pixmart-audit"},
            outputs=(a.table("pixmart-audit"),),
        ),
    )


def _ops_functions(a: Arns) -> tuple[FunctionSpec, ...]:
    """Back-office: reports, click stats, admin tool, sign-up guard, log watcher, cleanup."""
    return (
        FunctionSpec(
            "pixmart-nightly-report",
            "python3.12",
            "pixmart-admin-role",
            "Builds the nightly sales report",
            env={"REPORTS_BUCKET": a.bucket_name("pixmart-reports")},
            outputs=(a.bucket("pixmart-reports"),),
        ),
        FunctionSpec(
            "pixmart-click-aggregator",
            "python3.12",
            "pixmart-clicks-role",
            "Aggregates the click stream",
            env={"TABLE_NAME": "pixmart-click-stats"},
            outputs=(a.table("pixmart-click-stats"),),
        ),
        FunctionSpec(
            "pixmart-admin-tools",
            "python3.12",
            "pixmart-deployer-role",
            "Ops self-service (IAM-auth function URL)",
            env={"LOG_LEVEL": "debug", "SLACK_WEBHOOK_URL": SLACK_WEBHOOK},
        ),
        FunctionSpec(
            "pixmart-signup-guard",
            "python3.12",
            "pixmart-signup-role",
            "Cognito pre-sign-up and post-confirmation checks",
            env={"TABLE_NAME": "pixmart-users"},
            outputs=(a.table("pixmart-users"),),
        ),
        FunctionSpec(
            "pixmart-log-watcher",
            "python3.12",
            "pixmart-ops-role",
            "Raises alerts on payment errors",
            env={"ALERTS_TOPIC": a.topic("pixmart-alerts")},
            outputs=(a.topic("pixmart-alerts"),),
            log_retention=None,
        ),
        FunctionSpec(
            "pixmart-cleanup-worker",
            "python3.12",
            "pixmart-cleanup-role",
            "Removes derived objects when an upload is deleted",
            env={"LOG_LEVEL": "info"},
            outputs=(a.bucket("pixmart-uploads"), a.bucket("pixmart-public-gallery")),
        ),
    )
