"""Cognito rules: user pools anyone may join in front of APIs, pools without MFA, app clients
whose errors reveal users (A2), and identity pools that hand anyone a role with powers (A5).

Noise is kept down on purpose. Self sign-up is reported only on a pool that guards an API
route (a consumer app's pool guarding nothing visible is a product decision); high without a
PreSignUp trigger, medium with one (the trigger may vet who signs up: its code is not read).
MFA off is reported only on a pool that guards a route or an identity pool (medium), or that
anyone may sign up to (low); a pool with adaptive authentication enforced is one step lower.
A pool whose MFA or clients could not be read is not reported (the failed call is a coverage
gap). User existence errors are one finding per pool, naming its clients. An identity pool's
guests are reported only when its unauthenticated role may do something: critical when it may
change code or become another principal, high when it may write or invoke, low when it may
only read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.cognito import Guard, UserPools, route_guards
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import (
    CRITICAL,
    HIGH,
    LOW,
    MEDIUM,
    Finding,
    listed,
    lower,
    make,
)
from explorer.analysis.nodes import route_name
from explorer.analysis.shapes import mapping, mappings, text

SHOWN = 8
"""Routes, clients or grants named per finding (the count gives the rest)."""
POWER_VERB = {kinds.CONTROLS: "change", kinds.BECOMES: "become", kinds.WRITES: "write",
              kinds.INVOKES: "invoke", kinds.READS: "read"}  # fmt: skip
"""Edge kinds out of a role that make a guest's credentials worth having, strongest first."""


def self_sign_up_apis(ctx: Context) -> Iterator[Finding]:
    """One finding per user pool anyone may sign up to that guards API routes."""
    users = UserPools(ctx.estate)
    for pool, routes in sorted(_guarded(ctx, users, open_only=True).items()):
        row = users.by_arn[pool]
        vetted = "PreSignUp" in mapping(row.get("lambda_triggers"))
        note = (" Its PreSignUp trigger may vet who signs up (its code is not read)."
                if vetted else " No PreSignUp trigger vets who signs up.")  # fmt: skip
        yield make(
            rules.SELF_SIGN_UP_API,
            MEDIUM if vetted else HIGH,
            pool,
            f"Anyone may sign up to {ctx.label(pool)}, which guards {_count(routes, 'API route')}",
            f"Self sign-up is on (AllowAdminCreateUserOnly is false), so the Cognito "
            f"authorization of {_names(ctx, routes)} admits anyone who signs up first.{note}",
            path=(kinds.INTERNET, pool, *routes[:SHOWN]),
        )


def mfa_off(ctx: Context) -> Iterator[Finding]:
    """User pools with MFA off that guard a route or an identity pool, or that anyone may
    join."""
    users = UserPools(ctx.estate)
    guarded = _guarded(ctx, users, open_only=False)
    signed_in = _identity_pools_of(ctx, users)
    for pool, row in sorted(users.by_arn.items()):
        if str(row.get("mfa") or "").upper() != "OFF":
            continue  # ON, OPTIONAL, or not read
        routes, identity = guarded.get(pool, []), signed_in.get(pool, [])
        if not routes and not identity and not row.get("self_signup_allowed"):
            continue
        yield _mfa_finding(ctx, pool, row, routes, identity)


def _mfa_finding(
    ctx: Context, pool: str, row: Row, routes: list[str], identity: list[str]
) -> Finding:
    guards = [*([_count(routes, "API route")] if routes else []),
              *([_count(identity, "identity pool")] if identity else [])]  # fmt: skip
    severity = MEDIUM if guards else LOW
    what = f"it guards {' and '.join(guards)}" if guards else "anyone may sign up to it"
    adaptive = str(row.get("advanced_security") or "").upper() == "ENFORCED"
    note = (" Adaptive authentication is enforced, which can demand a second factor on risky "
            "sign-ins." if adaptive else "")  # fmt: skip
    return make(
        rules.USER_POOL_MFA_OFF,
        lower(severity) if adaptive else severity,
        pool,
        f"User pool {ctx.label(pool)} has MFA off",
        f"MfaConfiguration is OFF and {what}: a password alone signs its users in.{note}",
        path=(pool, *routes[:SHOWN], *identity[:SHOWN]),
    )


def user_existence_errors(ctx: Context) -> Iterator[Finding]:
    """One finding per user pool with app clients that do not prevent user existence errors."""
    by_pool: dict[str, list[Row]] = defaultdict(list)
    for row in ctx.estate.rows("cognito_user_pool_clients"):
        prevent = text(row.get("prevent_user_existence_errors"))
        if prevent is not None and prevent.upper() != "ENABLED":
            by_pool[str(row.get("pool_arn"))].append(row)
    for pool, clients in sorted(by_pool.items()):
        names = sorted(f"{c.get('name') or c.get('client_id')} ({c.get('client_id')})"
                       for c in clients)  # fmt: skip
        shown = listed(names, SHOWN)
        yield make(
            rules.USER_EXISTENCE_ERRORS,
            LOW,
            pool,
            f"User pool {ctx.label(pool)}: {_count(names, 'app client')} "
            f"reveal{'s' * (len(names) == 1)} which users exist",
            f"PreventUserExistenceErrors is not ENABLED (LEGACY) on {shown}: sign-in and "
            "password reset tell an unknown user from a wrong password.",
            path=(pool,),
        )


def identity_pool_guests(ctx: Context) -> Iterator[Finding]:
    """Identity pools whose guests get a role that may do something."""
    for row in ctx.estate.rows("cognito_identity_pools"):
        role = text(row.get("unauthenticated_role_arn"))
        if not row.get("allow_unauthenticated") or not role or role not in ctx.g:
            continue
        powers = _powers(ctx, role)
        if powers:
            yield _guest_finding(ctx, row["arn"], role, powers)


def _powers(ctx: Context, role: str) -> list[tuple[str, str]]:
    """(edge kind, target) the role may act on, strongest kind first."""
    found = {(d["kind"], t) for _, t, d in ctx.g.out_edges(role, data=True)
             if d.get("kind") in POWER_VERB}  # fmt: skip
    order = list(POWER_VERB)
    return sorted(found, key=lambda p: (order.index(p[0]), ctx.label(p[1])))


def _guest_finding(ctx: Context, pool: str, role: str, powers: list[tuple[str, str]]) -> Finding:
    strongest = powers[0][0]
    severity = {kinds.CONTROLS: CRITICAL, kinds.BECOMES: CRITICAL, kinds.WRITES: HIGH,
                kinds.INVOKES: HIGH}.get(strongest, LOW)  # fmt: skip
    shown = listed(powers, SHOWN, lambda p: f"{POWER_VERB[p[0]]} {ctx.label(p[1])}")
    return make(
        rules.IDENTITY_POOL_GUESTS,
        severity,
        pool,
        f"Anyone may get credentials for {ctx.label(role)} from identity pool "
        f"{ctx.label(pool)}, and {POWER_VERB[strongest]} {ctx.label(powers[0][1])}",
        f"The identity pool allows unauthenticated identities; its unauthenticated role "
        f"{ctx.label(role)} may {shown}.",
        path=(kinds.INTERNET, pool, role, powers[0][1]),
        edges=(kinds.EXPOSES, kinds.ASSUMES, strongest),
    )


def _guarded(ctx: Context, users: UserPools, open_only: bool) -> dict[str, list[str]]:
    """pool ARN -> the public API routes its authorizers guard (routes of private APIs and
    pools outside the snapshot aside)."""
    private = {r["arn"] for r in ctx.estate.rows("rest_apis")
               if "PRIVATE" in (r.get("endpoint_types") or [])}  # fmt: skip
    apis = {r["arn"]: r.get("api_arn") for t in ("rest_methods", "http_routes")
            for r in ctx.estate.rows(t)}  # fmt: skip
    found: dict[str, list[str]] = defaultdict(list)
    for route, guard in route_guards(ctx.estate, users).items():
        if apis.get(route) in private:
            continue
        for pool in _pools(guard, open_only):
            if pool in users.by_arn:
                found[pool].append(route)
    return {pool: sorted(routes) for pool, routes in found.items()}


def _pools(guard: Guard, open_only: bool) -> tuple[str, ...]:
    return guard.open if open_only else guard.pools


def _identity_pools_of(ctx: Context, users: UserPools) -> dict[str, list[str]]:
    """user pool ARN -> the identity pools that let its users sign in."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in ctx.estate.rows("cognito_identity_pools"):
        for provider in mappings(row.get("user_pool_providers")):
            pool = users.find(provider.get("provider_name"))
            if pool is not None:
                found[pool["arn"]].append(row["arn"])
    return {pool: sorted(set(pools)) for pool, pools in found.items()}


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'s' * (len(items) != 1)}"


def _names(ctx: Context, routes: list[str]) -> str:
    return listed(routes, SHOWN, lambda r: _route_label(ctx, r))


def _route_label(ctx: Context, route: str) -> str:
    """`pixmart-shop POST /orders`: the API's name and the route."""
    attrs = ctx.g.nodes[route] if route in ctx.g else {}
    row = mapping(attrs.get("row"))
    api = row.get("api_arn")
    named = ctx.label(api) if isinstance(api, str) and api in ctx.g else ""
    return f"{named} {route_name(row) if row else ctx.label(route)}".strip()
