"""SES receipt rules: mail from anyone on the internet, handed to functions, buckets and topics.

Per region: one DescribeActiveReceiptRuleSet, which returns every rule of the region's active
rule set with its actions (no paging, no per-rule reads). Only the active set receives mail, so
inactive sets are not read. A region that does not offer email receiving answers
`InvalidAction: Unavailable Operation`: it holds no rules, which is an answer, not a gap.

AWS gives rules no ARN; a row's id is the ARN IAM uses for them,
`arn:<partition>:ses:<region>:<account>:receipt-rule-set/<set>:receipt-rule/<rule>`. Each
rule's actions are kept in order (`actions`) and by target: Lambda actions with their
invocation type (`Event`: asynchronous, `RequestResponse`: SES waits), S3 buckets, and SNS
topics (an SNS action, or the notification any other action may send). The value of an
AddHeader action is replaced by a redaction record (a header may carry a shared token).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import FAILURES, CrawlContext, error_code
from explorer.crawl.util import clean
from explorer.schema.records import Row

SERVICE = "ses"

NO_AUTH = "NONE"
"""A rule's `authorization_type`: SES takes mail from any sender (SPF and DKIM verdicts are
passed on to the actions, never required)."""
NOT_RECEIVING = "InvalidAction"
"""What SES answers in a region without email receiving (`Unavailable Operation`)."""


def active_rule_set(ctx: CrawlContext, client: Any) -> dict[str, Any] | None:
    """The active rule set (`{}` when none is active or the region cannot receive mail; None
    when the read failed: recorded)."""
    try:
        return clean(client.describe_active_receipt_rule_set())
    except FAILURES as exc:
        if error_code(exc) == NOT_RECEIVING:
            return {}
        ctx.record(client, "describe_active_receipt_rule_set", exc)
        return None


def rule_arn(ctx: CrawlContext, region: str, rule_set: str, rule: str) -> str:
    return (
        f"arn:{ctx.partition}:ses:{region}:{ctx.account}:"
        f"receipt-rule-set/{rule_set}:receipt-rule/{rule}"
    )


def _redacted(ctx: CrawlContext, action: dict[str, Any]) -> dict[str, Any]:
    """An action with an AddHeader value replaced by its redaction record."""
    header = action.get("AddHeaderAction")
    if isinstance(header, dict) and "HeaderValue" in header:
        name = str(header.get("HeaderName") or "header")
        value = ctx.redactor.redact_value(name, header["HeaderValue"])
        return {**action, "AddHeaderAction": {**header, "HeaderValue": value}}
    return action


def function_actions(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`{function_arn, invocation_type}` of each Lambda action (AWS's default is `Event`)."""
    found = []
    for action in actions:
        body = action.get("LambdaAction")
        if isinstance(body, dict) and isinstance(body.get("FunctionArn"), str):
            invocation = body.get("InvocationType") or "Event"
            found.append({"function_arn": body["FunctionArn"], "invocation_type": invocation})
    return found


def bucket_arns(partition: str, actions: list[dict[str, Any]]) -> list[str]:
    """The buckets S3 actions write the mail into."""
    names = [(a.get("S3Action") or {}).get("BucketName") for a in actions]
    return sorted({f"arn:{partition}:s3:::{n}" for n in names if isinstance(n, str) and n})


def topic_arns(actions: list[dict[str, Any]]) -> list[str]:
    """Topics any action publishes to (an SNS action, or another action's notification)."""
    found = set()
    for action in actions:
        for body in action.values():
            topic = body.get("TopicArn") if isinstance(body, dict) else None
            if isinstance(topic, str) and topic.startswith("arn:"):
                found.add(topic)
    return sorted(found)


def transform_rule(
    ctx: CrawlContext, region: str, rule_set: str, position: int, raw: dict[str, Any]
) -> Row:
    actions = [_redacted(ctx, a) for a in raw.get("Actions") or [] if isinstance(a, dict)]
    raw = {**raw, "Actions": actions, "RuleSetName": rule_set}
    enabled, scan = raw.get("Enabled"), raw.get("ScanEnabled")
    return {
        "arn": rule_arn(ctx, region, rule_set, raw["Name"]),
        "name": f"{rule_set}/{raw['Name']}",
        "region": region,
        "rule_set": rule_set,
        "position": position,
        "enabled": enabled if isinstance(enabled, bool) else None,
        "recipients": [r for r in raw.get("Recipients") or [] if isinstance(r, str)],
        "scan_enabled": scan if isinstance(scan, bool) else None,
        "tls_policy": raw.get("TlsPolicy"),
        "authorization_type": NO_AUTH,
        "actions": [next(iter(a), None) for a in actions if a],
        "function_actions": function_actions(actions),
        "bucket_arns": bucket_arns(ctx.partition, actions),
        "topic_arns": topic_arns(actions),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl the active receipt rule set of one region (one call)."""
    client = ctx.client(SERVICE, region)
    response = active_rule_set(ctx, client)
    rule_set = ((response or {}).get("Metadata") or {}).get("Name")
    if not rule_set:
        return
    rules = [r for r in response.get("Rules") or [] if isinstance(r, dict) and r.get("Name")]
    ctx.emit(
        "ses_receipt_rules",
        [transform_rule(ctx, region, rule_set, i, r) for i, r in enumerate(rules, start=1)],
    )
