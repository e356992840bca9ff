"""S3 settings a reviewer expects on every bucket: Block Public Access, TLS-only, ACLs disabled.

Block Public Access follows Prowler (s3_bucket_level_public_access_block,
s3_account_level_public_access_blocks): the safety net is missing when IgnorePublicAcls or
RestrictPublicBuckets is off, the two settings that stop existing public ACLs and policies from
taking effect; BlockPublicAcls and BlockPublicPolicy only refuse new ones, so they are named when
off but never raise a finding alone. A bucket is judged by the setting in effect, bucket OR
account per flag, as S3 applies it. Whether a grant is public is the public-policy and ACL
rules' business; here it only raises the severity. A setting that could not be read is never
called off: the failed call is a coverage gap of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis.estate import Row
from explorer.analysis.findings import policies, rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import LOW, MEDIUM, Finding, listed, make
from explorer.iam import Statement, parse_policy_tolerant
from explorer.iam.context import RequestContext
from explorer.iam.statements import conditions_state, match_resource

FLAGS = {
    "block_public_acls": "BlockPublicAcls",
    "ignore_public_acls": "IgnorePublicAcls",
    "block_public_policy": "BlockPublicPolicy",
    "restrict_public_buckets": "RestrictPublicBuckets",
}
"""Column -> the setting's name in S3."""
DECIDING = ("ignore_public_acls", "restrict_public_buckets")
"""The flags that neutralise public grants already in place (Prowler's pass condition)."""
SHOWN = 10
"""Names listed per finding (buckets relying on the account, ACL grantees)."""


def account_resource(partition: str, account: str) -> str:
    """The id an account-level S3 setting is reported on (Prowler's S3 account ARN)."""
    return f"arn:{partition}:s3::{account}:account"


def public_access_blocks(ctx: Context) -> Iterator[Finding]:
    """One finding per account, then one per bucket, whose safety net is missing."""
    exposed = []
    for row in sorted(ctx.estate.rows("s3_buckets"), key=lambda r: r["arn"]):
        effective = {flag: policies.block_flag(ctx, row, flag) for flag in FLAGS}
        if any(effective[flag] is False for flag in DECIDING):
            exposed.append(row)
            yield _bucket_finding(ctx, row, effective)
    for settings in ctx.estate.rows("s3_account_settings"):
        flags = {flag: settings.get(flag) for flag in FLAGS}
        if any(flags[flag] is False for flag in DECIDING):
            yield _account_finding(ctx, settings, flags, exposed)


def _named(flags: dict[str, bool | None], value: bool | None) -> list[str]:
    return [FLAGS[flag] for flag, found in flags.items() if found is value]


def _unread(flags: dict[str, bool | None]) -> str:
    unknown = _named(flags, None)
    return f" Could not be read: {', '.join(unknown)}." if unknown else ""


def _bucket_finding(ctx: Context, row: Row, effective: dict[str, bool | None]) -> Finding:
    grants = policies.public_grants(ctx, row)
    now = (
        f" Today {'; '.join(grants)}, and nothing blocks it."
        if grants
        else " No public grant is in effect today; the next one would be."
    )
    own = _named({flag: row.get(flag) for flag in FLAGS}, True)
    own_text = f" The bucket itself turns on {', '.join(own)}." if own else ""
    return make(
        rules.BUCKET_BLOCK_OFF,
        MEDIUM if grants else LOW,
        row["arn"],
        f"S3 Block Public Access is off for bucket {ctx.label(row['arn'])}",
        f"Off at both bucket and account level: {', '.join(_named(effective, False))}."
        f"{own_text}{_unread(effective)}{now}",
    )


def _account_finding(
    ctx: Context, settings: Row, flags: dict[str, bool | None], exposed: list[Row]
) -> Finding:
    account = str(settings.get("account") or ctx.account)
    relying = [ctx.label(row["arn"]) for row in exposed]
    if relying:
        shown = listed(relying, SHOWN)
        whose = f" {len(relying)} bucket(s) lack the setting themselves: {shown}."
    else:
        whose = " Every bucket turns the setting on itself today; new or changed ones may not."
    return make(
        rules.ACCOUNT_BLOCK_OFF,
        MEDIUM if relying else LOW,
        account_resource(ctx.estate.partition, account),
        f"S3 Block Public Access is not fully on for account {account}",
        f"Off at account level: {', '.join(_named(flags, False))}.{_unread(flags)}{whose}",
    )


OBJECT_ACTIONS = ("s3:getobject", "s3:putobject")
"""What a TLS-only policy must refuse over HTTP: reading and writing objects."""
SPELLED = {"s3:getobject": "s3:GetObject", "s3:putobject": "s3:PutObject"}
INSECURE = RequestContext({"aws:securetransport": ["false"]}, complete=False)
"""A request over plain HTTP, nothing else known about it."""


def insecure_transport(ctx: Context) -> Iterator[Finding]:
    """Buckets whose policy lets objects be read or written over plain HTTP."""
    for row in sorted(ctx.estate.rows("s3_buckets"), key=lambda r: r["arn"]):
        if ctx.gap("s3", None, "GetBucketPolicy", resource=row["arn"]):
            continue  # the policy could not be read: its Deny may be there
        refused = refused_over_http(row)
        if refused is not None and refused != set(OBJECT_ACTIONS):
            yield _http_finding(ctx, row, refused)


def refused_over_http(bucket: Row) -> set[str] | None:
    """Which of `OBJECT_ACTIONS` the bucket policy denies to everyone over HTTP on every
    object; None when the policy could not be read in full and refuses not both."""
    document = bucket.get("policy")
    if not document:
        return set()
    policy, errors = parse_policy_tolerant(document, "bucket policy")
    if policy is None:
        return None
    probe = f"{bucket['arn']}/any-object"
    refused = {
        action
        for statement in policy.statements
        if _denies_http(statement, probe)
        for action in OBJECT_ACTIONS
        if statement.matches_action(action)
    }
    return None if errors and refused != set(OBJECT_ACTIONS) else refused


def _denies_http(statement: Statement, probe: str) -> bool:
    """A Deny of every principal that applies to every object whenever the request is HTTP."""
    principal = statement.principal
    if statement.effect != "Deny" or principal is None or statement.not_principal:
        return False
    if not principal.wildcard:
        return False
    hit = any(match_resource(p, probe, None) is True for p in statement.resources)
    if hit == statement.not_resource:
        return False
    state, _ = conditions_state(statement.conditions, INSECURE)
    return state is True


def _http_finding(ctx: Context, row: Row, refused: set[str]) -> Finding:
    if not row.get("policy"):
        said = "The bucket has no policy, so nothing refuses plain HTTP requests."
    elif refused:
        only = ", ".join(sorted(SPELLED[a] for a in refused))
        missing = ", ".join(sorted(SPELLED[a] for a in set(OBJECT_ACTIONS) - refused))
        said = f"Its policy refuses plain HTTP for {only} only, not for {missing}."
    else:
        said = (
            "Its policy has no Deny on aws:SecureTransport false that covers every principal "
            "and every object."
        )
    return make(
        rules.BUCKET_ALLOWS_HTTP,
        LOW,
        row["arn"],
        f"Bucket {ctx.label(row['arn'])} accepts requests over plain HTTP",
        said,
    )


ENFORCED = "BucketOwnerEnforced"


def acls_enabled(ctx: Context) -> Iterator[Finding]:
    """Buckets whose Object Ownership leaves ACLs in force (unknown ownership: no finding)."""
    for row in sorted(ctx.estate.rows("s3_buckets"), key=lambda r: r["arn"]):
        ownership = row.get("object_ownership")
        if isinstance(ownership, str) and ownership != ENFORCED:
            yield _acl_finding(ctx, row, ownership)


def _acl_finding(ctx: Context, row: Row, ownership: str) -> Finding:
    others = _other_grantees(row)
    note = ""
    if others:
        shown = ", ".join(others[:SHOWN]) + (" and more" if len(others) > SHOWN else "")
        note = f" Its ACL grants {len(others)} grantee(s) besides the owner: {shown}."
    return make(
        rules.BUCKET_ACLS_ENABLED,
        LOW,
        row["arn"],
        f"Bucket {ctx.label(row['arn'])} still honours ACLs (Object Ownership {ownership})",
        f"Object Ownership is {ownership}, not {ENFORCED}: ACLs on the bucket and its objects "
        f"grant access beside its policy.{note}",
    )


def _other_grantees(row: Row) -> list[str]:
    """Grantees of the bucket ACL other than its owner (ids, group URIs, e-mail addresses)."""
    grants = row.get("acl_grants")
    owner = row.get("owner_id")
    found = {
        str(g["grantee"])
        for g in (grants if isinstance(grants, list) else [])
        if isinstance(g, dict) and g.get("grantee") not in (owner, None)
    }
    return sorted(found)
