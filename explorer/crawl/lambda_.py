"""Lambda: functions, policies, function URLs, event source mappings, destinations, aliases.

Reserved concurrency is read per function (`GetFunctionConcurrency`): `ListFunctions` does not
return it and no bulk read exists. It is a column of the function's row: NULL when none is set
(the function draws on the account's unreserved regional pool), 0 when the function is
throttled. The row is written from the listing first and again once the setting is read, with
the response in `raw` under `Concurrency` (GetFunction's key for it; `{}` when none is set). A
failed read leaves the first row, NULL and no `Concurrency`, and the failure in `errors`.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext, error_code
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row

SERVICE = "lambda"

NOT_IMPLEMENTED = frozenset({"404", "501", "NotImplemented", "UnknownOperationException"})
"""How a local endpoint (moto) says it lacks an operation: fall back to per-qualifier reads."""


def get_functions(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_functions", "Functions")


def transform_function(ctx: CrawlContext, raw: dict[str, Any], region: str) -> Row:
    """One `functions` row; environment values are redacted before anything else sees them."""
    env = (raw.get("Environment") or {}).get("Variables") or {}
    redacted = ctx.redactor.redact_mapping(env)
    raw = {**raw, "Environment": {**(raw.get("Environment") or {}), "Variables": redacted}}
    vpc = raw.get("VpcConfig") or {}
    return {
        "arn": raw["FunctionArn"],
        "name": raw.get("FunctionName"),
        "region": region,
        "runtime": raw.get("Runtime"),
        "role_arn": raw.get("Role"),
        "handler": raw.get("Handler"),
        "description": raw.get("Description") or None,
        "timeout": raw.get("Timeout"),
        "memory": raw.get("MemorySize"),
        "tracing_mode": (raw.get("TracingConfig") or {}).get("Mode"),
        "layers": [layer.get("Arn") for layer in raw.get("Layers") or []],
        "vpc_id": vpc.get("VpcId") or None,
        "dead_letter_target": (raw.get("DeadLetterConfig") or {}).get("TargetArn"),
        "kms_key_arn": raw.get("KMSKeyArn"),
        "env_keys": sorted(redacted),
        "environment": redacted,
        "package_type": raw.get("PackageType"),
        "architectures": raw.get("Architectures") or [],
        "last_modified": raw.get("LastModified"),
        "log_group": (raw.get("LoggingConfig") or {}).get("LogGroup")
        or f"/aws/lambda/{raw.get('FunctionName')}",
        "raw": raw,
    }


def get_concurrency(ctx: CrawlContext, client: Any, function_arn: str) -> dict[str, Any] | None:
    """The function's reserved concurrency setting (`{}` when none is set; None if unread)."""
    response = ctx.call(client, "get_function_concurrency", function_arn, FunctionName=function_arn)
    return None if response is None else clean(response)


def with_concurrency(row: Row, concurrency: dict[str, Any]) -> Row:
    """A `functions` row completed with its GetFunctionConcurrency response."""
    return {
        **row,
        "reserved_concurrency": concurrency.get("ReservedConcurrentExecutions"),
        "raw": {**row["raw"], "Concurrency": concurrency},
    }


def get_aliases(ctx: CrawlContext, client: Any, raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Aliases of one function. By name: moto 5.2.5 cannot find a function by ARN here."""
    name = raw.get("FunctionName") or raw["FunctionArn"]
    return ctx.paginate(client, "list_aliases", "Aliases", raw["FunctionArn"], FunctionName=name)


def transform_alias(function_arn: str, raw: dict[str, Any]) -> Row:
    return {
        "arn": raw.get("AliasArn") or f"{function_arn}:{raw.get('Name')}",
        "function_arn": function_arn,
        "name": raw.get("Name"),
        "version": raw.get("FunctionVersion"),
        "routing": (raw.get("RoutingConfig") or {}).get("AdditionalVersionWeights"),
        "raw": raw,
    }


def get_policy(
    ctx: CrawlContext, client: Any, function_arn: str, qualifier: str | None
) -> dict[str, Any] | None:
    params = {"FunctionName": function_arn} | ({"Qualifier": qualifier} if qualifier else {})
    resource = f"{function_arn}:{qualifier}" if qualifier else function_arn
    return ctx.call(client, "get_policy", resource, **params)


def normalise_statement(statement: Any, partition: str) -> Any:
    """One statement in AWS's own shape.

    Local endpoints (moto) keep a bare account id or service name as the Principal and put
    `FunctionUrlAuthType` beside the statement; AWS writes `{"AWS": "arn:...:root"}`,
    `{"Service": ...}` and a `lambda:FunctionUrlAuthType` condition.
    """
    if not isinstance(statement, dict):
        return statement
    statement = dict(statement)
    principal = statement.get("Principal")
    if isinstance(principal, str) and principal != "*":
        if principal.isdigit() and len(principal) == 12:
            statement["Principal"] = {"AWS": f"arn:{partition}:iam::{principal}:root"}
        elif principal.endswith(".amazonaws.com"):
            statement["Principal"] = {"Service": principal}
    auth = statement.pop("FunctionUrlAuthType", None)
    if auth is not None:
        condition = dict(statement.get("Condition") or {})
        condition.setdefault("StringEquals", {})["lambda:FunctionUrlAuthType"] = auth
        statement["Condition"] = condition
    return statement


def normalise_policy(policy: Any, partition: str) -> Any:
    """A function policy with every statement in AWS's shape (anything odd is left alone)."""
    if not isinstance(policy, dict) or not isinstance(policy.get("Statement"), list):
        return policy
    statements = [normalise_statement(s, partition) for s in policy["Statement"]]
    return {**policy, "Statement": statements}


def transform_policy(function_arn: str, qualifier: str | None, raw: dict[str, Any]) -> Row:
    raw = clean(raw)
    partition = function_arn.split(":")[1] if function_arn.count(":") > 1 else "aws"
    return {
        "function_arn": function_arn,
        "qualifier": qualifier or "$LATEST",
        "policy": normalise_policy(parse_policy(raw.get("Policy")), partition),
        "revision_id": raw.get("RevisionId"),
        "raw": raw,
    }


def qualifier_of(function_arn: str, arn: str) -> str | None:
    """The alias or version in a qualified function ARN, None for the unqualified one."""
    prefix = function_arn + ":"
    return arn[len(prefix) :] or None if arn.startswith(prefix) else None


def transform_url(function_arn: str, raw: dict[str, Any]) -> Row:
    raw = clean(raw)
    arn = raw.get("FunctionArn") or function_arn
    return {
        "arn": arn,
        "function_arn": function_arn,
        "qualifier": qualifier_of(function_arn, arn),
        "url": raw.get("FunctionUrl"),
        "auth_type": raw.get("AuthType"),
        "cors": raw.get("Cors"),
        "invoke_mode": raw.get("InvokeMode"),
        "raw": raw,
    }


def transform_invoke_config(function_arn: str, raw: dict[str, Any]) -> Row:
    arn = raw.get("FunctionArn") or function_arn
    destinations = raw.get("DestinationConfig") or {}
    return {
        "arn": arn,
        "function_arn": function_arn,
        "qualifier": qualifier_of(function_arn, arn),
        "on_success_arn": (destinations.get("OnSuccess") or {}).get("Destination"),
        "on_failure_arn": (destinations.get("OnFailure") or {}).get("Destination"),
        "maximum_retry_attempts": raw.get("MaximumRetryAttempts"),
        "maximum_event_age": raw.get("MaximumEventAgeInSeconds"),
        "raw": raw,
    }


def get_event_source_mappings(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_event_source_mappings", "EventSourceMappings")


def bootstrap_servers(raw: dict[str, Any]) -> list[str]:
    """The sorted broker list of a self-managed Kafka source (empty for any other source)."""
    endpoints = (raw.get("SelfManagedEventSource") or {}).get("Endpoints") or {}
    servers = endpoints.get("KAFKA_BOOTSTRAP_SERVERS") if isinstance(endpoints, dict) else None
    return sorted({s for s in servers or [] if isinstance(s, str) and s})


def transform_mapping(raw: dict[str, Any], region: str) -> Row:
    """One mapping. Kafka topics, MQ queues, a self-managed Kafka source's bootstrap servers
    (it has no ARN) and the kinds of its source access settings get columns; those settings'
    URIs name Secrets Manager secrets, subnets or a virtual host (references, kept in `raw`)."""
    on_failure = ((raw.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
    access = [
        a.get("Type") for a in raw.get("SourceAccessConfigurations") or [] if isinstance(a, dict)
    ]
    return {
        "uuid": raw["UUID"],
        "function_arn": raw.get("FunctionArn"),
        "event_source_arn": raw.get("EventSourceArn"),
        "region": region,
        "state": raw.get("State"),
        "batch_size": raw.get("BatchSize"),
        "starting_position": raw.get("StartingPosition"),
        "on_failure_arn": on_failure,
        "filter_criteria": raw.get("FilterCriteria"),
        "topics": [t for t in raw.get("Topics") or [] if isinstance(t, str)],
        "queues": [q for q in raw.get("Queues") or [] if isinstance(q, str)],
        "self_managed_endpoints": bootstrap_servers(raw),
        "source_access_types": sorted({t for t in access if isinstance(t, str)}),
        "raw": raw,
    }


class _UrlReader:
    """Function URL configs: one list call per function, or per-qualifier gets where unsupported."""

    def __init__(self, ctx: CrawlContext, client: Any) -> None:
        self.ctx, self.client = ctx, client
        self.list_supported = True

    def read(self, function_arn: str, qualifiers: list[str]) -> list[dict[str, Any]]:
        if self.list_supported:
            items: list[dict[str, Any]] = []  # pages read before a failed one are kept
            try:
                pages = self.client.get_paginator("list_function_url_configs")
                for page in pages.paginate(FunctionName=function_arn):
                    items.extend(page.get("FunctionUrlConfigs") or [])
                return items
            except Exception as exc:
                if not _not_implemented(exc):
                    self.ctx.record(self.client, "list_function_url_configs", exc, function_arn)
                    return items
                self.list_supported = False
        found = []
        for qualifier in [None, *qualifiers]:
            params = {"Qualifier": qualifier} if qualifier else {}
            response = self.ctx.call(
                self.client, "get_function_url_config", function_arn,
                FunctionName=function_arn, **params,
            )  # fmt: skip
            if response:
                found.append(response)
        return found


def _not_implemented(exc: BaseException) -> bool:
    return error_code(exc) in NOT_IMPLEMENTED or type(exc).__name__ == "ResponseParserError"


def sync_function(ctx: CrawlContext, client: Any, urls: _UrlReader, function: Row) -> None:
    """Everything per function: reserved concurrency (its row again, completed), aliases,
    policies per qualifier, URL and invoke configs."""
    arn, raw = function["arn"], function["raw"]
    concurrency = get_concurrency(ctx, client, arn)
    if concurrency is not None:
        ctx.emit("functions", [with_concurrency(function, concurrency)])
    aliases = [transform_alias(arn, a) for a in get_aliases(ctx, client, raw)]
    ctx.emit("function_aliases", aliases)
    qualifiers = [a["name"] for a in aliases]
    policies = []
    for qualifier in [None, *qualifiers]:
        response = get_policy(ctx, client, arn, qualifier)
        if response:
            policies.append(transform_policy(arn, qualifier, response))
    ctx.emit("function_policies", _dedupe(policies, ("function_arn", "qualifier")))
    ctx.emit("function_urls", _dedupe([transform_url(arn, u) for u in urls.read(arn, qualifiers)]))
    configs = ctx.paginate(
        client, "list_function_event_invoke_configs", "FunctionEventInvokeConfigs", arn,
        FunctionName=arn,
    )  # fmt: skip
    ctx.emit("function_event_invoke_configs", [transform_invoke_config(arn, c) for c in configs])


def _dedupe(rows: list[Row], key: str | tuple[str, ...] = "arn") -> list[Row]:
    keys = (key,) if isinstance(key, str) else key
    return list({tuple(row[k] for k in keys): row for row in rows}.values())


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Lambda in one region: bulk lists first, then the few per-function reads."""
    client = ctx.client("lambda", region)
    functions = [transform_function(ctx, f, region) for f in get_functions(ctx, client)]
    ctx.emit("functions", functions)
    mappings = get_event_source_mappings(ctx, client)
    ctx.emit("event_source_mappings", [transform_mapping(m, region) for m in mappings])
    urls = _UrlReader(ctx, client)
    # The first function runs alone: it finds out whether the endpoint can list URL configs.
    ctx.map(lambda f: sync_function(ctx, client, urls, f), functions[:1])
    ctx.map(lambda f: sync_function(ctx, client, urls, f), functions[1:])
