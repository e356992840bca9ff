"""A5 rules on resource-based policies, bucket ACLs and role trust policies.

Each policy is read through the IAM engine's `resource_exposure`, with S3 Block Public Access
(RestrictPublicBuckets / IgnorePublicAcls, at bucket or account level) applied: a public grant
it overrides becomes an info finding, since turning the setting off would expose the bucket.
Severity follows the most powerful access level granted (write or permissions management,
then read, then list) and who gets it; a condition that narrows who lowers it one level.
A REST API's policy is judged as public only for PRIVATE APIs: for a regional or edge API,
`Allow *` adds nothing to what the endpoint already allows (routes are judged by A2); and a
public grant of lambda:InvokeFunctionUrl alone is left to the public-function-url rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from explorer.analysis import kinds
from explorer.analysis.estate import Row
from explorer.analysis.exposure import OUTSIDE
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import (
    CRITICAL,
    HIGH,
    INFO,
    LOW,
    MEDIUM,
    Finding,
    lower,
    make,
    severity_rank,
)
from explorer.analysis.narrowing import only_text, pinned_to_own, reaches
from explorer.analysis.shapes import strings
from explorer.iam import Exposure, access_level, expand_action, resource_exposure
from explorer.iam.actions import canonical_name
from explorer.iam.exposure import ANY_ACCOUNT, FEDERATED, PUBLIC, SERVICE

WRITE, READ, LIST = "write", "read", "list"
SEVERITY = {
    "public": {WRITE: CRITICAL, READ: HIGH, LIST: MEDIUM},
    "cross": {WRITE: HIGH, READ: MEDIUM, LIST: LOW},
}
"""(who, strongest access) -> severity before narrowing."""


@dataclass(frozen=True)
class Source:
    """A resource carrying a policy: the node it belongs to and what to probe it with."""

    node: str
    probes: tuple[str, ...]
    policy: object
    what: str
    trust: bool = False
    public_counts: bool = True
    block: bool | None = None
    reads: tuple[str, ...] = ()
    """Actions that read data out of the resource (for outputs resting there)."""


def access(actions: tuple[str, ...]) -> str:
    """The strongest access among action patterns: write, read or list."""
    levels = {level for pattern in actions for level in _levels(pattern.lower())}
    if levels & {"Write", "Permissions management", "Tagging", "*"}:
        return WRITE
    return READ if "Read" in levels or not levels else LIST


@lru_cache(maxsize=4096)
def _levels(pattern: str) -> frozenset[str]:
    if pattern == "*" or (pattern.endswith(":*") and pattern.count("*") == 1):
        return frozenset({"*"})
    if "*" in pattern or "?" in pattern:
        return frozenset(filter(None, (access_level(a) for a in expand_action(pattern))))
    return frozenset(filter(None, [access_level(pattern)]))


READS = {
    "sqs_queues": ("sqs:ReceiveMessage",),
    "sns_topics": ("sns:Subscribe",),
    "event_buses": (),
    "kinesis_streams": ("kinesis:GetRecords",),
    "dynamodb_tables": ("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"),
}
"""Per table, the actions that read data out of its resources."""


def sources(ctx: Context) -> Iterator[Source]:
    """Every policy in the estate, as a Source."""
    for table, reads in READS.items():
        for row in ctx.estate.rows(table):
            yield Source(
                row["arn"], (row["arn"],), row.get("policy"), "resource policy", reads=reads
            )
    for row in ctx.estate.rows("dynamodb_tables"):
        if row.get("stream_policy") and row.get("stream_arn"):
            yield Source(row["arn"], (row["stream_arn"],), row["stream_policy"], "stream policy",
                         reads=("dynamodb:GetRecords",))  # fmt: skip
    for row in ctx.estate.rows("s3_buckets"):
        yield bucket_source(ctx, row)
    yield from _other_sources(ctx)


def bucket_source(ctx: Context, row: Row) -> Source:
    """A bucket's policy as a Source: probed on the bucket and its objects."""
    probes = (row["arn"], f"{row['arn']}/*")
    block = restrict_public_buckets(ctx, row)
    return Source(row["arn"], probes, row.get("policy"), "bucket policy", block=block,
                  reads=("s3:GetObject",))  # fmt: skip


def _other_sources(ctx: Context) -> Iterator[Source]:
    for row in ctx.estate.rows("function_policies"):
        qualifier = row.get("qualifier")
        suffix = f":{qualifier}" if qualifier not in (None, "$LATEST") else ""
        probe = row["function_arn"] + suffix
        yield Source(row["function_arn"], (probe,), row.get("policy"), "function policy")
    for row in ctx.estate.rows("rest_apis"):
        private = "PRIVATE" in (row.get("endpoint_types") or [])
        yield Source(row["arn"], ("*",), row.get("policy"), "API policy", public_counts=private)
    for row in ctx.estate.rows("iam_roles"):
        yield Source(row["arn"], (row["arn"],), row.get("trust_policy"), "trust policy", True)


def restrict_public_buckets(ctx: Context, bucket: Row) -> bool | None:
    """RestrictPublicBuckets from the bucket or the account (None when unknown)."""
    return block_flag(ctx, bucket, "restrict_public_buckets")


def ignore_public_acls(ctx: Context, bucket: Row) -> bool | None:
    return block_flag(ctx, bucket, "ignore_public_acls")


def block_flag(ctx: Context, bucket: Row, name: str) -> bool | None:
    """A Block Public Access flag in effect for the bucket: on at bucket or account level
    (S3 applies the stricter of the two), None when one level could not be read."""
    account = ctx.estate.rows("s3_account_settings")
    flags = [bucket.get(name), *(a.get(name) for a in account)]
    if any(flags):
        return True
    return None if None in flags or not account else False


def exposures(
    ctx: Context, source: Source, actions: tuple[str, ...] | None = None
) -> list[Exposure]:
    """The policy's exposures (for `actions`, default all) over all probes, without duplicates,
    leaving out grants a condition pins to the resource's own account."""
    found: dict[tuple, Exposure] = {}
    for probe in source.probes:
        for e in resource_exposure(source.policy, actions, probe, ctx.account, source.block):
            if not pinned_to_own(e, ctx.account):
                found.setdefault((e.who, e.actions, e.statements), e)
    return list(found.values())


def outside_readers(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """resource -> (origin, trust) of outsiders who may read its data, through its policy or
    its ACL, after Block Public Access: where a chain's output must not come to rest."""
    found: dict[str, set[tuple[str, str]]] = {}
    for source in sources(ctx):
        if source.policy and source.reads:
            for e in exposures(ctx, source, source.reads):
                judged = _classify(source, e, ctx.account)
                if judged and judged[0] in (rules.PUBLIC_POLICY.id, rules.CROSS_ACCOUNT_POLICY.id):
                    found.setdefault(source.node, set()).update(_readers(e, ctx.account))
    for row in ctx.estate.rows("s3_buckets"):
        for reader in _acl_readers(ctx, row):
            found.setdefault(row["arn"], set()).add(reader)
    return {node: sorted(readers) for node, readers in found.items()}


def _readers(e: Exposure, account: str) -> list[tuple[str, str]]:
    """(origin, trust) of each outsider the exposure lets read."""
    return [(r.origin, r.trust) for r in reaches(e, account) if r.trust in OUTSIDE]


def _acl_readers(ctx: Context, row: Row) -> list[tuple[str, str]]:
    if ignore_public_acls(ctx, row):
        return []
    readable = {"READ", "FULL_CONTROL"}
    out = []
    if readable.intersection(strings(row.get("acl_all_users"))):
        out.append((kinds.INTERNET, kinds.ANONYMOUS))
    if readable.intersection(strings(row.get("acl_authenticated_users"))):
        out.append((kinds.ANY_ACCOUNT, kinds.CROSS_ACCOUNT))
    return out


def resource_policies(ctx: Context) -> Iterator[Finding]:
    """Public, cross-account, unscoped-service and blocked-public findings, one per resource
    and rule."""
    for source in sources(ctx):
        if not source.policy:
            continue
        grouped: dict[str, list[tuple[str, Exposure]]] = {}
        for exposure in exposures(ctx, source):
            judged = _classify(source, exposure, ctx.account)
            if judged is not None:
                grouped.setdefault(judged[0], []).append((judged[1], exposure))
        for rule_id, items in sorted(grouped.items()):
            yield _policy_finding(ctx, source, rules.BY_ID[rule_id], items)


def _classify(source: Source, e: Exposure, account: str) -> tuple[str, str] | None:
    """(rule id, severity) for one exposure, or None when it stays inside the account.

    A grant to `*` that a condition limits to named foreign accounts is judged as a grant to
    those accounts; limited to an organisation, as a narrowed cross-account grant."""
    if e.blocked_by_public_access:
        return rules.PUBLIC_BLOCKED.id, INFO
    if e.kind in (PUBLIC, ANY_ACCOUNT):
        if not source.public_counts or _url_only(e):
            return None
        found = reaches(e, account)
        if found and all(_named(r.origin) for r in found):
            base = SEVERITY["cross"][access(e.actions)]
            org = any(r.trust == kinds.ORGANIZATION for r in found)
            return rules.CROSS_ACCOUNT_POLICY.id, lower(base) if org else base
        return rules.PUBLIC_POLICY.id, _narrowed(SEVERITY["public"][access(e.actions)], e)
    if e.kind == SERVICE:
        if source.trust or e.narrowed:
            return None
        return rules.SERVICE_PRINCIPAL.id, LOW
    if e.cross_account:
        narrowed = e.narrowed or (e.kind == FEDERATED and bool(e.conditions))
        base = SEVERITY["cross"][access(e.actions)]
        return rules.CROSS_ACCOUNT_POLICY.id, lower(base) if narrowed else base
    return None


def _url_only(e: Exposure) -> bool:
    """A grant of lambda:InvokeFunctionUrl alone: the public-function-url rule judges it."""
    return all(a.lower() == "lambda:invokefunctionurl" for a in e.actions)


def _narrowed(severity: str, e: Exposure) -> str:
    return lower(severity) if e.narrowed else severity


def origin(e: Exposure) -> str:
    """The graph origin standing for an exposure's principal."""
    if e.kind == PUBLIC:
        return kinds.INTERNET
    if e.kind == ANY_ACCOUNT:
        return kinds.ANY_ACCOUNT
    if e.kind == SERVICE:
        return e.who
    return kinds.account_origin(e.account) if e.account else e.who


def _policy_finding(
    ctx: Context, source: Source, rule: rules.Rule, items: list[tuple[str, Exposure]]
) -> Finding:
    items.sort(key=lambda item: (severity_rank(item[0]), item[1].who))
    severity, first = items[0]
    whom = sorted({_who(e, ctx.account) for _, e in items})
    s3 = source.what == "bucket policy"
    lines = "; ".join(_describe(e, s3, ctx.account) for _, e in items)
    return make(
        rule,
        severity,
        source.node,
        f"{source.what.capitalize()} of {ctx.label(source.node)} grants {', '.join(whom)}",
        f"{lines}.",
        path=(_origin_of(first, ctx.account), source.node),
        edges=(kinds.EXPOSES,),
    )


def _origin_of(e: Exposure, account: str) -> str:
    """The origin a finding's path starts at: the named account or organisation a condition
    limits a grant to `*` to, else the principal's own origin."""
    found = reaches(e, account)
    return found[0].origin if found and _named(found[0].origin) else origin(e)


def _who(e: Exposure, account: str) -> str:
    """Who the grant reaches, in words: "everyone (only from 203.0.113.7/32)", "account 1111"."""
    found = reaches(e, account)
    if e.kind in (PUBLIC, ANY_ACCOUNT) and found and all(_named(r.origin) for r in found):
        who = ", ".join(_reader_name(r.origin) for r in found)
    elif e.kind == PUBLIC:
        who = "everyone"
    elif e.kind == ANY_ACCOUNT:
        who = "any AWS account"
    else:
        who = e.who
    only = found[0].only if found else ()
    return f"{who} ({only_text(only)})" if only else who


def _named(origin_node: str) -> bool:
    """An origin standing for named accounts or an organisation, not for everyone."""
    return origin_node.startswith(("account:", "org:"))


def _reader_name(origin_node: str) -> str:
    if origin_node.startswith("org:"):
        return f"any account of organisation {origin_node.removeprefix('org:')}"
    return origin_node.replace("account:", "account ")


def _describe(e: Exposure, s3: bool, account: str) -> str:
    """`who: actions (statements) [conditions]` for the detail text."""
    statements = ", ".join(str(s) for s in e.statements)
    actions = ", ".join(canonical_name(a) for a in e.actions)
    text = f"{_who(e, account)} may {actions} ({statements})"
    if e.conditions:
        conds = ", ".join(
            f"{c.source} if {c.operator} {c.key} {list(c.values)}" for c in e.conditions
        )
        text += f", conditions: {conds}"
    if e.narrowed:
        text += " [narrowed by a condition]"
    if e.blocked_by_public_access:
        text += " [overridden by S3 Block Public Access]"
    elif s3 and e.blocked_by_public_access is None and e.kind in (PUBLIC, ANY_ACCOUNT):
        text += " [S3 Block Public Access settings could not be read]"
    return text


def public_grants(ctx: Context, bucket: Row) -> list[str]:
    """What the bucket's policy and ACL grant everyone or any AWS account today, after Block
    Public Access (a setting that could not be read does not count as blocking), a phrase each."""
    source = bucket_source(ctx, bucket)
    found = []
    for e in exposures(ctx, source) if source.policy else []:
        judged = _classify(source, e, ctx.account)
        if judged and judged[0] == rules.PUBLIC_POLICY.id:
            actions = ", ".join(canonical_name(a) for a in e.actions)
            found.append(f"its policy lets {_who(e, ctx.account)} {actions}")
    if ignore_public_acls(ctx, bucket) is not True:
        for who, key in (
            ("everyone", "acl_all_users"),
            ("any AWS account", "acl_authenticated_users"),
        ):
            permissions = sorted(strings(bucket.get(key)))
            if permissions:
                found.append(f"its ACL grants {who} {', '.join(permissions)}")
    return found


ACL_ACCESS = {"READ": READ, "READ_ACP": LIST, "WRITE": WRITE, "WRITE_ACP": WRITE}
"""ACL permission -> access (FULL_CONTROL and unknown ones count as write)."""


def public_acls(ctx: Context) -> Iterator[Finding]:
    """Bucket ACL grants to AllUsers or AuthenticatedUsers (any AWS account)."""
    for row in sorted(ctx.estate.rows("s3_buckets"), key=lambda r: r["arn"]):
        granted = {
            "everyone": sorted(strings(row.get("acl_all_users"))),
            "any AWS account": sorted(strings(row.get("acl_authenticated_users"))),
        }
        if any(granted.values()):
            yield _acl_finding(ctx, row, {k: v for k, v in granted.items() if v})


def _acl_finding(ctx: Context, row: Row, granted: dict[str, list[str]]) -> Finding:
    strongest = min(
        (SEVERITY["public"][ACL_ACCESS.get(p, WRITE)] for ps in granted.values() for p in ps),
        key=severity_rank,
    )
    ignored = ignore_public_acls(ctx, row)
    listed = "; ".join(f"{who}: {', '.join(perms)}" for who, perms in granted.items())
    rule, severity, note = rules.PUBLIC_ACL, strongest, ""
    if ignored:
        rule, severity = rules.PUBLIC_BLOCKED, INFO
        note = " IgnorePublicAcls (S3 Block Public Access) overrides these grants."
    elif ignored is None:
        note = " S3 Block Public Access settings could not be read."
    origin_node = kinds.INTERNET if "everyone" in granted else kinds.ANY_ACCOUNT
    return make(
        rule,
        severity,
        row["arn"],
        f"Bucket ACL of {ctx.label(row['arn'])} grants {', '.join(granted)}",
        f"ACL grants {listed}.{note}",
        path=(origin_node, row["arn"]),
        edges=(kinds.EXPOSES,),
    )
