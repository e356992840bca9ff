"""Amazon MQ brokers from hand-made rows: mapping edges start at them; public ones are exposed."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.mq import BROKER
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import estate, function

BROKER_ARN = f"arn:aws:mq:us-east-1:{ACCOUNT}:broker:orders:b-24cacbb4-b295-49b7-8543-7ce7ce9dfb98"


def broker(**extra) -> dict:
    return {"arn": BROKER_ARN, "name": "orders", "publicly_accessible": False,
            "authentication_strategy": "SIMPLE", **extra}  # fmt: skip


def graph_of(row: dict):
    m = {"uuid": "m1", "function_arn": fn("orders"), "event_source_arn": BROKER_ARN,
         "state": "Enabled", "queues": ["orders"]}  # fmt: skip
    built = estate(functions=[function("orders")], event_source_mappings=[m], mq_brokers=[row])
    return build_graph(built).g


def exposures(g) -> list[dict]:
    return [d for _, _, d in g.in_edges(BROKER_ARN, data=True) if d["kind"] == kinds.EXPOSES]


def test_the_mapping_edge_starts_at_the_broker():
    g = graph_of(broker())

    assert g.nodes[BROKER_ARN]["kind"] == BROKER
    assert [t for _, t in g.out_edges(BROKER_ARN)] == [fn("orders")]
    assert exposures(g) == []
    assert fn("orders") not in untrusted_inputs(g)


def test_a_publicly_accessible_broker_takes_authenticated_input():
    g = graph_of(broker(publicly_accessible=True))

    [edge] = exposures(g)
    assert (edge["trust"], edge["evidence"]["authentication"]) == (kinds.AUTHENTICATED, "SIMPLE")
    assert untrusted_inputs(g)[fn("orders")][0].trust == kinds.AUTHENTICATED


def test_an_undescribed_broker_has_an_unknown_exposure_not_none():
    g = graph_of(broker(publicly_accessible=None, described=False))

    assert exposures(g) == []
    assert g.nodes[BROKER_ARN]["exposure_unknown"] == ["MQ broker description: not read"]
