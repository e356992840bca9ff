"""Coverage gaps are info findings, so that missing data never reads as safety."""

from __future__ import annotations

from tests.analysis.builders import group, user
from tests.analysis.estates import iam_group, iam_user
from tests.analysis.findings.helpers import (
    ACCOUNT,
    error,
    estate,
    fn,
    function,
    iam_role,
    of,
    role,
    run,
)


def test_failed_calls_are_grouped_by_service_operation_code_and_region():
    errors = [
        error("lambda", "GetPolicy", resource="arn:aws:lambda:us-east-1:1:function:a"),
        error("lambda", "GetPolicy", resource="arn:aws:lambda:us-east-1:1:function:b"),
        error("lambda", "GetPolicy", code="ThrottlingException"),
        error("sqs", "ListQueues", region="eu-west-1"),
    ]

    found = of(run(estate(errors=errors)), "coverage-gap")

    assert len(found) == 3
    assert all(f.severity == "info" for f in found)


def test_gap_title_says_what_could_not_be_read_and_names_the_resources():
    errors = [
        error("lambda", "GetPolicy", resource=f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:a")
    ]

    [found] = of(run(estate(errors=errors)), "coverage-gap")

    assert found.title == "Could not read lambda GetPolicy in us-east-1 (AccessDenied, 1 call(s))"
    assert found.path == (f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:a",)
    assert "User is not authorized" in found.detail


def test_complete_snapshot_without_errors_has_no_gap():
    assert of(run(estate(meta={"complete": True})), "coverage-gap") == []


def test_incomplete_snapshot_is_a_gap():
    [found] = of(run(estate(meta={"complete": False})), "coverage-gap")

    assert found.resource == "snapshot"


def test_services_left_out_of_the_crawl_are_a_gap():
    left_out = [
        {
            "what": "SQS: queues",
            "why": "left out of this crawl by --service",
            "cause": "--service",
            "service": "sqs",
        },
        {"what": "EventBridge Scheduler schedules", "why": "later", "cause": "crawler"},
    ]
    meta = {"complete": True, "not_read": left_out}  # fmt: skip

    [found] = of(run(estate(meta=meta)), "coverage-gap")

    assert found.title == "Services left out of the crawl: sqs"


def test_role_whose_managed_policy_is_missing_is_a_gap_on_the_role():
    missing = f"arn:aws:iam::{ACCOUNT}:policy/gone"
    est = estate(iam_roles=[iam_role("r", attached_policy_arns=[missing])])

    [found] = of(run(est), "coverage-gap")

    assert found.resource == role("r")
    assert missing in found.detail


def test_user_whose_group_is_missing_is_a_gap_on_the_user():
    est = estate(iam_users=[iam_user("ann", groups=["gone"])])

    [found] = of(run(est), "coverage-gap")

    assert (found.resource, found.title) == (
        user("ann"),
        "Policies of user ann could not be read in full",
    )
    assert "its group gone is not in the snapshot" in found.detail


def test_group_whose_managed_policy_is_missing_is_a_gap_on_the_group():
    missing = f"arn:aws:iam::{ACCOUNT}:policy/gone"
    est = estate(iam_groups=[iam_group("ops", attached_policy_arns=[missing])])

    [found] = of(run(est), "coverage-gap")

    assert found.resource == group("ops") and missing in found.detail


def test_failed_call_naming_no_resource_counts_for_every_resource():
    url = {"arn": fn("track"), "function_arn": fn("track"), "qualifier": None,
           "url": "https://u", "auth_type": "NONE"}  # fmt: skip
    est = estate(functions=[function("track")], function_urls=[url],
                 errors=[error("lambda", "GetPolicy")])  # fmt: skip

    [found] = of(run(est), "public-function-url")

    assert found.severity == "high"
