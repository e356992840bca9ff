"""Cognito and trust: which user pools anyone may join, and what identity pools hand out.

A Cognito authorizer (REST `COGNITO_USER_POOLS`, or an HTTP API JWT authorizer whose issuer is
a user pool of the snapshot) lets in whoever holds a token of its pool. When any of its pools
lets anyone sign up (AdminCreateUserConfig.AllowAdminCreateUserOnly false), that is anyone:
the route is exposed `anonymous`, with the reason "self sign-up" and the pool named. A pool
whose setting is unknown (not described, or not in the snapshot) leaves the route
`authenticated`, and its edge says the sign-up is unknown.

An identity pool that allows unauthenticated identities gives anyone on the internet
credentials for its unauthenticated role: internet -exposes-> identity pool -assumes-> role.
Its signed-in identities enter at `<pool ARN>#authenticated` and get the authenticated role and
the roles its mapping rules name; they are anonymous as well when a sign-in provider lets
anyone in (a user pool with self sign-up, or a public social provider such as Google).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.analysis import kinds
from explorer.analysis.entry_auth import entry_auth
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.graph import EstateGraph
from explorer.analysis.shapes import mapping, mappings, strings, text

SELF_SIGN_UP = "self sign-up"
"""The reason on an exposure that anyone reaches by signing up to a user pool."""
GUESTS = "identity pool unauthenticated access"
"""How anyone reaches an identity pool that allows unauthenticated identities."""
PUBLIC_SIGN_IN = "public sign-in provider"
"""The reason on an identity pool's signed-in exposure when a social provider lets anyone in."""

PUBLIC_PROVIDERS = {
    "accounts.google.com": "Google",
    "graph.facebook.com": "Facebook",
    "www.amazon.com": "Login with Amazon",
    "appleid.apple.com": "Sign in with Apple",
    "api.twitter.com": "X (Twitter)",
}
"""Identity pool login providers where anyone may open an account."""

POOL_REF = re.compile(
    r"^(?:https://)?cognito-idp\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?/([A-Za-z0-9-]+_[A-Za-z0-9]+)/?$"
)
"""A user pool named as a JWT issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`)
or an identity pool provider (the same without the scheme)."""
POOL_ARN = re.compile(r"^arn:[^:]+:cognito-idp:([^:]*):[^:]*:userpool/(.+)$")

Ref = tuple[str, str]
"""(region, user pool id)."""


def pool_ref(text: object) -> Ref | None:
    """(region, pool id) of an issuer URL, provider name or user pool ARN; None for others."""
    if not isinstance(text, str):
        return None
    found = POOL_REF.match(text.strip()) or POOL_ARN.match(text.strip())
    return (found.group(1), found.group(2)) if found else None


SIGNED_IN = "#authenticated"


def signed_in_node(identity_pool_arn: str) -> str:
    """The node signed-in identities of an identity pool enter at."""
    return f"{identity_pool_arn}{SIGNED_IN}"


def identity_pool_of(node: str) -> str:
    """The identity pool an identity pool node belongs to (itself, or its signed-in node's)."""
    return node.removesuffix(SIGNED_IN)


class UserPools:
    """The snapshot's user pools, found by ARN, issuer URL or provider name."""

    def __init__(self, estate: EstateRows) -> None:
        rows = estate.rows("cognito_user_pools")
        self.by_arn = {r["arn"]: r for r in rows}
        self.by_ref = {(str(r.get("region") or ""), str(r.get("id") or "")): r for r in rows}

    def find(self, named: object) -> Row | None:
        if isinstance(named, str) and named in self.by_arn:
            return self.by_arn[named]
        ref = pool_ref(named)
        return self.by_ref.get(ref) if ref else None


@dataclass(frozen=True)
class Guard:
    """The user pools behind a route's Cognito authorizer, by whether anyone may join them."""

    open: tuple[str, ...] = ()
    """Pools (ARNs) that let anyone sign up."""
    unknown: tuple[str, ...] = ()
    """Pools (ARNs, or names as the authorizer wrote them) whose sign-up setting is unknown."""
    closed: tuple[str, ...] = ()
    """Pools where only administrators create users."""

    @property
    def pools(self) -> tuple[str, ...]:
        return self.open + self.unknown + self.closed

    def evidence(self) -> dict[str, object]:
        """What the route's `exposes` edge says about its pools."""
        if self.open:
            return {"reason": SELF_SIGN_UP, "user_pool": self.open[0],
                    "other_user_pools": list(self.open[1:])}  # fmt: skip
        return {"sign_up_unknown": list(self.unknown)} if self.unknown else {}


def guard_of(users: UserPools, named: list[str]) -> Guard:
    """Sort the pools an authorizer names by their sign-up setting."""
    open_, unknown, closed = [], [], []
    for name in sorted(set(named)):
        row = users.find(name)
        allowed = None if row is None else row.get("self_signup_allowed")
        where = open_ if allowed else unknown if allowed is None else closed
        where.append(row["arn"] if row is not None else name)
    return Guard(tuple(open_), tuple(unknown), tuple(closed))


def route_guards(estate: EstateRows, users: UserPools | None = None) -> dict[str, Guard]:
    """route ARN -> the user pools its authorizer trusts, for every route behind a Cognito
    authorizer (REST `COGNITO_USER_POOLS`; HTTP `JWT` with a user pool as issuer). A REST
    route whose authorizer is not in the snapshot gets a guard of unknown pools."""
    users = users or UserPools(estate)
    rest = {(r.get("api_arn"), r.get("authorizer_id")): r for r in estate.rows("rest_authorizers")}
    http = {(r.get("api_arn"), r.get("authorizer_id")): r for r in estate.rows("http_authorizers")}
    guards: dict[str, Guard] = {}
    for row in estate.rows("rest_methods"):
        if _auth(row) == "COGNITO_USER_POOLS":
            authorizer = rest.get((row.get("api_arn"), row.get("authorizer_id")))
            named = strings(authorizer.get("provider_arns")) if authorizer else []
            why = "names no user pool" if authorizer else "not read"
            missing = Guard(unknown=(f"authorizer {row.get('authorizer_id')} ({why})",))
            guards[row["arn"]] = guard_of(users, named) if named else missing
    for row in estate.rows("http_routes"):
        authorizer = http.get((row.get("api_arn"), row.get("authorizer_id")))
        if _auth(row) == "JWT" and authorizer and pool_ref(authorizer.get("jwt_issuer")):
            guards[row["arn"]] = guard_of(users, [authorizer["jwt_issuer"]])
    return guards


def _auth(row: Row) -> str:
    return entry_auth(row, url=False).type


def add_identity_pools(graph: EstateGraph, estate: EstateRows) -> None:
    """Guests' and signed-in identities' ways in, and the roles each gets."""
    users = UserPools(estate)
    for row in estate.rows("cognito_identity_pools"):
        arn = row["arn"]
        if row.get("allow_unauthenticated"):
            graph.edge(kinds.INTERNET, arn, kinds.EXPOSES, trust=kinds.ANONYMOUS, via=GUESTS,
                       classic_flow=bool(row.get("allow_classic_flow")))  # fmt: skip
            guest_role = text(row.get("unauthenticated_role_arn"))
            if guest_role:
                graph.edge(arn, guest_role, kinds.ASSUMES, via="unauthenticated role")
        _signed_in(graph, row, users)


def _signed_in(graph: EstateGraph, row: Row, users: UserPools) -> None:
    roles = [(r, "authenticated role") for r in strings([row.get("authenticated_role_arn")])]
    roles += [(r, "role mapping rule") for r in strings(row.get("mapped_role_arns"))]
    if not roles:
        return
    node = graph.node(signed_in_node(row["arn"]), kinds.IDENTITY_POOL,
                      f"{row.get('name') or row['arn']} (signed-in identities)",
                      table="cognito_identity_pools", row=row)  # fmt: skip
    for role, via in roles:
        graph.edge(node, role, kinds.ASSUMES, via=via)
    trust = signed_in_trust(row, users)
    if trust is not None:
        level, evidence = trust
        graph.edge(kinds.INTERNET, node, kinds.EXPOSES, trust=level, via="identity pool sign-in",
                   **evidence)  # fmt: skip


def signed_in_trust(row: Row, users: UserPools) -> tuple[str, dict[str, object]] | None:
    """Who may sign in to an identity pool, and why: anonymous when a provider lets anyone
    in, authenticated otherwise; None when it names no provider (nobody may sign in)."""
    providers = [p.get("provider_name") for p in mappings(row.get("user_pool_providers"))]
    guard = guard_of(users, strings(providers))
    logins = sorted(str(k) for k in mapping(row.get("login_providers")))
    public = [PUBLIC_PROVIDERS[k] for k in logins if k in PUBLIC_PROVIDERS]
    if guard.open:
        return kinds.ANONYMOUS, guard.evidence()
    if public:
        return kinds.ANONYMOUS, {"reason": PUBLIC_SIGN_IN, "providers": public}
    others = [
        *logins,
        *strings(row.get("openid_provider_arns")),
        *strings(row.get("saml_provider_arns")),
        *strings([row.get("developer_provider")]),
    ]
    if guard.pools or others:
        return kinds.AUTHENTICATED, guard.evidence()
    return None
