"""AWS IoT answers as AWS sends them: topic rules with unique names and ARNs, so every listed
rule is read and lands."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, rows
from tests.crawl.shapes.realism import arn


def topic_rules(call: Call) -> None:
    for item in call.items("rules"):
        name = call.name().replace("-", "_")
        item["ruleName"] = name
        item["ruleArn"] = arn("iot", f"rule/{name}")


rule_lands = rows("iot_topic_rules", "rules", arn="ruleArn")
