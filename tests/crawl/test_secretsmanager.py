"""The Secrets Manager crawl, against moto's server over HTTP: secrets with their rotation
function and resource policy; a secret's value is never read."""

from __future__ import annotations

import io
import json
import zipfile

import boto3

VALUE = "correct-horse-battery-staple-demo"


def _function(session: boto3.Session, endpoint: str) -> str:
    role = session.client("iam", endpoint_url=endpoint).create_role(
        RoleName="rotator", AssumeRolePolicyDocument="{}"
    )["Role"]["Arn"]
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("index.py", "def handler(e, c): pass\n")
    return session.client("lambda", endpoint_url=endpoint).create_function(
        FunctionName="rotate", Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": package.getvalue()},
    )["FunctionArn"]  # fmt: skip


def test_secrets_are_stored_with_rotation_and_policy_but_never_their_value(
    account_session: boto3.Session, moto_endpoint: str, crawl_account
):
    function = _function(account_session, moto_endpoint)
    sm = account_session.client("secretsmanager", endpoint_url=moto_endpoint)
    rotated = sm.create_secret(Name="app/db", SecretString=VALUE, Tags=[
        {"Key": "team", "Value": "orders"}])["ARN"]  # fmt: skip
    sm.rotate_secret(
        SecretId=rotated, RotationLambdaARN=function,
        RotationRules={"AutomaticallyAfterDays": 30}, RotateImmediately=False,
    )  # fmt: skip
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
        "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}  # fmt: skip
    sm.put_resource_policy(SecretId=rotated, ResourcePolicy=json.dumps(policy))
    plain = sm.create_secret(Name="app/key", SecretString=VALUE)["ARN"]

    snapshot = crawl_account(services=("secretsmanager",))

    rows = {r["arn"]: r for r in snapshot.rows("secrets")}
    assert set(rows) == {rotated, plain}
    assert rows[rotated]["rotation_enabled"] is True
    assert rows[rotated]["rotation_function_arn"] == function
    assert rows[rotated]["rotation_rules"]["AutomaticallyAfterDays"] == 30
    assert rows[rotated]["tags"] == {"team": "orders"}
    assert rows[rotated]["policy"] == policy and rows[rotated]["policy_read"] is True
    assert (rows[plain]["policy"], rows[plain]["policy_read"]) == (None, True)
    assert not rows[plain]["rotation_enabled"] and rows[plain]["rotation_function_arn"] is None
    assert VALUE not in json.dumps(snapshot.rows("secrets"))
    calls = {r["operation"] for r in snapshot.rows("api_calls") if r["service"] == "secretsmanager"}
    assert calls == {"ListSecrets", "GetResourcePolicy"}
    assert snapshot.rows("errors") == []
