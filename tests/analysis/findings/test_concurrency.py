"""A6 reserved concurrency: outsider-reachable functions without a cap, caps one caller can
fill, and functions switched off."""

from __future__ import annotations

from dataclasses import replace

from explorer.analysis import kinds
from explorer.analysis.taint import UntrustedInput
from tests.analysis.builders import route
from tests.analysis.findings.helpers import (
    FOREIGN,
    error,
    estate,
    fn,
    function,
    of,
    queue,
    run,
)

E, T, W = kinds.EXPOSES, kinds.TRIGGERS, kinds.WRITES
UNCAPPED, LOW = "no-reserved-concurrency", "low-reserved-concurrency"


def via_route(name: str, trust: str = kinds.ANONYMOUS, origin: str = kinds.INTERNET):
    return UntrustedInput(origin, trust, route(name), (origin, route(name), fn(name)), (E, T))


def reach(name: str, trust: str = kinds.ANONYMOUS) -> dict:
    origin = f"account:{FOREIGN}" if trust == kinds.CROSS_ACCOUNT else kinds.INTERNET
    return {fn(name): [via_route(name, trust, origin)]}


def one(reserved: int | None, **extra) -> object:
    return estate(functions=[function("api", reserved_concurrency=reserved)], **extra)


def test_anonymous_function_without_reserved_concurrency_is_medium_with_its_path():
    [found] = of(run(one(None), inputs=reach("api")), UNCAPPED)

    assert (found.owasp, found.severity, found.resource) == ("A6", "medium", fn("api"))
    assert found.path == (kinds.INTERNET, route("api"), fn("api"))
    assert found.edges == (E, T)
    assert "anyone on the internet" in found.title and "us-east-1" in found.detail


def test_input_narrowed_to_one_address_says_so_one_step_lower():
    narrowed = replace(via_route("api"), only=("from 203.0.113.7/32",))

    [found] = of(run(one(None), inputs={fn("api"): [narrowed]}), UNCAPPED)

    assert found.severity == "low"
    assert "anyone on the internet (only from 203.0.113.7/32) can run it" in found.title


def test_cross_account_function_without_reserved_concurrency_is_low():
    [found] = of(run(one(None), inputs=reach("api", kinds.CROSS_ACCOUNT)), UNCAPPED)

    assert found.severity == "low" and "another AWS account" in found.title


def test_reserved_concurrency_protects_a_public_function():
    assert of(run(one(50), inputs=reach("api")), UNCAPPED) == []


def test_uncapped_function_only_insiders_or_users_reach_is_no_finding():
    assert of(run(one(None), inputs={}), UNCAPPED) == []
    assert of(run(one(None), inputs=reach("api", kinds.AUTHENTICATED)), UNCAPPED) == []


def test_function_behind_another_function_is_left_to_the_first_ones_cap():
    q = queue("jobs")
    path = (kinds.INTERNET, route("up"), fn("up"), q, fn("down"))
    via_up = UntrustedInput(kinds.INTERNET, kinds.ANONYMOUS, route("up"), path, (E, T, W, T))
    rows = [function("up", reserved_concurrency=10), function("down", reserved_concurrency=None)]

    found = run(estate(functions=rows), inputs={fn("down"): [via_up]})

    assert of(found, UNCAPPED) == []


def test_function_reached_through_a_real_public_route_is_found():
    method = {"arn": route("api"), "api_arn": "arn:aws:apigateway:us-east-1::/restapis/api1",
              "http_method": "GET", "path": "/api", "authorization_type": "NONE",
              "integration_type": "AWS_PROXY", "function_arn": fn("api")}  # fmt: skip

    [found] = of(run(one(None, rest_methods=[method])), UNCAPPED)

    assert found.path[0] == kinds.INTERNET and found.path[-1] == fn("api")


def test_snapshot_without_the_column_claims_nothing():
    est = estate(functions=[function("api")])  # crawled before reserved concurrency was read

    found = run(est, inputs=reach("api"))

    assert of(found, UNCAPPED) == [] and of(found, LOW) == []


def test_failed_read_is_a_coverage_gap_not_an_uncapped_function():
    failed = error("lambda", "GetFunctionConcurrency", "AccessDeniedException", resource=fn("api"))

    found = run(one(None, errors=[failed]), inputs=reach("api"))

    assert of(found, UNCAPPED) == []
    assert [f.title for f in of(found, "coverage-gap")] == [
        "Could not read lambda GetFunctionConcurrency in us-east-1 (AccessDeniedException, "
        "1 call(s))"
    ]


def test_failed_read_of_another_function_does_not_hide_this_one():
    failed = error("lambda", "GetFunctionConcurrency", resource=fn("other"))

    assert len(of(run(one(None, errors=[failed]), inputs=reach("api")), UNCAPPED)) == 1


def test_cap_one_anonymous_caller_can_fill_is_medium():
    [found] = of(run(one(3), inputs=reach("api")), LOW)

    assert (found.owasp, found.severity, found.resource) == ("A6", "medium", fn("api"))
    assert "reserved concurrency 3" in found.title
    assert found.path == (kinds.INTERNET, route("api"), fn("api"))


def test_cap_signed_in_users_can_fill_is_low():
    [found] = of(run(one(5), inputs=reach("api", kinds.AUTHENTICATED)), LOW)

    assert found.severity == "low"


def test_cap_above_the_threshold_or_unreachable_is_no_finding():
    assert of(run(one(6), inputs=reach("api")), LOW) == []
    assert of(run(one(2), inputs={}), LOW) == []


def test_zero_reserved_concurrency_is_a_switched_off_function_at_info():
    [found] = of(run(one(0), inputs={}), LOW)

    assert (found.severity, found.resource) == ("info", fn("api"))
    assert "switched off" in found.title
    assert of(run(one(0), inputs=reach("api")), UNCAPPED) == []
