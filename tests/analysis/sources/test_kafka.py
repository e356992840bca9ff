"""Kafka sources: MSK clusters and self-managed Kafka from hand-made rows, the graph they make."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.build import build_graph
from explorer.analysis.sources.kafka import CLUSTER, EXTERNAL, SELF_MANAGED, external_node
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import document, estate, function

CLUSTER_ARN = f"arn:aws:kafka:us-east-1:{ACCOUNT}:cluster/orders/5a1b-2"
TOPIC_ARN = f"arn:aws:kafka:us-east-1:{ACCOUNT}:topic/orders/5a1b-2"
PARTNER = "210987654321"
SERVERS = ["b-2.kafka.example.net:9096", "b-1.kafka.example.net:9096"]


def cluster(**extra) -> dict:
    return {"arn": CLUSTER_ARN, "name": "orders", "type": "PROVISIONED",
            "client_authentication": ["iam"], "public_access": False, "policy": None,
            "policy_read": True, **extra}  # fmt: skip


def mapping(uuid: str, function: str, **extra) -> dict:
    return {"uuid": uuid, "function_arn": fn(function), "event_source_arn": None,
            "state": "Enabled", "topics": ["orders"], "self_managed_endpoints": [],
            "source_access_types": [], **extra}  # fmt: skip


def graph_of(*mappings: dict, clusters: tuple[dict, ...] = ()):
    names = sorted({m["function_arn"].rsplit(":", 1)[-1] for m in mappings})
    built = estate(functions=[function(n) for n in names],
                   event_source_mappings=list(mappings), kafka_clusters=list(clusters))  # fmt: skip
    return build_graph(built).g


def exposures(g, node: str) -> list[dict]:
    return [d for _, _, d in g.in_edges(node, data=True) if d["kind"] == kinds.EXPOSES]


def test_an_msk_mapping_starts_at_the_cluster_node():
    g = graph_of(mapping("m1", "orders", event_source_arn=CLUSTER_ARN), clusters=(cluster(),))

    assert g.nodes[CLUSTER_ARN]["kind"] == CLUSTER
    [(_, target, data)] = g.out_edges(CLUSTER_ARN, data=True)
    assert target == fn("orders")
    assert data["evidence"]["trigger_kind"] == tk.EVENT_SOURCE_MAPPING.key


def test_a_cluster_outside_the_snapshot_is_a_placeholder_of_its_kind():
    other = "arn:aws:kafka:us-east-1:210987654321:cluster/shared/77-1"
    g = graph_of(mapping("m1", "orders", event_source_arn=other))

    assert (g.nodes[other]["kind"], g.nodes[other]["known"]) == (CLUSTER, False)


def test_a_private_cluster_is_not_exposed_and_a_public_one_is_authenticated():
    private = graph_of(mapping("m1", "orders", event_source_arn=CLUSTER_ARN), clusters=(cluster(),))
    public = graph_of(
        mapping("m1", "orders", event_source_arn=CLUSTER_ARN),
        clusters=(cluster(public_access=True, public_access_type="SERVICE_PROVIDED_EIPS"),),
    )

    assert exposures(private, CLUSTER_ARN) == []
    [edge] = exposures(public, CLUSTER_ARN)
    assert (edge["trust"], edge["evidence"]["client_authentication"]) == (
        kinds.AUTHENTICATED, ["iam"],
    )  # fmt: skip


def test_public_with_unauthenticated_access_is_anonymous_and_unknown_auth_is_not():
    open_ = cluster(public_access=True, client_authentication=["iam", "unauthenticated"])
    unknown = cluster(public_access=True, client_authentication=None)
    m = mapping("m1", "orders", event_source_arn=CLUSTER_ARN)

    [anonymous] = exposures(graph_of(m, clusters=(open_,)), CLUSTER_ARN)
    [unrecorded] = exposures(graph_of(m, clusters=(unknown,)), CLUSTER_ARN)

    assert anonymous["trust"] == kinds.ANONYMOUS
    assert unrecorded["trust"] == kinds.AUTHENTICATED
    assert unrecorded["evidence"]["client_authentication"] == "not recorded"


def test_unknown_public_access_or_an_unread_policy_is_an_unknown_exposure():
    m = mapping("m1", "orders", event_source_arn=CLUSTER_ARN)
    g = graph_of(m, clusters=(cluster(public_access=None, policy_read=False),))

    assert exposures(g, CLUSTER_ARN) == []
    assert len(g.nodes[CLUSTER_ARN]["exposure_unknown"]) == 2


def test_a_cluster_policy_letting_another_account_write_a_mapped_topic_is_cross_account():
    grant = {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
             "Action": ["kafka-cluster:Connect", "kafka-cluster:WriteData"],
             "Resource": [CLUSTER_ARN, f"{TOPIC_ARN}/orders"]}  # fmt: skip
    elsewhere = {**grant, "Resource": f"{TOPIC_ARN}/audit"}
    m = mapping("m1", "orders", event_source_arn=CLUSTER_ARN)

    g = graph_of(m, clusters=(cluster(policy=document(grant)),))
    other_topic = graph_of(m, clusters=(cluster(policy=document(elsewhere)),))

    [edge] = exposures(g, CLUSTER_ARN)
    assert (edge["trust"], edge["evidence"]["topics"]) == (kinds.CROSS_ACCOUNT, ["orders"])
    assert exposures(other_topic, CLUSTER_ARN) == []
    [found] = untrusted_inputs(g)[fn("orders")]
    assert found.origin == kinds.account_origin(PARTNER)


def test_a_grant_on_every_topic_exposes_a_cluster_even_without_mappings():
    grant = {"Effect": "Allow", "Principal": {"AWS": PARTNER}, "Action": "kafka-cluster:*",
             "Resource": f"{TOPIC_ARN}/*"}  # fmt: skip
    built = estate(kafka_clusters=[cluster(policy=document(grant))])

    [edge] = exposures(build_graph(built).g, CLUSTER_ARN)

    assert (edge["trust"], edge["evidence"]["topics"]) == (kinds.CROSS_ACCOUNT, ["*"])


def test_an_unreadable_cluster_policy_is_an_unknown_exposure():
    built = estate(kafka_clusters=[cluster(policy="{not json")])

    [note] = build_graph(built).g.nodes[CLUSTER_ARN]["exposure_unknown"]

    assert "cluster policy" in note


def test_self_managed_kafka_is_one_node_per_server_set_exposed_as_authenticated():
    a = mapping("m1", "orders", self_managed_endpoints=sorted(SERVERS),
                source_access_types=["SASL_SCRAM_512_AUTH"])  # fmt: skip
    b = mapping("m2", "audit", self_managed_endpoints=sorted(SERVERS), topics=["audit"])
    g = graph_of(a, b)

    node = external_node(SERVERS)
    assert node == "kafka:b-1.kafka.example.net:9096,b-2.kafka.example.net:9096"
    assert g.nodes[node]["kind"] == EXTERNAL
    targets = {t: d["evidence"] for _, t, d in g.out_edges(node, data=True)}
    assert set(targets) == {fn("orders"), fn("audit")}
    assert targets[fn("orders")]["source_access"] == ["SASL_SCRAM_512_AUTH"]
    assert targets[fn("orders")]["trigger_kind"] == tk.EVENT_SOURCE_MAPPING.key
    [edge] = exposures(g, node)
    assert (edge["trust"], edge["evidence"]["note"]) == (kinds.AUTHENTICATED, SELF_MANAGED)
    assert untrusted_inputs(g)[fn("audit")][0].trust == kinds.AUTHENTICATED


def test_a_mapping_without_servers_or_arn_makes_no_kafka_node():
    g = graph_of(mapping("m1", "orders"))

    assert [n for n, k in g.nodes(data="kind") if k == EXTERNAL] == []
