"""A10: tracing, log retention, failure destinations for async invocation, API access logs."""

from __future__ import annotations

from tests.analysis.builders import bucket
from tests.analysis.findings.helpers import (
    ACCOUNT,
    error,
    estate,
    fn,
    function,
    log_group,
    of,
    queue,
    run,
)


def test_function_without_active_tracing_is_reported():
    est = estate(functions=[function("a", tracing_mode="PassThrough"), function("b")])

    [found] = of(run(est), "no-tracing")

    assert (found.owasp, found.severity, found.resource) == ("A10", "low", fn("a"))
    assert "PassThrough" in found.detail


def test_log_group_without_retention_is_reported_on_the_log_group():
    groups = [log_group("/aws/lambda/a", None), log_group("/aws/lambda/b", 30)]
    est = estate(functions=[function("a"), function("b")], log_groups=groups)

    [found] = of(run(est), "no-log-retention")

    assert found.resource == groups[0]["arn"]


def test_missing_function_log_group_is_reported_on_the_function():
    est = estate(functions=[function("a")], log_groups=[log_group("/aws/lambda/other")])

    [found] = of(run(est), "no-log-retention")

    assert found.resource == fn("a")
    assert "does not exist" in found.detail


def test_missing_log_group_is_not_claimed_when_logs_could_not_be_read():
    est = estate(functions=[function("a")], errors=[error("logs", "DescribeLogGroups")])

    assert of(run(est), "no-log-retention") == []


def notification(target: str) -> dict:
    return {"bucket_arn": bucket("inbox"), "id": "n1", "destination_type": "lambda",
            "destination_arn": target, "events": ["s3:ObjectCreated:*"]}  # fmt: skip


def test_async_invoked_function_without_failure_destination_is_reported_with_its_source():
    est = estate(
        functions=[function("resize")],
        s3_buckets=[{"arn": bucket("inbox"), "name": "inbox"}],
        s3_notifications=[notification(fn("resize"))],
    )

    [found] = of(run(est), "no-failure-destination")

    assert (found.severity, found.resource) == ("medium", fn("resize"))
    assert found.path == (bucket("inbox"), fn("resize"))
    assert "S3 notification" in found.detail


def test_dead_letter_queue_protects_an_async_function():
    est = estate(
        functions=[function("resize", dead_letter_target=queue("dlq"))],
        s3_notifications=[notification(fn("resize"))],
    )

    assert of(run(est), "no-failure-destination") == []


def test_on_failure_destination_protects_an_async_function():
    config = {"arn": fn("resize"), "function_arn": fn("resize"), "on_failure_arn": queue("failed")}
    est = estate(
        functions=[function("resize")],
        s3_notifications=[notification(fn("resize"))],
        function_event_invoke_configs=[config],
    )

    assert of(run(est), "no-failure-destination") == []


def test_synchronous_triggers_need_no_failure_destination():
    mapping = {"uuid": "u1", "function_arn": fn("worker"), "event_source_arn": queue("jobs")}
    pool = {"arn": f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/p1", "name": "p",
            "lambda_triggers": {"PreSignUp": fn("signup")}}  # fmt: skip
    est = estate(
        functions=[function("worker"), function("signup")],
        event_source_mappings=[mapping],
        cognito_user_pools=[pool],
    )

    assert of(run(est), "no-failure-destination") == []


def test_sns_and_eventbridge_targets_invoke_asynchronously():
    topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:t"
    rule = f"arn:aws:events:us-east-1:{ACCOUNT}:rule/nightly"
    est = estate(
        functions=[function("audit"), function("report")],
        sns_subscriptions=[{"topic_arn": topic, "protocol": "lambda", "endpoint": fn("audit")}],
        event_rules=[{"arn": rule, "name": "nightly", "schedule_expression": "rate(1 day)"}],
        event_targets=[{"rule_arn": rule, "target_id": "1", "target_arn": fn("report")}],
    )

    assert {f.resource for f in of(run(est), "no-failure-destination")} == {
        fn("audit"),
        fn("report"),
    }


def stage(name: str, destination: str | None, table_api: str = "restapis") -> dict:
    api = f"arn:aws:apigateway:us-east-1::/{table_api}/api1"
    return {"arn": f"{api}/stages/{name}", "api_arn": api, "name": name,
            "access_log_destination_arn": destination}  # fmt: skip


def test_stage_without_access_logging_is_reported_on_the_stage_when_its_api_is_not_crawled():
    stages = [stage("prod", None), stage("dev", "arn:aws:logs:us-east-1:1:log-group:x")]
    est = estate(rest_stages=stages, http_stages=[stage("$default", None, "apis")])

    found = of(run(est), "no-api-access-logging")

    assert {f.resource for f in found} == {stages[0]["arn"], stage("$default", None, "apis")["arn"]}
    assert all(f.severity == "low" for f in found)


def test_stage_without_access_logging_is_reported_on_its_api_node():
    api = {"arn": "arn:aws:apigateway:us-east-1::/restapis/api1", "id": "api1", "name": "shop"}
    est = estate(rest_apis=[api], rest_stages=[stage("prod", None)])

    [found] = of(run(est), "no-api-access-logging")

    assert found.resource == found.path[0] == api["arn"]
    assert len(found.path) == 1 and stage("prod", None)["arn"] in found.detail


def rest_stage(name: str, tracing: bool | None) -> dict:
    api = "arn:aws:apigateway:us-east-1::/restapis/api1"
    return {"arn": f"{api}/stages/{name}", "api_arn": api, "name": name,
            "tracing_enabled": tracing, "access_log_destination_arn": "arn:aws:logs:x"}  # fmt: skip


def test_rest_stage_without_xray_tracing_is_one_low_finding_per_stage():
    stages = [rest_stage("prod", False), rest_stage("beta", None), rest_stage("traced", True)]
    est = estate(functions=[function("a")], rest_stages=stages)

    found = of(run(est), "no-tracing")

    assert sorted(f.title.split()[1] for f in found) == ["beta", "prod"]
    assert {(f.owasp, f.severity) for f in found} == {("A10", "low")}
    assert all("tracingEnabled" in f.remediation for f in found)


def test_function_tracing_finding_keeps_the_function_remediation():
    est = estate(functions=[function("a", tracing_mode="PassThrough")])

    [found] = of(run(est), "no-tracing")

    assert "TracingConfig" in found.remediation
