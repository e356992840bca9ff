"""Secrets Manager answers as AWS sends them: unique secret ARNs (name plus six characters)."""

from __future__ import annotations

from tests.crawl.shapes.model import Call
from tests.crawl.shapes.realism import arn


def secrets(call: Call) -> None:
    for item in call.items("SecretList"):
        item["Name"] = call.name()
        item["ARN"] = arn("secretsmanager", f"secret:{item['Name']}-{call.world.next():06d}")
