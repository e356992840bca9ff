"""The CloudFormation crawl: stacks with their service role, read from moto over HTTP; parameter
and output values are redacted (a parameter that is not NoEcho can carry a password)."""

from __future__ import annotations

import json
from typing import Any

import boto3

TEMPLATE = {
    "Parameters": {"DbPassword": {"Type": "String"}, "TopicArn": {"Type": "String"}},
    "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
    "Outputs": {"Endpoint": {"Value": "postgres://admin:hunter2-Secret@db.example.com/app"}},
}
ROLE = "arn:aws:iam::{account}:role/deployer"


def _stack(session: boto3.Session, endpoint: str, name: str, **extra: Any) -> str:
    client = session.client("cloudformation", endpoint_url=endpoint)
    return client.create_stack(StackName=name, TemplateBody=json.dumps(TEMPLATE), **extra)[
        "StackId"
    ]


def _parameters(account: str) -> list[dict[str, str]]:
    return [
        {"ParameterKey": "DbPassword", "ParameterValue": "hunter2-Secret"},
        {"ParameterKey": "TopicArn", "ParameterValue": f"arn:aws:sns:us-east-1:{account}:alerts"},
    ]


def test_stacks_are_stored_with_their_role_and_status(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    role = ROLE.format(account=account["Account"])
    params = _parameters(account["Account"])
    with_role = _stack(account_session, moto_endpoint, "api", RoleARN=role, Parameters=params)
    plain = _stack(account_session, moto_endpoint, "plain", Parameters=params)

    snapshot = crawl_account(services=("cloudformation",))

    rows = {r["arn"]: r for r in snapshot.rows("cloudformation_stacks")}
    assert set(rows) == {with_role, plain}
    assert (rows[with_role]["name"], rows[with_role]["role_arn"]) == ("api", role)
    assert rows[with_role]["status"] == "CREATE_COMPLETE"
    assert rows[with_role]["region"] == "us-east-1"
    assert rows[plain]["role_arn"] is None
    assert snapshot.rows("errors") == []


def test_parameter_and_output_values_are_redacted_and_references_kept(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    params = _parameters(account["Account"])
    _stack(account_session, moto_endpoint, "api", Parameters=params)

    snapshot = crawl_account(services=("cloudformation",))

    [row] = snapshot.rows("cloudformation_stacks")
    text = json.dumps(row)
    assert "hunter2-Secret" not in text
    values = {p["ParameterKey"]: p["ParameterValue"] for p in row["raw"]["Parameters"]}
    assert values["TopicArn"] == params[1]["ParameterValue"]
    assert values["DbPassword"]["redacted"] is True
    names = {(r["field"], r["name"]) for r in row["redacted_values"]}
    assert ("Parameters.ParameterValue.DbPassword", "DbPassword") in names
    assert any(r["name"] == "Endpoint" for r in row["redacted_values"])
