"""EventBridge Scheduler schedules: hand-made rows, the graph they make. A schedule triggers its
target, carries failures to its dead-letter queue and runs as its role; nothing outside sends to
it."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.scheduler import DLQ, INVOKE_CALL, SCHEDULE, TARGET
from explorer.analysis.taint import untrusted_inputs
from explorer.analysis.who_can import who_can
from tests.analysis.builders import fn, queue, role
from tests.analysis.estates import allow, estate, function, iam_role

ARN = "arn:aws:scheduler:us-east-1:123456789012:schedule"
LAMBDA_INVOKE = "aws-sdk:lambda:invoke"


def schedule(name: str, **extra) -> dict:
    return {"arn": f"{ARN}/ops/{name}", "name": name, "group_name": "ops", "state": "ENABLED",
            "details_read": True, "target_arn": fn("report"), "universal_target": None,
            "function_arns": [fn("report")], "invocation_type": "Event",
            "role_arn": role("scheduler"), "dlq_arn": queue("dead-letters"), **extra}  # fmt: skip


def built(*schedules: dict, **tables: list[dict]):
    found = estate(
        functions=[function("report"), function("sweeper")], scheduler_schedules=list(schedules),
        **tables,
    )  # fmt: skip
    return found, build_graph(found).g


def out(g, node: str, kind: str) -> dict[str, dict]:
    return {t: d for _, t, d in g.out_edges(node, data=True) if d["kind"] == kind}


def test_a_schedule_triggers_its_function_asynchronously_and_carries_failures_to_its_queue():
    row = schedule("weekly")
    _, g = built(row)

    assert g.nodes[row["arn"]]["kind"] == SCHEDULE
    triggered = out(g, row["arn"], kinds.TRIGGERS)
    assert triggered[fn("report")]["evidence"]["trigger_kind"] == TARGET.key
    assert triggered[queue("dead-letters")]["evidence"]["trigger_kind"] == DLQ.key
    assert set(out(g, row["arn"], kinds.ASSUMES)) == {role("scheduler")}


def test_a_schedule_is_no_untrusted_input():
    row = schedule("weekly")
    _, g = built(row)

    assert [d for _, _, d in g.in_edges(row["arn"], data=True)] == []
    assert fn("report") not in untrusted_inputs(g)


def test_a_schedule_to_a_queue_gets_the_same_edge_and_unread_details_make_none():
    row = schedule("to-queue", target_arn=queue("jobs"), function_arns=[], details_read=False,
                   role_arn=None, dlq_arn=None, invocation_type=None)  # fmt: skip
    _, g = built(row)

    assert set(out(g, row["arn"], kinds.TRIGGERS)) == {queue("jobs")}
    assert out(g, row["arn"], kinds.ASSUMES) == {}


def test_an_invoke_call_is_synchronous_unless_it_asks_for_an_event_and_a_dry_run_is_none():
    base = {"target_arn": None, "universal_target": LAMBDA_INVOKE, "function_arns": [fn("sweeper")],
            "dlq_arn": None}  # fmt: skip
    waits = schedule("sweep", **base, invocation_type="RequestResponse")
    queued = schedule("queued", **base, invocation_type="Event")
    dry = schedule("dry", **base, invocation_type="DryRun")
    _, g = built(waits, queued, dry)

    def kind_of(row: dict) -> str:
        return out(g, row["arn"], kinds.TRIGGERS)[fn("sweeper")]["evidence"]["trigger_kind"]

    assert (kind_of(waits), kind_of(queued)) == (INVOKE_CALL.key, TARGET.key)
    assert out(g, dry["arn"], kinds.TRIGGERS) == {}


def test_other_universal_targets_make_no_edge_to_a_made_up_node():
    row = schedule("make-queue", target_arn=None, universal_target="aws-sdk:sqs:createQueue",
                   function_arns=[], dlq_arn=None)  # fmt: skip
    _, g = built(row)

    assert out(g, row["arn"], kinds.TRIGGERS) == {}


def test_who_can_invoke_names_the_schedule_running_as_a_role_that_may():
    row = schedule("weekly")
    scheduler_role = iam_role("scheduler", allow("lambda:InvokeFunction", fn("report")))
    found, g = built(row, iam_roles=[scheduler_role])

    answers = who_can(found, g, "lambda:InvokeFunction", fn("report"))

    assert row["arn"] in {a.principal for a in answers}
