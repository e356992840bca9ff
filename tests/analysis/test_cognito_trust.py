"""Cognito and trust: a pool anyone may join makes its routes anonymous; identity pools hand
anyone their unauthenticated role (issue 13, point 5)."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.cognito import pool_ref, signed_in_node
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn, queue, role, route
from tests.analysis.estates import estate, iam_role

REST_API = "arn:aws:apigateway:us-east-1::/restapis/api1"
HTTP_API = "arn:aws:apigateway:us-east-1::/apis/http1"
POOL_ID = "us-east-1_Open1"
CLOSED_ID = "us-east-1_Staff1"
IDENTITY = f"arn:aws:cognito-identity:us-east-1:{ACCOUNT}:identitypool/us-east-1:1111-guests"


def user_pool(pool_id: str, sign_up: bool | None) -> dict:
    arn = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/{pool_id}"
    return {"arn": arn, "id": pool_id, "name": pool_id.split("_")[1].lower(),
            "region": "us-east-1", "self_signup_allowed": sign_up}  # fmt: skip


def pool_arn(pool_id: str) -> str:
    return user_pool(pool_id, None)["arn"]


def rest_route(path: str, authorizer: str = "a1") -> dict:
    return {"arn": route(path), "api_arn": REST_API, "authorization_type": "COGNITO_USER_POOLS",
            "authorizer_id": authorizer, "function_arn": fn(path)}  # fmt: skip


def cognito_authorizer(*pool_ids: str, authorizer: str = "a1") -> dict:
    return {"api_arn": REST_API, "authorizer_id": authorizer, "type": "COGNITO_USER_POOLS",
            "provider_arns": [pool_arn(p) for p in pool_ids]}  # fmt: skip


def rest_estate(*pools: dict) -> object:
    """One Cognito-guarded REST route whose authorizer names these pools."""
    return estate(rest_methods=[rest_route("orders")], cognito_user_pools=list(pools),
                  rest_authorizers=[cognito_authorizer(*(p["id"] for p in pools))])  # fmt: skip


def route_edge(est, arn: str) -> dict:
    g = build_graph(est).g
    [data] = [d for d in g.get_edge_data(kinds.INTERNET, arn).values()]
    return data


def test_cognito_route_over_a_pool_anyone_may_join_is_anonymous_by_self_sign_up():
    est = rest_estate(user_pool(POOL_ID, True))

    edge = route_edge(est, route("orders"))

    assert edge["trust"] == kinds.ANONYMOUS
    assert edge["evidence"]["reason"] == "self sign-up"
    assert edge["evidence"]["user_pool"] == pool_arn(POOL_ID)


def test_cognito_route_over_an_admin_only_pool_stays_authenticated():
    est = rest_estate(user_pool(CLOSED_ID, False))

    edge = route_edge(est, route("orders"))

    assert edge["trust"] == kinds.AUTHENTICATED
    assert "reason" not in edge["evidence"] and "sign_up_unknown" not in edge["evidence"]


def test_any_open_pool_of_several_makes_the_route_anonymous():
    pools = [user_pool(CLOSED_ID, False), user_pool(POOL_ID, True)]
    est = estate(rest_methods=[rest_route("orders")], cognito_user_pools=pools,
                 rest_authorizers=[cognito_authorizer(CLOSED_ID, POOL_ID)])  # fmt: skip

    edge = route_edge(est, route("orders"))

    assert (edge["trust"], edge["evidence"]["user_pool"]) == (kinds.ANONYMOUS, pool_arn(POOL_ID))


def test_a_pool_whose_sign_up_is_unknown_stays_authenticated_and_says_so():
    est = rest_estate(user_pool(POOL_ID, None))

    edge = route_edge(est, route("orders"))

    assert edge["trust"] == kinds.AUTHENTICATED
    assert edge["evidence"]["sign_up_unknown"] == [pool_arn(POOL_ID)]


def test_a_pool_missing_from_the_snapshot_is_unknown_not_closed():
    est = estate(
        rest_methods=[rest_route("orders")], rest_authorizers=[cognito_authorizer(POOL_ID)]
    )

    edge = route_edge(est, route("orders"))

    assert edge["trust"] == kinds.AUTHENTICATED
    assert edge["evidence"]["sign_up_unknown"] == [pool_arn(POOL_ID)]


def test_an_unread_authorizer_leaves_the_route_authenticated_with_unknown_sign_up():
    est = estate(rest_methods=[rest_route("orders")], cognito_user_pools=[user_pool(POOL_ID, True)])

    edge = route_edge(est, route("orders"))

    assert edge["trust"] == kinds.AUTHENTICATED
    assert edge["evidence"]["sign_up_unknown"] == ["authorizer a1 (not read)"]


def test_authorizer_of_another_api_with_the_same_id_does_not_count():
    other = {**cognito_authorizer(POOL_ID), "api_arn": "arn:aws:apigateway:us-east-1::/restapis/x"}
    est = estate(rest_methods=[rest_route("orders")], rest_authorizers=[other],
                 cognito_user_pools=[user_pool(POOL_ID, True)])  # fmt: skip

    assert route_edge(est, route("orders"))["trust"] == kinds.AUTHENTICATED


def http_route(issuer: str) -> tuple[dict, dict]:
    arn = f"arn:aws:execute-api:us-east-1:{ACCOUNT}:http1/*/GET/me"
    row = {"arn": arn, "api_arn": HTTP_API, "route_key": "GET /me", "authorization_type": "JWT",
           "authorizer_id": "j1", "function_arn": fn("me")}  # fmt: skip
    authorizer = {"api_arn": HTTP_API, "authorizer_id": "j1", "type": "JWT", "jwt_issuer": issuer}
    return row, authorizer


def test_jwt_route_whose_issuer_is_an_open_pool_of_the_snapshot_is_anonymous():
    row, authorizer = http_route(f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}")
    est = estate(http_routes=[row], http_authorizers=[authorizer],
                 cognito_user_pools=[user_pool(POOL_ID, True)])  # fmt: skip

    edge = route_edge(est, row["arn"])

    assert (edge["trust"], edge["evidence"]["reason"]) == (kinds.ANONYMOUS, "self sign-up")


def test_jwt_route_with_another_issuer_stays_authenticated():
    row, authorizer = http_route("https://login.example.com/")
    est = estate(http_routes=[row], http_authorizers=[authorizer],
                 cognito_user_pools=[user_pool(POOL_ID, True)])  # fmt: skip

    edge = route_edge(est, row["arn"])

    assert edge["trust"] == kinds.AUTHENTICATED and "reason" not in edge["evidence"]


def test_self_sign_up_still_exposes_the_pool_itself_to_feed_its_triggers():
    pool = {**user_pool(POOL_ID, True), "lambda_triggers": {"PreSignUp": fn("guard")}}
    est = rest_estate(pool)

    g = build_graph(est).g

    [sign_up] = g.get_edge_data(kinds.INTERNET, pool_arn(POOL_ID)).values()
    assert (sign_up["trust"], sign_up["evidence"]["via"]) == (kinds.ANONYMOUS, "self sign-up")


def test_pool_references_are_parsed_defensively():
    assert pool_ref(f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}") == (
        "us-east-1", POOL_ID,
    )  # fmt: skip
    assert pool_ref(f"cognito-idp.eu-west-1.amazonaws.com/{POOL_ID}/") == ("eu-west-1", POOL_ID)
    assert pool_ref(pool_arn(POOL_ID)) == ("us-east-1", POOL_ID)
    for hostile in (None, 7, "", "https://cognito-idp.evil.com/us-east-1_X",
                    "https://cognito-idp.us-east-1.amazonaws.com/../x", ["x"]):  # fmt: skip
        assert pool_ref(hostile) is None


# --- identity pools -------------------------------------------------------------------------

SEND = {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": queue("jobs")}


def identity_pool(**extra) -> dict:
    return {"arn": IDENTITY, "name": "guests", "allow_unauthenticated": True,
            "unauthenticated_role_arn": role("guest-role"), "user_pool_providers": [],
            "login_providers": {}, **extra}  # fmt: skip


def identity_estate(pool: dict, *pools: dict) -> object:
    return estate(
        cognito_identity_pools=[pool], cognito_user_pools=list(pools),
        iam_roles=[iam_role("guest-role", SEND), iam_role("member-role", SEND)],
        sqs_queues=[{"arn": queue("jobs"), "name": "jobs"}],
        event_source_mappings=[{"event_source_arn": queue("jobs"), "function_arn": fn("worker")}],
        functions=[{"arn": fn("worker"), "name": "worker"}],
    )  # fmt: skip


def test_guests_of_an_identity_pool_reach_what_its_unauthenticated_role_writes():
    graph = build_graph(identity_estate(identity_pool()))

    found = untrusted_inputs(graph.g)[fn("worker")]

    [anonymous] = [i for i in found if i.trust == kinds.ANONYMOUS]
    assert anonymous.path == (kinds.INTERNET, IDENTITY, role("guest-role"), queue("jobs"),
                              fn("worker"))  # fmt: skip
    assert anonymous.edges[:2] == (kinds.EXPOSES, kinds.ASSUMES)
    [edge] = graph.g.get_edge_data(kinds.INTERNET, IDENTITY).values()
    assert edge["evidence"]["via"] == "identity pool unauthenticated access"


def test_an_identity_pool_without_guest_access_exposes_nothing_to_the_internet():
    graph = build_graph(identity_estate(identity_pool(allow_unauthenticated=False)))

    assert not graph.g.has_edge(kinds.INTERNET, IDENTITY)
    assert fn("worker") not in untrusted_inputs(graph.g)


def test_signed_in_identities_of_a_self_sign_up_pool_are_anonymous():
    provider = {"provider_name": f"cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"}
    pool = identity_pool(allow_unauthenticated=False, user_pool_providers=[provider],
                         authenticated_role_arn=role("member-role"))  # fmt: skip
    graph = build_graph(identity_estate(pool, user_pool(POOL_ID, True)))

    [edge] = graph.g.get_edge_data(kinds.INTERNET, signed_in_node(IDENTITY)).values()
    found = untrusted_inputs(graph.g)[fn("worker")]

    assert (edge["trust"], edge["evidence"]["reason"]) == (kinds.ANONYMOUS, "self sign-up")
    assert [i.entry for i in found] == [signed_in_node(IDENTITY)]
    assert graph.g.has_edge(signed_in_node(IDENTITY), role("member-role"))


def test_signed_in_identities_of_an_admin_only_pool_are_authenticated():
    provider = {"provider_name": f"cognito-idp.us-east-1.amazonaws.com/{CLOSED_ID}"}
    pool = identity_pool(allow_unauthenticated=False, user_pool_providers=[provider],
                         authenticated_role_arn=role("member-role"))  # fmt: skip
    graph = build_graph(identity_estate(pool, user_pool(CLOSED_ID, False)))

    [edge] = graph.g.get_edge_data(kinds.INTERNET, signed_in_node(IDENTITY)).values()

    assert edge["trust"] == kinds.AUTHENTICATED


def test_a_public_social_provider_lets_anyone_sign_in():
    pool = identity_pool(
        allow_unauthenticated=False,
        authenticated_role_arn=role("member-role"),
        login_providers={"accounts.google.com": "id.apps.googleusercontent.com"},
    )
    graph = build_graph(identity_estate(pool))

    [edge] = graph.g.get_edge_data(kinds.INTERNET, signed_in_node(IDENTITY)).values()

    assert edge["trust"] == kinds.ANONYMOUS
    assert edge["evidence"]["providers"] == ["Google"]


def test_guests_role_is_not_handed_to_signed_in_identities_nor_the_other_way():
    pool = identity_pool(authenticated_role_arn=role("member-role"), developer_provider="login.x")
    graph = build_graph(identity_estate(pool))

    assert not graph.g.has_edge(IDENTITY, role("member-role"))
    assert not graph.g.has_edge(signed_in_node(IDENTITY), role("guest-role"))


def test_unknown_roles_draw_no_assumes_edge():
    pool = identity_pool(unauthenticated_role_arn=None, roles_read=False)
    graph = build_graph(identity_estate(pool))

    assert graph.g.has_edge(kinds.INTERNET, IDENTITY)
    assert list(graph.g.successors(IDENTITY)) == []


def test_hostile_identity_pool_and_authorizer_shapes_build_without_error():
    pools = [
        identity_pool(user_pool_providers=7, login_providers=["accounts.google.com"],
                      unauthenticated_role_arn=5, authenticated_role_arn=[1],
                      mapped_role_arns="arn:x", openid_provider_arns={"a": 1}),
        {**identity_pool(), "arn": f"{IDENTITY}-2", "user_pool_providers": [None, {"x": 1}],
         "name": None, "authenticated_role_arn": role("member-role")},
    ]  # fmt: skip
    authorizers = [{"api_arn": REST_API, "authorizer_id": "a1", "provider_arns": "not a list"}]
    est = estate(cognito_identity_pools=pools, rest_authorizers=authorizers,
                 rest_methods=[rest_route("orders")],
                 http_authorizers=[{"api_arn": HTTP_API, "authorizer_id": "j1", "jwt_issuer": 3}],
                 http_routes=[http_route("x")[0]])  # fmt: skip

    g = build_graph(est).g

    assert g.has_edge(kinds.INTERNET, IDENTITY)
    assert route_edge(est, route("orders"))["trust"] == kinds.AUTHENTICATED
