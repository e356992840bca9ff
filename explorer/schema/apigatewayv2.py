"""The snapshot tables the apigatewayv2 crawl module fills (API Gateway HTTP and WebSocket APIs
(v2): APIs, routes and integrations, authorizers, stages). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "http_apis",
        "arn",
        {
            "id": str,
            "name": str,
            "region": str,
            "protocol_type": str,
            "api_endpoint": str,
            "description": str,
            "cors": dict,
            "disable_execute_api_endpoint": bool,
            "api_key_selection_expression": str,
            "route_selection_expression": str,
            "created": str,
            "tags": dict,
        },
    ),
    Table(
        "http_routes",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "protocol_type": str,
            "route_id": str,
            "route_key": str,
            "authorization_type": str,
            "authorizer_id": str,
            "authorization_scopes": list,
            "api_key_required": bool,
            "target": str,
            "integration_id": str,
            "integration_type": str,
            "integration_subtype": str,
            "integration_uri": str,
            "integration_method": str,
            "integration_parameters": dict,
            "integration_credentials": str,
            "function_arn": str,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
    Table(
        "http_authorizers",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "authorizer_id": str,
            "name": str,
            "type": str,
            "identity_source": list,
            "jwt_issuer": str,
            "jwt_audience": list,
            "authorizer_uri": str,
            "function_arn": str,
            "credentials_arn": str,
            "payload_format_version": str,
            "simple_responses": bool,
            "ttl_seconds": int,
        },
    ),
    Table(
        "http_stages",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "name": str,
            "deployment_id": str,
            "auto_deploy": bool,
            "access_log_destination_arn": str,
            "access_log_format": str,
            "logging_level": str,
            "data_trace_enabled": bool,
            "detailed_metrics_enabled": bool,
            "default_route_settings": dict,
            "route_settings": dict,
            "variables": dict,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
)
