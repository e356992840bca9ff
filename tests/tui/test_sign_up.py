"""A function behind a Cognito route says in its triggers whether anyone may sign up to the
pool that guards it (issue 13, point 5): the pool's name is account text, shown literally."""

from __future__ import annotations

from explorer.tui.details import detail_lines
from tests.tui.estate import ACCOUNT, HOSTILE_NAME, META, REGION, fn, role
from tests.tui.helpers import model_of

API = f"arn:aws:apigateway:{REGION}::/restapis/api1"
ROUTE = f"arn:aws:execute-api:{REGION}:{ACCOUNT}:api1/*/POST/orders"
POOL = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{REGION}_Shop1"


def _shown(sign_up: bool | None) -> str:
    tables = {
        "functions": [{"arn": fn("orders"), "name": "orders", "region": REGION,
                       "role_arn": role("orders-role"), "runtime": "python3.12"}],
        "rest_apis": [{"arn": API, "name": "shop", "endpoint_types": ["REGIONAL"]}],
        "rest_methods": [{"arn": ROUTE, "api_arn": API, "http_method": "POST", "path": "/orders",
                          "authorization_type": "COGNITO_USER_POOLS", "authorizer_id": "a1",
                          "function_arn": fn("orders"), "integration_type": "AWS_PROXY"}],
        "rest_authorizers": [{"arn": f"{API}/authorizers/a1", "api_arn": API,
                              "authorizer_id": "a1", "provider_arns": [POOL]}],
        "cognito_user_pools": [{"arn": POOL, "id": f"{REGION}_Shop1", "region": REGION,
                                "name": HOSTILE_NAME, "self_signup_allowed": sign_up}],
    }  # fmt: skip
    model, _ = model_of(tables, META)
    return "\n".join(line.content.plain for line in detail_lines(model, fn("orders")))


def test_a_route_over_a_pool_anyone_may_join_shows_self_sign_up_with_the_pool_named():
    shown = _shown(True)

    assert (
        "auth: COGNITO_USER_POOLS  self sign-up: anyone may sign up to [bold red]evil[/]" in shown
    )
    assert "\x1b" not in shown


def test_a_route_over_an_admin_only_pool_shows_only_its_auth():
    shown = _shown(False)

    assert "auth: COGNITO_USER_POOLS" in shown and "sign up" not in shown


def test_a_pool_of_unknown_sign_up_says_so():
    assert "whether anyone may sign up to its user pool is unknown" in _shown(None)


IDENTITY = f"arn:aws:cognito-identity:{REGION}:{ACCOUNT}:identitypool/{REGION}:1111-guests"


def test_an_identity_pool_shows_who_may_reach_it_and_the_roles_it_hands_out():
    pool = {"arn": IDENTITY, "name": HOSTILE_NAME, "region": REGION, "id": f"{REGION}:1111",
            "allow_unauthenticated": True, "unauthenticated_role_arn": role("guest-role"),
            "authenticated_role_arn": role("member-role"), "user_pool_providers": [],
            "login_providers": {"accounts.google.com": "x"}}  # fmt: skip
    model, lists = model_of({"cognito_identity_pools": [pool]}, META)

    guests = "\n".join(line.content.plain for line in detail_lines(model, IDENTITY))
    signed_in = "\n".join(
        line.content.plain for line in detail_lines(model, f"{IDENTITY}#authenticated")
    )

    assert "identity pool unauthenticated access" in guests and "guest-role" in guests
    assert "identity pool sign-in (providers Google" in signed_in
    assert "assumes → member-role" in signed_in
    assert "\x1b" not in guests + signed_in
    assert IDENTITY in {row.item for row in lists["resources"].rows}
