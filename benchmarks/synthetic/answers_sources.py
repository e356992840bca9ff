"""Handlers of the trigger sources `sources.py` adds: EventBridge Scheduler, AWS IoT, AppSync,
CloudFront, Amazon MSK, Amazon MQ and SES, answering the shapes their API references document.

List calls with a botocore paginator return `Paged` (paged as AWS defaults the page size);
CloudFront's lists sit under a `{Marker, NextMarker, IsTruncated, Quantity, Items}` container,
which `cloudfront_page` pages by hand. A missing resource answers the service's own error.
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
