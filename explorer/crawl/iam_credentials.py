"""IAM users' credentials: console password, MFA and access keys (ids, status, last use).

The credential report is one bulk read for every user: `GenerateCredentialReport` starts it,
the users' keys are listed (`ListAccessKeys`, one call per user: the report names key *slots*,
not key ids) while AWS builds it, then the crawler asks again, with a bounded wait, until it is
COMPLETE, and reads it once (`GetCredentialReport`: CSV, base64 in `Content`). A report slot
is matched to a key by its creation time (`access_key_N_last_rotated`).

Source: AWS IAM User Guide, "Getting credential reports for your AWS account" (the report's
columns, and that a report younger than four hours is served again rather than rebuilt).
Anything unknown stays None: a failed call, a user the report lacks (created after it was
built), a slot no key matches. The report is account data: it is parsed defensively.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import iso_time

POLL_DELAYS = (0.5, 1.0, 2.0, 2.0, 4.0, 4.0, 4.0)
"""Seconds between asks while the report is being built (17.5 s at most): a report of a few
thousand users takes seconds; past this the read says `ReportInProgress`, a recorded gap."""

BUILDING = frozenset({"STARTED", "INPROGRESS"})
"""`GenerateCredentialReport` states worth waiting for (any other: try to read the report)."""

NOT_A_VALUE = frozenset({"", "N/A", "not_supported", "no_information"})
"""What the report writes where it has no value (never used, no password, no key)."""

ROOT = "<root_account>"
"""The report's row for the account's root user, which is no IAM user."""


class UnreadableReport(ValueError):
    """The credential report is not the CSV AWS documents (recorded as a failed read)."""


class UserNotInReport(LookupError):
    """A user the report does not list (created after it was built): credentials unknown."""


def start_report(ctx: CrawlContext, client: Any) -> str | None:
    """Ask AWS to build the report (or confirm it is built); its state, None when the ask failed."""
    response = ctx.call(client, "generate_credential_report")
    return None if response is None else str(response.get("State"))


def wait_for_report(
    ctx: CrawlContext, client: Any, state: str | None, delays: Iterable[float] = POLL_DELAYS
) -> None:
    """Ask again while the report is being built, pausing between asks, for a bounded time.

    The first ask again comes at once: listing the keys took a while already."""
    pauses = iter(delays)
    while state in BUILDING:
        state = start_report(ctx, client)
        pause = next(pauses, None)
        if state not in BUILDING or pause is None:
            return
        ctx.stop.wait(pause)


def read_report(ctx: CrawlContext, client: Any) -> dict[str, dict[str, Any]] | None:
    """The report's rows by user ARN; None when it could not be read (a recorded gap)."""
    response = ctx.call(client, "get_credential_report")
    if response is None:
        return None
    try:
        return parse_report(response.get("Content"), response.get("ReportFormat"))
    except UnreadableReport as exc:
        ctx.record(client, "get_credential_report", exc)
        return None


def parse_report(content: Any, report_format: Any = "text/csv") -> dict[str, dict[str, Any]]:
    """Rows of the CSV by user ARN (the root user's row left out), or UnreadableReport."""
    if report_format not in (None, "text/csv"):
        raise UnreadableReport(f"the credential report is in format {report_format!r}, not CSV")
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    if not isinstance(content, bytes | bytearray):
        raise UnreadableReport("the credential report has no content")
    text = bytes(content).decode("utf-8", errors="replace")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        rows = list(reader)
    except csv.Error as exc:
        raise UnreadableReport(f"the credential report is not readable CSV ({exc})") from exc
    if not {"user", "arn"} <= set(reader.fieldnames or ()):
        raise UnreadableReport("the credential report lacks its user and arn columns")
    return {
        row["arn"]: row for row in rows if isinstance(row.get("arn"), str) and row["user"] != ROOT
    }


def list_access_keys(ctx: CrawlContext, client: Any, user: dict[str, Any]) -> list[Any] | None:
    """One user's access keys across Marker pages; None (unknown) when the list failed."""
    name, arn = user.get("UserName"), user.get("Arn")
    return ctx.read_whole(client, "list_access_keys", "AccessKeyMetadata", arn, UserName=name)


def access_keys(
    ctx: CrawlContext, client: Any, users: list[dict[str, Any]]
) -> dict[str, list[Any] | None]:
    """Every user's keys by user ARN, listed concurrently."""
    found: dict[str, list[Any] | None] = {}

    def one(user: dict[str, Any]) -> None:
        found[user["Arn"]] = list_access_keys(ctx, client, user)

    ctx.map(one, [u for u in users if u.get("UserName") and u.get("Arn")])
    return found


@dataclass(frozen=True)
class Slot:
    """One access key slot of a report row: when its key was made, and its last use."""

    created: str | None
    active: bool | None
    usage: tuple[str | None, str | None, str | None]
    """(last used, service, region); each None where the report has no value."""


def _value(row: dict[str, Any], column: str) -> str | None:
    value = row.get(column)
    return value.strip() if isinstance(value, str) and value.strip() not in NOT_A_VALUE else None


def flag(row: dict[str, Any] | None, column: str) -> bool | None:
    """A `true`/`false` column as a bool; None for anything else (or no row)."""
    value = _value(row, column) if row is not None else None
    return {"true": True, "false": False}.get((value or "").lower())


def slots(row: dict[str, Any]) -> list[Slot]:
    """The report row's two access key slots."""
    return [
        Slot(
            created=iso_time(_value(row, f"access_key_{n}_last_rotated")),
            active=flag(row, f"access_key_{n}_active"),
            usage=(
                iso_time(_value(row, f"access_key_{n}_last_used_date")),
                _value(row, f"access_key_{n}_last_used_service"),
                _value(row, f"access_key_{n}_last_used_region"),
            ),
        )
        for n in (1, 2)
    ]


def slot_of(key: dict[str, Any], row_slots: list[Slot]) -> Slot | None:
    """The slot holding this key: made in the same second (and, to tell two such apart, of the
    same status); None when no slot, or several with different use, could be it."""
    created = iso_time(key.get("CreateDate"))
    found = [s for s in row_slots if created is not None and s.created == created]
    same_status = [s for s in found if s.active == (key.get("Status") == "Active")]
    found = same_status or found
    return found[0] if found and len({s.usage for s in found}) == 1 else None


def key_entry(key: dict[str, Any], row: dict[str, Any] | None) -> dict[str, Any]:
    """One `access_keys` entry: the key as listed, and its last use where the report tells it."""
    slot = slot_of(key, slots(row)) if row is not None else None
    used, service, region = slot.usage if slot else (None, None, None)
    return {
        "id": key.get("AccessKeyId"),
        "status": key.get("Status"),
        "created": iso_time(key.get("CreateDate")),
        "last_used": used,
        "last_used_service": service,
        "last_used_region": region,
        "last_used_known": slot is not None,
    }


def user_credentials(row: dict[str, Any] | None, keys: list[Any] | None) -> dict[str, Any]:
    """A user's credential columns from its report row and its listed keys (None: unknown)."""
    return {
        "password_enabled": flag(row, "password_enabled"),
        "password_last_used": iso_time(_value(row, "password_last_used")) if row else None,
        "mfa_active": flag(row, "mfa_active"),
        "access_keys": None if keys is None else [key_entry(k, row) for k in keys],
    }


def read_credentials(
    ctx: CrawlContext, client: Any, state: str | None, users: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Every user's credential columns by user ARN: keys listed while the report is built,
    then the report read once. A user the report lacks is a recorded gap."""
    keys = access_keys(ctx, client, users)
    wait_for_report(ctx, client, state)
    report = read_report(ctx, client)
    found = {}
    for user in users:
        arn = user.get("Arn")
        row = report.get(arn) if report is not None and isinstance(arn, str) else None
        if report is not None and row is None and isinstance(arn, str):
            lacking = UserNotInReport(f"the credential report does not list {arn}")
            ctx.record(client, "get_credential_report", lacking, arn)
        found[str(arn)] = user_credentials(row, keys.get(str(arn)))
    return found
