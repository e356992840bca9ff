"""Application Load Balancer rules as entry points: hand-made rows, the graph they make."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.elbv2 import RULE, TARGET_GROUP
from tests.analysis.builders import fn
from tests.analysis.estates import estate, function

LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/locator/2"
POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_open"


def rule(name: str, auth: str = "NONE", scheme: str = "internet-facing", **extra) -> dict:
    return {
        "arn": f"{LB.replace(':loadbalancer/', ':listener-rule/')}/l/{name}",
        "name": f"web HTTP:80 /{name}/*", "scheme": scheme, "authorization_type": auth,
        "auth_provider": None, "unauthenticated_allowed": False, "target_group_arns": [GROUP],
        "load_balancer_arn": LB, **extra,
    }  # fmt: skip


def graph_of(*rules: dict, **tables: list[dict]):
    group = {"arn": GROUP, "name": "locator", "function_arns": [fn("locator")]}
    built = estate(
        functions=[function("locator")], elb_listener_rules=list(rules),
        elb_target_groups=[group], **tables,
    )  # fmt: skip
    return build_graph(built).g


def exposure(g, node: str) -> dict | None:
    found = [d for _, _, d in g.in_edges(node, data=True) if d["kind"] == kinds.EXPOSES]
    return found[0] if found else None


def test_a_rule_is_an_entry_that_triggers_the_target_groups_function():
    r = rule("stores")
    g = graph_of(r)

    assert g.nodes[r["arn"]]["kind"] == RULE
    [(_, target, data)] = g.out_edges(r["arn"], data=True)
    assert target == fn("locator")
    assert data["kind"] == kinds.TRIGGERS
    assert data["evidence"]["trigger_kind"] == TARGET_GROUP.key
    assert data["evidence"]["target_group"] == GROUP


def test_an_internet_facing_rule_without_auth_is_anonymous_and_says_security_groups_are_unread():
    r = rule("stores")
    edge = exposure(graph_of(r), r["arn"])

    assert edge["trust"] == kinds.ANONYMOUS
    assert edge["evidence"]["security_groups"] == "not read"


def test_oidc_is_authenticated_unless_it_lets_unauthenticated_requests_through():
    signed_in, let_through = rule("staff", "OIDC"), rule("maybe", unauthenticated_allowed=True)
    g = graph_of(signed_in, let_through)

    assert exposure(g, signed_in["arn"])["trust"] == kinds.AUTHENTICATED
    assert exposure(g, let_through["arn"])["trust"] == kinds.ANONYMOUS
    assert "unauthenticated" in exposure(g, let_through["arn"])["evidence"]["note"]


def test_a_cognito_pool_anyone_may_join_is_anyone():
    r = rule("members", "COGNITO", auth_provider=POOL)
    pool = {"arn": POOL, "id": "us-east-1_open", "name": "members", "region": "us-east-1",
            "self_signup_allowed": True}  # fmt: skip
    edge = exposure(graph_of(r, cognito_user_pools=[pool]), r["arn"])

    assert edge["trust"] == kinds.ANONYMOUS
    assert edge["evidence"]["reason"] == "self sign-up"


def test_an_internal_balancer_is_not_exposed_to_the_internet():
    r = rule("internal", scheme="internal")

    assert exposure(graph_of(r), r["arn"]) is None
