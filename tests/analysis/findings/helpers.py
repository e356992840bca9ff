"""Hand-built estates for the findings tests: a few rows per scenario, graphs built for real."""

from __future__ import annotations

from datetime import date
from typing import Any

from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate
from explorer.analysis.findings import Finding, find_all
from explorer.analysis.findings.runtime_lifecycle import RuntimeData
from tests.analysis.builders import ACCOUNT, bucket, fn, queue, role

DAY = date(2026, 11, 1)
REGION = "us-east-1"
FOREIGN = "999988887777"

__all__ = ["ACCOUNT", "FOREIGN", "bucket", "fn", "queue", "role"]


def estate(*, errors: list | None = None, meta: dict | None = None, **tables: list) -> Estate:
    base = {"account": ACCOUNT, "partition": "aws", "finished": "2026-11-01T00:00:00+00:00"}
    return Estate(meta={**base, **(meta or {})}, tables=tables, errors=errors or [])


def function(name: str, **extra: Any) -> dict:
    """A `functions` row that raises no finding of its own unless `extra` says so."""
    return {
        "arn": fn(name),
        "name": name,
        "region": REGION,
        "runtime": "python3.13",
        "role_arn": role(f"{name}-role"),
        "tracing_mode": "Active",
        "layers": [],
        "environment": {},
        "dead_letter_target": None,
        "log_group": f"/aws/lambda/{name}",
        **extra,
    }


def log_group(name: str, retention: int | None = 14) -> dict:
    arn = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{name}"
    return {"arn": arn, "name": name, "region": REGION, "retention_days": retention}


def secret(fingerprint: str = "fp-1", detectors: tuple = (), length: int = 24) -> dict:
    """A redaction record as the crawler writes it."""
    return {"redacted": True, "length": length, "detectors": list(detectors),
            "fingerprint": fingerprint}  # fmt: skip


def document(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **extra: Any) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def iam_role(name: str, *statements: dict, trust: dict | None = None, **extra: Any) -> dict:
    inline = [{"name": "inline", "document": document(*statements)}] if statements else []
    return {"arn": role(name), "name": name, "path": "/", "inline_policies": inline,
            "attached_policy_arns": [], "boundary_arn": None, "trust_policy": trust,
            **extra}  # fmt: skip


def error(service: str, operation: str, code: str = "AccessDenied", **extra: Any) -> dict:
    return {"service": service, "operation": operation, "code": code, "region": REGION,
            "message": "User is not authorized", "resource": None, **extra}  # fmt: skip


def run(
    est: Estate, inputs: dict | None = None, runtimes: RuntimeData | None = None
) -> list[Finding]:
    return find_all(est, build_graph(est), inputs=inputs, today=DAY, runtimes=runtimes)


def of(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]
