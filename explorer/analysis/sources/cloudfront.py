"""CloudFront distributions: anyone on the internet may send a request to an enabled distribution,
which hands it to its Lambda@Edge functions and forwards it to its origins.

The distribution is the entry point (its node, in the app's entries). Enabled, it is exposed to
the internet anonymously: CloudFront has no caller auth of its own. A web ACL is named as
evidence only (what its rules let through is not read); where every cache behaviour serves only
signed URLs or cookies, the exposure says so (it narrows who, the level stays).

Two trigger kinds, both synchronous (the viewer waits):

- `lambda-edge`: the distribution runs a Lambda@Edge function version on a viewer request or
  response (the viewer's own request) or an origin request or response (the same request carried
  on to the origin, and the origin's answer): untrusted input either way.
- `cloudfront-origin`: the distribution forwards the request to an origin that is a Lambda
  function URL (to the URL's node, which triggers the function) or an API Gateway endpoint (to
  the API's node: its routes keep their own auth and their own exposure, so nothing is inferred
  through it). A URL with auth NONE takes CloudFront's requests exactly when it takes anyone's
  (its policy lets `*` call it): the URL's own exposure decides, so these edges are made after
  it, and it is left untouched; the edge says direct calls skip CloudFront and its web ACL. A
  URL that requires AWS_IAM accepts CloudFront's requests only when an origin access control
  signs them: with one that signs, the edge says direct calls are refused; without one (or one
  set to `never` sign), AWS refuses what CloudFront forwards and no edge is made. Whether the
  function's policy allows the CloudFront service principal is not checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.entry_auth import entry_auth
from explorer.analysis.nodes import url_node
from explorer.analysis.shapes import mapping, mappings, text
from explorer.analysis.sources import ENTRIES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

DISTRIBUTION = "distribution"
"""Node kind: a CloudFront distribution."""
EDGE = tk.TriggerKind("lambda-edge", "Lambda@Edge", tk.SYNC)
ORIGIN = tk.TriggerKind("cloudfront-origin", "CloudFront origin", tk.SYNC)
VIA = "CloudFront distribution"
LAMBDA_URL, EXECUTE_API = "lambda-url", "execute-api"
"""Origin kinds (the crawl's, from the origin's domain) that lead to something in the graph."""
INPUTS = {
    "viewer-request": "the viewer's request, as it arrives",
    "viewer-response": "the response on its way to the viewer, with the viewer's request",
    "origin-request": "the viewer's request, carried on to the origin",
    "origin-response": "the origin's response, with the viewer's request",
}
"""Lambda@Edge event type -> what the function is handed."""
SIGNED = "with a signed URL or cookie"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Distribution -> each Lambda@Edge function, and -> each API it fronts (function URL
    origins wait for the URLs' own exposure: `exposure`)."""
    origins = Origins(estate)
    for row in estate.rows("cloudfront_distributions"):
        for association in mappings(row.get("edge_functions")):
            function = text(association.get("function_arn"))
            if not function or not function.startswith("arn:"):
                continue
            event = text(association.get("event_type"))
            graph.edge(
                row["arn"], function, kinds.TRIGGERS,
                **EDGE.evidence(
                    event_type=event, input=INPUTS.get(event or "", "a request or response"),
                    function_version=function, include_body=association.get("include_body"),
                    path_pattern=association.get("path_pattern"),
                    signed_urls=association.get("signed_urls"),
                ),
            )  # fmt: skip
        for origin in mappings(row.get("origins")):
            if origin.get("kind") == EXECUTE_API:
                origins.api(graph, row["arn"], origin)


class Origins:
    """What an origin's domain leads to in the snapshot: function URLs by host, APIs by id and
    region, and the origin access controls that sign requests."""

    def __init__(self, estate: EstateRows) -> None:
        self.urls: dict[str, list[dict]] = {}
        for row in estate.rows("function_urls"):
            host = _host(row.get("url"))
            if host:
                self.urls.setdefault(host, []).append(row)
        self.apis: dict[tuple[str, str], str] = {}
        for table in ("rest_apis", "http_apis"):
            for row in estate.rows(table):
                key = _api_key(row["arn"])
                if key:
                    self.apis[key] = row["arn"]
        self.controls = {r.get("id"): r for r in estate.rows("cloudfront_origin_access_controls")}

    def api(self, graph: EstateGraph, distribution: str, origin: dict) -> None:
        """Distribution -> the REST or HTTP API an origin names, when it is in the snapshot."""
        api = self.apis.get((str(origin.get("api_id")), str(origin.get("region"))))
        if api:
            graph.edge(
                distribution, api, kinds.TRIGGERS,
                **ORIGIN.evidence(origin_path=origin.get("origin_path"), **_said(origin),
                                  note="its routes keep their own auth and exposure"),
            )  # fmt: skip

    def urls_of(self, graph: EstateGraph, distribution: str, origin: dict) -> None:
        """Distribution -> each function URL an origin names (by the URL's host)."""
        for url in self.urls.get(str(origin.get("domain_name") or ""), []):
            self._url(graph, distribution, origin, url)

    def _url(self, graph: EstateGraph, distribution: str, origin: dict, url: dict) -> None:
        """Distribution -> function URL, when the URL accepts what CloudFront forwards."""
        auth = entry_auth(url, url=True)
        control = origin.get("origin_access_control_id")
        conditional = False
        if auth.recorded and auth.open:
            only_maybe = _anonymous(graph, url_node(url["arn"]))
            if only_maybe is None:
                return  # its policy does not let `*` call it: AWS refuses CloudFront too
            direct = "allowed: the URL's auth is NONE, so anyone may call it without CloudFront"
            conditional = only_maybe
        elif not auth.recorded:
            direct, conditional = "unknown: the URL's auth is not recorded", True
        elif not control:
            return  # unsigned requests to an AWS_IAM URL: AWS refuses them
        else:
            # a control in use cannot be deleted: one not listed was not read
            signing = mapping(self.controls.get(control)).get("signing_behavior")
            if signing == "never":
                return
            conditional = signing is None
            direct = (
                f"refused: the URL requires {auth.type}, and CloudFront signs its requests "
                f"with origin access control {control}"
                + ("" if signing else " (how it signs was not read)")
            )
        graph.edge(
            distribution, url_node(url["arn"]), kinds.TRIGGERS, conditional=conditional,
            **ORIGIN.evidence(auth_type=auth.type, direct_calls=direct, **_said(origin)),
        )  # fmt: skip


def _said(origin: dict) -> dict[str, object]:
    """The evidence every origin edge carries: which origin, and its origin access control."""
    return {
        "origin": origin.get("id"), "origin_domain": origin.get("domain_name"),
        "origin_access_control": origin.get("origin_access_control_id") or "none",
    }  # fmt: skip


def _anonymous(graph: EstateGraph, node: str) -> bool | None:
    """Whether the internet may call `node` anonymously: None if not, else whether only
    conditionally (from the `exposes` edges already built)."""
    found = [
        bool(d.get("conditional"))
        for _, _, d in graph.g.in_edges(node, data=True)
        if d.get("kind") == kinds.EXPOSES and d.get("trust") == kinds.ANONYMOUS
    ] if node in graph.g else []  # fmt: skip
    return min(found) if found else None


def _host(url: object) -> str | None:
    if not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def _api_key(arn: str) -> tuple[str, str] | None:
    """(API id, region) of a REST or HTTP API ARN (`arn:aws:apigateway:<region>::/apis/<id>`)."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return None
    steps = parts[5].strip("/").split("/")
    if len(steps) != 2 or steps[0] not in ("restapis", "apis"):
        return None
    return steps[1], parts[3]


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """The internet may send to every enabled distribution, anonymously; then the edges to the
    function URLs the distributions front (a URL's own exposure is built by now)."""
    origins = Origins(estate)
    for row in estate.rows("cloudfront_distributions"):
        for origin in mappings(row.get("origins")):
            if origin.get("kind") == LAMBDA_URL:
                origins.urls_of(graph, row["arn"], origin)
        if row.get("enabled") is False:
            continue
        behaviours = mappings(row.get("behaviors"))
        signed = bool(behaviours) and all(b.get("signed_urls") is True for b in behaviours)
        more: dict[str, object] = {"web_acl": row.get("web_acl_id") or "none"}
        if row.get("enabled") is not True:
            more["note"] = "whether it is enabled is not recorded"
        if row.get("staging"):
            more["staging"] = "reached through its primary's continuous deployment policy"
        graph.edge(
            kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.ANONYMOUS,
            conditional=row.get("enabled") is not True, only=(SIGNED,) if signed else (),
            via=VIA, domain=row.get("domain_name"), aliases=row.get("aliases"), **more,
        )  # fmt: skip


SOURCE = Source(
    title="CloudFront distributions: Lambda@Edge associations and function URL or API origins",
    crawl="cloudfront",
    kinds=(EDGE, ORIGIN),
    nodes=(
        NodeKind(
            DISTRIBUTION,
            "cloudfront_distributions",
            "name",
            "CloudFront distribution",
            ENTRIES,
            ("cloudfront", "distribution"),
        ),
    ),
    columns={
        "cloudfront_distributions": (
            "enabled", "staging", "web_acl_id", "domain_name", "aliases", "origins", "behaviors",
            "edge_functions",
        ),
        "cloudfront_origin_access_controls": ("id", "signing_behavior"),
        "function_urls": ("arn", "url", "auth_type"),
        "rest_apis": ("arn",),
        "http_apis": ("arn",),
    },
    triggers=triggers,
    exposure=exposure,
)  # fmt: skip
