"""What AWS guarantees beyond the output shapes of API Gateway REST (v1) and HTTP/WebSocket (v2)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from tests.crawl.shapes import realism as r
from tests.crawl.shapes.model import Call, Landing
from tests.crawl.shapes.realism import arn

# -- REST APIs --------------------------------------------------------------------------------


def rest_apis(call: Call) -> None:
    for item in call.items("items"):
        item["id"] = f"{call.draw(r.regex(r'[a-z0-9]{1,6}'))}{call.world.next()}"


def resources(call: Call) -> None:
    """Paths are unique in an API (the root `/` first); a method's `httpMethod` is its key."""
    for index, item in enumerate(call.items("items")):
        item["id"] = f"r{call.world.next()}"
        segment = call.draw(r.UNICODE).replace("/", "")
        root = index == 0 and call.page == 0
        item["path"] = "/" if root else f"/{segment}{call.world.next()}/{{id}}"
        for method, body in (item.get("resourceMethods") or {}).items():
            body["httpMethod"] = method


def resource_lands(call: Call) -> list[Landing]:
    api = call.params["restApiId"]
    return [
        Landing("rest_methods", {"api_id": api, "resource_id": i["id"], "http_method": m})
        for i in call.items("items")
        for m in i.get("resourceMethods") or {}
    ]


def ids(list_key: str, id_key: str, prefix: str) -> Callable[[Call], None]:
    """Ids unique per item (authorizers, stages, APIs)."""

    def fix(call: Call) -> None:
        for item in call.items(list_key):
            item[id_key] = f"{prefix}{call.world.next()}"

    return fix


# -- HTTP and WebSocket APIs ------------------------------------------------------------------


def apis(call: Call) -> None:
    for item in call.items("Items"):
        item["ApiId"] = f"api{call.world.next()}"
        call.world.memo[("protocol", item["ApiId"])] = item["ProtocolType"]


def pool_of(call: Call, kind: str) -> list[str]:
    """Integration / authorizer ids of one API: routes point at them before they are listed."""
    return call.world.memo.setdefault((kind, call.params["ApiId"]), [])


def route_key(call: Call, protocol: str) -> str:
    """`METHOD /path` or `$default` (HTTP); `$connect`, `$default` or any text a selection
    expression yields, spaces and unicode included (WebSocket)."""
    n = call.world.next()
    if protocol == "WEBSOCKET":
        custom = f"{call.draw(r.UNICODE)} {n}"
        return call.draw(st.sampled_from(["$connect", "$disconnect", "$default", custom]))
    path = f"/{call.draw(r.UNICODE).replace('/', '')}{n}/{{proxy+}}"
    return call.draw(st.sampled_from(["$default", f"{call.draw(r.API_METHODS)} {path}"]))


def routes(call: Call) -> None:
    """Route keys unique in their API; targets and authorizers drawn from the API's pools."""
    protocol = call.world.memo.get(("protocol", call.params["ApiId"]), "HTTP")
    used = call.world.memo.setdefault(("route keys", call.params["ApiId"]), set())
    for item in call.items("Items"):
        item["RouteId"] = f"route{call.world.next()}"
        key = route_key(call, protocol)
        if key in used:  # a reserved key appears once
            key = f"{'' if protocol == 'WEBSOCKET' else 'POST /'}again{call.world.next()}"
        item["RouteKey"] = key
        used.add(key)
        if "Target" in item:
            pool_of(call, "integrations").append(f"int{call.world.next()}")
            item["Target"] = (
                f"integrations/{call.draw(st.sampled_from(pool_of(call, 'integrations')))}"
            )
        if "AuthorizerId" in item or call.rich:  # rich: reach the per-id fallback
            pool_of(call, "authorizers").append(f"auth{call.world.next()}")
            item["AuthorizerId"] = call.draw(st.sampled_from(pool_of(call, "authorizers")))


def route_arn(api: str, key: str, protocol: str) -> str:
    """AWS's execute-api source ARN of a route in any stage: `.../<api>/*/GET/path` for HTTP
    (`*` for ANY), `.../<api>/*/<route key>` for `$default` and every WebSocket route."""
    method, space, path = key.partition(" ")
    if protocol == "HTTP" and space:
        key = f"{'*' if method == 'ANY' else method}/{path.lstrip('/')}"
    return arn("execute-api", f"{api}/*/{key}")


def route_lands(call: Call) -> list[Landing]:
    """Each route lands under its AWS ARN (protocols AWS has not shipped yet: by id only)."""
    api = call.params["ApiId"]
    protocol = call.world.memo.get(("protocol", api), "HTTP")
    targets = call.world.memo.setdefault(("targets", api), [])
    targets.extend(i["Target"] for i in call.items("Items") if "Target" in i)
    known = protocol in ("HTTP", "WEBSOCKET")
    return [
        Landing("http_routes", {"api_id": api, "route_id": i["RouteId"]}
                | ({"arn": route_arn(api, i["RouteKey"], protocol)} if known else {}))
        for i in call.items("Items")
    ]  # fmt: skip


def from_pool(list_key: str, id_key: str, kind: str) -> Callable[[Call], None]:
    """Listed ids: first those routes point at (in order), then ones no route uses."""

    def fix(call: Call) -> None:
        given = call.world.memo.setdefault(("given", kind, call.params["ApiId"]), [])
        pool = [i for i in pool_of(call, kind) if i not in given]
        for item in call.items(list_key):
            item[id_key] = pool.pop(0) if pool else f"{kind}{call.world.next()}"
            given.append(item[id_key])

    return fix


def integration_lands(call: Call) -> list[Landing]:
    """An integration lands inside each route that points at it (one no route uses is not
    reachable, and is not stored)."""
    api = call.params["ApiId"]
    used = {t.removeprefix("integrations/") for t in call.world.memo.get(("targets", api), [])}
    return [
        Landing("http_routes", {"api_id": api, "integration_id": i["IntegrationId"]})
        for i in call.items("Items")
        if i["IntegrationId"] in used
    ]


def authorizer(call: Call) -> None:
    call.response["AuthorizerId"] = call.params["AuthorizerId"]


def authorizer_lands(call: Call) -> list[Landing]:
    keys = {"api_id": call.params["ApiId"], "authorizer_id": call.params["AuthorizerId"]}
    return [Landing("http_authorizers", keys)]
