"""AWS IoT topic rules: a rule selects messages published to its MQTT topics and sends them to
its actions; a Lambda action invokes the function asynchronously (the function then needs a
failure destination), and the error action gets the message when an action fails.

The rule is an entry point (its node, in the app's entries): devices and apps publishing to its
topics are clients that authenticated to AWS IoT (certificates, Cognito identities, custom
authorizers), so the internet may send to it as an authenticated caller. IoT policies are not
read (a noted gap: which certificates or identities may publish to a topic, and whether a
Cognito guest may), so every rule counts as reachable by any authenticated client. A disabled
rule keeps its edges, marked `disabled` (enabling it needs no change elsewhere).

Every action that names a resource gets an edge of the same kind (a queue, a table, a stream:
the message moves on, as EventBridge targets do); an action's role is what IoT acts as
(`assumes`, as a state machine's role: `who-can` names the rule, no data flows through it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.shapes import mappings, strings, text
from explorer.analysis.sources import ENTRIES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

RULE = "iot_rule"
"""Node kind: an AWS IoT topic rule."""
ACTION = tk.TriggerKind("iot-rule-action", "IoT rule action", tk.ASYNC)
VIA = "IoT topic"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Rule -> each action's (and the error action's) target, and -> each action's role."""
    for row in estate.rows("iot_topic_rules"):
        marks = {"disabled": True} if row.get("disabled") else {}
        for target in mappings(row.get("targets")):
            arn = text(target.get("arn"))
            if arn and arn.startswith("arn:"):
                more = {"error_action": True} if target.get("error_action") is True else {}
                graph.edge(
                    row["arn"], arn, kinds.TRIGGERS,
                    **ACTION.evidence(action=text(target.get("action")), **more, **marks),
                )  # fmt: skip
        for role in strings(row.get("role_arns")):
            if role.startswith("arn:"):
                graph.edge(row["arn"], role, kinds.ASSUMES, via="IoT rule action role")


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """Authenticated IoT clients on the internet may publish to every rule's topics."""
    for row in estate.rows("iot_topic_rules"):
        more: dict[str, object] = {"iot_policies": "not read"}
        if text(row.get("topic_pattern")):
            more["topic"] = row["topic_pattern"]
        if row.get("disabled"):
            more["disabled"] = True
        graph.edge(
            kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.AUTHENTICATED, via=VIA,
            authorization=text(row.get("authorization_type")) or "IOT", **more,
        )  # fmt: skip


SOURCE = Source(
    title="AWS IoT topic rules",
    crawl="iot",
    kinds=(ACTION,),
    nodes=(NodeKind(RULE, "iot_topic_rules", "name", "IoT topic rule", ENTRIES, ("iot", "rule")),),
    columns={"iot_topic_rules": ("topic_pattern", "disabled", "targets", "role_arns")},
    triggers=triggers,
    exposure=exposure,
)
