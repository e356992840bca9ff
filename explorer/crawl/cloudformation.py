"""CloudFormation: stacks and the service role each one deploys with (who can become whom).

One paginated `DescribeStacks` per region. A stack with a role (`RoleARN`) acts as that role on
every update: whoever may update the stack or run a change set on it gains the role. Parameter
values (a non-NoEcho parameter can carry a password), resolved SSM parameter values and output
values are redacted at crawl time; ARNs among them are kept.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals
from explorer.schema.records import Row

SERVICE = "cloudformation"

LITERALS = (
    ("Parameters", "ParameterKey", ("ParameterValue", "ResolvedValue")),
    ("Outputs", "OutputKey", ("OutputValue",)),
)
"""Lists of a stack description: the key naming an entry, and the entry's literal values."""


def get_stacks(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every stack of the region (deleted stacks are not listed), across NextToken pages."""
    return ctx.paginate(client, "describe_stacks", "Stacks")


def redact_stack(literals: Literals, raw: dict[str, Any]) -> dict[str, Any]:
    """A stack description with its parameter and output values redacted (references kept)."""
    redacted = dict(raw)
    for key, name_key, fields in LITERALS:
        entries = raw.get(key)
        if isinstance(entries, list):
            redacted[key] = [_redact_entry(literals, key, name_key, fields, e) for e in entries]
    return redacted


def _redact_entry(
    literals: Literals, key: str, name_key: str, fields: tuple[str, ...], entry: Any
) -> Any:
    """One parameter or output: each value recorded under the entry's own name (`DbPassword`),
    the name detect-secrets judges it by."""
    if not isinstance(entry, dict):
        return entry
    name = str(entry.get(name_key) or "value")
    return {k: literals.tree((key, k, name), v) if k in fields else v for k, v in entry.items()}


def transform_stack(ctx: CrawlContext, region: str, raw: dict[str, Any]) -> Row:
    literals = Literals(ctx.redactor)
    raw = redact_stack(literals, raw)
    return {
        "arn": raw["StackId"],
        "name": raw.get("StackName"),
        "region": region,
        "role_arn": raw.get("RoleARN"),
        "status": raw.get("StackStatus"),
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl CloudFormation stacks in one region."""
    stacks = get_stacks(ctx, ctx.client("cloudformation", region))
    ctx.emit("cloudformation_stacks", [transform_stack(ctx, region, s) for s in stacks])
