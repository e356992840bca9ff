"""AWS IoT topic rules as entry points: hand-made rows, the graph they make. Authenticated IoT
clients on the internet publish to a rule, which triggers its function and carries messages on
to its other targets."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.findings import find_all
from explorer.analysis.sources.iot import ACTION, RULE
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import fn, queue, role
from tests.analysis.estates import estate, function

ARN = "arn:aws:iot:us-east-1:123456789012:rule"


def rule(name: str, **extra) -> dict:
    targets = [
        {"action": "lambda", "arn": fn("telemetry"), "role_arn": None, "error_action": False}
    ]
    return {"arn": f"{ARN}/{name}", "name": name, "topic_pattern": "kiosks/+/telemetry",
            "disabled": False, "rule_read": True, "authorization_type": "IOT",
            "function_arns": [fn("telemetry")], "targets": targets, "role_arns": [],
            **extra}  # fmt: skip


def built(*rules: dict):
    found = estate(functions=[function("telemetry")], iot_topic_rules=list(rules))
    return found, build_graph(found).g


def test_a_rule_is_an_entry_authenticated_clients_send_to_and_it_triggers_its_function():
    r = rule("telemetry")
    _, g = built(r)

    assert g.nodes[r["arn"]]["kind"] == RULE
    [(origin, _, exposed)] = g.in_edges(r["arn"], data=True)
    assert (origin, exposed["kind"], exposed["trust"]) == (
        kinds.INTERNET, kinds.EXPOSES, kinds.AUTHENTICATED
    )  # fmt: skip
    assert exposed["evidence"]["topic"] == "kiosks/+/telemetry"
    assert exposed["evidence"]["iot_policies"] == "not read"
    [(_, target, data)] = g.out_edges(r["arn"], data=True)
    assert (target, data["evidence"]["trigger_kind"]) == (fn("telemetry"), ACTION.key)
    [found] = untrusted_inputs(g)[fn("telemetry")]
    assert (found.trust, found.entry) == (kinds.AUTHENTICATED, r["arn"])


def test_the_function_needs_a_failure_destination():
    found, g = built(rule("telemetry"))

    lost = [f for f in find_all(found, g) if f.rule == "no-failure-destination"]

    assert [f.resource for f in lost] == [fn("telemetry")]


def test_other_targets_carry_the_message_on_and_roles_are_assumed():
    errors = {
        "action": "sqs",
        "arn": queue("errors"),
        "role_arn": role("iot"),
        "error_action": True,
    }
    dynamic = {"action": "s3", "arn": None, "role_arn": role("iot"), "error_action": False}
    r = rule("telemetry", disabled=True, role_arns=[role("iot")],
             targets=[*rule("x")["targets"], errors, dynamic])  # fmt: skip
    _, g = built(r)

    out = {t: d for _, t, d in g.out_edges(r["arn"], data=True)}
    assert set(out) == {fn("telemetry"), queue("errors"), role("iot")}
    assert out[queue("errors")]["evidence"]["error_action"] is True
    assert out[queue("errors")]["evidence"]["disabled"] is True
    assert out[role("iot")]["kind"] == kinds.ASSUMES
    assert queue("errors") in untrusted_inputs(g, targets={queue("errors")})


def test_hostile_rows_make_no_edges_to_made_up_nodes():
    r = rule("odd", targets=[{"action": "lambda", "arn": "not-an-arn"}, "junk", None],
             role_arns=["junk", 7])  # fmt: skip
    _, g = built(r)

    assert list(g.out_edges(r["arn"])) == []
