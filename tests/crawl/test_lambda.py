"""The Lambda crawl against moto's server: functions, policies, URLs, mappings, destinations."""

from __future__ import annotations

import io
import json
import zipfile

import boto3

TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def _code() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("h.py", "def h(event, context):\n    return None\n")
    return buffer.getvalue()


def _function(session: boto3.Session, endpoint: str, name: str, **extra) -> str:
    iam = session.client("iam", endpoint_url=endpoint)
    try:
        role = iam.get_role(RoleName="fn-role")["Role"]["Arn"]
    except iam.exceptions.NoSuchEntityException:
        role = iam.create_role(RoleName="fn-role", AssumeRolePolicyDocument=json.dumps(TRUST))
        role = role["Role"]["Arn"]
    lam = session.client("lambda", endpoint_url=endpoint)
    created = lam.create_function(
        FunctionName=name, Runtime="python3.12", Role=role, Handler="h.h",
        Code={"ZipFile": _code()}, **extra,
    )  # fmt: skip
    return created["FunctionArn"]


def test_function_configuration_is_stored(account_session, moto_endpoint, crawl_account):
    arn = _function(
        account_session, moto_endpoint, "orders", Description="takes orders",
        TracingConfig={"Mode": "Active"}, Timeout=30,
    )  # fmt: skip

    snapshot = crawl_account()

    [row] = snapshot.rows("functions")
    assert row["arn"] == arn
    assert (row["name"], row["runtime"], row["timeout"]) == ("orders", "python3.12", 30)
    assert row["tracing_mode"] == "Active"
    assert row["role_arn"].endswith(":role/fn-role")


def test_environment_values_are_replaced_by_redaction_records(
    account_session, moto_endpoint, crawl_account
):
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    env = {"Variables": {"DB_PASSWORD": secret, "LOG_LEVEL": "debug"}}
    _function(account_session, moto_endpoint, "a", Environment=env)
    _function(account_session, moto_endpoint, "b", Environment=env)

    snapshot = crawl_account()

    rows = {r["name"]: r for r in snapshot.rows("functions")}
    record = rows["a"]["environment"]["DB_PASSWORD"]
    assert record["redacted"] is True and record["length"] == len(secret)
    assert "Secret Keyword" in record["detectors"]
    assert rows["a"]["env_keys"] == ["DB_PASSWORD", "LOG_LEVEL"]
    assert record["fingerprint"] == rows["b"]["environment"]["DB_PASSWORD"]["fingerprint"]
    assert secret.encode() not in snapshot.path.read_bytes()


def test_resource_policy_url_alias_and_mapping_are_stored(
    account_session, moto_endpoint, crawl_account
):
    arn = _function(account_session, moto_endpoint, "api")
    lam = account_session.client("lambda", endpoint_url=moto_endpoint)
    lam.add_permission(
        FunctionName="api", StatementId="x", Action="lambda:InvokeFunction",
        Principal="111122223333",
    )  # fmt: skip
    lam.create_function_url_config(FunctionName="api", AuthType="NONE")
    lam.create_alias(FunctionName="api", Name="live", FunctionVersion="$LATEST")
    sqs = account_session.client("sqs", endpoint_url=moto_endpoint)
    queue = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
    queue_arn = queue_arn["Attributes"]["QueueArn"]
    lam.create_event_source_mapping(FunctionName="api", EventSourceArn=queue_arn)
    lam.put_function_event_invoke_config(
        FunctionName="api", DestinationConfig={"OnFailure": {"Destination": queue_arn}}
    )

    snapshot = crawl_account()

    [policy] = [p for p in snapshot.rows("function_policies") if p["qualifier"] == "$LATEST"]
    principal = policy["policy"]["Statement"][0]["Principal"]
    assert principal == {"AWS": "arn:aws:iam::111122223333:root"}
    [url] = snapshot.rows("function_urls")
    assert (url["function_arn"], url["auth_type"]) == (arn, "NONE")
    [alias] = snapshot.rows("function_aliases")
    assert alias["name"] == "live"
    [mapping] = snapshot.rows("event_source_mappings")
    assert mapping["event_source_arn"] == queue_arn
    [config] = snapshot.rows("function_event_invoke_configs")
    assert config["on_failure_arn"] == queue_arn


def test_per_function_calls_stay_within_budget(account_session, moto_endpoint, crawl_account):
    for n in range(5):
        _function(account_session, moto_endpoint, f"fn{n}")

    snapshot = crawl_account()

    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls")}
    per_function = (
        calls["ListAliases"] + calls["GetPolicy"] + calls.get("GetFunctionUrlConfig", 0)
        + calls["ListFunctionEventInvokeConfigs"] + calls.get("ListFunctionUrlConfigs", 0) - 1
        + calls["GetFunctionConcurrency"]
    )  # fmt: skip
    assert calls["GetFunctionConcurrency"] == 5
    assert per_function / 5 <= 5  # issue 2's four, and issue 13's reserved concurrency


def test_reserved_concurrency_is_stored_with_unset_apart_from_zero(
    account_session, moto_endpoint, crawl_account
):
    for name in ("open", "throttled", "capped"):
        _function(account_session, moto_endpoint, name)
    lam = account_session.client("lambda", endpoint_url=moto_endpoint)
    lam.put_function_concurrency(FunctionName="throttled", ReservedConcurrentExecutions=0)
    lam.put_function_concurrency(FunctionName="capped", ReservedConcurrentExecutions=7)

    snapshot = crawl_account()

    rows = {r["name"]: r for r in snapshot.rows("functions")}
    assert {n: r["reserved_concurrency"] for n, r in rows.items()} == {
        "open": None, "throttled": 0, "capped": 7,
    }  # fmt: skip
    assert rows["open"]["raw"]["Concurrency"] == {}
    assert rows["capped"]["raw"]["Concurrency"] == {"ReservedConcurrentExecutions": 7}
    assert snapshot.rows("errors") == []


def test_local_endpoint_policy_shapes_are_stored_the_aws_way():
    from explorer.crawl.lambda_ import transform_policy

    fn_arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    moto_shape = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "999988887777", "Action": "lambda:InvokeFunction"},
            {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
             "FunctionUrlAuthType": "NONE"},
        ],
    }  # fmt: skip

    row = transform_policy(fn_arn, None, {"Policy": json.dumps(moto_shape)})

    account, public = row["policy"]["Statement"]
    assert account["Principal"] == {"AWS": "arn:aws:iam::999988887777:root"}
    assert public["Condition"] == {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}
    assert "FunctionUrlAuthType" not in public


def test_kafka_and_mq_mappings_keep_topics_queues_servers_and_access_kinds():
    """The shapes of the API reference (`tests/data/lambda/`) through botocore's Stubber: moto
    5.2 refuses these mappings, and the demo server's extension that keeps them
    (`explorer/demo/moto_lambda.py`, tested below) is not the only shape the crawl must read."""
    from pathlib import Path

    from botocore.stub import Stubber

    from explorer.crawl.lambda_ import get_event_source_mappings, transform_mapping
    from tests.crawl.helpers import offline_context

    recorded = json.loads(
        (Path(__file__).parent.parent / "data/lambda/list_event_source_mappings_kafka_mq.json")
        .read_text()
    )  # fmt: skip
    recorded.pop("_source")
    client = boto3.client(
        "lambda", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(client) as stub:
        stub.add_response("list_event_source_mappings", recorded, {})
        found = get_event_source_mappings(offline_context(), client)

    msk, kafka, mq = (transform_mapping(m, "us-east-1") for m in found)
    assert msk["event_source_arn"].startswith("arn:aws:kafka:")
    assert (msk["topics"], msk["self_managed_endpoints"]) == (["orders"], [])
    assert kafka["event_source_arn"] is None
    assert kafka["self_managed_endpoints"] == [
        "kafka-1.partner.example.net:9096", "kafka-2.partner.example.net:9096"
    ]  # fmt: skip
    assert kafka["source_access_types"] == [
        "SASL_SCRAM_512_AUTH", "VPC_SECURITY_GROUP", "VPC_SUBNET"
    ]  # fmt: skip
    assert (mq["queues"], mq["source_access_types"]) == (["orders.incoming"], ["BASIC_AUTH"])


def test_kafka_and_mq_mappings_are_read_from_the_demo_server(
    account_session, moto_endpoint, crawl_account
):
    """Against the server, whose extension (`explorer/demo/moto_lambda.py`) keeps the MSK, MQ
    and self-managed Kafka mappings moto 5.2 refuses; the self-managed one has no ARN."""
    arn = _function(account_session, moto_endpoint, "reader")
    lam = account_session.client("lambda", endpoint_url=moto_endpoint)
    cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/clicks/0a1b2c3d-1"
    broker = "arn:aws:mq:us-east-1:123456789012:broker:orders:b-0a1b2c3d"
    secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:broker-Ab12Cd"
    lam.create_event_source_mapping(
        FunctionName="reader", EventSourceArn=cluster, Topics=["clicks"],
        StartingPosition="LATEST",
    )  # fmt: skip
    lam.create_event_source_mapping(
        FunctionName="reader", Topics=["orders"], StartingPosition="TRIM_HORIZON",
        SelfManagedEventSource={"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["k2:9092", "k1:9092"]}},
        SourceAccessConfigurations=[{"Type": "SASL_SCRAM_512_AUTH", "URI": secret}],
    )  # fmt: skip
    lam.create_event_source_mapping(
        FunctionName="reader", EventSourceArn=broker, Queues=["print"],
        SourceAccessConfigurations=[{"Type": "BASIC_AUTH", "URI": secret}],
    )  # fmt: skip

    snapshot = crawl_account()

    rows = {r["event_source_arn"]: r for r in snapshot.rows("event_source_mappings")}
    assert set(rows) == {cluster, None, broker}
    assert all(r["function_arn"] == arn for r in rows.values())
    assert (rows[cluster]["topics"], rows[cluster]["self_managed_endpoints"]) == (["clicks"], [])
    assert rows[None]["topics"] == ["orders"]
    assert rows[None]["self_managed_endpoints"] == ["k1:9092", "k2:9092"]
    assert rows[None]["source_access_types"] == ["SASL_SCRAM_512_AUTH"]
    assert "EventSourceArn" not in rows[None]["raw"]
    assert (rows[broker]["queues"], rows[broker]["source_access_types"]) == (
        ["print"], ["BASIC_AUTH"]
    )  # fmt: skip
    assert snapshot.rows("errors") == []
