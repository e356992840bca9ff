"""AppSync GraphQL APIs as entry points: hand-made rows, the graph and the untrusted inputs they
make."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.appsync import AUTHORIZER, DATA_SOURCE, GRAPHQL_API, authorizer_node
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import estate, function

API = f"arn:aws:appsync:us-east-1:{ACCOUNT}:apis/shop1"
POOL_ID = "us-east-1_open"
POOL = f"arn:aws:cognito-idp:us-east-1:{ACCOUNT}:userpool/{POOL_ID}"


def api(auth: str = "API_KEY", *more: str, **extra) -> dict:
    return {
        "arn": API, "name": "shop", "region": "us-east-1", "visibility": "GLOBAL",
        "authorization_type": auth, "authorization_modes": [auth, *more], "user_pool_arns": [],
        "oidc_issuers": [], "authorizer_function_arns": [], "waf_web_acl_arn": None, **extra,
    }  # fmt: skip


def data_source(name: str = "orders", function_name: str | None = "resolver") -> dict:
    return {"arn": f"{API}/datasources/{name}", "name": name, "api_arn": API,
            "function_arn": fn(function_name) if function_name else None}  # fmt: skip


def pool(self_signup: bool | None) -> dict:
    return {"arn": POOL, "id": POOL_ID, "name": "shoppers", "region": "us-east-1",
            "self_signup_allowed": self_signup}  # fmt: skip


def graph_of(*apis: dict, sources: tuple[dict, ...] = (data_source(),), **tables: list[dict]):
    built = estate(
        functions=[function("resolver"), function("gate")], appsync_graphql_apis=list(apis),
        appsync_data_sources=list(sources), **tables,
    )  # fmt: skip
    return build_graph(built).g


def exposure(g, node: str) -> dict | None:
    found = [d for _, _, d in g.in_edges(node, data=True) if d["kind"] == kinds.EXPOSES]
    return found[0] if found else None


def test_a_lambda_data_source_is_a_trigger_from_its_api():
    g = graph_of(api(), sources=(data_source(), data_source("products", None)))

    assert g.nodes[API]["kind"] == GRAPHQL_API
    [(_, target, data)] = g.out_edges(API, data=True)
    assert target == fn("resolver")
    assert data["kind"] == kinds.TRIGGERS
    assert data["evidence"]["trigger_kind"] == DATA_SOURCE.key
    assert data["evidence"]["data_source"] == "orders"


def test_an_api_key_api_is_authenticated_and_its_evidence_names_every_mode():
    g = graph_of(api("API_KEY", "AWS_IAM"))

    edge = exposure(g, API)
    assert edge["trust"] == kinds.AUTHENTICATED
    assert edge["evidence"]["authorization"] == "API_KEY"
    assert edge["evidence"]["authorization_modes"] == ["API_KEY", "AWS_IAM"]
    assert edge["evidence"]["waf_web_acl"] == "none"
    [found] = untrusted_inputs(g)[fn("resolver")]
    assert (found.trust, found.path) == (kinds.AUTHENTICATED, (kinds.INTERNET, API, fn("resolver")))


def test_a_cognito_mode_whose_pool_anyone_may_join_makes_the_api_anonymous():
    row = api("AWS_IAM", "AMAZON_COGNITO_USER_POOLS", user_pool_arns=[POOL])
    edge = exposure(graph_of(row, cognito_user_pools=[pool(True)]), API)

    assert edge["trust"] == kinds.ANONYMOUS
    assert (edge["evidence"]["reason"], edge["evidence"]["user_pool"]) == ("self sign-up", POOL)


def test_a_closed_or_unknown_pool_leaves_it_authenticated():
    row = api("AMAZON_COGNITO_USER_POOLS", user_pool_arns=[POOL])

    assert exposure(graph_of(row, cognito_user_pools=[pool(False)]), API)["trust"] == (
        kinds.AUTHENTICATED
    )
    unknown = exposure(graph_of(row), API)
    assert unknown["trust"] == kinds.AUTHENTICATED
    assert unknown["evidence"]["sign_up_unknown"] == [POOL]


def test_an_openid_issuer_that_is_an_open_user_pool_is_anyone():
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
    row = api("OPENID_CONNECT", oidc_issuers=[issuer, "https://login.example"])

    edge = exposure(graph_of(row, cognito_user_pools=[pool(True)]), API)

    assert edge["trust"] == kinds.ANONYMOUS


def test_the_lambda_authorizer_is_fed_anonymously_from_its_own_entry():
    row = api("API_KEY", "AWS_LAMBDA", authorizer_function_arns=[f"{fn('gate')}:live"])
    g = graph_of(row)

    door = authorizer_node(API)
    assert g.nodes[door]["kind"] == GRAPHQL_API
    assert g.nodes[door]["row"]["authorization_type"] == "AWS_LAMBDA"
    [(_, target, data)] = g.out_edges(door, data=True)
    assert (target, data["evidence"]["trigger_kind"]) == (fn("gate"), AUTHORIZER.key)
    assert exposure(g, door)["trust"] == kinds.ANONYMOUS
    inputs = untrusted_inputs(g)
    assert [(i.trust, i.entry) for i in inputs[fn("gate")]] == [(kinds.ANONYMOUS, door)]
    assert [i.trust for i in inputs[fn("resolver")]] == [kinds.AUTHENTICATED]


def test_a_private_api_and_its_authorizer_are_not_exposed_to_the_internet():
    row = api("AWS_LAMBDA", visibility="PRIVATE", authorizer_function_arns=[fn("gate")])
    g = graph_of(row)

    assert exposure(g, API) is None and exposure(g, authorizer_node(API)) is None
    assert fn("resolver") not in untrusted_inputs(g)


def test_hostile_shapes_build_without_error():
    row = api(authorization_modes="API_KEY", user_pool_arns={"a": 1}, oidc_issuers=[3],
              authorizer_function_arns=["not an arn", None], visibility=7)  # fmt: skip
    odd = {"arn": f"{API}/datasources/x", "name": None, "api_arn": None, "function_arn": fn("x")}

    g = graph_of(row, sources=(odd, data_source(function_name=None)))

    assert exposure(g, API)["trust"] == kinds.AUTHENTICATED
    assert authorizer_node(API) not in g
    assert list(g.out_edges(API)) == []
