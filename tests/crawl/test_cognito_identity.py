"""The Cognito identity pool crawl: moto for the pools, AWS's role reads stubbed.

moto 5.2 implements ListIdentityPools and DescribeIdentityPool but not GetIdentityPoolRoles
(nor SetIdentityPoolRoles): against moto the roles read fails and is recorded; the roles
themselves are tested on AWS-shaped responses (`tests/data/cognito/`, from the API reference)
replayed through botocore's Stubber.
"""

from __future__ import annotations

from pathlib import Path

from botocore.stub import Stubber

from explorer.crawl import cognito_identity
from tests.crawl.helpers import recorded, stubbed

DATA = Path(__file__).parent.parent / "data" / "cognito"
ACCOUNT = "123456789012"
POOL_ID = "us-east-1:1cf667a2-49a6-454b-9e45-23199EXAMPLE"
ROLE = f"arn:aws:iam::{ACCOUNT}:role"


def test_guest_access_providers_and_roles_are_stored():
    ctx, client = stubbed("cognito-identity")
    pages = recorded(DATA, "list_identity_pools.json")["pages"]
    with Stubber(client) as stub:
        stub.add_response("list_identity_pools", pages[0], {"MaxResults": 60})
        stub.add_response(
            "list_identity_pools", pages[1], {"MaxResults": 60, "NextToken": "page-2-token"}
        )
        stub.add_response(
            "describe_identity_pool", recorded(DATA, "describe_identity_pool.json"),
            {"IdentityPoolId": POOL_ID},
        )  # fmt: skip
        stub.add_response(
            "get_identity_pool_roles", recorded(DATA, "get_identity_pool_roles.json"),
            {"IdentityPoolId": POOL_ID},
        )  # fmt: skip
        stub.add_client_error("describe_identity_pool", "AccessDeniedException")
        stub.add_client_error("get_identity_pool_roles", "AccessDeniedException")

        cognito_identity.sync(ctx, "us-east-1")

    rows = {r["id"]: r for r in ctx.sink.rows["cognito_identity_pools"]}
    guests = rows[POOL_ID]
    assert guests["arn"] == f"arn:aws:cognito-identity:us-east-1:{ACCOUNT}:identitypool/{POOL_ID}"
    assert (guests["allow_unauthenticated"], guests["allow_classic_flow"]) == (True, False)
    assert guests["unauthenticated_role_arn"] == f"{ROLE}/Cognito_shop_guestsUnauth_Role"
    assert guests["authenticated_role_arn"] == f"{ROLE}/Cognito_shop_guestsAuth_Role"
    assert guests["mapped_role_arns"] == [f"{ROLE}/shop-print-lab"]
    assert guests["user_pool_providers"] == [{
        "provider_name": "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE1",
        "client_id": "a1b2c3d4e5f6g7h8i9j0EXAMPLE", "server_side_token_check": False,
    }]  # fmt: skip
    assert guests["login_providers"] == {
        "accounts.google.com": "123456789012-example.apps.googleusercontent.com"
    }
    assert guests["roles_read"] is True


def test_a_pool_whose_reads_failed_is_unknown_not_closed():
    ctx, client = stubbed("cognito-identity")
    with Stubber(client) as stub:
        stub.add_response(
            "list_identity_pools", recorded(DATA, "list_identity_pools.json")["pages"][1],
            {"MaxResults": 60},
        )  # fmt: skip
        stub.add_client_error("describe_identity_pool", "AccessDeniedException")
        stub.add_client_error("get_identity_pool_roles", "AccessDeniedException")

        cognito_identity.sync(ctx, "us-east-1")

    [row] = ctx.sink.rows["cognito_identity_pools"]
    assert row["name"] == "staff_only"
    assert (row["described"], row["allow_unauthenticated"], row["roles_read"]) == (
        False, None, False,
    )  # fmt: skip
    assert row["unauthenticated_role_arn"] is None
    operations = sorted(e.operation for e in ctx.sink.errors)
    assert operations == ["DescribeIdentityPool", "GetIdentityPoolRoles"]


def test_moto_pools_are_read_and_the_missing_roles_call_is_a_recorded_gap(
    account_session, moto_endpoint, crawl_account
):
    identity = account_session.client("cognito-identity", endpoint_url=moto_endpoint)
    provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE1"
    pool = identity.create_identity_pool(
        IdentityPoolName="guests", AllowUnauthenticatedIdentities=True,
        CognitoIdentityProviders=[{"ProviderName": provider, "ClientId": "web"}],
    )  # fmt: skip

    snapshot = crawl_account(services=("cognito-identity",))

    [row] = snapshot.rows("cognito_identity_pools")
    assert (row["id"], row["name"], row["allow_unauthenticated"]) == (
        pool["IdentityPoolId"], "guests", 1,
    )  # fmt: skip
    assert row["user_pool_providers"][0]["provider_name"] == provider
    assert row["roles_read"] == 0
    [error] = snapshot.rows("errors")
    assert (error["service"], error["operation"]) == ("cognito-identity", "GetIdentityPoolRoles")
