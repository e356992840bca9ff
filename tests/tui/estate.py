"""A small hand-built snapshot, the same on every run: for pilot tests and SVG snapshots.

The demo's API ids, URLs and timestamps are random per deploy (moto), so SVG baselines are
taken here instead. It holds one of each thing the app shows: an anonymous route, a
cross-account queue, a schedule, an admin role, a secret-like variable, a coverage gap, and
names, descriptions, tags, an environment variable name and a policy Sid full of markup and
escape sequences.
"""

from __future__ import annotations

from pathlib import Path

from explorer.schema.records import CallError
from explorer.store.writer import SnapshotWriter

ACCOUNT = "123456789012"
REGION = "us-east-1"
HOSTILE = "[bold red]x[/] \x1b[2J"
"""Markup and an escape sequence that clears the screen if obeyed."""
HOSTILE_NAME = "[bold red]evil[/]\x1b[31m"
HOSTILE_KEY = "[b]KEY[/b]\x1b]0;pwned\x07"
"""An environment variable name with markup and a title-setting escape sequence."""


def fn(name: str) -> str:
    return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"


def role(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:role/{name}"


QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/orders-table"
ROUTE = f"arn:aws:execute-api:{REGION}:{ACCOUNT}:api1/*/POST/orders"
RULE = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/nightly"
FOREIGN = "999988887777"


def _policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _role(name: str, *statements: dict) -> dict:
    trust = _policy(
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    )
    return {
        "arn": role(name),
        "name": name,
        "path": "/",
        "trust_policy": trust,
        "boundary_arn": None,
        "attached_policy_arns": [],
        "inline_policies": [{"name": f"{name}-inline", "document": _policy(*statements)}],
        "tags": {"team": HOSTILE},
    }


def _function(name: str, role_name: str, runtime: str = "python3.12", **extra) -> dict:
    return {
        "arn": fn(name),
        "name": name,
        "region": REGION,
        "runtime": runtime,
        "role_arn": role(role_name),
        "handler": "app.handler",
        "timeout": 30,
        "memory": 256,
        "tracing_mode": "PassThrough",
        "layers": [],
        "env_keys": [],
        "environment": {},
        "package_type": "Zip",
        "architectures": ["x86_64"],
        "log_group": f"/aws/lambda/{name}",
        **extra,
    }


def _secret(length: int, fingerprint: str, detectors: list[str]) -> dict:
    return {"redacted": True, "length": length, "fingerprint": fingerprint, "detectors": detectors}


def tables() -> dict[str, list[dict]]:
    env = {
        "DB_PASSWORD": _secret(24, "f1f1f1", ["Secret Keyword"]),
        "API_URL": _secret(30, "a2a2a2", []),
    }
    return {
        "functions": [
            _function(
                "shop-api",
                "shop-role",
                description=f"Takes orders {HOSTILE}",
                env_keys=sorted(env),
                environment=env,
            ),
            _function("order-worker", "worker-role", runtime="nodejs12.x"),
            _function("nightly", "admin-role"),
            _function(
                HOSTILE_NAME,
                "worker-role",
                description=HOSTILE,
                env_keys=[HOSTILE_KEY],
                environment={HOSTILE_KEY: _secret(8, "b3b3b3", [])},
            ),
        ],
        "iam_roles": [
            _role("shop-role", {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": QUEUE}),
            _role(
                "worker-role",
                {"Effect": "Allow", "Action": ["sqs:ReceiveMessage"], "Resource": QUEUE},
                {
                    "Sid": HOSTILE,
                    "Effect": "Allow",
                    "Action": "dynamodb:PutItem",
                    "Resource": TABLE,
                },
            ),
            _role("admin-role", {"Effect": "Allow", "Action": "*", "Resource": "*"}),
        ],
        "http_apis": [
            {
                "arn": f"arn:aws:apigateway:{REGION}::/apis/api1",
                "id": "api1",
                "name": "shop-http",
                "region": REGION,
                "protocol_type": "HTTP",
            }
        ],
        "http_routes": [
            {
                "arn": ROUTE,
                "api_id": "api1",
                "region": REGION,
                "api_arn": f"arn:aws:apigateway:{REGION}::/apis/api1",
                "protocol_type": "HTTP",
                "route_id": "r1",
                "route_key": "POST /orders",
                "authorization_type": "NONE",
                "api_key_required": False,
                "integration_type": "AWS_PROXY",
                "function_arn": fn("shop-api"),
            }
        ],
        "sqs_queues": [
            {
                "arn": QUEUE,
                "name": "orders",
                "region": REGION,
                "url": f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/orders",
                "policy": _policy(
                    {
                        "Sid": "Partner",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{FOREIGN}:root"},
                        "Action": "sqs:SendMessage",
                        "Resource": QUEUE,
                    }
                ),
            }
        ],
        "dynamodb_tables": [
            {
                "arn": TABLE,
                "name": "orders-table",
                "region": REGION,
                "status": "ACTIVE",
                "stream_enabled": False,
            }
        ],
        "event_source_mappings": [
            {
                "uuid": "esm-1",
                "function_arn": fn("order-worker"),
                "event_source_arn": QUEUE,
                "region": REGION,
                "state": "Enabled",
                "batch_size": 10,
            }
        ],
        "event_rules": [
            {
                "arn": RULE,
                "name": "nightly",
                "region": REGION,
                "bus_name": "default",
                "schedule_expression": "cron(0 2 * * ? *)",
                "state": "ENABLED",
                "description": HOSTILE,
            }
        ],
        "event_targets": [
            {"rule_arn": RULE, "target_id": "t1", "target_arn": fn("nightly"), "region": REGION}
        ],
        "resource_tags": [
            {"arn": fn("shop-api"), "region": REGION, "tags": {"owner": HOSTILE, "app": "shop"}}
        ],
    }


META = {
    "account": ACCOUNT,
    "partition": "aws",
    "regions": [REGION],
    "caller_arn": f"arn:aws:sts::{ACCOUNT}:user/test",
    "started": "2026-01-02T03:04:00+00:00",
    "finished": "2026-01-02T03:05:00+00:00",
    "partial": True,
    "error_count": 1,
    "secret_values_kept": False,
}


def write_mini(
    folder: Path, name: str = "mini.sqlite", failed_call: bool = True, **meta: object
) -> Path:
    """Write the mini snapshot to `folder/name` (meta keys overridden by `meta`) and return its
    path."""
    with SnapshotWriter(folder, out=folder / name) as writer:
        for table, rows in tables().items():
            writer.add(table, rows)
        if failed_call:
            writer.error(
                CallError(
                    "s3",
                    REGION,
                    "GetBucketPolicy",
                    "AccessDenied",
                    "not authorized to read the policy",
                    "arn:aws:s3:::hidden",
                )
            )
        return writer.finish({**META, **meta}, [])
