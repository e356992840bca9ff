"""SES answers as AWS sends them: an active rule set has a name, and its rules unique names."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, Landing
from tests.crawl.shapes.realism import ACCOUNT, REGION


def rule_set(call: Call) -> None:
    metadata = call.response.setdefault("Metadata", {})
    metadata["Name"] = call.name()
    for rule in call.response.get("Rules") or []:
        rule["Name"] = call.name()


def rule_lands(call: Call) -> list[Landing]:
    rule_set_name = (call.response.get("Metadata") or {}).get("Name")
    prefix = f"arn:aws:ses:{REGION}:{ACCOUNT}:receipt-rule-set/{rule_set_name}:receipt-rule/"
    return [
        Landing("ses_receipt_rules", {"arn": prefix + r["Name"]})
        for r in call.response.get("Rules") or []
    ]
