"""Cognito findings: self sign-up guarding an API, MFA off, user existence errors, identity
pool guests (issue 13, point 5), and the A1 wording for input that anyone may sign up to send."""

from __future__ import annotations

from tests.analysis.builders import route
from tests.analysis.findings.helpers import (
    ACCOUNT,
    allow,
    estate,
    fn,
    function,
    iam_role,
    of,
    queue,
    role,
    run,
)

REST_API = "arn:aws:apigateway:us-east-1::/restapis/api1"
POOL = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/us-east-1_Shop1"
IDENTITY = f"arn:aws:cognito-identity:us-east-1:{ACCOUNT}:identitypool/us-east-1:1111-guests"


def user_pool(sign_up: bool | None = True, mfa: str | None = "ON", **extra) -> dict:
    return {"arn": POOL, "id": "us-east-1_Shop1", "name": "shop-users", "region": "us-east-1",
            "self_signup_allowed": sign_up, "mfa": mfa, "lambda_triggers": {}, **extra}  # fmt: skip


def guarded(pool: dict | None, endpoint_types: tuple = ("REGIONAL",)) -> object:
    """The API `shop` with POST /orders behind a Cognito authorizer over `pool`."""
    method = {
        "arn": route("orders", "POST"),
        "api_arn": REST_API,
        "http_method": "POST",
        "path": "/orders",
        "authorization_type": "COGNITO_USER_POOLS",
        "authorizer_id": "a1",
        "function_arn": fn("orders"),
        "integration_type": "AWS_PROXY",
    }
    authorizer = {"arn": f"{REST_API}/authorizers/a1", "api_arn": REST_API, "authorizer_id": "a1",
                  "type": "COGNITO_USER_POOLS", "provider_arns": [POOL]}  # fmt: skip
    return estate(
        rest_apis=[{"arn": REST_API, "name": "shop", "endpoint_types": list(endpoint_types)}],
        rest_methods=[method], rest_authorizers=[authorizer],
        cognito_user_pools=[pool] if pool else [], functions=[function("orders")],
    )  # fmt: skip


def test_self_sign_up_on_a_pool_guarding_an_api_is_high_and_names_the_routes():
    [found] = of(run(guarded(user_pool())), "self-sign-up-api")

    assert (found.owasp, found.severity, found.resource) == ("A2", "high", POOL)
    assert found.title == "Anyone may sign up to shop-users, which guards 1 API route"
    assert "shop POST /orders" in found.detail
    assert found.path == ("internet", POOL, route("orders", "POST"))


def test_a_pre_sign_up_trigger_lowers_it_to_medium():
    pool = user_pool(lambda_triggers={"PreSignUp": fn("vet")})

    [found] = of(run(guarded(pool)), "self-sign-up-api")

    assert found.severity == "medium" and "PreSignUp trigger may vet" in found.detail


def test_no_self_sign_up_finding_for_admin_only_unknown_or_unguarding_pools():
    assert of(run(guarded(user_pool(sign_up=False))), "self-sign-up-api") == []
    assert of(run(guarded(user_pool(sign_up=None))), "self-sign-up-api") == []
    assert of(run(estate(cognito_user_pools=[user_pool()])), "self-sign-up-api") == []
    assert of(run(guarded(user_pool(), ("PRIVATE",))), "self-sign-up-api") == []


def test_the_input_finding_says_anyone_may_sign_up():
    [found] = of(run(guarded(user_pool())), "untrusted-input-anonymous")

    assert found.title == (
        "Anonymous input from the internet (anyone may sign up to shop-users) reaches orders"
    )
    assert of(run(guarded(user_pool(sign_up=False))), "untrusted-input-anonymous") == []


def test_mfa_off_on_a_pool_guarding_an_api_is_medium_even_without_self_sign_up():
    [found] = of(run(guarded(user_pool(sign_up=False, mfa="OFF"))), "user-pool-mfa-off")

    assert (found.owasp, found.severity, found.resource) == ("A2", "medium", POOL)
    assert "guards 1 API route" in found.detail


def test_mfa_off_on_an_open_pool_guarding_nothing_is_low():
    [found] = of(run(estate(cognito_user_pools=[user_pool(mfa="OFF")])), "user-pool-mfa-off")

    assert found.severity == "low" and "anyone may sign up" in found.detail


def test_enforced_adaptive_authentication_lowers_mfa_off_one_step():
    pool = user_pool(sign_up=False, mfa="OFF", advanced_security="ENFORCED")

    [found] = of(run(guarded(pool)), "user-pool-mfa-off")

    assert found.severity == "low"


def test_no_mfa_finding_when_on_optional_unknown_or_the_pool_is_closed_and_unused():
    for pool in (user_pool(mfa="ON"), user_pool(mfa="OPTIONAL"), user_pool(mfa=None)):
        assert of(run(guarded(pool)), "user-pool-mfa-off") == []
    closed = estate(cognito_user_pools=[user_pool(sign_up=False, mfa="OFF")])
    assert of(run(closed), "user-pool-mfa-off") == []


def test_mfa_off_on_a_pool_behind_an_identity_pool_counts_as_guarding():
    provider = {"provider_name": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Shop1"}
    est = estate(cognito_user_pools=[user_pool(sign_up=False, mfa="OFF")],
                 cognito_identity_pools=[{"arn": IDENTITY, "name": "guests",
                                          "user_pool_providers": [provider]}])  # fmt: skip

    [found] = of(run(est), "user-pool-mfa-off")

    assert found.severity == "medium" and "1 identity pool" in found.detail


def client(name: str, prevent: str | None) -> dict:
    return {"pool_arn": POOL, "client_id": f"{name}-id", "name": name,
            "prevent_user_existence_errors": prevent}  # fmt: skip


def test_clients_that_reveal_users_are_one_low_finding_per_pool():
    clients = [client("web", "LEGACY"), client("ios", "LEGACY"), client("admin", "ENABLED"),
               client("unread", None)]  # fmt: skip
    est = estate(cognito_user_pools=[user_pool()], cognito_user_pool_clients=clients)

    [found] = of(run(est), "user-existence-errors")

    assert (found.owasp, found.severity, found.resource) == ("A2", "low", POOL)
    assert found.title == "User pool shop-users: 2 app clients reveal which users exist"
    assert "ios (ios-id), web (web-id)" in found.detail and "admin" not in found.detail


def test_no_user_existence_finding_when_every_client_prevents_it_or_is_unread():
    clients = [client("web", "ENABLED"), client("unread", None)]
    est = estate(cognito_user_pools=[user_pool()], cognito_user_pool_clients=clients)

    assert of(run(est), "user-existence-errors") == []


def guests(*statements: dict, allowed: bool = True) -> object:
    pool = {
        "arn": IDENTITY,
        "name": "guests",
        "allow_unauthenticated": allowed,
        "unauthenticated_role_arn": role("guest-role"),
        "user_pool_providers": [],
    }
    return estate(
        cognito_identity_pools=[pool], iam_roles=[iam_role("guest-role", *statements)],
        sqs_queues=[{"arn": queue("jobs"), "name": "jobs"}], functions=[function("worker")],
        event_source_mappings=[{"event_source_arn": queue("jobs"), "function_arn": fn("worker")}],
    )  # fmt: skip


def test_guests_whose_role_may_write_are_high():
    [found] = of(run(guests(allow("sqs:SendMessage", queue("jobs")))), "identity-pool-guest-access")

    assert (found.owasp, found.severity, found.resource) == ("A5", "high", IDENTITY)
    assert found.path == ("internet", IDENTITY, role("guest-role"), queue("jobs"))
    assert "may write jobs" in found.detail


def test_guests_whose_role_may_change_code_are_critical():
    grant = allow("lambda:UpdateFunctionCode", fn("worker"))

    [found] = of(run(guests(grant)), "identity-pool-guest-access")

    assert found.severity == "critical" and "change worker" in found.title


def test_guests_whose_role_may_only_read_are_low():
    [found] = of(
        run(guests(allow("sqs:ReceiveMessage", queue("jobs")))), "identity-pool-guest-access"
    )

    assert found.severity == "low"


def test_no_guest_finding_without_guest_access_or_without_powers():
    write = allow("sqs:SendMessage", queue("jobs"))
    assert of(run(guests(write, allowed=False)), "identity-pool-guest-access") == []
    assert of(run(guests(allow("sts:GetCallerIdentity"))), "identity-pool-guest-access") == []


def test_guest_input_is_anonymous_and_says_where_it_comes_from():
    [found] = of(run(guests(allow("sqs:SendMessage", queue("jobs")))), "untrusted-input-anonymous")

    assert found.title == (
        "Anonymous input from the internet (identity pool guests gives anyone its "
        "unauthenticated role) reaches worker"
    )
    assert found.path[:3] == ("internet", IDENTITY, role("guest-role"))
