"""Kafka: Amazon MSK clusters and self-managed Kafka, polled by Lambda event source mappings.

Lambda reads the mapped topics and hands each batch to the function (the built-in
`event-source-mapping` edge, POLL). A mapping of an MSK cluster names the cluster's ARN, so
its edge starts at the cluster's node (built with every other mapping in `triggers.py`). A
self-managed Kafka source has no ARN, only its bootstrap servers: its node is
`kafka:<sorted bootstrap servers, comma-joined>` (one per distinct set, like a function URL's
`<function ARN>#url`), made here with the mapping edges that start at it.

Who may produce:
- An MSK cluster with public access (`SERVICE_PROVIDED_EIPS`) takes connections from the
  internet: anonymous input when unauthenticated client access is on, authenticated otherwise.
  AWS refuses public access while unauthenticated access is on, and a cluster whose auth the
  listing omits is counted authenticated for that reason (its evidence says "not recorded").
- A private MSK cluster (or a serverless one: VPC only) takes no connection from the internet.
  Its cluster policy may still let other accounts connect through multi-VPC private
  connectivity and write topics: a grant of `kafka-cluster:WriteData` on a topic the cluster's
  mappings read (or on every topic), to a principal outside the account, exposes the cluster at
  that principal's level (read like any resource policy). A cluster whose public access is
  unknown, or whose policy could not be read, says so in its `exposure_unknown`.
- Self-managed Kafka: AWS knows only the brokers' addresses. Who may produce to them is decided
  outside AWS (the brokers may be anywhere, their ACLs are not AWS's), so the account cannot
  vouch for the producers, yet nothing says the brokers are open to anyone: the node is exposed
  to the internet as `authenticated` (not `kinds.account_origin`: the producers need not be
  principals of any AWS account), with the evidence "self-managed Kafka: who may produce is not
  known to AWS".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.exposure import note_unknown, note_unreadable, parsed_outward
from explorer.analysis.narrowing import reaches
from explorer.analysis.shapes import strings, text
from explorer.analysis.sources import RESOURCES, NodeKind, Source
from explorer.iam.exposure import resource_exposure

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

CLUSTER = "kafka_cluster"
"""Node kind: an Amazon MSK cluster (provisioned or serverless)."""
EXTERNAL = "kafka_external"
"""Node kind: a self-managed Kafka cluster, known only by its bootstrap servers."""
PREFIX = "kafka:"
UNAUTHENTICATED = "unauthenticated"
WRITE = ("kafka-cluster:WriteData",)
ANY_TOPIC = "*"
"""The probe for a grant on every topic of the cluster (`topic/<cluster>/<uuid>/*`)."""
SELF_MANAGED = "self-managed Kafka: who may produce is not known to AWS"


def external_node(servers: list[str]) -> str:
    """The node id of a self-managed Kafka source: `kafka:` and its sorted bootstrap servers."""
    return PREFIX + ",".join(sorted(servers))


def self_managed(estate: EstateRows) -> list[tuple[str, list[str], dict[str, Any]]]:
    """(node id, bootstrap servers, mapping row) of every mapping of a self-managed Kafka
    source to a function."""
    found = []
    for row in estate.rows("event_source_mappings"):
        servers = sorted(strings(row.get("self_managed_endpoints")))
        if servers and text(row.get("function_arn")) and not row.get("event_source_arn"):
            found.append((external_node(servers), servers, row))
    return found


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Self-managed Kafka source -> each function mapped to it (MSK mappings are built-in)."""
    for node, servers, row in self_managed(estate):
        if node not in graph.g:
            graph.node(node, EXTERNAL, ", ".join(servers), row={"bootstrap_servers": servers})
        graph.edge(
            node,
            row["function_arn"],
            kinds.TRIGGERS,
            **tk.EVENT_SOURCE_MAPPING.evidence(),
            state=row.get("state"),
            topics=strings(row.get("topics")),
            source_access=strings(row.get("source_access_types")),
        )


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """The internet may reach public MSK clusters and every self-managed Kafka source; other
    accounts, private clusters whose policy lets them write a mapped topic."""
    topics = _mapped_topics(estate)
    for row in estate.rows("kafka_clusters"):
        _cluster_exposure(graph, estate, row, topics.get(row["arn"], []))
    for node in dict.fromkeys(node for node, _, _ in self_managed(estate)):
        graph.edge(
            kinds.INTERNET, node, kinds.EXPOSES, trust=kinds.AUTHENTICATED,
            via="self-managed Kafka", note=SELF_MANAGED,
        )  # fmt: skip


def _mapped_topics(estate: EstateRows) -> dict[str, list[str]]:
    """Cluster ARN -> the topics its event source mappings read."""
    found: dict[str, set[str]] = {}
    for row in estate.rows("event_source_mappings"):
        source = text(row.get("event_source_arn"))
        if source:
            found.setdefault(source, set()).update(strings(row.get("topics")))
    return {source: sorted(names) for source, names in found.items()}


def _cluster_exposure(
    graph: EstateGraph, estate: EstateRows, row: dict[str, Any], topics: list[str]
) -> None:
    arn = row["arn"]
    auth = row.get("client_authentication")
    methods = strings(auth) if auth is not None else None
    public = row.get("public_access")
    if public is True:
        trust = kinds.ANONYMOUS if UNAUTHENTICATED in (methods or []) else kinds.AUTHENTICATED
        graph.edge(
            kinds.INTERNET, arn, kinds.EXPOSES, trust=trust, via="MSK public access",
            client_authentication=methods if methods is not None else "not recorded",
        )  # fmt: skip
    elif public is None:
        note_unknown(graph, arn, "MSK public access: not recorded")
    if row.get("policy_read") is False:
        note_unknown(graph, arn, "cluster policy: could not be read")
    _policy_exposure(graph, estate, arn, row.get("policy"), topics)


def _policy_exposure(
    graph: EstateGraph, estate: EstateRows, arn: str, policy: Any, topics: list[str]
) -> None:
    """Outside principals the cluster policy lets write a mapped topic, or every topic (`*`):
    one edge per origin, naming the topics."""
    parsed, errors = parsed_outward(policy, estate.account)
    note_unreadable(graph, arn, "cluster policy", errors)
    if parsed is None or ":cluster/" not in arn:
        return
    prefix = arn.replace(":cluster/", ":topic/", 1)
    found: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    for topic in [*topics, ANY_TOPIC]:
        for grant in resource_exposure(parsed, WRITE, f"{prefix}/{topic}", estate.account):
            for reach in reaches(grant, estate.account):
                edge = found.setdefault(
                    (reach.origin, reach.trust, reach.only),
                    {"conditional": grant.narrowed, "principal": grant.who, "topics": []},
                )
                edge["topics"].append(topic)
    for (origin, trust, only), edge in found.items():
        graph.node(origin, kinds.ORIGIN, origin)
        graph.edge(
            origin, arn, kinds.EXPOSES, conditional=edge["conditional"], trust=trust, only=only,
            via="cluster policy", actions=list(WRITE), principal=edge["principal"],
            topics=edge["topics"],
        )  # fmt: skip


SOURCE = Source(
    title="Amazon MSK clusters and self-managed Kafka (the sources of event source mappings)",
    crawl="kafka",
    kinds=(),
    nodes=(
        NodeKind(CLUSTER, "kafka_clusters", "name", "MSK cluster", RESOURCES, ("kafka", "cluster")),
        NodeKind(
            EXTERNAL,
            "event_source_mappings",
            "self_managed_endpoints",
            "self-managed Kafka",
            RESOURCES,
            synthetic=True,
        ),
    ),
    columns={
        "kafka_clusters": ("client_authentication", "public_access", "policy", "policy_read"),
        "event_source_mappings": (
            "event_source_arn",
            "function_arn",
            "state",
            "topics",
            "self_managed_endpoints",
            "source_access_types",
        ),
    },
    triggers=triggers,
    exposure=exposure,
)
