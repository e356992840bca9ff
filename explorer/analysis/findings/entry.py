"""A2 rules: API routes and function URLs that anyone on the internet may call.

Skipped on purpose: CORS preflight (`OPTIONS` with a MOCK integration), and WebSocket routes
other than `$connect` (API Gateway authorises a WebSocket connection once, at `$connect`).
A REST method with an API key is not reported (API keys identify, they are not auth: the
A1 rule still treats its callers as untrusted).
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.entry_auth import entry_auth
from explorer.analysis.estate import Row
from explorer.analysis.exposure import read_policy
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import HIGH, LOW, Finding, make
from explorer.analysis.nodes import route_name, url_node
from explorer.iam import resource_exposure
from explorer.iam.exposure import ANY_ACCOUNT, NARROWING_KEYS, PUBLIC, Exposure

URL_AUTH_KEY = "lambda:functionurlauthtype"
"""The condition AddPermission puts on every URL permission; it does not narrow *who*."""


def unauthenticated_routes(ctx: Context) -> Iterator[Finding]:
    """REST methods and HTTP/WebSocket routes with authorization type NONE."""
    private = {
        r["arn"]
        for r in ctx.estate.rows("rest_apis")
        if "PRIVATE" in (r.get("endpoint_types") or [])
    }
    for table in ("rest_methods", "http_routes"):
        for row in ctx.estate.rows(table):
            if _open(row) and not _exempt(row):
                yield _route_finding(ctx, row, row.get("api_arn") in private)


def _open(row: Row) -> bool:
    return entry_auth(row, url=False).open


def _exempt(row: Row) -> bool:
    """CORS preflight, and WebSocket routes that inherit `$connect`'s authorisation."""
    integration = (row.get("integration_type") or "").upper()
    if row.get("http_method") == "OPTIONS" and integration == "MOCK":
        return True
    websocket = (row.get("protocol_type") or "").upper() == "WEBSOCKET"
    return websocket and row.get("route_key") != "$connect"


def _route_finding(ctx: Context, row: Row, private: bool) -> Finding:
    target = (
        row.get("function_arn") if str(row.get("function_arn") or "").startswith("arn:") else None
    )
    integration = (row.get("integration_type") or "").upper()
    severity = HIGH if not private and integration not in ("", "MOCK") else LOW
    reaches = f"invokes {ctx.label(target)}" if target else f"integration {integration or 'none'}"
    where = " The API is private (reachable only through VPC endpoints)." if private else ""
    path = (kinds.INTERNET, row["arn"], *([target] if target else []))
    return make(
        rules.UNAUTHENTICATED_ROUTE,
        severity,
        row["arn"],
        f"Route {route_name(row)} needs no authentication",
        f"Authorization type NONE, no API key; the route {reaches}.{where}",
        path=path,
        edges=(kinds.EXPOSES, kinds.TRIGGERS)[: len(path) - 1],
    )


def public_function_urls(ctx: Context) -> Iterator[Finding]:
    """Function URLs with auth type NONE, judged with the function's resource policy."""
    for row in ctx.estate.rows("function_urls"):
        auth = entry_auth(row, url=True)
        if auth.recorded and auth.open:
            yield _url_finding(ctx, row, url_open_to_everyone(ctx, row))


def url_open_to_everyone(ctx: Context, url: Row) -> bool | None:
    """Whether the resource policy lets `*` call lambda:InvokeFunctionUrl (None: it could not
    be fetched, or not read in full and what was read does not)."""
    policies = ctx.function_policies.get((url["function_arn"], url.get("qualifier") or "$LATEST"))
    if not policies:
        unread = ctx.gap("lambda", None, "GetPolicy", resource=_policy_resource(url))
        return None if unread else False
    verdict: bool | None = False
    for row in policies:
        policy, errors = read_policy(row.get("policy"))
        found = resource_exposure(policy, ["lambda:InvokeFunctionUrl"], url["arn"], ctx.account)
        if any(_everyone(e) for e in found):
            return True
        verdict = None if errors else verdict
    return verdict


def _policy_resource(url: Row) -> str:
    qualifier = url.get("qualifier")
    return f"{url['function_arn']}:{qualifier}" if qualifier else url["function_arn"]


def _everyone(exposure: Exposure) -> bool:
    """Granted to `*` with no condition narrowing who, other than the URL auth type."""
    if exposure.kind not in (PUBLIC, ANY_ACCOUNT):
        return False
    return not any(
        c.key.lower() in NARROWING_KEYS and c.key.lower() != URL_AUTH_KEY and c.source == "Allow"
        for c in exposure.conditions
    )


def _url_finding(ctx: Context, url: Row, everyone: bool | None) -> Finding:
    node = url_node(url["arn"])
    function = url["function_arn"]
    if everyone is False:
        severity, note = (
            LOW,
            (
                "Its resource policy does not let everyone call lambda:InvokeFunctionUrl, so "
                "anonymous calls are refused today; one added permission would open it."
            ),
        )
    elif everyone is None:
        severity, note = HIGH, "The function's resource policy could not be read."
    else:
        severity, note = HIGH, "Its resource policy lets everyone call lambda:InvokeFunctionUrl."
    return make(
        rules.PUBLIC_FUNCTION_URL,
        severity,
        node,
        f"Function URL of {ctx.label(function)} needs no authentication",
        f"Auth type NONE ({url.get('url')}). {note}",
        path=(kinds.INTERNET, node, function),
        edges=(kinds.EXPOSES, kinds.TRIGGERS),
    )
