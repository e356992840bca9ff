"""Failed calls are recorded as coverage gaps and the crawl still completes."""

from __future__ import annotations

from tests.crawl.faults import rest_json_error
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
