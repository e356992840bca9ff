"""One node per crawled resource, carrying the row's readable columns for views and findings."""

from __future__ import annotations

from explorer.analysis import kinds, sources
from explorer.analysis.estate import EstateRows
from explorer.analysis.graph import EstateGraph

NODE_TABLES = (
    ("functions", kinds.FUNCTION, "name"),
    ("rest_apis", kinds.REST_API, "name"),
    ("rest_methods", kinds.REST_ROUTE, None),
    ("http_apis", kinds.HTTP_API, "name"),
    ("http_routes", kinds.HTTP_ROUTE, None),
    ("s3_buckets", kinds.BUCKET, "name"),
    ("sqs_queues", kinds.QUEUE, "name"),
    ("sns_topics", kinds.TOPIC, "name"),
    ("dynamodb_tables", kinds.TABLE, "name"),
    ("kinesis_streams", kinds.STREAM, "name"),
    ("state_machines", kinds.STATE_MACHINE, "name"),
    ("event_buses", kinds.EVENT_BUS, "name"),
    ("event_rules", kinds.EVENT_RULE, "name"),
    ("cognito_user_pools", kinds.USER_POOL, "name"),
    ("cognito_identity_pools", kinds.IDENTITY_POOL, "name"),
    ("log_groups", kinds.LOG_GROUP, "name"),
    ("iam_roles", kinds.ROLE, "name"),
    ("iam_users", kinds.USER, "name"),
    ("iam_groups", kinds.GROUP, "name"),
)
"""(table, node kind, column holding the display name) for every resource table."""


def route_name(row: dict) -> str:
    """`GET /orders` for a REST method, the route key for an HTTP/WebSocket route."""
    if row.get("route_key"):
        return f"{row['route_key']}"
    return f"{row.get('http_method')} {row.get('path')}"


def add_nodes(graph: EstateGraph, estate: EstateRows) -> None:
    """Add every resource of the estate, each function URL as `<function ARN>#url`, then the
    nodes of the declared trigger sources."""
    for table, kind, name_column in NODE_TABLES:
        for row in estate.rows(table):
            name = row.get(name_column) if name_column else route_name(row)
            graph.node(row["arn"], kind, name, table=table, row=row)
    for row in estate.rows("function_urls"):
        graph.node(
            url_node(row["arn"]),
            kinds.FUNCTION_URL,
            f"{row.get('url')}",
            table="function_urls",
            row=row,
        )
    sources.add_nodes(graph, estate)


def url_node(url_arn: str) -> str:
    """The node id of a function URL (DESIGN §5): the function ARN (with qualifier) + `#url`."""
    return f"{url_arn}#url"
