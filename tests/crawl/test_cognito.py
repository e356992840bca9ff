"""The Cognito crawl: user pools' Lambda triggers and whether anyone may sign up."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.crawl import cognito
from explorer.crawl.context import CrawlContext

DATA = Path(__file__).parent.parent / "data" / "cognito"
FN = "arn:aws:lambda:us-east-1:123456789012:function"
CTX = CrawlContext(clients=None, sink=None, account="123456789012", partition="aws", redactor=None)


def _described() -> dict:
    return json.loads((DATA / "describe_user_pool.json").read_text())["UserPool"]


def test_pool_triggers_and_open_sign_up_are_stored(account_session, moto_endpoint, crawl_account):
    idp = account_session.client("cognito-idp", endpoint_url=moto_endpoint)
    pool = idp.create_user_pool(
        PoolName="customers", MfaConfiguration="OFF",
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": False},
        LambdaConfig={
            "PreSignUp": f"{FN}:pre-signup",
            "CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": f"{FN}:sms"},
            "KMSKeyID": "arn:aws:kms:us-east-1:123456789012:key/abc",
        },
    )["UserPool"]  # fmt: skip

    snapshot = crawl_account(services=("cognito",))

    [row] = snapshot.rows("cognito_user_pools")
    assert (row["arn"], row["id"]) == (pool["Arn"], pool["Id"])
    assert row["lambda_triggers"] == {
        "PreSignUp": f"{FN}:pre-signup",
        "CustomSMSSender": f"{FN}:sms",
    }
    assert row["self_signup_allowed"] == 1
    assert row["mfa"] == "OFF"


def test_admin_only_pool_does_not_allow_sign_up():
    raw = _described()

    row = cognito.transform_pool(CTX, "us-east-1", {"Id": raw["Id"]}, raw)

    assert row["self_signup_allowed"] is False


def test_nested_trigger_configs_are_flattened_and_the_kms_key_is_not_a_trigger():
    raw = _described()

    row = cognito.transform_pool(CTX, "us-east-1", {"Id": raw["Id"]}, raw)

    assert row["trigger_function_arns"] == [f"{FN}:claims", f"{FN}:mailer", f"{FN}:pre-auth"]
    assert row["lambda_triggers"]["PreTokenGenerationConfig"] == f"{FN}:claims"
    assert row["kms_key_arn"].startswith("arn:aws:kms:")


def test_undescribed_pool_keeps_list_triggers_and_unknown_sign_up():
    summary = {"Id": "us-east-1_X", "Name": "x", "LambdaConfig": {"PostConfirmation": f"{FN}:pc"}}

    row = cognito.transform_pool(CTX, "us-east-1", summary, {})

    assert row["arn"] == "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_X"
    assert row["lambda_triggers"] == {"PostConfirmation": f"{FN}:pc"}
    assert row["self_signup_allowed"] is None


def test_app_clients_are_stored_without_their_secret(account_session, moto_endpoint, crawl_account):
    idp = account_session.client("cognito-idp", endpoint_url=moto_endpoint)
    pool = idp.create_user_pool(PoolName="customers")["UserPool"]
    web = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", PreventUserExistenceErrors="ENABLED"
    )["UserPoolClient"]
    backend = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="backend", GenerateSecret=True
    )["UserPoolClient"]

    snapshot = crawl_account(services=("cognito",))

    rows = {r["name"]: r for r in snapshot.rows("cognito_user_pool_clients")}
    assert rows["web"]["client_id"] == web["ClientId"]
    assert rows["web"]["pool_arn"] == pool["Arn"]
    assert rows["web"]["prevent_user_existence_errors"] == "ENABLED"
    assert rows["backend"]["prevent_user_existence_errors"] == "LEGACY"  # AWS's default
    assert (rows["web"]["has_secret"], rows["backend"]["has_secret"]) == (0, 1)
    assert backend["ClientSecret"].encode() not in snapshot.path.read_bytes()
    assert snapshot.rows("errors") == []


def test_described_client_keeps_its_settings_but_not_its_secret():
    raw = json.loads((DATA / "describe_user_pool_client.json").read_text())["UserPoolClient"]
    pool = {"arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE1",
            "id": "us-east-1_EXAMPLE1", "region": "us-east-1"}  # fmt: skip

    row = cognito.transform_pool_client(pool, {"ClientId": raw["ClientId"]}, raw)

    assert row["prevent_user_existence_errors"] == "LEGACY"
    assert row["explicit_auth_flows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert row["has_secret"] is True
    assert raw["ClientSecret"] not in json.dumps(row, default=str)


def test_undescribed_client_has_unknown_settings_not_legacy_ones():
    pool = {"arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_X",
            "id": "us-east-1_X", "region": "us-east-1"}  # fmt: skip

    row = cognito.transform_pool_client(pool, {"ClientId": "c1", "ClientName": "web"}, {})

    assert (row["prevent_user_existence_errors"], row["has_secret"]) == (None, None)
    assert row["described"] is False
