"""A hand-built estate of IAM principals with real escalation paths, for the Principals tab and
the user, group and "who can" details.

- `dev` is in group `deployers`, whose policy passes `admin-role` to Lambda: dev becomes it.
- `alice` may rewrite her own inline policy: she becomes the account's administrator.
- `key-thief` may create access keys for `root-like`, an admin-equivalent user.
- `reader` is in group `readers`, which may read the data bucket; `app-role` may write it.

`tables()` holds users' credential columns (keys, console password, MFA: `credentials()`); the
snapshot file gets them once the snapshot format declares them, else they are "not recorded".
"""

from __future__ import annotations

from pathlib import Path

from explorer.store.schema import all_columns, table_named
from explorer.store.writer import SnapshotWriter
from tests.tui.estate import ACCOUNT, META, REGION, fn, role

BUCKET = "arn:aws:s3:::data-bucket"
IAM = f"arn:aws:iam::{ACCOUNT}"
ADMIN = f"admin:{ACCOUNT}"


def user(name: str) -> str:
    return f"{IAM}:user/{name}"


def group(name: str) -> str:
    return f"{IAM}:group/{name}"


def _policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _allow(action: str | list[str], resource: str) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def _inline(name: str, *statements: dict) -> list[dict]:
    return [{"name": name, "document": _policy(*statements)}]


def _role(name: str, *statements: dict) -> dict:
    trust = _allow("sts:AssumeRole", "*") | {"Principal": {"Service": "lambda.amazonaws.com"}}
    policies = _inline(f"{name}-inline", *statements)
    return {"arn": role(name), "name": name, "path": "/", "trust_policy": _policy(trust),
            "attached_policy_arns": [], "inline_policies": policies}  # fmt: skip


def _user(name: str, groups: list[str], *statements: dict) -> dict:
    policies = _inline(f"{name}-policy", *statements) if statements else []
    return {"arn": user(name), "name": name, "groups": groups, "attached_policy_arns": [],
            "inline_policies": policies}  # fmt: skip


def _group(name: str, *statements: dict) -> dict:
    return {"arn": group(name), "name": name, "attached_policy_arns": [],
            "inline_policies": _inline(f"{name}-policy", *statements)}  # fmt: skip


KEYS = [
    {"id": "AKIADEVACTIVE0000001", "status": "Active", "created": "2025-03-01T10:00:00+00:00",
     "last_used": "2026-01-01T09:30:00+00:00", "last_used_service": "s3",
     "last_used_region": "us-east-1", "last_used_known": True},
    {"id": "AKIADEVOLD0000000002", "status": "Inactive", "created": "2024-01-01T10:00:00+00:00",
     "last_used": None, "last_used_service": None, "last_used_region": None,
     "last_used_known": True},
]  # fmt: skip
"""dev's keys: one active and used, one inactive and never used."""


def credentials() -> dict[str, dict]:
    """Credential columns per user: dev has keys and a console password without MFA; alice
    has none; the others' are not recorded (a failed read)."""
    return {
        user("dev"): {"access_keys": KEYS, "password_enabled": True, "mfa_active": False,
                      "password_last_used": "2025-12-24T08:00:00+00:00"},
        user("alice"): {"access_keys": [], "password_enabled": False, "mfa_active": False},
    }  # fmt: skip


def tables() -> dict[str, list[dict]]:
    deployer = _allow(["iam:PassRole"], role("admin-role"))
    create = _allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")
    found = {
        "functions": [{"arn": fn("app"), "name": "app", "region": REGION,
                       "runtime": "python3.12", "role_arn": role("app-role")}],
        "s3_buckets": [{"arn": BUCKET, "name": "data-bucket", "region": REGION}],
        "iam_roles": [
            _role("app-role", _allow("s3:PutObject", f"{BUCKET}/*")),
            _role("admin-role", _allow("*", "*")),
        ],
        "iam_groups": [
            _group("deployers", deployer, create),
            _group("readers", _allow("s3:GetObject", f"{BUCKET}/*")),
        ],
        "iam_users": [
            _user("dev", ["deployers"]),
            _user("alice", [], _allow("iam:PutUserPolicy", user("alice"))),
            _user("key-thief", [], _allow("iam:CreateAccessKey", user("root-like"))),
            _user("root-like", [], _allow("*", "*")),
            _user("reader", ["readers"]),
        ],
    }  # fmt: skip
    extra = credentials()
    found["iam_users"] = [row | extra.get(row["arn"], {}) for row in found["iam_users"]]
    return found


def declared(table: str, row: dict) -> dict:
    """The row's columns that the snapshot format has (credentials only once it declares them)."""
    columns = all_columns(table_named(table))
    return {key: value for key, value in row.items() if key in columns}


SNAPSHOT_META = {**META, "partial": False, "error_count": 0}


def write_principals(folder: Path, name: str = "principals.sqlite") -> Path:
    with SnapshotWriter(folder, out=folder / name) as writer:
        for table, rows in tables().items():
            writer.add(table, [declared(table, row) for row in rows])
        return writer.finish(SNAPSHOT_META, [])
