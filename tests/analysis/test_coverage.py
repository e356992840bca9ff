"""Which gaps touch one answer (analysis/coverage.py): hand-built graphs, one rule each."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.blast import blast_radius, reached_by
from explorer.analysis.chains import find_chains
from explorer.analysis.coverage import coverage
from explorer.analysis.scopes import blast_scope, chains_scope, inputs_scope
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, bucket, fn, graph_with, queue, role, route

E, T, W, A = kinds.EXPOSES, kinds.TRIGGERS, kinds.WRITES, kinds.ASSUMES
PUBLIC = {"trust": kinds.ANONYMOUS}


def _estate_graph():
    """internet -> api route -> front -> role -> work queue -> back; a private `quiet` function
    beside it; a public `uploads` bucket and a private `archive` bucket, neither triggering."""
    graph = graph_with(
        (kinds.INTERNET, E, route("orders")),
        (route("orders"), T, fn("front")),
        (fn("front"), A, role("front-role")),
        (role("front-role"), W, queue("work")),
        (queue("work"), T, fn("back")),
        (fn("quiet"), A, role("quiet-role")),
        (kinds.INTERNET, E, bucket("uploads")),
        **{f"{kinds.INTERNET}>{route('orders')}": PUBLIC,
           f"{kinds.INTERNET}>{bucket('uploads')}": PUBLIC},
    )  # fmt: skip
    graph.node(bucket("archive"), kinds.BUCKET)
    return graph.g


def _error(service: str, operation: str, resource: str | None = None, **extra) -> dict:
    return {"service": service, "operation": operation, "code": "AccessDenied",
            "region": "us-east-1", "resource": resource, "message": "no", **extra}  # fmt: skip


def _inputs(g, name: str, *errors: dict, meta: dict | None = None):
    function = fn(name)
    scope = inputs_scope(g, function, untrusted_inputs(g).get(function, []))
    return coverage(g, list(errors), meta or {}, scope)


def _blast(g, node: str, *errors: dict):
    scope = blast_scope(g, node, blast_radius(g, node), reached_by(g, node))
    return coverage(g, list(errors), {}, scope)


def _chains(g, start: str | None, *errors: dict):
    result = find_chains(g, start)
    return coverage(g, list(errors), {}, chains_scope(g, start, result))


def test_no_gap_is_complete():
    assert _inputs(_estate_graph(), "back").complete


def test_a_failed_listing_touches_every_answer():
    g = _estate_graph()
    listing = _error("sqs", "ListQueues")

    answers = [_inputs(g, "quiet", listing), _blast(g, fn("quiet"), listing),
               _chains(g, fn("quiet"), listing)]  # fmt: skip

    assert not any(a.complete for a in answers)
    assert answers[0].gaps[0].what == "sqs ListQueues failed (AccessDenied)"


def test_a_failed_iam_read_touches_every_permission_based_answer():
    g = _estate_graph()
    iam = _error("iam", "GetAccountAuthorizationDetails")

    assert not _inputs(g, "back", iam).complete
    assert not _blast(g, fn("front"), iam).complete
    assert not _chains(g, kinds.INTERNET, iam).complete


def test_a_failed_policy_read_touches_only_answers_that_reach_that_function():
    g = _estate_graph()
    denied = _error("lambda", "GetPolicy", fn("quiet"))

    assert not _inputs(g, "quiet", denied).complete
    assert _inputs(g, "back", denied).complete


def test_a_failed_policy_read_upstream_touches_the_answer():
    g = _estate_graph()
    denied = _error("sqs", "GetQueueAttributes", queue("work"))

    covered = _inputs(g, "back", denied)

    assert not covered.complete and covered.gaps[0].resources == (queue("work"),)


def test_unknown_notifications_of_a_bucket_untrusted_data_reaches_touch_any_inputs():
    g = _estate_graph()
    hidden = _error("s3", "GetBucketNotificationConfiguration", bucket("uploads"))

    assert not _inputs(g, "quiet", hidden).complete


def test_unknown_notifications_of_a_bucket_nobody_outside_reaches_do_not_touch_inputs():
    g = _estate_graph()
    hidden = _error("s3", "GetBucketNotificationConfiguration", bucket("archive"))

    assert _inputs(g, "quiet", hidden).complete


def test_unknown_notifications_of_a_bucket_whose_policy_is_also_unknown_touch_inputs():
    g = _estate_graph()
    hidden = _error("s3", "GetBucketNotificationConfiguration", bucket("archive"))
    policy = _error("s3", "GetBucketPolicy", bucket("archive"))

    assert not _inputs(g, "quiet", hidden, policy).complete


def test_unknown_links_anywhere_touch_blast_radius_but_settings_do_not():
    g = _estate_graph()
    links = _error("s3", "GetBucketNotificationConfiguration", bucket("archive"))
    settings = _error("s3", "GetBucketEncryption", bucket("archive"))

    assert not _blast(g, fn("quiet"), links).complete
    assert _blast(g, fn("quiet"), settings).complete
    assert not _blast(g, bucket("archive"), settings).complete


def test_chains_from_a_node_are_touched_only_by_gaps_on_them():
    g = _estate_graph()
    on = _error("sqs", "GetQueueAttributes", queue("work"))
    off = _error("s3", "GetBucketNotificationConfiguration", bucket("archive"))

    assert not _chains(g, fn("front"), on).complete
    assert _chains(g, fn("front"), off).complete
    assert not _chains(g, None, off).complete


def test_an_unplaceable_resource_is_treated_as_naming_nothing():
    g = _estate_graph()
    stranger = _error("lambda", "GetPolicy", fn("not-in-the-snapshot"))

    assert not _inputs(g, "back", stranger).complete


def test_an_operation_not_classified_touches_every_answer():
    g = _estate_graph()
    novel = _error("lambda", "GetFunctionConcurrency", fn("quiet"))

    assert not _inputs(g, "back", novel).complete


def test_a_queue_url_is_placed_by_the_row_of_its_queue():
    g = _estate_graph()
    url = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/work"
    g.nodes[queue("work")]["row"] = {"url": url, "region": "us-east-1"}
    denied = _error("sqs", "GetQueueAttributes", url)
    unplaced = _error("sqs", "GetQueueAttributes", url.replace("work", "elsewhere"))

    assert not _chains(g, fn("front"), denied).complete
    assert _chains(g, fn("quiet"), denied).complete
    assert not _chains(g, fn("quiet"), unplaced).complete


def test_services_left_out_of_the_crawl_are_gaps_of_every_answer():
    g = _estate_graph()
    meta = {"not_read": [{"what": "SQS", "why": "left out", "cause": "--service",
                          "service": "sqs", "hides": ["triggers"]}]}  # fmt: skip

    covered = _inputs(g, "quiet", meta=meta)

    assert not covered.complete
    assert [(gap.kind, gap.service) for gap in covered.gaps] == [("not-crawled", "sqs")]


def test_a_policy_the_analysis_could_not_read_upstream_is_a_gap():
    g = _estate_graph()
    g.nodes[queue("work")]["exposure_unknown"] = ["the queue policy is not a JSON object"]

    assert not _inputs(g, "back", meta={}).complete
    assert _inputs(g, "quiet", meta={}).complete


def test_only_not_read_entries_that_could_add_an_edge_are_reported():
    meta = {"not_read": [
        {"what": "schedules", "why": "later", "cause": "crawler", "hides": ["triggers"]},
        {"what": "SCPs", "why": "later", "cause": "crawler", "hides": ["restrictions"]},
        {"what": "concurrency", "why": "later", "cause": "crawler", "hides": ["settings"]},
    ]}  # fmt: skip

    covered = _inputs(_estate_graph(), "back", meta=meta)

    assert covered.complete and [e["what"] for e in covered.not_read] == ["schedules"]
    assert _inputs(_estate_graph(), "back").not_read is None  # an older snapshot
