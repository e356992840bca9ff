"""Handlers for users' credentials and what runs as a role outside Lambda: the IAM credential
report and access keys, CloudFormation stacks, Glue development endpoints and EC2 instances.

A user's credentials are derived from its name (a stable hash), so the report and the keys agree
whatever users the account holds: about a third of the users have no key, a third one, a third
two (the older one inactive); some have a console password, some MFA, some keys were used. The
regional lists answer empty: the synthetic account runs nothing outside Lambda.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
from datetime import datetime, timedelta
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import RegionData, SyntheticAccount
from benchmarks.synthetic.registry import Answer, Paged, Params, handles, not_found

Account, Data = SyntheticAccount, RegionData

REPORT_COLUMNS = [
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
    "password_last_changed", "password_next_rotation", "mfa_active",
    *(f"access_key_{n}_{c}" for n in (1, 2) for c in (
        "active", "last_rotated", "last_used_date", "last_used_region", "last_used_service")),
    "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
]  # fmt: skip
"""The report's columns, in the order the IAM User Guide documents them."""


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _digest(user: dict[str, Any], purpose: str) -> bytes:
    """Stable bytes for one choice about a user (`keys`, `login`)."""
    return hashlib.sha256(f"{purpose}:{user.get('UserName')}".encode()).digest()


def _created(user: dict[str, Any]) -> datetime:
    made = user.get("CreateDate")
    return made if isinstance(made, datetime) else shapes.EPOCH


def access_keys(user: dict[str, Any]) -> list[dict[str, Any]]:
    """The user's keys as `ListAccessKeys` lists them (0-2, the older one inactive if two)."""
    digest, made = _digest(user, "keys"), _created(user)
    count = digest[0] % 3
    return [
        {
            "UserName": user.get("UserName"),
            "AccessKeyId": "AKIA" + base64.b32encode(digest[n * 10 : n * 10 + 10]).decode()[:16],
            "Status": "Inactive" if count == 2 and n == 0 else "Active",
            "CreateDate": made + timedelta(days=30 * (n + 1), seconds=n),
        }
        for n in range(count)
    ]


def _slots(user: dict[str, Any]) -> dict[str, str]:
    """The report's key columns: each listed key in its slot, the active ones used."""
    row: dict[str, str] = {}
    for n, key in enumerate(access_keys(user), start=1):
        used = key["Status"] == "Active" and _digest(user, "keys")[2] % 2 == 0
        row.update({
            f"access_key_{n}_active": "true" if key["Status"] == "Active" else "false",
            f"access_key_{n}_last_rotated": _when(key["CreateDate"]),
            f"access_key_{n}_last_used_date": _when(key["CreateDate"] + timedelta(days=3))
            if used else "N/A",
            f"access_key_{n}_last_used_region": "us-east-1" if used else "N/A",
            f"access_key_{n}_last_used_service": "lambda" if used else "N/A",
        })  # fmt: skip
    return row


def report_row(user: dict[str, Any]) -> dict[str, str]:
    """The user's row of the credential report."""
    digest, made = _digest(user, "login"), _created(user)
    password = digest[1] % 2 == 0
    return {
        "user": str(user.get("UserName")),
        "arn": str(user.get("Arn")),
        "user_creation_time": _when(made),
        "password_enabled": "true" if password else "false",
        "password_last_used": _when(made + timedelta(days=7)) if password else "N/A",
        "mfa_active": "true" if password and digest[3] % 2 == 0 else "false",
        **_slots(user),
    }


def credential_report(account: Account) -> bytes:
    """The whole report as CSV: the root user's row, then every user's."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REPORT_COLUMNS, restval="N/A", lineterminator="\n")
    writer.writeheader()
    root = f"arn:{account.partition}:iam::{account.account}:root"
    writer.writerow({"user": "<root_account>", "arn": root, "mfa_active": "true"})
    writer.writerows(report_row(user) for user in account.users)
    return out.getvalue().encode()


@handles("iam", "GenerateCredentialReport")
def _generate_report(account: Account, data: Data, params: Params) -> Answer:
    return {"State": "COMPLETE"}


@handles("iam", "GetCredentialReport")
def _report(account: Account, data: Data, params: Params) -> Answer:
    content = credential_report(account)
    return {"Content": content, "ReportFormat": "text/csv", "GeneratedTime": shapes.EPOCH}


@handles("iam", "ListAccessKeys")
def _access_keys(account: Account, data: Data, params: Params) -> Answer:
    user = next((u for u in account.users if u.get("UserName") == params["UserName"]), None)
    if user is None:
        return not_found(params["UserName"], code="NoSuchEntity")
    return Paged({"AccessKeyMetadata": access_keys(user)}, size=100)


# -- what runs as a role outside Lambda: nothing in the synthetic account ---------------------


@handles("cloudformation", "DescribeStacks")
def _stacks(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Stacks": []})


@handles("glue", "GetDevEndpoints")
def _dev_endpoints(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"DevEndpoints": []})


@handles("ec2", "DescribeInstances")
def _instances(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Reservations": []})
