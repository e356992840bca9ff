"""What AWS guarantees beyond the output shapes of the reads about principals and what runs as
them: users' credentials (the credential report, access keys), CloudFormation stacks, Glue
development endpoints and EC2 instances. Each `fix` edits a drawn response in place."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from tests.crawl.shapes.model import Call, Landing, call_key, rows
from tests.crawl.shapes.realism import arn
from tests.crawl.shapes.shapes import TIMESTAMPS

# -- IAM: the credential report and access keys -----------------------------------------------

REPORT_HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
)
"""The report's columns, in the order the IAM User Guide documents them."""
REPORT_COLUMNS = REPORT_HEADER.split(",")

ROOT_ROW = {"user": "<root_account>", "arn": "arn:aws:iam::123456789012:root"}

WHEN = TIMESTAMPS.map(lambda t: t.strftime("%Y-%m-%dT%H:%M:%S+00:00"))
"""A time as the report writes it (UTC, to the second)."""


def report_state(call: Call) -> None:
    """The report is ready: AWS serves one younger than four hours at once (waiting for one
    being built is tested against moto, which answers STARTED first)."""
    call.response["State"] = "COMPLETE"


def _keys_key(user: str) -> str:
    return call_key("iam", "ListAccessKeys", {"UserName": user}, None)


def access_keys(call: Call) -> None:
    """Keys of the user asked for, with unique ids and a creation time (the model marks every
    member optional; AWS always sends them), each made in a second of its own (two
    CreateAccessKey calls nearly always are; keys of one second are tested against moto)."""
    user = call.params["UserName"]
    for item in call.items("AccessKeyMetadata"):
        made = item.get("CreateDate") or call.draw(TIMESTAMPS)
        day = made.replace(hour=0, minute=0, second=0)
        item.update(UserName=user, AccessKeyId=f"AKIA{call.world.next():016d}")
        item["CreateDate"] = day + timedelta(seconds=call.world.next())
        call.world.memo.setdefault("keys", {}).setdefault(user, []).append(item)


def _has_key(key: dict[str, Any], **entry: Any) -> Callable[[Any], bool]:
    wanted = {"id": key["AccessKeyId"], **entry}
    return lambda keys: (
        isinstance(keys, list) and any(all(k.get(c) == v for c, v in wanted.items()) for k in keys)
    )


def access_key_lands(call: Call) -> list[Landing]:
    """Each listed key is in its user's `access_keys` (all of them, or unknown if a page failed)."""
    user = call.params["UserName"]
    owner = call.world.memo["users"][user]
    return [
        Landing("iam_users", {"arn": owner, "access_keys": _has_key(k, status=k.get("Status"))},
                lost_if_failed=(_keys_key(user),))
        for k in call.items("AccessKeyMetadata")
    ]  # fmt: skip


def _slot(call: Call, n: int, key: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Report columns of key slot `n`, and the `access_keys` entry they should give the key."""
    used = call.draw(st.one_of(st.just("N/A"), WHEN))
    service, region = ("N/A", "N/A") if used == "N/A" else ("s3", "eu-west-1")
    columns = {
        f"access_key_{n}_active": "true" if key.get("Status") == "Active" else "false",
        f"access_key_{n}_last_rotated": key["CreateDate"].strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        f"access_key_{n}_last_used_date": used,
        f"access_key_{n}_last_used_region": region,
        f"access_key_{n}_last_used_service": service,
    }
    known = {"last_used": None, "last_used_region": None, "last_used_service": None}
    if used != "N/A":
        known = {"last_used": used, "last_used_region": region, "last_used_service": service}
    return columns, {**known, "last_used_known": True}


def _user_row(call: Call, user: str, owner: str) -> dict[str, str]:
    password = call.draw(st.booleans())
    row = {
        "user": user, "arn": owner, "user_creation_time": call.draw(WHEN),
        "password_enabled": "true" if password else "false",
        "password_last_used": call.draw(WHEN) if password else "N/A",
        "mfa_active": call.draw(st.sampled_from(["true", "false"])),
    }  # fmt: skip
    expected = {
        "arn": owner, "password_enabled": password, "mfa_active": row["mfa_active"] == "true",
        "password_last_used": row["password_last_used"] if password else None,
    }  # fmt: skip
    call.world.memo.setdefault("report lands", []).append(Landing("iam_users", expected))
    for n, key in enumerate(call.world.memo.get("keys", {}).get(user, [])[:2], start=1):
        columns, entry = _slot(call, n, key)
        row.update(columns)
        found = _has_key(key, **entry)
        landing = Landing("iam_users", {"arn": owner, "access_keys": found},
                          lost_if_failed=(_keys_key(user),))  # fmt: skip
        call.world.memo["report lands"].append(landing)
    return row


def report(call: Call) -> None:
    """A CSV report of every user read (and the root user), key slots matching listed keys."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REPORT_COLUMNS, restval="N/A", lineterminator="\n")
    writer.writeheader()
    writer.writerow(ROOT_ROW)
    call.world.memo["report lands"] = []
    for user, owner in call.world.memo.get("users", {}).items():
        writer.writerow(_user_row(call, user, owner))
    call.response.update(Content=out.getvalue().encode(), ReportFormat="text/csv")


def report_lands(call: Call) -> list[Landing]:
    return list(call.world.memo.get("report lands", []))


# -- CloudFormation, Glue, EC2 ----------------------------------------------------------------


def stacks(call: Call) -> None:
    """Unique stack names; the id is the stack's ARN, which carries a UUID."""
    for item in call.items("Stacks"):
        item["StackName"] = name = call.name()
        uuid = f"{call.world.next():08x}-0000-4000-8000-{call.world.next():012x}"
        item["StackId"] = arn("cloudformation", f"stack/{name}/{uuid}")


def dev_endpoints(call: Call) -> None:
    for item in call.items("DevEndpoints"):
        item["EndpointName"] = call.name()


def instances(call: Call) -> None:
    for reservation in call.items("Reservations"):
        for item in reservation.get("Instances") or []:
            item["InstanceId"] = f"i-{call.world.next():017x}"


def instance_lands(call: Call) -> list[Landing]:
    return [
        Landing("ec2_instances", {"instance_id": i["InstanceId"]})
        for r in call.items("Reservations")
        for i in r.get("Instances") or []
    ]


stack_lands = rows("cloudformation_stacks", "Stacks", arn="StackId")
endpoint_lands = rows("glue_dev_endpoints", "DevEndpoints", name="EndpointName")
