"""Handlers of the trigger sources `sources.py` adds: EventBridge Scheduler, AWS IoT, AppSync,
CloudFront, Amazon MSK, Amazon MQ, SES, Kinesis Data Firehose, Secrets Manager and S3 Object
Lambda, answering the shapes their API references document.

List calls with a botocore paginator return `Paged` (paged as AWS defaults the page size);
CloudFront's lists sit under a `{Marker, NextMarker, IsTruncated, Quantity, Items}` container,
which `cloudfront_page` pages by hand, and Firehose pages its names by the last one. A missing
resource answers the service's own error.
"""

from __future__ import annotations

from typing import Any

from benchmarks.synthetic.account import Record, RegionData, SyntheticAccount
from benchmarks.synthetic.registry import Answer, ApiError, Paged, Params, handles, not_found

Account = SyntheticAccount
Data = RegionData


# -- EventBridge Scheduler ------------------------------------------------------------------

SUMMARY = ("Arn", "Name", "GroupName", "State", "CreationDate", "LastModificationDate")


@handles("scheduler", "ListSchedules")
def _schedules(account: Account, data: Data, params: Params) -> Answer:
    """Summaries: the listed keys and the target's ARN only."""
    summaries = [
        {**{k: s[k] for k in SUMMARY}, "Target": {"Arn": s["Target"]["Arn"]}}
        for s in data.schedules.values()
    ]
    return Paged({"Schedules": summaries}, size=100)


@handles("scheduler", "GetSchedule")
def _schedule(account: Account, data: Data, params: Params) -> Answer:
    found = data.schedules.get((params.get("GroupName") or "default", params["Name"]))
    return found or not_found(f"Schedule {params['Name']}")


# -- AWS IoT --------------------------------------------------------------------------------


@handles("iot", "ListTopicRules")
def _topic_rules(account: Account, data: Data, params: Params) -> Answer:
    listed = [
        {"ruleArn": r["ruleArn"], "ruleName": r["rule"]["ruleName"],
         "topicPattern": _topic_of(r["rule"]["sql"]), "createdAt": r["rule"]["createdAt"],
         "ruleDisabled": r["rule"]["ruleDisabled"]}
        for r in data.topic_rules.values()
    ]  # fmt: skip
    return Paged({"rules": listed}, size=100)


def _topic_of(sql: str) -> str:
    """The topic filter of `SELECT ... FROM '<filter>'`."""
    return sql.split("FROM '", 1)[1].rstrip("'")


@handles("iot", "GetTopicRule")
def _topic_rule(account: Account, data: Data, params: Params) -> Answer:
    """IoT answers an unknown rule as unauthorised, as AWS does."""
    found = data.topic_rules.get(params["ruleName"])
    return found or ApiError("UnauthorizedException", 401, params["ruleName"])


# -- AppSync --------------------------------------------------------------------------------


@handles("appsync", "ListGraphqlApis")
def _graphql_apis(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"graphqlApis": list(data.graphql_apis.values())}, size=25)


@handles("appsync", "ListDataSources")
def _data_sources(account: Account, data: Data, params: Params) -> Answer:
    found = data.data_sources.get(params["apiId"])
    if found is None:
        return not_found(f"GraphQL API {params['apiId']}", code="NotFoundException")
    return Paged({"dataSources": found}, size=25)


# -- CloudFront (global) --------------------------------------------------------------------


def cloudfront_page(key: str, items: list[Record], params: Params) -> dict[str, Any]:
    """One page of a CloudFront list: `{key: {Marker, NextMarker, MaxItems, IsTruncated,
    Quantity, Items}}`, the marker being the offset as text."""
    start = int(params.get("Marker") or 0)
    size = int(params.get("MaxItems") or 100)
    chunk = items[start : start + size]
    more = start + size < len(items)
    body: dict[str, Any] = {
        "Marker": params.get("Marker") or "",
        "MaxItems": size,
        "IsTruncated": more,
        "Quantity": len(chunk),
        "Items": chunk,
    }
    if more:
        body["NextMarker"] = str(start + size)
    return {key: body}


@handles("cloudfront", "ListDistributions")
def _distributions(account: Account, data: Data, params: Params) -> Answer:
    return cloudfront_page("DistributionList", account.distributions, params)


@handles("cloudfront", "ListOriginAccessControls")
def _access_controls(account: Account, data: Data, params: Params) -> Answer:
    return cloudfront_page("OriginAccessControlList", account.access_controls, params)


# -- Amazon MSK -----------------------------------------------------------------------------


@handles("kafka", "ListClustersV2")
def _clusters(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"ClusterInfoList": list(data.clusters.values())}, size=100)


@handles("kafka", "GetClusterPolicy")
def _cluster_policy(account: Account, data: Data, params: Params) -> Answer:
    """A cluster without a policy answers NotFoundException, as MSK does."""
    policy = data.cluster_policies.get(params["ClusterArn"])
    if policy is None:
        return not_found(params["ClusterArn"], code="NotFoundException")
    return {"CurrentVersion": "K3AEGXETSR30VB", "Policy": policy}


# -- Amazon MQ ------------------------------------------------------------------------------

BROKER_SUMMARY = ("BrokerArn", "BrokerId", "BrokerName", "BrokerState", "Created",
                  "DeploymentMode", "EngineType", "HostInstanceType")  # fmt: skip


@handles("mq", "ListBrokers")
def _brokers(account: Account, data: Data, params: Params) -> Answer:
    summaries = [{k: b[k] for k in BROKER_SUMMARY} for b in data.brokers.values()]
    return Paged({"BrokerSummaries": summaries}, size=100)


@handles("mq", "DescribeBroker")
def _broker(account: Account, data: Data, params: Params) -> Answer:
    found = data.brokers.get(params["BrokerId"])
    return found or not_found(f"Broker {params['BrokerId']}", code="NotFoundException")


# -- SES ------------------------------------------------------------------------------------


@handles("ses", "DescribeActiveReceiptRuleSet")
def _active_rule_set(account: Account, data: Data, params: Params) -> Answer:
    """The active set and its rules; `{}` in a region without one, as SES answers."""
    if data.receipt_rule_set is None:
        return {}
    return {"Metadata": data.receipt_rule_set, "Rules": data.receipt_rules}


# -- Kinesis Data Firehose ------------------------------------------------------------------


@handles("firehose", "ListDeliveryStreams")
def _delivery_streams(account: Account, data: Data, params: Params) -> Answer:
    """Names in order, after `ExclusiveStartDeliveryStreamName`, at most `Limit` (AWS pages
    by name: botocore has no paginator for it)."""
    names = sorted(
        name
        for name, stream in data.delivery_streams.items()
        if params.get("DeliveryStreamType") in (None, stream["DeliveryStreamType"])
    )
    start = params.get("ExclusiveStartDeliveryStreamName")
    if start:
        names = [name for name in names if name > start]
    limit = min(int(params.get("Limit") or 10), 10000)
    return {"DeliveryStreamNames": names[:limit], "HasMoreDeliveryStreams": len(names) > limit}


@handles("firehose", "DescribeDeliveryStream")
def _delivery_stream(account: Account, data: Data, params: Params) -> Answer:
    found = data.delivery_streams.get(params["DeliveryStreamName"])
    if found is None:
        return not_found(f"Firehose {params['DeliveryStreamName']}", status=400)
    return {"DeliveryStreamDescription": found}


# -- Secrets Manager ------------------------------------------------------------------------


@handles("secretsmanager", "ListSecrets")
def _secrets(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"SecretList": list(data.secrets.values())}, size=100)


@handles("secretsmanager", "GetResourcePolicy")
def _secret_policy(account: Account, data: Data, params: Params) -> Answer:
    """By ARN or name; a secret without a policy answers without `ResourcePolicy`."""
    wanted = params["SecretId"]
    found = data.secrets.get(wanted) or next(
        (s for s in data.secrets.values() if s["Name"] == wanted), None
    )
    if found is None:
        return not_found(f"Secret {wanted}", status=400)
    policy = data.secret_policies.get(found["ARN"])
    return {"ARN": found["ARN"], "Name": found["Name"], **({"ResourcePolicy": policy} if policy
                                                          else {})}  # fmt: skip


# -- S3 Object Lambda (S3 Control) ----------------------------------------------------------


@handles("s3control", "ListAccessPointsForObjectLambda")
def _object_lambda_points(account: Account, data: Data, params: Params) -> Answer:
    listed = [p["listing"] for p in data.object_lambda_points.values()]
    return Paged({"ObjectLambdaAccessPointList": listed}, size=1000)


@handles("s3control", "GetAccessPointConfigurationForObjectLambda")
def _object_lambda_configuration(account: Account, data: Data, params: Params) -> Answer:
    found = data.object_lambda_points.get(params["Name"])
    if found is None:
        return not_found(params["Name"], code="NoSuchAccessPoint")
    return {"Configuration": found["configuration"]}


@handles("s3control", "GetAccessPointPolicyForObjectLambda")
def _object_lambda_policy(account: Account, data: Data, params: Params) -> Answer:
    """An access point without a policy answers NoSuchAccessPointPolicy, as S3 does."""
    if params["Name"] not in data.object_lambda_points:
        return not_found(params["Name"], code="NoSuchAccessPoint")
    policy = data.object_lambda_policies.get(params["Name"])
    if policy is None:
        return not_found(params["Name"], code="NoSuchAccessPointPolicy")
    return {"Policy": policy}


@handles("s3control", "GetAccessPoint")
def _access_point(account: Account, data: Data, params: Params) -> Answer:
    found = data.access_points.get(params["Name"])
    return found or not_found(params["Name"], code="NoSuchAccessPoint")
