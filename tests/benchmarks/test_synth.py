"""The synthetic account goes through the real crawler into a snapshot every command can open."""

from __future__ import annotations

import pytest

from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.answers import answer
from benchmarks.synthetic.answers_iam import access_keys
from benchmarks.synthetic.registry import ApiError
from benchmarks.synthetic.sources import ENTRY_ADDERS
from benchmarks.synthetic.synth import crawl_account
from benchmarks.synthetic.wiring import Wiring, build_account
from explorer.analysis.analyze import analyze
from explorer.store.reader import open_snapshot

TABLES = {
    "functions": "functions",
    "queues": "sqs_queues",
    "topics": "sns_topics",
    "buckets": "s3_buckets",
    "tables": "dynamodb_tables",
    "streams": "kinesis_streams",
    "state_machines": "state_machines",
    "event_buses": "event_buses",
    "event_rules": "event_rules",
    "user_pools": "cognito_user_pools",
    "log_groups": "log_groups",
    "event_source_mappings": "event_source_mappings",
    "users": "iam_users",
    "groups": "iam_groups",
    "load_balancers": "elb_load_balancers",
    "load_balancer_rules": "elb_listener_rules",
    "schedules": "scheduler_schedules",
    "topic_rules": "iot_topic_rules",
    "graphql_apis": "appsync_graphql_apis",
    "graphql_data_sources": "appsync_data_sources",
    "distributions": "cloudfront_distributions",
    "origin_access_controls": "cloudfront_origin_access_controls",
    "kafka_clusters": "kafka_clusters",
    "mq_brokers": "mq_brokers",
    "receipt_rules": "ses_receipt_rules",
    "delivery_streams": "firehose_delivery_streams",
    "secrets": "secrets",
    "object_lambda_access_points": "s3_object_lambda_access_points",
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    account = build_account(Sizes(functions=30, seed=3))
    result = crawl_account(account, tmp_path_factory.mktemp("synth") / "synthetic.sqlite")
    snapshot = open_snapshot(result.outcome.path)
    yield account, result, snapshot
    snapshot.close()


def test_synthetic_crawl_reads_every_resource_without_failed_calls(synthetic):
    account, result, snapshot = synthetic

    counts = account.counts()

    assert result.outcome.summary.errors == []
    assert {kind: snapshot.count(table) for kind, table in TABLES.items()} == {
        kind: counts[kind] for kind in TABLES
    }


class EverySource(Wiring):
    """A small estate where each trigger source of `sources.py` starts at least one chain."""

    def link_roles(self) -> None:
        region, team = self.sizes.regions[0], self.teams[0]
        data = self.account.region(region)
        functions = [f["FunctionArn"] for f in data.functions.values()]
        for kind, fn in zip(ENTRY_ADDERS, functions, strict=False):
            self.add_entry(kind, region, team, fn)
        self.add_schedule(region, team, functions[0])
        self.add_edge(region, team, functions[1], share=1.0)
        self.add_url(functions[2], "AWS_IAM")
        self.front_url(functions[2])
        self.add_transform(region, team, functions[3], share=1.0, from_stream=1.0)
        self.add_transform(region, team, functions[4], share=1.0, from_stream=0.0)
        self.add_rotation(region, team, functions[5])
        super().link_roles()


@pytest.fixture(scope="module")
def every_source(tmp_path_factory: pytest.TempPathFactory):
    account = EverySource(Sizes(functions=30, seed=3)).build()
    result = crawl_account(account, tmp_path_factory.mktemp("sources") / "sources.sqlite")
    snapshot = open_snapshot(result.outcome.path)
    yield account, result, snapshot
    snapshot.close()


def test_every_trigger_source_reaches_the_snapshot_without_failed_calls(every_source):
    account, result, snapshot = every_source

    counts = account.counts()
    mappings = {row["uuid"]: row for row in snapshot.rows("event_source_mappings", raw=False)}

    assert result.outcome.summary.errors == []
    assert {kind: snapshot.count(table) for kind, table in TABLES.items()} == {
        kind: counts[kind] for kind in TABLES
    }
    assert all(counts[kind] for kind in ("schedules", "topic_rules", "graphql_apis",
                                         "distributions", "kafka_clusters", "mq_brokers",
                                         "receipt_rules", "edge_functions", "delivery_streams",
                                         "secrets", "rotated_secrets",
                                         "object_lambda_access_points"))  # fmt: skip
    assert any(m["self_managed_endpoints"] and m["topics"] for m in mappings.values())
    assert any(m["queues"] and m["source_access_types"] for m in mappings.values())
    edge = [e for row in snapshot.rows("cloudfront_distributions") for e in row["edge_functions"]]
    assert edge
    streams = list(snapshot.rows("firehose_delivery_streams", raw=False))
    assert {row["stream_type"] for row in streams} == {"KinesisStreamAsSource", "DirectPut"}
    assert all(row["function_arns"] and row["destination_arns"] for row in streams)
    secrets = list(snapshot.rows("secrets", raw=False))
    assert any(row["rotation_function_arn"] for row in secrets)
    assert all(row["policy_read"] for row in secrets)
    points = list(snapshot.rows("s3_object_lambda_access_points", raw=False))
    assert points and all(p["function_arns"] and p["supporting_bucket_arn"] for p in points)


def test_synthetic_users_credentials_agree_with_their_keys(synthetic):
    account, _, snapshot = synthetic

    users = {row["arn"]: row for row in snapshot.rows("iam_users")}

    assert set(users) == {u["Arn"] for u in account.users}
    for user in account.users:
        row = users[user["Arn"]]
        listed = [k["AccessKeyId"] for k in access_keys(user)]
        assert [k["id"] for k in row["access_keys"]] == listed
        assert all(k["last_used_known"] for k in row["access_keys"])
        assert row["password_enabled"] is not None and row["mfa_active"] is not None
    assert any(k["last_used"] for row in users.values() for k in row["access_keys"])


def test_synthetic_crawl_keeps_every_group_membership(synthetic):
    account, _, snapshot = synthetic

    memberships = sum(len(row["groups"]) for row in snapshot.rows("iam_users", raw=False))

    assert memberships == account.counts()["group_memberships"] > 0


def test_every_seeded_escalation_names_a_principal_of_the_snapshot(synthetic):
    account, _, snapshot = synthetic

    principals = {
        row["arn"] for table in ("iam_users", "iam_roles") for row in snapshot.rows(table)
    }

    assert account.escalations
    assert {case["principal"] for case in account.escalations} <= principals


def test_users_and_groups_grow_in_proportion_to_the_functions():
    sizes = Sizes(functions=2_000, seed=3)

    account = build_account(sizes)

    counts = account.counts()
    in_one_to_three = sum(1 for user in account.users if 1 <= len(user["GroupList"]) <= 3)
    escalating = {case["principal"] for case in account.escalations if case["escalates"]}
    near_misses = {case["principal"] for case in account.escalations if not case["escalates"]}
    assert (counts["users"], counts["groups"]) == (200, 20)
    assert in_one_to_three >= 0.8 * counts["users"]
    assert len(escalating) >= 200 // 25 and len(near_misses) >= 200 // 25


def test_synthetic_snapshot_opens_and_analyses(synthetic):
    _, _, snapshot = synthetic

    analysis = analyze(snapshot)

    functions = [n for n, a in analysis.graph.nodes(data=True) if a.get("kind") == "function"]
    assert len(functions) == 30
    assert analysis.inputs  # some functions are reachable from untrusted origins


def test_same_seed_builds_the_same_account():
    first, second = (
        build_account(Sizes(functions=40, seed=5)),
        build_account(Sizes(functions=40, seed=5)),
    )

    assert first.roles == second.roles
    assert first.users == second.users and first.groups == second.groups
    assert first.counts() == second.counts()


def test_unknown_operation_answers_like_a_missing_api():
    account = build_account(Sizes(functions=5))

    reply = answer(account, "lambda", "DeleteFunction", {}, "us-east-1")

    assert isinstance(reply, ApiError) and reply.code == "UnknownOperationException"


def test_synthetic_reserved_concurrency_reaches_the_snapshot(synthetic):
    account, _, snapshot = synthetic
    seeded = {
        data.functions[name]["FunctionArn"]: reserved
        for data in account.regions.values()
        for name, reserved in data.concurrency.items()
    }

    stored = {
        row["arn"]: row["reserved_concurrency"]
        for row in snapshot.rows("functions")
        if row["reserved_concurrency"] is not None
    }

    assert seeded and stored == seeded


def test_synthetic_trail_is_listed_in_every_region_with_selectors_at_home(synthetic):
    account, _, snapshot = synthetic

    rows = {row["region"]: row for row in snapshot.rows("trails")}

    assert set(rows) == set(account.sizes.regions)
    home = rows[account.sizes.regions[0]]
    assert home["is_logging"] is True and home["event_selectors"]
