"""The columns the graph build reads, per table: all it loads before the graph exists.

Every column a builder (`nodes`, `triggers`, `access`, `exposure`) reads must be named here, or
in its source's `columns` (`explorer/analysis/sources/`):
one it reads but is not named here reads as missing. `tests/analysis/test_graph_columns.py`
records the columns each build reads and holds them to this list."""

from __future__ import annotations

from functools import cache

from explorer.analysis import sources

BUILT_IN: dict[str, tuple[str, ...]] = {
    "functions": ("arn", "name", "role_arn", "dead_letter_target", "log_group"),
    "function_policies": ("function_arn", "qualifier", "policy"),
    "function_urls": ("arn", "function_arn", "qualifier", "url", "auth_type"),
    "function_event_invoke_configs": ("function_arn", "on_success_arn", "on_failure_arn"),
    "event_source_mappings": ("event_source_arn", "function_arn", "on_failure_arn", "state"),
    "iam_roles": (
        "arn", "name", "path", "trust_policy", "boundary_arn", "inline_policies",
        "attached_policy_arns", "instance_profiles",
    ),
    "iam_policies": ("arn", "name", "document", "aws_managed", "other_versions"),
    "iam_users": (
        "arn", "name", "path", "inline_policies", "attached_policy_arns", "groups",
        "boundary_arn", "password_enabled", "mfa_active", "access_keys",
    ),
    "iam_groups": (
        "arn", "name", "path", "inline_policies", "attached_policy_arns", "boundary_arn",
    ),
    "cloudformation_stacks": ("arn", "role_arn"),
    "glue_dev_endpoints": ("arn", "role_arn"),
    "ec2_instances": ("arn", "state", "instance_profile_arn"),
    "rest_apis": ("arn", "name", "endpoint_types", "policy"),
    "rest_methods": (
        "arn", "api_arn", "function_arn", "http_method", "path", "route_key",
        "authorization_type", "authorizer_id", "api_key_required", "integration_type",
    ),
    "rest_authorizers": ("api_arn", "authorizer_id", "provider_arns"),
    "http_apis": ("arn", "name"),
    "http_routes": (
        "arn", "api_arn", "function_arn", "route_key", "authorization_type", "authorizer_id",
        "api_key_required", "integration_type",
    ),
    "http_authorizers": ("api_arn", "authorizer_id", "jwt_issuer"),
    "s3_account_settings": ("ignore_public_acls", "restrict_public_buckets"),
    "s3_buckets": (
        "arn", "name", "policy", "acl_all_users", "ignore_public_acls", "restrict_public_buckets",
    ),
    "s3_notifications": ("bucket_arn", "destination_arn", "events", "filter"),
    "sqs_queues": ("arn", "name", "policy", "dlq_arn"),
    "sns_topics": ("arn", "name", "policy"),
    "sns_subscriptions": (
        "topic_arn", "endpoint", "protocol", "status", "filter_policy", "dlq_arn",
    ),
    "dynamodb_tables": ("arn", "name", "policy", "stream_policy"),
    "kinesis_streams": ("arn", "name", "policy"),
    "state_machines": ("arn", "name", "role_arn", "lambda_tasks", "service_tasks"),
    "event_buses": ("arn", "name", "policy"),
    "event_rules": ("arn", "name", "bus_arn", "event_pattern", "schedule_expression"),
    "event_targets": ("rule_arn", "target_arn", "dlq_arn"),
    "cognito_user_pools": ("arn", "id", "name", "region", "lambda_triggers", "self_signup_allowed"),
    "cognito_identity_pools": (
        "arn", "name", "allow_unauthenticated", "allow_classic_flow", "user_pool_providers",
        "login_providers", "openid_provider_arns", "saml_provider_arns", "developer_provider",
        "unauthenticated_role_arn", "authenticated_role_arn", "mapped_role_arns",
    ),
    "log_groups": ("arn", "name"),
    "log_subscription_filters": ("log_group_arn", "destination_arn", "filter_name"),
}  # fmt: skip


@cache
def graph_columns() -> dict[str, tuple[str, ...]]:
    """The built-in builders' columns, and those each declared source names (a source may
    read more columns of a built-in table: they are added, never put in place of those)."""
    found = dict(BUILT_IN)
    for table, columns in sources.graph_columns().items():
        found[table] = tuple(dict.fromkeys((*found.get(table, ()), *columns)))
    return found
