"""The Glue crawl: development endpoints with their role, read from moto over HTTP; endpoint
arguments are redacted."""

from __future__ import annotations

import json

import boto3


def _endpoint(session: boto3.Session, endpoint: str, name: str, role: str, **extra) -> None:
    session.client("glue", endpoint_url=endpoint).create_dev_endpoint(
        EndpointName=name, RoleArn=role, **extra
    )


def test_dev_endpoints_are_stored_with_their_role_and_arn(
    account_session, moto_endpoint, crawl_account
):
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    role = f"arn:aws:iam::{account['Account']}:role/glue-dev"
    _endpoint(account_session, moto_endpoint, "notebooks", role)

    snapshot = crawl_account(services=("glue",))

    [row] = snapshot.rows("glue_dev_endpoints")
    expected = f"arn:aws:glue:us-east-1:{account['Account']}:devEndpoint/notebooks"
    assert (row["arn"], row["name"], row["role_arn"]) == (expected, "notebooks", role)
    assert (row["region"], row["status"]) == ("us-east-1", "READY")
    assert snapshot.rows("errors") == []


def test_endpoint_arguments_are_redacted(account_session, moto_endpoint, crawl_account):
    role = "arn:aws:iam::123456789012:role/glue-dev"
    arguments = {"--db-password": "hunter2-Secret", "GLUE_PYTHON_VERSION": "3"}
    _endpoint(account_session, moto_endpoint, "etl", role, Arguments=arguments)

    snapshot = crawl_account(services=("glue",))

    [row] = snapshot.rows("glue_dev_endpoints")
    assert "hunter2-Secret" not in json.dumps(row)
    assert row["raw"]["Arguments"]["--db-password"]["redacted"] is True
    assert {r["name"] for r in row["redacted_values"]} == set(arguments)
