"""API Gateway HTTP and WebSocket APIs (v2): APIs, routes and integrations, authorizers, stages.

Per API four paginated reads (routes, integrations, authorizers, stages). Route ARNs follow AWS's
execute-api source ARNs: `<api>/*/GET/orders` for `GET /orders`, `<api>/*/*/orders` for
`ANY /orders`, and the bare key for `$default` and WebSocket routes (`<api>/*/$connect`).

Literals that can carry a credential are redacted at crawl time: integration request and
response parameter values (mapping sources such as `$request.header.x`, `$context.x` and
`$stageVariables.x` are kept; a value mixing text and references is one record that keeps the
references), WebSocket request templates (one record each, keeping their references), the
password and query values of an HTTP integration URI (host and path kept), and stage variables.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.apigateway import execute_arn, function_arn_from_uri, method_route
from explorer.crawl.context import FAILURES, CrawlContext, error_code
from explorer.crawl.redact import Literals, Location
from explorer.crawl.references import references_in
from explorer.schema.records import Row

SERVICE = "apigatewayv2"

NOT_IMPLEMENTED = frozenset({"404", "500", "501", "NotImplemented", "UnknownOperationException"})
"""How a local endpoint (moto) says it lacks an operation: a bare HTTP status, no AWS error code."""


def api_arn(partition: str, region: str, api_id: str) -> str:
    """The ARN of an HTTP or WebSocket API, as AWS writes it (no account field)."""
    return f"arn:{partition}:apigateway:{region}::/apis/{api_id}"


def route_path(route_key: str) -> str:
    """The execute-api suffix of a route key: `GET /a` -> `GET/a`, `ANY /a` -> `*/a`, `$default`."""
    method, space, path = route_key.partition(" ")
    return method_route(method, path) if space else route_key


def get_apis(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_apis", "Items")


def transform_api(raw: dict[str, Any], partition: str, region: str) -> Row:
    created = raw.get("CreatedDate")
    return {
        "arn": api_arn(partition, region, raw["ApiId"]),
        "id": raw["ApiId"],
        "name": raw.get("Name"),
        "region": region,
        "protocol_type": raw.get("ProtocolType"),
        "api_endpoint": raw.get("ApiEndpoint"),
        "description": raw.get("Description") or None,
        "cors": raw.get("CorsConfiguration"),
        "disable_execute_api_endpoint": raw.get("DisableExecuteApiEndpoint"),
        "api_key_selection_expression": raw.get("ApiKeySelectionExpression"),
        "route_selection_expression": raw.get("RouteSelectionExpression"),
        "created": str(created) if created else None,
        "tags": raw.get("Tags") or {},
        "raw": raw,
    }


def get_routes(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_routes", "Items", api["arn"], ApiId=api["id"])


def get_integrations(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_integrations", "Items", api["arn"], ApiId=api["id"])


def integration_id(target: str | None) -> str | None:
    """The integration a route target (`integrations/<id>`) points at."""
    prefix = "integrations/"
    return target[len(prefix) :] if target and target.startswith(prefix) else None


def redact_integration(literals: Literals, integration: dict[str, Any]) -> dict[str, Any]:
    """An integration with its parameter values (references aside) and templates redacted."""
    integration = dict(integration)
    if integration.get("IntegrationUri") is not None:
        where = ("Integration", "IntegrationUri")
        integration["IntegrationUri"] = literals.url(where, integration["IntegrationUri"])
    for key in ("RequestParameters", "ResponseParameters"):
        if integration.get(key) is not None:
            integration[key] = literals.tree(("Integration", key), integration[key])
    templates = integration.get("RequestTemplates")
    if isinstance(templates, dict):
        integration["RequestTemplates"] = {
            content: _whole(literals, ("Integration", "RequestTemplates", str(content)), text)
            for content, text in templates.items()
        }
    return integration


def _whole(literals: Literals, path: Location, text: Any) -> Any:
    return None if text is None else literals.value(path, text, references_in(str(text)))


def transform_route(
    ctx: CrawlContext, api: Row, raw: dict[str, Any], integration: dict[str, Any] | None
) -> Row:
    """One `http_routes` row with its integration; `raw` holds the route plus `Integration`.

    Integration literals are redacted before anything else sees them.
    """
    literals = Literals(ctx.redactor)
    integration = redact_integration(literals, integration) if integration else {}
    uri = integration.get("IntegrationUri")
    key = raw["RouteKey"]  # a WebSocket key is any text, spaces included: it is its own suffix
    suffix = key if api.get("protocol_type") == "WEBSOCKET" else route_path(key)
    return {
        "arn": execute_arn(ctx.partition, api["region"], ctx.account, api["id"], suffix),
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "protocol_type": api.get("protocol_type"),
        "route_id": raw.get("RouteId"),
        "route_key": raw["RouteKey"],
        "authorization_type": raw.get("AuthorizationType"),
        "authorizer_id": raw.get("AuthorizerId"),
        "authorization_scopes": raw.get("AuthorizationScopes") or [],
        "api_key_required": raw.get("ApiKeyRequired"),
        "target": raw.get("Target"),
        "integration_id": integration_id(raw.get("Target")),
        "integration_type": integration.get("IntegrationType"),
        "integration_subtype": integration.get("IntegrationSubtype"),
        "integration_uri": uri,
        "integration_method": integration.get("IntegrationMethod"),
        "integration_parameters": integration.get("RequestParameters"),
        "integration_credentials": integration.get("CredentialsArn"),
        "function_arn": function_arn_from_uri(uri),
        "redacted_values": literals.records,
        "raw": {**raw, "Integration": integration or None},
    }


def transform_routes(
    ctx: CrawlContext, api: Row, routes: list[dict[str, Any]], integrations: list[dict[str, Any]]
) -> list[Row]:
    by_id = {i.get("IntegrationId"): i for i in integrations}
    return [
        transform_route(ctx, api, r, by_id.get(integration_id(r.get("Target")))) for r in routes
    ]


class AuthorizerReader:
    """Authorizers: one list call per API, or one get per id the routes reference where the
    endpoint lacks the list (moto has no GetAuthorizers). Authorizers no route uses are then
    not seen.
    """

    def __init__(self, ctx: CrawlContext, region: str) -> None:
        self.ctx, self.region = ctx, region
        self.client = ctx.client("apigatewayv2", region)
        self.list_supported: bool | None = None

    def read(self, api: Row, authorizer_ids: list[str]) -> list[dict[str, Any]]:
        if self.list_supported is None:
            probed = self._probe_list(api)
            if probed is not None:
                return probed
        if self.list_supported:
            return self._list(api)
        return [a for a in (self._get(api, i) for i in authorizer_ids) if a]

    def _probe_list(self, api: Row) -> list[dict[str, Any]] | None:
        """Try the list once with a fast-failing client, so a lacking endpoint costs no retries.

        None when it failed: not implemented (use gets from now on) or any other failure (the
        list is tried again with the normal client, which records a failure).
        """
        probe = self.ctx.clients.client("apigatewayv2", self.region, probe=True)
        try:
            pages = probe.get_paginator("get_authorizers").paginate(ApiId=api["id"])
            items = [a for page in pages for a in page.get("Items") or []]
        except FAILURES as exc:
            self.list_supported = not _not_implemented(exc)
            return None
        self.list_supported = True
        return items

    def _list(self, api: Row) -> list[dict[str, Any]]:
        return self.ctx.paginate(
            self.client, "get_authorizers", "Items", api["arn"], ApiId=api["id"]
        )

    def _get(self, api: Row, authorizer_id: str) -> dict[str, Any] | None:
        resource = f"{api['arn']}/authorizers/{authorizer_id}"
        return self.ctx.call(
            self.client, "get_authorizer", resource, ApiId=api["id"], AuthorizerId=authorizer_id
        )


def _not_implemented(exc: BaseException) -> bool:
    return error_code(exc) in NOT_IMPLEMENTED or type(exc).__name__ == "ResponseParserError"


def transform_authorizer(api: Row, raw: dict[str, Any]) -> Row:
    raw = {k: v for k, v in raw.items() if k != "ResponseMetadata"}
    jwt = raw.get("JwtConfiguration") or {}
    uri = raw.get("AuthorizerUri")
    return {
        "arn": f"{api['arn']}/authorizers/{raw['AuthorizerId']}",
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "authorizer_id": raw["AuthorizerId"],
        "name": raw.get("Name"),
        "type": raw.get("AuthorizerType"),
        "identity_source": raw.get("IdentitySource") or [],
        "jwt_issuer": jwt.get("Issuer"),
        "jwt_audience": jwt.get("Audience") or [],
        "authorizer_uri": uri,
        "function_arn": function_arn_from_uri(uri),
        "credentials_arn": raw.get("AuthorizerCredentialsArn"),
        "payload_format_version": raw.get("AuthorizerPayloadFormatVersion"),
        "simple_responses": raw.get("EnableSimpleResponses"),
        "ttl_seconds": raw.get("AuthorizerResultTtlInSeconds"),
        "raw": raw,
    }


def get_stages(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_stages", "Items", api["arn"], ApiId=api["id"])


def transform_stage(ctx: CrawlContext, api: Row, raw: dict[str, Any]) -> Row:
    """One `http_stages` row; stage variable values are redacted (they may hold secrets)."""
    literals = Literals(ctx.redactor)
    variables = literals.mapping(("StageVariables",), raw.get("StageVariables"))
    raw = {**raw, "StageVariables": variables}
    access_log = raw.get("AccessLogSettings") or {}
    defaults = raw.get("DefaultRouteSettings") or {}
    return {
        "arn": f"{api['arn']}/stages/{raw['StageName']}",
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "name": raw["StageName"],
        "deployment_id": raw.get("DeploymentId"),
        "auto_deploy": raw.get("AutoDeploy"),
        "access_log_destination_arn": access_log.get("DestinationArn"),
        "access_log_format": access_log.get("Format"),
        "logging_level": defaults.get("LoggingLevel"),
        "data_trace_enabled": defaults.get("DataTraceEnabled"),
        "detailed_metrics_enabled": defaults.get("DetailedMetricsEnabled"),
        "default_route_settings": defaults,
        "route_settings": raw.get("RouteSettings") or {},
        "variables": variables,
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync_api(ctx: CrawlContext, client: Any, authorizers: AuthorizerReader, api: Row) -> None:
    """The per-API reads: routes, integrations, authorizers, stages."""
    routes = get_routes(ctx, client, api)
    integrations = get_integrations(ctx, client, api)
    ctx.emit("http_routes", transform_routes(ctx, api, routes, integrations))
    ids = sorted({r["AuthorizerId"] for r in routes if r.get("AuthorizerId")})
    found = authorizers.read(api, ids)
    ctx.emit("http_authorizers", [transform_authorizer(api, a) for a in found])
    stages = get_stages(ctx, client, api)
    ctx.emit("http_stages", [transform_stage(ctx, api, s) for s in stages])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl HTTP and WebSocket APIs in one region."""
    client = ctx.client("apigatewayv2", region)
    apis = [transform_api(a, ctx.partition, region) for a in get_apis(ctx, client)]
    ctx.emit("http_apis", apis)
    authorizers = AuthorizerReader(ctx, region)
    # The first API runs alone: it finds out whether the endpoint can list authorizers.
    ctx.map(lambda api: sync_api(ctx, client, authorizers, api), apis[:1])
    ctx.map(lambda api: sync_api(ctx, client, authorizers, api), apis[1:])
