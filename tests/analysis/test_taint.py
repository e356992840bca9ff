"""Untrusted inputs: levels, shortest paths, and the flow rules of DESIGN §6."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import bucket, fn, graph_with, queue, role, route

E, T, W, A, R = kinds.EXPOSES, kinds.TRIGGERS, kinds.WRITES, kinds.ASSUMES, kinds.READS


def exposed(trust: str, src: str, dst: str) -> dict:
    return {f"{src}>{dst}": {"trust": trust}}


def test_anonymous_route_reaches_its_function_with_the_path():
    graph = graph_with(
        (kinds.INTERNET, E, route("orders")),
        (route("orders"), T, fn("api")),
        **exposed(kinds.ANONYMOUS, kinds.INTERNET, route("orders")),
    )

    [found] = untrusted_inputs(graph.g)[fn("api")]

    assert (found.origin, found.trust, found.entry) == (
        kinds.INTERNET,
        kinds.ANONYMOUS,
        route("orders"),
    )
    assert found.path == (kinds.INTERNET, route("orders"), fn("api"))
    assert found.edges == (E, T)


def test_taint_crosses_a_bucket_written_through_the_execution_role():
    graph = graph_with(
        (kinds.INTERNET, E, route("upload")),
        (route("upload"), T, fn("upload")),
        (fn("upload"), A, role("uploader")),
        (role("uploader"), W, bucket("inbox")),
        (bucket("inbox"), T, fn("resize")),
        **exposed(kinds.ANONYMOUS, kinds.INTERNET, route("upload")),
    )

    [found] = untrusted_inputs(graph.g)[fn("resize")]

    assert found.path[-3:] == (role("uploader"), bucket("inbox"), fn("resize"))
    assert found.edges == (E, T, A, W, T)


def test_reads_do_not_carry_taint():
    graph = graph_with(
        (kinds.INTERNET, E, bucket("public")),
        (fn("reader"), A, role("r")),
        (role("r"), R, bucket("public")),
        (bucket("public"), R, fn("reader")),
        **exposed(kinds.ANONYMOUS, kinds.INTERNET, bucket("public")),
    )

    assert fn("reader") not in untrusted_inputs(graph.g)


def test_a_role_does_not_pass_taint_to_other_functions_sharing_it():
    graph = graph_with(
        (kinds.INTERNET, E, route("a")),
        (route("a"), T, fn("a")),
        (fn("a"), A, role("shared")),
        (fn("b"), A, role("shared")),
        **exposed(kinds.ANONYMOUS, kinds.INTERNET, route("a")),
    )

    assert fn("b") not in untrusted_inputs(graph.g)


def test_each_origin_is_reported_most_dangerous_first():
    graph = graph_with(
        ("account:111122223333", E, queue("jobs")),
        (kinds.INTERNET, E, route("jobs")),
        (route("jobs"), T, fn("api")),
        (fn("api"), A, role("api")),
        (role("api"), W, queue("jobs")),
        (queue("jobs"), T, fn("worker")),
        **exposed(kinds.CROSS_ACCOUNT, "account:111122223333", queue("jobs")),
        **exposed(kinds.AUTHENTICATED, kinds.INTERNET, route("jobs")),
    )

    found = untrusted_inputs(graph.g)[fn("worker")]

    assert [(f.origin, f.trust) for f in found] == [
        ("account:111122223333", kinds.CROSS_ACCOUNT),
        (kinds.INTERNET, kinds.AUTHENTICATED),
    ]
    assert found[0].path == ("account:111122223333", queue("jobs"), fn("worker"))


def test_shortest_path_is_chosen_and_cycles_terminate():
    graph = graph_with(
        (kinds.INTERNET, E, queue("q1")),
        (queue("q1"), T, fn("f1")),
        (fn("f1"), A, role("r1")),
        (role("r1"), W, queue("q2")),
        (queue("q2"), T, fn("f2")),
        (fn("f2"), A, role("r2")),
        (role("r2"), W, queue("q1")),
        (role("r1"), W, queue("q3")),
        (queue("q3"), T, fn("f2")),
        **exposed(kinds.ANONYMOUS, kinds.INTERNET, queue("q1")),
    )

    [found] = untrusted_inputs(graph.g)[fn("f2")]

    assert len(found.path) == 6


def test_internal_exposure_is_not_untrusted():
    graph = graph_with(
        ("service:events.amazonaws.com", E, fn("cron")),
        **exposed(kinds.INTERNAL, "service:events.amazonaws.com", fn("cron")),
    )

    assert untrusted_inputs(graph.g) == {}
