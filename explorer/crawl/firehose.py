"""Kinesis Data Firehose: delivery streams, their source, destinations and Lambda transformation.

Per region: `ListDeliveryStreams` (names only, paged by hand with
`ExclusiveStartDeliveryStreamName`: botocore has no paginator for it), then one
`DescribeDeliveryStream` per stream (AWS has no bulk read). A description names the source (a
Kinesis stream or an MSK cluster; `DirectPut` streams are written by whoever IAM allows), every
destination (S3 bucket, backup bucket, OpenSearch domain, Redshift, Splunk, HTTP endpoint,
Snowflake, Iceberg) and the processors of each destination's processing configuration: a Lambda
processor names the function that transforms the records.

A stream that could not be described is kept as a row with `described` False: its source,
destinations and functions are unknown, not none. Firehose has one destination per stream; a
description that says more follow (`HasMoreDestinations`) is recorded with
`destinations_complete` False, not paged.

Credentials never reach the snapshot: a Splunk HEC token and the values of an HTTP endpoint's
common attributes (request headers) are redacted records, and an HTTP endpoint's or Snowflake
account's URL keeps its host and path but not its password or query values. The HTTP endpoint
access key and Snowflake private key are never returned by AWS.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlContext, error_code
from explorer.crawl.redact import Literals
from explorer.schema.records import CallError, Row

SERVICE = "firehose"

LIST_LIMIT = 10000
"""The most names one `ListDeliveryStreams` page may hold (the API's own maximum)."""
DESCRIPTIONS = (
    ("ExtendedS3DestinationDescription", "ExtendedS3"),
    ("RedshiftDestinationDescription", "Redshift"),
    ("ElasticsearchDestinationDescription", "Elasticsearch"),
    ("AmazonopensearchserviceDestinationDescription", "OpenSearch"),
    ("AmazonOpenSearchServerlessDestinationDescription", "OpenSearchServerless"),
    ("SplunkDestinationDescription", "Splunk"),
    ("HttpEndpointDestinationDescription", "HttpEndpoint"),
    ("SnowflakeDestinationDescription", "Snowflake"),
    ("IcebergDestinationDescription", "Iceberg"),
    ("S3DestinationDescription", "S3"),
)
"""Destination description key -> its type, the primary one first: an extended S3 destination
comes with a plain S3 description of the same bucket, and every other type with an
`S3DestinationDescription` inside for the records it backs up."""


def list_names(ctx: CrawlContext, client: Any, region: str) -> list[str]:
    """Every delivery stream name of the region; on failure, what was read so far."""
    names: list[str] = []
    params: dict[str, Any] = {"Limit": LIST_LIMIT}
    while (response := ctx.call(client, "list_delivery_streams", None, **params)) is not None:
        page = [n for n in response.get("DeliveryStreamNames") or [] if isinstance(n, str) and n]
        names += page
        if not response.get("HasMoreDeliveryStreams"):
            break
        if not page or page[-1] == params.get("ExclusiveStartDeliveryStreamName"):
            ctx.sink.error(
                CallError(
                    SERVICE, region, "ListDeliveryStreams", "IncompletePaging",
                    "more delivery streams were announced, but the page named none to go on "
                    "from: the list may be incomplete",
                )
            )  # fmt: skip
            break
        params = {"Limit": LIST_LIMIT, "ExclusiveStartDeliveryStreamName": page[-1]}
    return list(dict.fromkeys(names))


def describe(ctx: CrawlContext, client: Any, name: str) -> tuple[dict[str, Any] | None, bool]:
    """The stream's description, and whether the call failed (a recorded coverage gap); a
    stream deleted since the list call is neither: (None, False)."""
    try:
        response = client.describe_delivery_stream(DeliveryStreamName=name)
    except FAILURES as exc:
        if error_code(exc) in ABSENT:
            return None, False
        ctx.record(client, "describe_delivery_stream", exc, name)
        return None, True
    found = response.get("DeliveryStreamDescription")
    return (found, False) if isinstance(found, dict) else (None, True)


def stream_arn(ctx: CrawlContext, region: str, name: str) -> str:
    return f"arn:{ctx.partition}:firehose:{region}:{ctx.account}:deliverystream/{name}"


def source_of(raw: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(source ARN, MSK topic, the role Firehose reads the source with)."""
    source = raw.get("Source") if isinstance(raw.get("Source"), dict) else {}
    kinesis = _dict(source.get("KinesisStreamSourceDescription"))
    if kinesis.get("KinesisStreamARN"):
        return _text(kinesis.get("KinesisStreamARN")), None, _text(kinesis.get("RoleARN"))
    msk = _dict(source.get("MSKSourceDescription"))
    if msk.get("MSKClusterARN"):
        role = _dict(msk.get("AuthenticationConfiguration")).get("RoleARN")
        return _text(msk.get("MSKClusterARN")), _text(msk.get("TopicName")), _text(role)
    return None, None, None


def lambda_processors(description: dict[str, Any]) -> tuple[bool | None, list[str]]:
    """(processing on, the functions of its Lambda processors) of one destination description;
    (None, []) without a processing configuration. A configuration that does not say whether
    it is on, but lists processors, counts as on: a missed transformation would hide a path."""
    config = description.get("ProcessingConfiguration")
    if not isinstance(config, dict):
        return None, []
    processors = [p for p in config.get("Processors") or [] if isinstance(p, dict)]
    enabled = config.get("Enabled") is not False and bool(processors)
    functions = [
        str(parameter.get("ParameterValue"))
        for processor in processors
        if processor.get("Type") == "Lambda"
        for parameter in processor.get("Parameters") or []
        if isinstance(parameter, dict)
        and parameter.get("ParameterName") == "LambdaArn"
        and isinstance(parameter.get("ParameterValue"), str)
    ]
    return enabled, functions if enabled else []


def redact_destination(literals: Literals, index: int, raw: dict[str, Any]) -> dict[str, Any]:
    """One destination with its credentials replaced by records (Splunk HEC token, HTTP
    endpoint header values, passwords and query values of endpoint URLs)."""
    raw = dict(raw)
    splunk = raw.get("SplunkDestinationDescription")
    if isinstance(splunk, dict) and splunk.get("HECToken") is not None:
        path = ("Destinations", index, "SplunkDestinationDescription", "HECToken")
        raw["SplunkDestinationDescription"] = {
            **splunk, "HECToken": literals.value(path, splunk["HECToken"])
        }  # fmt: skip
    http = raw.get("HttpEndpointDestinationDescription")
    if isinstance(http, dict):
        raw["HttpEndpointDestinationDescription"] = _redact_http(literals, index, http)
    snowflake = raw.get("SnowflakeDestinationDescription")
    if isinstance(snowflake, dict) and "AccountUrl" in snowflake:
        path = ("Destinations", index, "SnowflakeDestinationDescription", "AccountUrl")
        raw["SnowflakeDestinationDescription"] = {
            **snowflake, "AccountUrl": literals.url(path, snowflake["AccountUrl"])
        }  # fmt: skip
    return raw


def _redact_http(literals: Literals, index: int, http: dict[str, Any]) -> dict[str, Any]:
    base = ("Destinations", index, "HttpEndpointDestinationDescription")
    http = dict(http)
    endpoint = http.get("EndpointConfiguration")
    if isinstance(endpoint, dict) and "Url" in endpoint:
        url = literals.url((*base, "EndpointConfiguration", "Url"), endpoint["Url"])
        http["EndpointConfiguration"] = {**endpoint, "Url": url}
    request = http.get("RequestConfiguration")
    if isinstance(request, dict) and isinstance(request.get("CommonAttributes"), list):
        attributes = []
        for attribute in request["CommonAttributes"]:
            if isinstance(attribute, dict) and "AttributeValue" in attribute:
                name = str(attribute.get("AttributeName") or "AttributeValue")
                path = (*base, "RequestConfiguration", "CommonAttributes", name)
                attribute = {**attribute, "AttributeValue": literals.value(
                    path, attribute["AttributeValue"])}  # fmt: skip
            attributes.append(attribute)
        http["RequestConfiguration"] = {**request, "CommonAttributes": attributes}
    return http


def destination(raw: dict[str, Any]) -> dict[str, Any]:
    """What one (redacted) destination is: its type, the resource it delivers to (a bucket or
    domain ARN, or an endpoint), the bucket it backs records up to, its role."""
    kind, primary = next(
        ((k, _dict(raw.get(key))) for key, k in DESCRIPTIONS if isinstance(raw.get(key), dict)),
        (None, {}),
    )
    backup = _dict(primary.get("S3DestinationDescription") or primary.get("S3BackupDescription"))
    endpoint = (
        _dict(primary.get("EndpointConfiguration")).get("Url")
        or primary.get("HECEndpoint")
        or primary.get("ClusterJDBCURL")
        or primary.get("ClusterEndpoint")
        or primary.get("CollectionEndpoint")
        or primary.get("AccountUrl")
    )
    return {
        "id": _text(raw.get("DestinationId")),
        "type": kind,
        "arn": _text(primary.get("BucketARN") or primary.get("DomainARN")),
        "endpoint": endpoint if isinstance(endpoint, str) else None,
        "backup_bucket_arn": _text(backup.get("BucketARN")),
        "backup_mode": _text(primary.get("S3BackupMode")),
        "role_arn": _text(primary.get("RoleARN")),
    }


def transform_stream(ctx: CrawlContext, region: str, name: str, raw: dict[str, Any] | None) -> Row:
    """One `firehose_delivery_streams` row; without a description (`raw` None) only its name
    and ARN are known."""
    arn = stream_arn(ctx, region, name)
    if raw is None:
        return {"arn": arn, "name": name, "region": region, "described": False, "raw": None}
    literals = Literals(ctx.redactor)
    listed = [d for d in raw.get("Destinations") or [] if isinstance(d, dict)]
    redacted = [redact_destination(literals, i, d) for i, d in enumerate(listed)]
    destinations = [destination(d) for d in redacted]
    processing = [
        lambda_processors(_dict(d.get(key)))
        for d in redacted
        for key, _ in DESCRIPTIONS
        if isinstance(d.get(key), dict)
    ]
    known = [enabled for enabled, _ in processing if enabled is not None]
    source, topic, source_role = source_of(raw)
    roles = [source_role, *(d["role_arn"] for d in destinations)]
    arns = [a for d in destinations for a in (d["arn"], d["backup_bucket_arn"]) if a]
    return {
        "arn": _text(raw.get("DeliveryStreamARN")) or arn,
        "name": _text(raw.get("DeliveryStreamName")) or name,
        "region": region,
        "described": True,
        "status": _text(raw.get("DeliveryStreamStatus")),
        "stream_type": _text(raw.get("DeliveryStreamType")),
        "source_arn": source,
        "source_topic": topic,
        "role_arns": sorted({r for r in roles if r}),
        "destinations": destinations,
        "destination_arns": list(dict.fromkeys(arns)),
        "destinations_complete": not raw.get("HasMoreDestinations"),
        "processing_enabled": any(known) if known else None,
        "function_arns": list(dict.fromkeys(f for _, found in processing for f in found)),
        "kms_key_arn": _text(_dict(raw.get("DeliveryStreamEncryptionConfiguration")).get("KeyARN")),
        "redacted_values": literals.records,
        "raw": {**raw, "Destinations": redacted},
    }


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Firehose delivery streams in one region."""
    client = ctx.client(SERVICE, region)

    def one(name: str) -> None:
        raw, failed = describe(ctx, client, name)
        if raw is not None or failed:
            ctx.emit("firehose_delivery_streams", [transform_stream(ctx, region, name, raw)])

    ctx.map(one, list_names(ctx, client, region))
