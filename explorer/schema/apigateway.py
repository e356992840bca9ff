"""The snapshot tables the apigateway crawl module fills (API Gateway REST APIs (v1): APIs and
their resource policies, methods, authorizers, stages). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "rest_apis",
        "arn",
        {
            "id": str,
            "name": str,
            "region": str,
            "description": str,
            "endpoint_types": list,
            "vpc_endpoint_ids": list,
            "policy": dict,
            "api_key_source": str,
            "disable_execute_api_endpoint": bool,
            "created": str,
            "tags": dict,
        },
    ),
    Table(
        "rest_methods",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "resource_id": str,
            "path": str,
            "http_method": str,
            "authorization_type": str,
            "authorizer_id": str,
            "authorization_scopes": list,
            "api_key_required": bool,
            "integration_type": str,
            "integration_uri": str,
            "integration_http_method": str,
            "function_arn": str,
            "integration_credentials": str,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
    Table(
        "rest_authorizers",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "authorizer_id": str,
            "name": str,
            "type": str,
            "provider_arns": list,
            "authorizer_uri": str,
            "function_arn": str,
            "credentials_arn": str,
            "identity_source": str,
            "ttl_seconds": int,
        },
    ),
    Table(
        "rest_stages",
        "arn",
        {
            "api_id": str,
            "api_arn": str,
            "region": str,
            "name": str,
            "deployment_id": str,
            "access_log_destination_arn": str,
            "access_log_format": str,
            "tracing_enabled": bool,
            "logging_level": str,
            "data_trace_enabled": bool,
            "method_settings": dict,
            "variables": dict,
            "web_acl_arn": str,
            "client_certificate_id": str,
            "cache_cluster_enabled": bool,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
)
