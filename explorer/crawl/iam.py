"""IAM: roles, trust policies, inline and managed policies (default version), users, groups.

One paginated `GetAccountAuthorizationDetails` call returns all of it, instead of several calls
per role. Users' console passwords, MFA and access keys come from the credential report and
one `ListAccessKeys` per user (`iam_credentials`).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl import iam_credentials
from explorer.crawl.context import CrawlContext
from explorer.crawl.util import iso_time, parse_policy
from explorer.schema.iam import USER_CREDENTIALS
from explorer.schema.records import Row

SERVICE = "iam"
GLOBAL = True

FILTERS = ["Role", "User", "Group", "LocalManagedPolicy", "AWSManagedPolicy"]


def get_authorization_details(ctx: CrawlContext, client: Any) -> dict[str, list[Any]]:
    """All pages of GetAccountAuthorizationDetails, merged per list."""
    merged: dict[str, list[Any]] = {}
    lists = ("RoleDetailList", "UserDetailList", "GroupDetailList", "Policies")
    try:
        pages = client.get_paginator("get_account_authorization_details")
        for page in pages.paginate(Filter=FILTERS):
            for key in lists:
                merged.setdefault(key, []).extend(page.get(key) or [])
    except Exception as exc:
        ctx.record(client, "get_account_authorization_details", exc)
    return merged


def _inline(entries: list[dict[str, Any]] | None, doc_key: str) -> list[dict[str, Any]]:
    return [
        {"name": e.get("PolicyName"), "document": parse_policy(e.get(doc_key))}
        for e in entries or []
    ]


def _attached(entries: list[dict[str, Any]] | None) -> list[str]:
    return [e.get("PolicyArn") for e in entries or [] if e.get("PolicyArn")]


def _tags(entries: list[dict[str, Any]] | None) -> dict[str, str]:
    return {str(t.get("Key")): str(t.get("Value")) for t in entries or []}


def instance_profile_arns(raw: dict[str, Any]) -> list[str] | None:
    """The ARNs of a role's instance profiles; None (unknown) when the list is not there."""
    profiles = raw.get("InstanceProfileList")
    if not isinstance(profiles, list):
        return None
    return [p["Arn"] for p in profiles if isinstance(p, dict) and isinstance(p.get("Arn"), str)]


def transform_role(raw: dict[str, Any]) -> Row:
    """A role; its instance profiles kept as ARNs only (each profile repeats the whole role)."""
    profiles = instance_profile_arns(raw)
    raw = {k: v for k, v in raw.items() if k != "InstanceProfileList"}
    last_used = (raw.get("RoleLastUsed") or {}).get("LastUsedDate")
    return {
        "arn": raw["Arn"],
        "name": raw.get("RoleName"),
        "path": raw.get("Path"),
        "role_id": raw.get("RoleId"),
        "trust_policy": parse_policy(raw.get("AssumeRolePolicyDocument")),
        "boundary_arn": (raw.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn"),
        "inline_policies": _inline(raw.get("RolePolicyList"), "PolicyDocument"),
        "attached_policy_arns": _attached(raw.get("AttachedManagedPolicies")),
        "last_used": str(last_used) if last_used else None,
        "tags": _tags(raw.get("Tags")),
        "instance_profiles": profiles,
        "raw": raw,
    }


def _other_versions(versions: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Every non-default version of a managed policy, with its document."""
    return [
        {"id": v.get("VersionId"), "document": parse_policy(v.get("Document"))}
        for v in versions or []
        if isinstance(v, dict) and not v.get("IsDefaultVersion")
    ]


def transform_policy(raw: dict[str, Any]) -> Row:
    """A managed policy with its default version's document, and its other versions (one may
    be made the default: iam:SetDefaultPolicyVersion). Moto omits the name: use the ARN."""
    arn = raw["Arn"]
    default = next((v for v in raw.get("PolicyVersionList") or [] if v.get("IsDefaultVersion")), {})
    return {
        "arn": arn,
        "name": raw.get("PolicyName") or arn.rsplit("/", 1)[-1],
        "aws_managed": arn.split(":")[4] == "aws",
        "default_version_id": raw.get("DefaultVersionId") or default.get("VersionId"),
        "document": parse_policy(default.get("Document")),
        "attachment_count": raw.get("AttachmentCount"),
        "boundary_usage_count": raw.get("PermissionsBoundaryUsageCount"),
        "other_versions": _other_versions(raw.get("PolicyVersionList")),
        "raw": raw,
    }


def transform_user(raw: dict[str, Any], credentials: dict[str, Any] | None = None) -> Row:
    """A user, with its credential columns (`iam_credentials.user_credentials`; all None when
    they were not read)."""
    unknown = dict.fromkeys(USER_CREDENTIALS)
    return {
        "arn": raw["Arn"],
        "name": raw.get("UserName"),
        "inline_policies": _inline(raw.get("UserPolicyList"), "PolicyDocument"),
        "attached_policy_arns": _attached(raw.get("AttachedManagedPolicies")),
        "groups": raw.get("GroupList") or [],
        "boundary_arn": (raw.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn"),
        "path": raw.get("Path"),
        "user_id": raw.get("UserId"),
        "created": iso_time(raw.get("CreateDate")),
        **(credentials or unknown),
        "tags": _tags(raw.get("Tags")),
        "raw": raw,
    }


def transform_group(raw: dict[str, Any]) -> Row:
    return {
        "arn": raw["Arn"],
        "name": raw.get("GroupName"),
        "inline_policies": _inline(raw.get("GroupPolicyList"), "PolicyDocument"),
        "attached_policy_arns": _attached(raw.get("AttachedManagedPolicies")),
        "path": raw.get("Path"),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl IAM once per account (the client's region only picks the partition's endpoint).

    The credential report is asked for first, so AWS builds it while the rest is read."""
    client = ctx.client("iam", region)
    state = iam_credentials.start_report(ctx, client)
    details = get_authorization_details(ctx, client)
    ctx.emit("iam_roles", [transform_role(r) for r in details.get("RoleDetailList", [])])
    ctx.emit("iam_policies", [transform_policy(p) for p in details.get("Policies", [])])
    ctx.emit("iam_groups", [transform_group(g) for g in details.get("GroupDetailList", [])])
    users = details.get("UserDetailList", [])
    credentials = iam_credentials.read_credentials(ctx, client, state, users)
    ctx.emit("iam_users", [transform_user(u, credentials.get(u["Arn"])) for u in users])
