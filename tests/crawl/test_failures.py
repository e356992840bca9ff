"""Failed and hung calls are recorded as coverage gaps and the crawl still completes."""

from __future__ import annotations

import pytest

from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.redact import Redactor
from explorer.crawl.runner import CallsWaiting, CrawlFailed, CrawlOptions, crawl
from explorer.demo.server import FAKE_CREDENTIALS
from explorer.store.reader import open_snapshot
from explorer.store.writer import SnapshotWriter
from tests.conftest import session_credentials
from tests.crawl.faults import GET_POLICY, hanging_proxy, hung_endpoint, rest_json_error
from tests.crawl.test_lambda import _function


def test_access_denied_call_is_recorded_and_crawl_completes(
    account_session, moto_endpoint, crawl_account
):
    arn = _function(account_session, moto_endpoint, "guarded")
    deny = rest_json_error(403, "AccessDeniedException", "not authorized to perform GetPolicy")

    snapshot = crawl_account(hooks=(("before-send.lambda.GetPolicy", deny),))

    [error] = snapshot.rows("errors")
    assert (error["service"], error["operation"]) == ("lambda", "GetPolicy")
    assert (error["code"], error["resource"]) == ("AccessDeniedException", arn)
    assert [f["arn"] for f in snapshot.rows("functions")] == [arn]
    assert snapshot.meta["complete"] is True and snapshot.meta["partial"] is True


def test_denied_reserved_concurrency_read_is_a_gap_not_an_unset_limit(
    account_session, moto_endpoint, crawl_account
):
    arn = _function(account_session, moto_endpoint, "guarded")
    account_session.client("lambda", endpoint_url=moto_endpoint).put_function_concurrency(
        FunctionName="guarded", ReservedConcurrentExecutions=5
    )
    deny = rest_json_error(403, "AccessDeniedException", "not authorized: GetFunctionConcurrency")

    snapshot = crawl_account(hooks=(("before-send.lambda.GetFunctionConcurrency", deny),))

    [error] = snapshot.rows("errors")
    assert (error["operation"], error["resource"]) == ("GetFunctionConcurrency", arn)
    assert error["code"] == "AccessDeniedException"
    [row] = snapshot.rows("functions")
    assert row["reserved_concurrency"] is None and "Concurrency" not in row["raw"]
    assert snapshot.meta["complete"] is True and snapshot.meta["partial"] is True


def test_throttled_call_is_retried_then_recorded(account_session, moto_endpoint, crawl_account):
    _function(account_session, moto_endpoint, "busy")
    throttle = rest_json_error(429, "TooManyRequestsException", "Rate exceeded")

    snapshot = crawl_account(hooks=(("before-send.lambda.ListAliases", throttle),), max_attempts=2)

    [error] = snapshot.rows("errors")
    assert (error["operation"], error["code"]) == ("ListAliases", "TooManyRequestsException")
    assert len(snapshot.rows("functions")) == 1


def test_failed_bulk_listing_is_a_gap_not_an_empty_account(
    account_session, moto_endpoint, crawl_account
):
    _function(account_session, moto_endpoint, "hidden")
    deny = rest_json_error(403, "AccessDeniedException", "no ListFunctions for you")

    snapshot = crawl_account(hooks=(("before-send.lambda.ListFunctions", deny),))

    assert snapshot.rows("functions") == []
    assert [e["operation"] for e in snapshot.rows("errors")] == ["ListFunctions"]


def _crawl_through(endpoint, session, tmp_path, progress=None, **target):
    """Crawl Lambda (one worker, so calls come in order) at `endpoint` with short timeouts."""
    options = CrawlOptions(
        target=Target(
            endpoint_url=endpoint, credentials=session_credentials(session), **SHORT, **target
        ),
        regions=("us-east-1",),
        workers=1,
        services=("lambda",),
        watch_every=0.1,
    )
    with SnapshotWriter(tmp_path / "cache") as writer:
        summary = crawl(options, writer, Redactor(b"k"), progress or (lambda _: None))
        return summary, open_snapshot(writer.finish({"account": summary.account}, []))


SHORT = {"read_timeout": 0.5, "connect_timeout": 0.5, "probe_timeout": 0.5}
"""Timeouts short enough for tests; the defaults are sized for AWS."""


def test_hung_call_is_recorded_as_a_read_timeout_and_the_crawl_finishes(
    account_session, moto_endpoint, tmp_path
):
    arn = _function(account_session, moto_endpoint, "stalled")

    with hanging_proxy(moto_endpoint, GET_POLICY) as proxy:
        summary, snapshot = _crawl_through(proxy.url, account_session, tmp_path)

    [error] = snapshot.rows("errors")
    assert (error["operation"], error["code"], error["resource"]) == (
        "GetPolicy",
        "ReadTimeout",
        arn,
    )
    assert [f["arn"] for f in snapshot.rows("functions")] == [arn]
    assert summary.errors, "a crawl with a hung call ends partial (exit 3)"
    assert proxy.held_count == 2, "a timeout is retried once, not max_attempts times"


def test_operation_that_keeps_timing_out_is_not_sent_again(
    account_session, moto_endpoint, tmp_path
):
    for name in ("a", "b", "c"):
        _function(account_session, moto_endpoint, name)

    with hanging_proxy(moto_endpoint, GET_POLICY) as proxy:
        _, snapshot = _crawl_through(proxy.url, account_session, tmp_path, timeout_attempts=1)

    codes = sorted(e["code"] for e in snapshot.rows("errors") if e["operation"] == "GetPolicy")
    assert codes == ["ReadTimeout", "SkippedAfterTimeouts", "SkippedAfterTimeouts"]
    assert proxy.held_count == 1
    assert len(snapshot.rows("functions")) == 3


def test_progress_names_the_call_it_is_waiting_for(account_session, moto_endpoint, tmp_path):
    _function(account_session, moto_endpoint, "slow")
    events = []

    with hanging_proxy(moto_endpoint, GET_POLICY) as proxy:
        _crawl_through(proxy.url, account_session, tmp_path, progress=events.append)

    waited = {
        (c.service, c.operation, c.region)
        for e in events if isinstance(e, CallsWaiting) for c in e.calls
    }  # fmt: skip
    assert ("lambda", "GetPolicy", "us-east-1") in waited


def test_endpoint_that_never_answers_fails_the_probe_in_one_sentence(tmp_path):
    with hung_endpoint() as endpoint, pytest.raises(CrawlFailed) as failed:
        crawl_to_snapshot(
            CrawlOptions(
                target=Target(endpoint_url=endpoint.url, credentials=FAKE_CREDENTIALS, **SHORT),
                regions=("us-east-1",),
            ),
            tmp_path / "cache",
            quiet=True,
        )

    assert str(failed.value) == (
        f"cannot read the caller identity: {endpoint.url} did not answer within 0.5s."
    )
    assert len(endpoint.connections) == 1, "the probe does not retry a timeout"
    assert list((tmp_path / "cache").iterdir()) == []
