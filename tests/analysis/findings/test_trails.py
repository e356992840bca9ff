"""A10: regions whose Lambda invocations no CloudTrail trail records (data events)."""

from __future__ import annotations

from tests.analysis.findings.helpers import ACCOUNT, REGION, error, estate, fn, function, of, run

RULE = "no-lambda-data-events"
WEST = "eu-west-1"
MANAGEMENT = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}


def trail_arn(name: str, home: str = REGION) -> str:
    return f"arn:aws:cloudtrail:{home}:{ACCOUNT}:trail/{name}"


def region_node(region: str = REGION) -> str:
    return f"arn:aws:cloudtrail:{region}:{ACCOUNT}:trail/*"


def trail(name: str = "audit", *, basic=None, advanced=None, logging=True, region=REGION,
          home=REGION) -> dict:  # fmt: skip
    at_home = region == home
    return {
        "arn": trail_arn(name, home), "region": region, "name": name, "home_region": home,
        "is_logging": logging if at_home else None,
        "event_selectors": (basic or []) if at_home else None,
        "advanced_event_selectors": (advanced or []) if at_home else None,
    }  # fmt: skip


def lambda_data(*values: str, rw: str = "All") -> list[dict]:
    resources = [{"Type": "AWS::Lambda::Function", "Values": list(values)}]
    return [{"ReadWriteType": rw, "IncludeManagementEvents": True, "DataResources": resources}]


def advanced(*extra: dict) -> list[dict]:
    fields = [{"Field": "eventCategory", "Equals": ["Data"]},
              {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}, *extra]  # fmt: skip
    return [{"Name": "lambda", "FieldSelectors": fields}]


def functions(*names: str, region: str = REGION) -> list[dict]:
    return [function(n, arn=fn(n).replace(REGION, region), region=region) for n in names]


def judged(*trails: dict, fns: list | None = None, **extra) -> list:
    return of(run(estate(functions=fns or functions("a"), trails=list(trails), **extra)), RULE)


def test_region_with_functions_and_no_trail_is_medium_with_the_functions_on_its_path():
    [found] = judged()

    assert (found.owasp, found.severity, found.resource) == ("A10", "medium", region_node())
    assert found.path == (region_node(),)  # the region's, not marked on every function
    assert "the 1 function(s) in us-east-1" in found.detail
    assert "Trails logging the region: none" in found.detail


def test_management_events_only_trail_records_no_invocation():
    [found] = judged(trail(basic=[MANAGEMENT]))

    assert "audit (no Lambda data events)" in found.detail


def test_basic_selector_for_every_function_records_invocations():
    assert judged(trail(basic=lambda_data("arn:aws:lambda"))) == []


def test_read_only_basic_selector_misses_invocations():
    assert len(judged(trail(basic=lambda_data("arn:aws:lambda", rw="ReadOnly")))) == 1


def test_advanced_selector_for_lambda_data_events_records_invocations():
    assert judged(trail(advanced=advanced())) == []


def test_advanced_selector_for_read_only_events_misses_invocations():
    assert len(judged(trail(advanced=advanced({"Field": "readOnly", "Equals": ["true"]})))) == 1


def test_advanced_selector_that_only_excludes_some_callers_still_counts():
    quiet = {"Field": "userIdentity.arn", "NotStartsWith": ["arn:aws:sts::1:assumed-role/ci"]}

    assert judged(trail(advanced=advanced(quiet))) == []


def test_advanced_selector_that_keeps_only_failed_calls_does_not_count():
    errors_only = {"Field": "errorCode", "Equals": ["AccessDenied"]}

    assert len(judged(trail(advanced=advanced(errors_only)))) == 1


def test_trail_naming_some_functions_leaves_a_low_finding_for_the_rest():
    named = trail(advanced=advanced({"Field": "resources.ARN", "Equals": [fn("a")]}))

    [found] = judged(named, fns=functions("a", "b"))

    assert found.severity == "low" and "of the 2 functions in us-east-1 (b)" in found.detail
    assert "1 of 2 functions" in found.title and "audit (1 of 2 functions)" in found.detail


def test_basic_selector_naming_one_function_is_not_a_prefix_of_another():
    [found] = judged(trail(basic=lambda_data(fn("a"))), fns=functions("a", "ab"))

    assert found.detail.startswith("No trail records invocations of 1 of the 2 functions in ")
    assert "(ab)" in found.detail


def test_stopped_trail_records_nothing():
    [found] = judged(trail(basic=lambda_data("arn:aws:lambda"), logging=False))

    assert "audit (logging stopped)" in found.detail


def test_multi_region_trail_covers_a_region_through_its_home_row():
    home = trail(advanced=advanced())
    shadow = trail(advanced=advanced(), region=WEST)

    assert judged(home, shadow, fns=functions("a", region=WEST)) == []


def test_each_region_with_functions_is_its_own_finding():
    fns = [*functions("a"), *functions("b", region=WEST)]

    found = judged(trail(basic=[MANAGEMENT]), fns=fns)

    assert sorted(f.resource for f in found) == [region_node(WEST), region_node()]


def test_snapshot_without_the_trails_table_claims_nothing():
    assert of(run(estate(functions=functions("a"))), RULE) == []


def test_crawl_that_left_cloudtrail_out_claims_nothing():
    left_out = {"not_read": [{"what": "CloudTrail", "cause": "--service", "service": "cloudtrail"}]}

    assert judged(meta=left_out) == []


def test_denied_trail_listing_is_a_coverage_gap_not_a_missing_trail():
    found = run(estate(functions=functions("a"), trails=[],
                       errors=[error("cloudtrail", "DescribeTrails")]))  # fmt: skip

    assert of(found, RULE) == []
    assert [f.title for f in of(found, "coverage-gap")] == [
        "Could not read cloudtrail DescribeTrails in us-east-1 (AccessDenied, 1 call(s))"
    ]


def test_denied_selectors_claim_nothing_and_add_no_second_gap():
    unread = {**trail(), "event_selectors": None, "advanced_event_selectors": None}
    denied = error("cloudtrail", "GetEventSelectors", resource=unread["arn"])

    found = run(estate(functions=functions("a"), trails=[unread], errors=[denied]))

    assert of(found, RULE) == []
    assert len(of(found, "coverage-gap")) == 1


def test_trail_homed_in_a_region_not_crawled_is_an_info_gap():
    shadow = trail(region=WEST, home="us-west-2")

    found = run(estate(functions=functions("a", region=WEST), trails=[shadow]))

    assert of(found, RULE) == []
    [gap] = [f for f in of(found, "coverage-gap") if f.resource == region_node(WEST)]
    assert gap.severity == "info" and "audit (home us-west-2)" in gap.detail


def test_region_without_functions_is_no_finding():
    assert judged(trail(region=WEST, home=WEST), fns=functions("a", region=WEST)) != []
    assert of(run(estate(functions=[], trails=[])), RULE) == []
