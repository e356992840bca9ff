"""Chains from origins to where data comes to rest: cycles, depth bound, hubs expanded."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.chains import find_chains
from tests.analysis.builders import fn, graph_with, queue, role, route

E, T, W, A, M = kinds.EXPOSES, kinds.TRIGGERS, kinds.WRITES, kinds.ASSUMES, kinds.MEMBER


def test_chain_runs_from_origin_to_the_resource_where_data_rests():
    graph = graph_with(
        (kinds.INTERNET, E, route("in")), (route("in"), T, fn("api")),
        (fn("api"), A, role("api")), (role("api"), W, queue("out")),
    )  # fmt: skip

    [chain] = find_chains(graph.g, kinds.INTERNET).chains

    assert chain.path == (kinds.INTERNET, route("in"), fn("api"), role("api"), queue("out"))
    assert chain.edges == (E, T, A, W) and chain.ends == "rest"


def test_a_cycle_ends_the_chain_at_the_repeated_node():
    graph = graph_with(
        (kinds.INTERNET, E, queue("loop")), (queue("loop"), T, fn("f")),
        (fn("f"), A, role("f")), (role("f"), W, queue("loop")),
    )  # fmt: skip

    [chain] = find_chains(graph.g, kinds.INTERNET).chains

    assert chain.ends == "cycle" and chain.path[-1] == queue("loop")


def test_depth_bound_stops_long_chains():
    edges = [(kinds.INTERNET, E, queue("q0"))]
    for n in range(10):
        edges += [(queue(f"q{n}"), T, fn(f"f{n}")), (fn(f"f{n}"), A, role(f"r{n}")),
                  (role(f"r{n}"), W, queue(f"q{n + 1}"))]  # fmt: skip

    [chain] = find_chains(graph_with(*edges).g, kinds.INTERNET, max_depth=6).chains

    assert chain.ends == "depth" and len(chain.edges) == 6


def test_hub_is_expanded_into_each_resource_behind_it():
    graph = graph_with(
        (fn("f"), A, role("wide")), (role("wide"), W, "hub:queue"),
        ("hub:queue", M, queue("a")), ("hub:queue", M, queue("b")),
    )  # fmt: skip
    graph.g.nodes["hub:queue"]["kind"] = kinds.HUB

    chains = find_chains(graph.g, fn("f")).chains

    assert sorted(c.path[-1] for c in chains) == [queue("a"), queue("b")]
    assert all("hub:queue" not in c.path and c.edges[-1] == W for c in chains)
