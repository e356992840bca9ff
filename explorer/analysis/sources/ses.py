"""SES receipt rules: mail from anyone on the internet, handed to functions, buckets and topics.

A rule of the region's active rule set is an entry point (its node, in the app's entries): anyone
may send mail to its recipients, so the internet reaches it anonymously. The evidence names the
recipients (none listed: every address of every verified domain), whether SES scans the mail for
spam and viruses (a verdict the function may check, no authentication of the sender) and the TLS
policy. A disabled rule receives nothing: it keeps its edges (one call turns it on) but is not
exposed; a rule whose enabled flag was not recorded is counted as enabled.

A Lambda action invokes its function asynchronously (`Event`: failures need a destination on
the function) or synchronously (`RequestResponse`: SES waits for the verdict), one trigger kind
each so the failure-destination finding asks by kind; an S3 action writes the mail into a bucket
and an SNS action (or any action's notification topic) publishes it: data carried on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.shapes import mappings, strings, text
from explorer.analysis.sources import ENTRIES, NodeKind, Source, expose_entry

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

RULE = "ses_rule"
"""Node kind: a receipt rule of an active SES rule set."""
LAMBDA_EVENT = tk.TriggerKind("ses-lambda-event", "SES receipt rule (Event)", tk.ASYNC)
LAMBDA_REQUEST = tk.TriggerKind(
    "ses-lambda-request-response", "SES receipt rule (RequestResponse)", tk.SYNC
)
DELIVERY = tk.TriggerKind("ses-delivery", "SES receipt rule delivery", tk.CARRIES)
SYNCHRONOUS = "RequestResponse"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Rule -> each function of its Lambda actions, bucket of its S3 actions and topic."""
    for row in estate.rows("ses_receipt_rules"):
        enabled = row.get("enabled")
        for action in mappings(row.get("function_actions")):
            function = text(action.get("function_arn"))
            if not function or not function.startswith("arn:"):
                continue
            invocation = text(action.get("invocation_type")) or "Event"
            kind = LAMBDA_REQUEST if invocation == SYNCHRONOUS else LAMBDA_EVENT
            graph.edge(
                row["arn"], function, kinds.TRIGGERS,
                **kind.evidence(invocation_type=invocation, enabled=enabled),
            )  # fmt: skip
        for action, column in (("S3Action", "bucket_arns"), ("SNS notification", "topic_arns")):
            for target in strings(row.get(column)):
                if target.startswith("arn:"):
                    graph.edge(
                        row["arn"], target, kinds.TRIGGERS,
                        **DELIVERY.evidence(action=action, enabled=enabled),
                    )  # fmt: skip


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """Anyone may send mail to each enabled rule's recipients."""
    for row in estate.rows("ses_receipt_rules"):
        if row.get("enabled") is False:
            continue
        scanned = row.get("scan_enabled")
        expose_entry(
            graph, row["arn"], row, "SES receipt rule",
            recipients=strings(row.get("recipients")) or "every address of every verified domain",
            spam_and_virus_scan="on" if scanned else "off" if scanned is False else "not recorded",
            tls_policy=row.get("tls_policy") or "not recorded",
            **({} if row.get("enabled") else {"enabled": "not recorded"}),
        )  # fmt: skip


SOURCE = Source(
    title="SES receipt rules of the active rule set (Lambda, S3 and SNS actions)",
    crawl="ses",
    kinds=(LAMBDA_EVENT, LAMBDA_REQUEST, DELIVERY),
    nodes=(
        NodeKind(
            RULE,
            "ses_receipt_rules",
            "name",
            "SES receipt rule",
            ENTRIES,
            ("ses", "receipt-rule-set"),
        ),
    ),
    columns={
        "ses_receipt_rules": (
            "enabled",
            "recipients",
            "scan_enabled",
            "tls_policy",
            "function_actions",
            "bucket_arns",
            "topic_arns",
        ),
    },
    triggers=triggers,
    exposure=exposure,
)
