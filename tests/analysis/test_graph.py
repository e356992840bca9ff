"""EstateGraph writes networkx's adjacency directly: it must build what `add_edge` builds."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis import kinds
from explorer.analysis.graph import EstateGraph, kind_of_arn

ACCOUNT = "123456789012"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"
FOREIGN_QUEUE = "arn:aws:sqs:us-east-1:111122223333:theirs"


def test_parallel_edges_keep_their_own_keys_and_evidence():
    graph = EstateGraph()
    graph.node(FUNCTION, kinds.FUNCTION)
    graph.edge(FUNCTION, QUEUE, kinds.WRITES, actions=["sqs:SendMessage"])
    graph.edge(f"{FUNCTION}:live", QUEUE, kinds.READS, conditional=True)

    edges = sorted(graph.g.edges(keys=True, data=True))

    assert [(u, v, k, d["kind"]) for u, v, k, d in edges] == [
        (FUNCTION, QUEUE, 0, kinds.WRITES),
        (FUNCTION, QUEUE, 1, kinds.READS),
    ]
    assert edges[0][3]["evidence"] == {"actions": ["sqs:SendMessage"]}
    assert graph.g.in_degree(QUEUE) == 2 and graph.g.out_degree(FUNCTION) == 2
    assert list(graph.g.predecessors(QUEUE)) == [FUNCTION]
    assert graph.g.nodes[QUEUE]["known"] is False  # a placeholder for a queue not crawled


def test_removing_an_edge_leaves_both_directions_consistent():
    graph = EstateGraph()
    graph.edge(FUNCTION, QUEUE, kinds.WRITES)
    graph.edge(FUNCTION, QUEUE, kinds.READS)

    graph.g.remove_edge(FUNCTION, QUEUE, key=0)

    assert list(graph.g.in_edges(QUEUE, keys=True)) == [(FUNCTION, QUEUE, 1)]
    graph.edge(FUNCTION, QUEUE, kinds.INVOKES)
    assert sorted(k for _, _, k in graph.g.out_edges(FUNCTION, keys=True)) == [
        1,
        2,
    ]  # as networkx numbers them


ENDS = st.sampled_from([FUNCTION, f"{FUNCTION}:1", QUEUE, FOREIGN_QUEUE, kinds.INTERNET])


@given(st.lists(st.tuples(ENDS, ENDS, st.sampled_from([kinds.WRITES, kinds.TRIGGERS]))))
def test_the_same_graph_as_networkx_add_edge(edges):
    ours, theirs = EstateGraph(), nx.MultiDiGraph()
    for src, dst, kind in edges:
        ours.edge(src, dst, kind)
        u, v = ours.ensure(src), ours.ensure(dst)
        theirs.add_node(u)
        theirs.add_node(v)
        theirs.add_edge(u, v, kind=kind, conditional=False, evidence={})

    assert sorted(ours.g.edges(keys=True, data="kind")) == sorted(
        theirs.edges(keys=True, data="kind")
    )
    assert sorted(ours.g.in_edges(keys=True)) == sorted(theirs.in_edges(keys=True))


def test_a_placeholder_becomes_known_and_keeps_what_was_noted_on_it():
    graph = EstateGraph()
    graph.edge(FUNCTION, QUEUE, kinds.WRITES)
    graph.g.nodes[QUEUE]["readable_by"] = ["internet"]

    graph.node(QUEUE, kinds.QUEUE, "q", table="sqs_queues")

    assert graph.g.nodes[QUEUE] == {
        "kind": kinds.QUEUE,
        "name": "q",
        "known": True,
        "readable_by": ["internet"],
        "table": "sqs_queues",
    }
    assert graph.g.number_of_nodes() == 2 and nx.descendants(graph.g, FUNCTION) == {QUEUE}
    graph.g.remove_node(QUEUE)
    assert list(graph.g.successors(FUNCTION)) == []


@pytest.mark.parametrize(
    ("arn", "kind"),
    [(f"arn:aws:iam::{ACCOUNT}:group/teams/ops", kinds.GROUP),
     (f"arn:aws:iam::{ACCOUNT}:user/ann", kinds.USER),
     (f"arn:aws:iam::{ACCOUNT}:role/service-role/r", kinds.ROLE),
     (f"arn:aws:iam::{ACCOUNT}:policy/p", kinds.EXTERNAL)],
)  # fmt: skip
def test_a_placeholder_for_a_principal_the_snapshot_lacks_is_of_its_kind(arn: str, kind: str):
    assert kind_of_arn(arn) == kind
