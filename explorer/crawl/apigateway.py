"""API Gateway REST APIs (v1): APIs and their resource policies, methods, authorizers, stages.

Per API three paginated reads: resources with their methods and integrations embedded
(`embed=methods`, so no per-method calls), authorizers, and stages.

Literals that can carry a credential are redacted at crawl time: integration request and
response parameter values that are static (`'Bearer x'`; mapping sources such as
`method.request.header.x`, `stageVariables.x` and `context.x` are kept), request and response
mapping templates (VTL: each template is one record, which keeps the references it makes, such as
`$input.params('id')`; a template is a program, so no part of its text is kept), the password and
query values of an HTTP integration URI (host and path kept), stage variables and a canary's stage
variable overrides.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals, Location
from explorer.crawl.references import references_in, unquote_static
from explorer.crawl.util import parse_policy
from explorer.schema.records import Row

SERVICE = "apigateway"

LAMBDA_URI = re.compile(
    r"^arn:[^:]+:apigateway:[^:]*:lambda:path/[^/]+/functions/(.+)/invocations$"
)
"""An integration or authorizer URI that invokes a Lambda function (the function ARN inside)."""


def api_arn(partition: str, region: str, api_id: str) -> str:
    """The ARN of a REST API, as AWS writes it (API Gateway ARNs have no account field)."""
    return f"arn:{partition}:apigateway:{region}::/restapis/{api_id}"


def execute_arn(partition: str, region: str, account: str, api_id: str, route: str) -> str:
    """The execute-api ARN of a route (`<METHOD>/<path>` or a route key) in any stage."""
    return f"arn:{partition}:execute-api:{region}:{account}:{api_id}/*/{route}"


def method_route(http_method: str, path: str) -> str:
    """`GET/orders/{id}` for GET /orders/{id}; ANY becomes `*`, as in AWS's own source ARNs."""
    method = "*" if http_method.upper() == "ANY" else http_method.upper()
    return f"{method}/{path.lstrip('/')}"


def function_arn_from_uri(uri: str | None) -> str | None:
    """The Lambda function ARN an integration/authorizer URI invokes, as written.

    A URI may reference stage variables (`function:${stageVariables.fn}`): kept as-is.
    """
    if not uri:
        return None
    match = LAMBDA_URI.match(uri)
    if match:
        return match.group(1)
    return uri if re.match(r"^arn:[^:]+:lambda:[^:]*:[^:]*:function:", uri) else None


def get_rest_apis(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_rest_apis", "items")


def transform_api(raw: dict[str, Any], partition: str, region: str) -> Row:
    endpoint = raw.get("endpointConfiguration") or {}
    created = raw.get("createdDate")
    return {
        "arn": api_arn(partition, region, raw["id"]),
        "id": raw["id"],
        "name": raw.get("name"),
        "region": region,
        "description": raw.get("description") or None,
        "endpoint_types": endpoint.get("types") or [],
        "vpc_endpoint_ids": endpoint.get("vpcEndpointIds") or [],
        "policy": parse_policy(raw.get("policy")) or None,
        "api_key_source": raw.get("apiKeySource"),
        "disable_execute_api_endpoint": raw.get("disableExecuteApiEndpoint"),
        "created": str(created) if created else None,
        "tags": raw.get("tags") or {},
        "raw": raw,
    }


def get_resources(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(
        client, "get_resources", "items", api["arn"], restApiId=api["id"], embed=["methods"]
    )


def transform_methods(ctx: CrawlContext, api: Row, resource: dict[str, Any]) -> list[Row]:
    """One `rest_methods` row per method of a resource (methods come embedded)."""
    methods = resource.get("resourceMethods") or {}
    return [
        transform_method(ctx, api, resource, name, method or {}) for name, method in methods.items()
    ]


def redact_integration(literals: Literals, integration: dict[str, Any]) -> dict[str, Any]:
    """A method integration with its static parameter values and its templates redacted."""
    where: Location = ("methodIntegration",)
    integration = _redact_mappings(literals, where, integration)
    if integration.get("uri") is not None:
        integration["uri"] = literals.url((*where, "uri"), integration["uri"])
    responses = integration.get("integrationResponses")
    if isinstance(responses, dict):
        integration["integrationResponses"] = {
            code: _redact_mappings(literals, (*where, "integrationResponses", code), response)
            if isinstance(response, dict) else response
            for code, response in responses.items()
        }  # fmt: skip
    return integration


def _redact_mappings(literals: Literals, where: Location, part: dict[str, Any]) -> dict[str, Any]:
    """`requestParameters`/`responseParameters` and `requestTemplates`/`responseTemplates`."""
    part = dict(part)
    for key in ("requestParameters", "responseParameters"):
        if part.get(key) is not None:
            part[key] = literals.tree((*where, key), part[key], literal=unquote_static)
    for key in ("requestTemplates", "responseTemplates"):
        templates = part.get(key)
        if isinstance(templates, dict):
            part[key] = {
                content: literals.value((*where, key, str(content)), text, _refs(text))
                if text is not None else None
                for content, text in templates.items()
            }  # fmt: skip
    return part


def _refs(template: Any) -> list[str]:
    return references_in(template) if isinstance(template, str) else []


def transform_method(
    ctx: CrawlContext, api: Row, resource: dict[str, Any], name: str, method: dict[str, Any]
) -> Row:
    """One `rest_methods` row; integration literals are redacted before anything else sees them."""
    literals = Literals(ctx.redactor)
    if isinstance(method.get("methodIntegration"), dict):
        integration = redact_integration(literals, method["methodIntegration"])
        method = {**method, "methodIntegration": integration}
    path = resource.get("path") or "/"
    http_method = method.get("httpMethod") or name
    integration = method.get("methodIntegration") or {}
    route = method_route(http_method, path)
    return {
        "arn": execute_arn(ctx.partition, api["region"], ctx.account, api["id"], route),
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "resource_id": resource.get("id"),
        "path": path,
        "http_method": http_method,
        "authorization_type": method.get("authorizationType"),
        "authorizer_id": method.get("authorizerId"),
        "authorization_scopes": method.get("authorizationScopes") or [],
        "api_key_required": method.get("apiKeyRequired"),
        "integration_type": integration.get("type"),
        "integration_uri": integration.get("uri"),
        "integration_http_method": integration.get("httpMethod"),
        "function_arn": function_arn_from_uri(integration.get("uri")),
        "integration_credentials": integration.get("credentials"),
        "redacted_values": literals.records,
        "raw": {"resourceId": resource.get("id"), "path": path, **method},
    }


def get_authorizers(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_authorizers", "items", api["arn"], restApiId=api["id"])


def transform_authorizer(api: Row, raw: dict[str, Any]) -> Row:
    return {
        "arn": f"{api['arn']}/authorizers/{raw['id']}",
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "authorizer_id": raw["id"],
        "name": raw.get("name"),
        "type": raw.get("type"),
        "provider_arns": raw.get("providerARNs") or [],
        "authorizer_uri": raw.get("authorizerUri"),
        "function_arn": function_arn_from_uri(raw.get("authorizerUri")),
        "credentials_arn": raw.get("authorizerCredentials"),
        "identity_source": raw.get("identitySource"),
        "ttl_seconds": raw.get("authorizerResultTtlInSeconds"),
        "raw": raw,
    }


def get_stages(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]]:
    return ctx.paginate(client, "get_stages", "item", api["arn"], restApiId=api["id"])


def transform_stage(ctx: CrawlContext, api: Row, raw: dict[str, Any]) -> Row:
    """One `rest_stages` row; stage variable values (a canary's overrides too) are redacted."""
    literals = Literals(ctx.redactor)
    variables = literals.mapping(("variables",), raw.get("variables"))
    raw = {**raw, "variables": variables}
    canary = raw.get("canarySettings")
    if isinstance(canary, dict) and canary.get("stageVariableOverrides") is not None:
        where = ("canarySettings", "stageVariableOverrides")
        overrides = literals.mapping(where, canary["stageVariableOverrides"])
        raw["canarySettings"] = {**canary, "stageVariableOverrides": overrides}
    access_log = raw.get("accessLogSettings") or {}
    defaults = (raw.get("methodSettings") or {}).get("*/*") or {}
    return {
        "arn": f"{api['arn']}/stages/{raw['stageName']}",
        "api_id": api["id"],
        "api_arn": api["arn"],
        "region": api["region"],
        "name": raw["stageName"],
        "deployment_id": raw.get("deploymentId"),
        "access_log_destination_arn": access_log.get("destinationArn"),
        "access_log_format": access_log.get("format"),
        "tracing_enabled": raw.get("tracingEnabled"),
        "logging_level": defaults.get("loggingLevel"),
        "data_trace_enabled": defaults.get("dataTraceEnabled"),
        "method_settings": raw.get("methodSettings") or {},
        "variables": variables,
        "web_acl_arn": raw.get("webAclArn"),
        "client_certificate_id": raw.get("clientCertificateId"),
        "cache_cluster_enabled": raw.get("cacheClusterEnabled"),
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync_api(ctx: CrawlContext, client: Any, api: Row) -> None:
    """The three per-API reads: resources with methods, authorizers, stages."""
    resources = get_resources(ctx, client, api)
    ctx.emit("rest_methods", [m for r in resources for m in transform_methods(ctx, api, r)])
    authorizers = get_authorizers(ctx, client, api)
    ctx.emit("rest_authorizers", [transform_authorizer(api, a) for a in authorizers])
    stages = get_stages(ctx, client, api)
    ctx.emit("rest_stages", [transform_stage(ctx, api, s) for s in stages])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl REST APIs in one region: the API list, then three paginated reads per API."""
    client = ctx.client("apigateway", region)
    apis = [transform_api(a, ctx.partition, region) for a in get_rest_apis(ctx, client)]
    ctx.emit("rest_apis", apis)
    ctx.map(lambda api: sync_api(ctx, client, api), apis)
