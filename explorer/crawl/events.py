"""EventBridge: event buses with their resource policies, rules per bus, and targets per rule.

Per region: `ListEventBuses` (paged by hand: botocore has no paginator for it), then per bus one
`DescribeEventBus` (policy, KMS key, dead-letter queue; buses are few, at most 100 per region) and
one paged `ListRules`, then per rule one paged `ListTargetsByRule`: there are no bulk calls for
rules or targets across buses.

Target literals that can carry a credential are redacted at crawl time (`redact_target`): the
constant `Input` and the `InputTemplate` (each one record; the template's `<placeholders>` kept
as its references), and every literal string of `HttpParameters` (header, query string and path
values), `InputPathsMap`, SageMaker pipeline parameter values, Redshift SQL and AppSync
operations. JSONPaths (`$.detail.id`) and ARNs are kept; so are parameter names and the Redshift
database and user names.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals, Location
from explorer.crawl.references import is_reference, references_in
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row

SERVICE = "events"

LITERAL_PARAMETERS = (
    "HttpParameters",
    "SageMakerPipelineParameters",
    "RedshiftDataParameters",
    "AppSyncParameters",
)
"""Target settings whose literal strings are data sent to the target (redacted)."""
NAMES = frozenset(
    {
        ("SageMakerPipelineParameters", "PipelineParameterList", "*", "Name"),
        ("RedshiftDataParameters", "Database"),
        ("RedshiftDataParameters", "DbUser"),
        ("RedshiftDataParameters", "StatementName"),
    }
)
"""Strings inside those settings that name something rather than carry a value (kept)."""


def get_buses(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every bus in the region, following `NextToken` by hand; on failure, what was read."""
    buses: list[dict[str, Any]] = []
    params: dict[str, Any] = {}
    while (response := ctx.call(client, "list_event_buses", None, **params)) is not None:
        buses.extend(response.get("EventBuses") or [])
        if not response.get("NextToken"):
            break
        params = {"NextToken": response["NextToken"]}
    return buses


def describe_bus(ctx: CrawlContext, client: Any, listed: dict[str, Any]) -> dict[str, Any]:
    """The listed bus completed by `DescribeEventBus` (KMS key, DLQ; policy where not listed)."""
    described = ctx.call(client, "describe_event_bus", listed["Arn"], Name=listed["Name"])
    return {**listed, **clean(described)}


def transform_bus(raw: dict[str, Any], region: str) -> Row:
    return {
        "arn": raw["Arn"],
        "name": raw.get("Name"),
        "region": region,
        "policy": parse_policy(raw.get("Policy") or None),
        "description": raw.get("Description") or None,
        "kms_key_id": raw.get("KmsKeyIdentifier") or None,
        "dlq_arn": (raw.get("DeadLetterConfig") or {}).get("Arn"),
        "raw": raw,
    }


def get_rules(ctx: CrawlContext, client: Any, bus: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_rules", "Rules", bus["arn"], EventBusName=bus["name"])


def transform_rule(raw: dict[str, Any], bus: Row, region: str) -> Row:
    return {
        "arn": raw["Arn"],
        "name": raw.get("Name"),
        "region": region,
        "bus_name": bus["name"],
        "bus_arn": bus["arn"],
        "event_pattern": parse_policy(raw.get("EventPattern") or None),
        "schedule_expression": raw.get("ScheduleExpression") or None,
        "state": raw.get("State"),
        "role_arn": raw.get("RoleArn"),
        "description": raw.get("Description") or None,
        "managed_by": raw.get("ManagedBy"),
        "raw": raw,
    }


def get_targets(ctx: CrawlContext, client: Any, rule: Row) -> list[dict[str, Any]]:
    return ctx.paginate(
        client, "list_targets_by_rule", "Targets", rule["arn"],
        Rule=rule["name"], EventBusName=rule["bus_name"],
    )  # fmt: skip


def redact_target(literals: Literals, raw: dict[str, Any]) -> dict[str, Any]:
    """A target with every literal that may carry a secret redacted (see the module's doc)."""
    raw = dict(raw)
    if raw.get("Input") is not None:
        raw["Input"] = literals.value(("Input",), raw["Input"])
    transformer = raw.get("InputTransformer")
    if isinstance(transformer, dict):
        raw["InputTransformer"] = _redact_transformer(literals, transformer)
    for key in LITERAL_PARAMETERS:
        if raw.get(key) is not None:
            raw[key] = literals.tree((key,), raw[key], keep=_keep)
    return raw


def _redact_transformer(literals: Literals, transformer: dict[str, Any]) -> dict[str, Any]:
    transformer = dict(transformer)
    paths = ("InputTransformer", "InputPathsMap")
    if transformer.get("InputPathsMap") is not None:
        transformer["InputPathsMap"] = literals.tree(paths, transformer["InputPathsMap"])
    template = transformer.get("InputTemplate")
    if template is not None:
        found = references_in(str(template), placeholders=True)
        transformer["InputTemplate"] = literals.value(
            ("InputTransformer", "InputTemplate"), template, found
        )
    return transformer


def _keep(path: Location, text: str) -> bool:
    return is_reference(text) or tuple("*" if isinstance(p, int) else p for p in path) in NAMES


def transform_target(redactor: Any, raw: dict[str, Any], rule: Row) -> Row:
    """One `event_targets` row; literals are redacted before anything else sees them."""
    literals = Literals(redactor)
    raw = redact_target(literals, raw)
    return {
        "rule_arn": rule["arn"],
        "target_id": raw["Id"],
        "target_arn": raw.get("Arn"),
        "role_arn": raw.get("RoleArn"),
        "dlq_arn": (raw.get("DeadLetterConfig") or {}).get("Arn"),
        "bus_arn": rule["bus_arn"],
        "region": rule["region"],
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync_rule(ctx: CrawlContext, client: Any, rule: Row) -> None:
    targets = get_targets(ctx, client, rule)
    ctx.emit("event_targets", [transform_target(ctx.redactor, t, rule) for t in targets])


def sync_bus(ctx: CrawlContext, client: Any, listed: dict[str, Any], region: str) -> None:
    """One bus, its rules, and each rule's targets."""
    bus = transform_bus(describe_bus(ctx, client, listed), region)
    ctx.emit("event_buses", [bus])
    rules = [transform_rule(r, bus, region) for r in get_rules(ctx, client, bus)]
    ctx.emit("event_rules", rules)
    ctx.map(lambda rule: sync_rule(ctx, client, rule), rules)


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl EventBridge in one region."""
    client = ctx.client("events", region)
    for listed in get_buses(ctx, client):
        sync_bus(ctx, client, listed, region)
