"""Print kiosks in the shops publish telemetry over MQTT: an IoT topic rule sends every message
to a new function, which Lambda invokes asynchronously with no failure destination. The kiosks
are authenticated IoT clients, yet what they publish is still untrusted input."""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function, grant_invoke
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

FUNCTION = FunctionSpec(
    "pixmart-device-telemetry",
    "python3.12",
    "pixmart-readonly-role",
    "Stores print-kiosk telemetry (IoT topic rule)",
    env={"LOG_LEVEL": "info", "TABLE_NAME": "pixmart-kiosk-telemetry"},
    reserved_concurrency=20,
)
RULE = "pixmart_device_telemetry"
"""Topic rule names allow letters, digits and underscores only."""
TOPIC = "pixmart/kiosks/+/telemetry"
KIND = "iot-rule-action"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    iot = clients("iot")
    iot.create_topic_rule(
        ruleName=RULE,
        topicRulePayload={
            "sql": f"SELECT *, topic(3) AS kiosk FROM '{TOPIC}'",
            "awsIotSqlVersion": "2016-03-23",
            "ruleDisabled": False,
            "actions": [{"lambda": {"functionArn": function}}],
        },
    )
    rule = iot.get_topic_rule(ruleName=RULE)["ruleArn"]
    grant_invoke(clients("lambda"), FUNCTION.name, "IotTelemetryRule", "iot.amazonaws.com",
                 source_arn=rule)  # fmt: skip
    ledger.trigger(KIND, rule, function, TOPIC)
    ledger.flaws += [
        Flaw("untrusted-input-authenticated", function,
             f"print kiosks publish to {TOPIC}; the IoT rule invokes it with their messages"),
        Flaw("no-failure-destination", function,
             "an IoT rule invokes it asynchronously; failed events are lost"),
    ]  # fmt: skip
