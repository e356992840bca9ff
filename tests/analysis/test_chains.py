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


def _queue_chain(functions: int):
    """The internet writes q0; function n is triggered by queue n and writes queue n+1."""
    edges = [(kinds.INTERNET, E, queue("q0"))]
    for n in range(functions):
        edges += [(queue(f"q{n}"), T, fn(f"f{n}")), (fn(f"f{n}"), A, role(f"r{n}")),
                  (role(f"r{n}"), W, queue(f"q{n + 1}"))]  # fmt: skip
    return graph_with(*edges).g


def test_depth_bound_counts_data_hops_and_says_the_chain_was_cut():
    result = find_chains(_queue_chain(10), kinds.INTERNET, max_depth=6)

    [chain] = result.chains
    assert chain.ends == "depth" and result.truncated and not result.capped
    assert len([e for e in chain.edges if e != A]) == 6  # role hops are not data hops


def test_the_default_bound_reaches_a_twelve_function_chain_whole():
    result = find_chains(_queue_chain(12), kinds.INTERNET)

    [chain] = result.chains
    assert (chain.ends, chain.path[-1], result.truncated) == ("rest", queue("q12"), False)


def test_the_cap_on_chains_says_so():
    graph = graph_with(*[(kinds.INTERNET, E, queue(f"q{n}")) for n in range(5)])

    result = find_chains(graph.g, kinds.INTERNET, max_chains=3)

    assert (len(result.chains), result.truncated, result.capped) == (3, True, True)


def test_hub_is_expanded_into_each_resource_behind_it():
    graph = graph_with(
        (fn("f"), A, role("wide")), (role("wide"), W, "hub:queue"),
        ("hub:queue", M, queue("a")), ("hub:queue", M, queue("b")),
    )  # fmt: skip
    graph.g.nodes["hub:queue"]["kind"] = kinds.HUB

    chains = find_chains(graph.g, fn("f")).chains

    assert sorted(c.path[-1] for c in chains) == [queue("a"), queue("b")]
    assert all("hub:queue" not in c.path and c.edges[-1] == W for c in chains)
