"""Diff of two analyses: a new untrusted path, edges and changed settings are reported."""

from __future__ import annotations

from explorer.analysis.analyze import Analysis
from explorer.analysis.build import build_graph
from explorer.analysis.diff import diff_analyses
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import fn, queue
from tests.analysis.estates import estate, function

MAPPING = {"uuid": "1", "event_source_arn": queue("q"), "function_arn": fn("worker")}


def analysed(**tables) -> Analysis:
    est = estate(functions=[function("worker")], event_source_mappings=[MAPPING], **tables)
    graph = build_graph(est).g
    return Analysis(estate=est, graph=graph, inputs=untrusted_inputs(graph), _findings=[])


def test_a_new_public_queue_policy_shows_a_new_anonymous_path():
    statement = {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}
    old = analysed(sqs_queues=[{"arn": queue("q"), "name": "q", "policy": None}])
    new = analysed(
        sqs_queues=[
            {
                "arn": queue("q"),
                "name": "q",
                "policy": {"Version": "2012-10-17", "Statement": [statement]},
            }
        ]
    )

    changes = diff_analyses(old, new)

    [added] = changes["added"]["inputs"]
    assert (added["function"], added["trust"], added["origin"]) == (
        fn("worker"),
        "anonymous",
        "internet",
    )
    assert {
        "from": "internet",
        "to": queue("q"),
        "kind": "exposes",
        "conditional": False,
    } in changes["added"]["edges"]
    [changed] = changes["changed"]["nodes"]
    assert changed["node"] == queue("q") and "policy" in changed["columns"]


def test_identical_snapshots_have_no_changes():
    changes = diff_analyses(analysed(), analysed())

    assert all(not items for part in changes.values() for items in part.values())


def test_a_new_user_who_can_update_the_workers_code_shows_as_a_node_and_a_becomes_edge():
    user_arn = "arn:aws:iam::123456789012:user/ops"
    grant = {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": fn("worker")}
    document = {"Version": "2012-10-17", "Statement": [grant]}
    user = {"arn": user_arn, "name": "ops", "groups": [], "attached_policy_arns": [],
            "inline_policies": [{"name": "deploy", "document": document}]}  # fmt: skip
    old, new = analysed(), analysed(iam_users=[user])

    changes = diff_analyses(old, new)

    assert user_arn in {node["node"] for node in changes["added"]["nodes"]}
    becomes = [e for e in changes["added"]["edges"] if e["kind"] == "becomes"]
    assert [(e["from"], e["to"]) for e in becomes] == [
        (user_arn, "arn:aws:iam::123456789012:role/worker-role")
    ]
