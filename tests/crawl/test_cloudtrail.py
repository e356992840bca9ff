"""The CloudTrail crawl against moto's server: the trails logging each region, with event
selectors (basic and advanced) and status read once per trail, in its home region."""

from __future__ import annotations

import uuid

import boto3

from tests.crawl.faults import rest_json_error

LAMBDA_DATA = {"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]}
ADVANCED = [
    {
        "Name": "lambda invocations",
        "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]},
            {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]},
        ],
    }
]


def _trail(session: boto3.Session, endpoint: str, name: str, region: str = "us-east-1", **extra):
    bucket = f"{name}-logs-{uuid.uuid4().hex[:8]}"  # bucket names are global across accounts
    session.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
        Bucket=bucket
    )
    trail = session.client("cloudtrail", endpoint_url=endpoint, region_name=region)
    arn = trail.create_trail(Name=name, S3BucketName=bucket, **extra)["TrailARN"]
    return trail, arn


def test_multi_region_trail_is_a_row_per_region_with_selectors_at_home(
    account_session, moto_endpoint, crawl_account
):
    trail, arn = _trail(account_session, moto_endpoint, "main", IsMultiRegionTrail=True)
    selectors = [{"ReadWriteType": "All", "IncludeManagementEvents": True,
                  "DataResources": [LAMBDA_DATA]}]  # fmt: skip
    trail.put_event_selectors(TrailName=arn, EventSelectors=selectors)
    trail.start_logging(Name=arn)

    snapshot = crawl_account(regions=("us-east-1", "eu-west-1"), services=("cloudtrail",))

    rows = {r["region"]: r for r in snapshot.rows("trails")}
    home, shadow = rows["us-east-1"], rows["eu-west-1"]
    assert home["arn"] == shadow["arn"] == arn
    assert (home["home_region"], home["is_multi_region"], home["is_logging"]) == (
        "us-east-1", True, True,
    )  # fmt: skip
    assert home["event_selectors"][0]["DataResources"] == [LAMBDA_DATA]
    assert home["advanced_event_selectors"] == []
    assert (shadow["event_selectors"], shadow["is_logging"]) == (None, None)
    calls: dict[str, int] = {}
    for row in snapshot.rows("api_calls"):  # one row per operation and region
        calls[row["operation"]] = calls.get(row["operation"], 0) + row["count"]
    assert (calls["DescribeTrails"], calls["GetEventSelectors"], calls["GetTrailStatus"]) == (
        2, 1, 1,
    )  # fmt: skip


def test_advanced_selectors_and_a_region_of_its_own_are_stored(
    account_session, moto_endpoint, crawl_account
):
    trail, arn = _trail(account_session, moto_endpoint, "lambda-only")
    trail.put_event_selectors(TrailName=arn, AdvancedEventSelectors=ADVANCED)

    snapshot = crawl_account(regions=("us-east-1", "eu-west-1"), services=("cloudtrail",))

    [row] = snapshot.rows("trails")
    assert (row["region"], row["is_multi_region"], row["is_logging"]) == ("us-east-1", False, False)
    assert row["advanced_event_selectors"] == ADVANCED and row["event_selectors"] == []


def test_region_without_trails_has_no_rows_and_no_gap(account_session, crawl_account):
    snapshot = crawl_account(services=("cloudtrail",))

    assert snapshot.rows("trails") == [] and snapshot.rows("errors") == []


def test_denied_selectors_are_a_gap_and_the_trail_is_still_listed(
    account_session, moto_endpoint, crawl_account
):
    _, arn = _trail(account_session, moto_endpoint, "main")
    deny = rest_json_error(400, "AccessDeniedException", "not authorized: GetEventSelectors")

    snapshot = crawl_account(
        services=("cloudtrail",), hooks=(("before-send.cloudtrail.GetEventSelectors", deny),)
    )

    [error] = snapshot.rows("errors")
    assert (error["operation"], error["resource"]) == ("GetEventSelectors", arn)
    [row] = snapshot.rows("trails")
    assert row["event_selectors"] is None and row["advanced_event_selectors"] is None
