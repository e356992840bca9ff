"""The whole crawler against the demo estate: all that was deployed is stored, nothing secret.

This is the crawl's end-to-end contract: the demo is deployed into a fresh moto account with
direct boto3 calls, crawled for real over HTTP, and compared with the deploy's own manifest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.analysis import kinds, sources
from explorer.analysis.build import build_graph
from explorer.analysis.estate import load_estate
from explorer.analysis.sources.kafka import external_node
from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.permissions import OPERATIONS
from explorer.crawl.runner import CrawlOptions
from explorer.demo.account import DemoManifest, deploy
from explorer.store.reader import Snapshot, open_snapshot
from tests.conftest import session_credentials
from tests.demo.test_account import account_session

ACCOUNT = "300000000001"
DECLARED = {kind.key for source in sources.declared() for kind in source.kinds}
"""Trigger kinds of the sources declared under `explorer/analysis/sources/`: the demo has each."""


@pytest.fixture(scope="module")
def crawled(moto_endpoint, tmp_path_factory) -> Iterator[tuple[DemoManifest, Snapshot]]:
    session = account_session(moto_endpoint, ACCOUNT)
    manifest = deploy(session, moto_endpoint, "us-east-1")
    target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
    options = CrawlOptions(target=target, regions=("us-east-1",), workers=4)
    outcome = crawl_to_snapshot(options, tmp_path_factory.mktemp("cache"), quiet=True)
    snapshot = open_snapshot(outcome.path)
    yield manifest, snapshot
    snapshot.close()


def arns(snapshot: Snapshot, table: str, column: str = "arn") -> set[str]:
    return {row[column] for row in snapshot.rows(table, raw=False)}


def test_every_function_role_and_policy_is_stored(crawled):
    manifest, snapshot = crawled

    assert set(manifest.functions.values()) <= arns(snapshot, "functions")
    assert set(manifest.roles.values()) <= arns(snapshot, "iam_roles")
    assert set(manifest.policies.values()) <= arns(snapshot, "iam_policies")


def test_every_store_and_stream_is_stored(crawled):
    manifest, snapshot = crawled

    assert {f"arn:aws:s3:::{b}" for b in manifest.buckets} <= arns(snapshot, "s3_buckets")
    assert {q.arn for q in manifest.queues.values()} <= arns(snapshot, "sqs_queues")
    assert set(manifest.topics.values()) <= arns(snapshot, "sns_topics")
    assert {t.arn for t in manifest.tables.values()} <= arns(snapshot, "dynamodb_tables")
    streams = {t.stream_arn for t in manifest.tables.values() if t.stream_arn}
    assert streams <= arns(snapshot, "dynamodb_tables", "stream_arn")
    assert set(manifest.kinesis_streams.values()) <= arns(snapshot, "kinesis_streams")
    assert set(manifest.state_machines.values()) <= arns(snapshot, "state_machines")
    assert set(manifest.event_buses.values()) <= arns(snapshot, "event_buses")
    assert {r.arn for r in manifest.event_rules} <= arns(snapshot, "event_rules")


def test_every_api_route_is_stored(crawled):
    manifest, snapshot = crawled
    stored = arns(snapshot, "rest_methods") | arns(snapshot, "http_routes")

    assert {route.arn for route in manifest.routes} <= stored


def test_every_trigger_is_stored(crawled):
    manifest, snapshot = crawled
    rows = snapshot.rows
    edges = {
        *((r["event_source_arn"] or external_node(r["self_managed_endpoints"]), r["function_arn"])
          for r in rows("event_source_mappings")),
        *((r["bucket_arn"], r["destination_arn"]) for r in snapshot.rows("s3_notifications")),
        *((r["topic_arn"], r["endpoint"]) for r in snapshot.rows("sns_subscriptions")),
        *((r["rule_arn"], r["target_arn"]) for r in snapshot.rows("event_targets")),
        *((r["log_group_arn"], r["destination_arn"]) for r in rows("log_subscription_filters")),
        *((f"{r['arn']}#url", r["function_arn"]) for r in snapshot.rows("function_urls")),
        *((r["arn"], r["function_arn"]) for r in rows("rest_methods") + rows("http_routes")),
        *((r["function_arn"], d) for r in snapshot.rows("function_event_invoke_configs")
          for d in (r["on_success_arn"], r["on_failure_arn"]) if d),
        *((p["arn"], t.get("function_arn")) for p in snapshot.rows("state_machines")
          for t in p["lambda_tasks"] or []),
        *((p["arn"], f) for p in snapshot.rows("cognito_user_pools")
          for f in (p["lambda_triggers"] or {}).values()),
    }  # fmt: skip
    expected = {
        (t.source, t.target) for t in manifest.triggers
        if t.kind not in ("api-authorizer", "eventbridge-pattern", "eventbridge-schedule",
                          *DECLARED)
    }  # fmt: skip

    assert expected - edges == set()


def test_every_trigger_of_a_declared_source_is_an_edge_of_the_graph(crawled):
    """Every declared kind is in the demo; those moto can hold are edges of the crawled graph
    (a trigger moto drops, such as a Lambda@Edge association, is marked not observable: its
    source's tests show it on AWS-shaped responses)."""
    manifest, snapshot = crawled
    graph = build_graph(load_estate(snapshot)).g
    edges = {(s, t) for s, t, d in graph.edges(data=True) if d["kind"] == kinds.TRIGGERS}
    declared = [t for t in manifest.triggers if t.kind in DECLARED]

    expected = {(t.source, t.target) for t in declared if t.observable}

    assert {t.kind for t in declared} == DECLARED
    assert expected - edges == set()
    assert all(t.detail for t in declared if not t.observable)  # each says why


def test_no_seeded_secret_is_anywhere_in_the_file(crawled):
    manifest, snapshot = crawled
    data = snapshot.path.read_bytes()

    assert manifest.seeded_secrets
    assert [s for s in manifest.seeded_secrets if s.encode() in data] == []


def test_crawl_is_complete_and_within_call_budget(crawled):
    manifest, snapshot = crawled
    calls = {(r["service"], r["operation"]): r["count"] for r in snapshot.rows("api_calls")}
    per_function = [
        "ListAliases", "GetPolicy", "ListFunctionUrlConfigs", "GetFunctionUrlConfig",
        "ListFunctionEventInvokeConfigs", "GetFunctionConcurrency",
    ]  # fmt: skip
    lambda_calls = sum(calls.get(("lambda", op), 0) for op in per_function)

    assert snapshot.rows("errors") == []
    assert lambda_calls / len(manifest.functions) <= 5.1  # one ListFunctionUrlConfigs probe
    assert all(op in OPERATIONS.get(service, ()) for service, op in calls)
