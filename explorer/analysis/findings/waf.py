"""A6: REST API stages that anyone on the internet can call with no AWS WAF web ACL in front.

A stage counts as public when its API is not PRIVATE and at least one of its methods is
reachable anonymously: an `exposes` edge from the internet at trust `anonymous` in the graph
(authorization NONE without an API key, or whatever else the exposure analysis finds
anonymous), CORS preflight mocks aside. Only REST APIs: AWS WAF cannot be associated with an
HTTP or WebSocket API stage (those need CloudFront in front, which is not read). A web ACL
on a CloudFront distribution in front of the stage is not seen either: the finding says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import MEDIUM, Finding, listed, make
from explorer.analysis.nodes import route_name

MAX_NAMED = 3
"""Anonymous routes named in a finding's detail (the count says how many there are)."""


def public_stages_without_waf(ctx: Context) -> Iterator[Finding]:
    """One finding per REST stage without a web ACL whose API has an anonymous route."""
    routes = anonymous_routes(ctx)
    for stage in sorted(ctx.estate.rows("rest_stages"), key=lambda s: s["arn"]):
        open_routes = routes.get(stage.get("api_arn") or "")
        if open_routes and not stage.get("web_acl_arn"):
            yield _unguarded(ctx, stage, open_routes)


def anonymous_routes(ctx: Context) -> dict[str, list[Row]]:
    """REST API ARN -> its methods anyone on the internet may call, by ARN."""
    found: dict[str, list[Row]] = defaultdict(list)
    for method in sorted(ctx.estate.rows("rest_methods"), key=lambda m: m["arn"]):
        if not _preflight(method) and _anonymous(ctx, method["arn"]):
            found[method.get("api_arn") or ""].append(method)
    return found


def _anonymous(ctx: Context, route: str) -> bool:
    edges = ctx.g.get_edge_data(kinds.INTERNET, route) or {}
    return any(
        d.get("kind") == kinds.EXPOSES and d.get("trust") == kinds.ANONYMOUS for d in edges.values()
    )


def _preflight(method: Row) -> bool:
    """A CORS preflight answered by a MOCK integration runs nothing behind it."""
    mock = (method.get("integration_type") or "").upper() == "MOCK"
    return mock and method.get("http_method") == "OPTIONS"


def _unguarded(ctx: Context, stage: Row, open_routes: list[Row]) -> Finding:
    api = stage.get("api_arn") or stage["arn"]
    named = listed(open_routes, MAX_NAMED, route_name)
    return make(
        rules.API_STAGE_NO_WAF,
        MEDIUM,
        api if api in ctx.g else stage["arn"],
        f"Stage {stage.get('name')} of API {ctx.label(api)} is public and has no WAF web ACL",
        f"{len(open_routes)} route(s) need no authentication ({named}), and no AWS WAF "
        f"web ACL is associated with stage {stage['arn']}: no rate-based rule or managed rule "
        "group filters what reaches the functions behind it (a web ACL on a CloudFront "
        "distribution in front, if any, is not read).",
        path=(kinds.INTERNET, open_routes[0]["arn"]),
        edges=(kinds.EXPOSES,),
    )
