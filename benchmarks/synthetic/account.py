"""The synthetic account: API-shaped records of every crawled service, built from a seed.

`wiring.build_account(Sizes(functions=10_000))` gives an account of 10,000 functions, about
5,000 other resources, 2,000 roles, 1,000 IAM users and 100 groups, spread over the chosen
regions: functions chained through queues, topics, buckets, tables, streams, event buses and
state machines (up to 8 hops), entry points of every kind (API routes with and without auth,
function URLs, public buckets, partner queues, Cognito sign-up, EventBridge and Scheduler
schedules, load balancers, AppSync, IoT rules, MSK, Kafka and MQ mappings, SES receipt rules,
CloudFront and Lambda@Edge, S3 Object Lambda), Firehose transformations, Secrets Manager secrets
and their rotation functions, IAM with shared, wildcard, boundary-limited, denying and
conditional roles, and people and services in team groups, some of whom can escalate (and some
who nearly can). `answers.answer()` serves it to the crawler through `transport.py`. This module
holds the records only: the generators import it, not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks.synthetic.shapes import ACCOUNT, PARTITION

Record = dict[str, Any]


@dataclass(frozen=True)
class Sizes:
    """How big an account to build; others, roles, users and groups default to 1/2, 1/5, 1/10
    and 1/100 of the functions."""

    functions: int = 10_000
    others: int | None = None
    roles: int | None = None
    users: int | None = None
    groups: int | None = None
    regions: tuple[str, ...] = ("us-east-1", "eu-west-1")
    seed: int = 7

    @property
    def other_count(self) -> int:
        return self.others if self.others is not None else max(10, self.functions // 2)

    @property
    def role_count(self) -> int:
        return self.roles if self.roles is not None else max(8, self.functions // 5)

    @property
    def user_count(self) -> int:
        return self.users if self.users is not None else max(8, self.functions // 10)

    @property
    def group_count(self) -> int:
        return self.groups if self.groups is not None else max(4, self.functions // 100)


@dataclass
class RestApi:
    """A REST API: the `GetRestApis` entry, its resources (methods embedded), authorizers."""

    record: Record
    resources: list[Record] = field(default_factory=list)
    authorizers: list[Record] = field(default_factory=list)
    stages: list[Record] = field(default_factory=list)


@dataclass
class HttpApi:
    """An HTTP API: the `GetApis` entry, routes, integrations, authorizers, stages."""

    record: Record
    routes: list[Record] = field(default_factory=list)
    integrations: list[Record] = field(default_factory=list)
    authorizers: list[Record] = field(default_factory=list)
    stages: list[Record] = field(default_factory=list)


@dataclass
class Bucket:
    """A bucket: its `ListBuckets` entry and each per-bucket setting (None: not configured)."""

    listing: Record
    notification: Record = field(default_factory=dict)
    policy: str | None = None
    public_access_block: Record | None = None
    acl: Record = field(default_factory=dict)
    is_public: bool = False


@dataclass
class RegionData:
    """Every regional record of the account, keyed the way the APIs look them up."""

    name: str
    functions: dict[str, Record] = field(default_factory=dict)
    """function name -> `ListFunctions` entry."""
    function_policies: dict[tuple[str, str | None], Record] = field(default_factory=dict)
    """(function name, qualifier) -> policy document."""
    aliases: dict[str, list[Record]] = field(default_factory=dict)
    urls: dict[str, list[Record]] = field(default_factory=dict)
    invoke_configs: dict[str, list[Record]] = field(default_factory=dict)
    concurrency: dict[str, int] = field(default_factory=dict)
    """function name -> reserved concurrency (absent: none set)."""
    mappings: list[Record] = field(default_factory=list)
    queues: dict[str, dict[str, str]] = field(default_factory=dict)
    """queue URL -> attributes."""
    topics: dict[str, dict[str, str]] = field(default_factory=dict)
    subscriptions: list[Record] = field(default_factory=list)
    subscription_attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    tables: dict[str, Record] = field(default_factory=dict)
    table_policies: dict[str, str] = field(default_factory=dict)
    streams: dict[str, Record] = field(default_factory=dict)
    state_machines: dict[str, Record] = field(default_factory=dict)
    buses: dict[str, Record] = field(default_factory=dict)
    rules: dict[str, list[Record]] = field(default_factory=dict)
    """bus name -> rules."""
    targets: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    """(bus name, rule name) -> targets."""
    pools: dict[str, Record] = field(default_factory=dict)
    rest_apis: dict[str, RestApi] = field(default_factory=dict)
    http_apis: dict[str, HttpApi] = field(default_factory=dict)
    log_groups: dict[str, Record] = field(default_factory=dict)
    log_filters: dict[str, list[Record]] = field(default_factory=dict)
    tags: list[Record] = field(default_factory=list)
    balancers: dict[str, Record] = field(default_factory=dict)
    """Application Load Balancer ARN -> `DescribeLoadBalancers` entry."""
    listeners: dict[str, list[Record]] = field(default_factory=dict)
    """load balancer ARN -> its listeners."""
    lb_rules: dict[str, list[Record]] = field(default_factory=dict)
    """listener ARN -> its rules."""
    target_groups: dict[str, Record] = field(default_factory=dict)
    target_health: dict[str, list[str]] = field(default_factory=dict)
    """Lambda target group ARN -> the function ARNs registered in it."""
    # -- trigger sources added by `sources.py` (one field per API collection) --
    schedules: dict[tuple[str, str], Record] = field(default_factory=dict)
    """(group name, schedule name) -> EventBridge Scheduler `GetSchedule` response."""
    topic_rules: dict[str, Record] = field(default_factory=dict)
    """IoT rule name -> `GetTopicRule` response (`ruleArn`, `rule`)."""
    graphql_apis: dict[str, Record] = field(default_factory=dict)
    """AppSync API id -> `ListGraphqlApis` entry."""
    data_sources: dict[str, list[Record]] = field(default_factory=dict)
    """AppSync API id -> its `ListDataSources` entries."""
    clusters: dict[str, Record] = field(default_factory=dict)
    """MSK cluster ARN -> `ListClustersV2` entry."""
    cluster_policies: dict[str, str] = field(default_factory=dict)
    """MSK cluster ARN -> its cluster policy (JSON text; absent: none)."""
    brokers: dict[str, Record] = field(default_factory=dict)
    """Amazon MQ broker id -> `DescribeBroker` response."""
    receipt_rule_set: Record | None = None
    """The active SES receipt rule set's `Metadata` (None: no active set)."""
    receipt_rules: list[Record] = field(default_factory=list)
    """The active rule set's rules, in order."""
    delivery_streams: dict[str, Record] = field(default_factory=dict)
    """Firehose delivery stream name -> `DescribeDeliveryStream` `DeliveryStreamDescription`."""
    secrets: dict[str, Record] = field(default_factory=dict)
    """Secret ARN -> `ListSecrets` entry."""
    secret_policies: dict[str, str] = field(default_factory=dict)
    """Secret ARN -> its resource policy (JSON text; absent: none)."""
    access_points: dict[str, Record] = field(default_factory=dict)
    """S3 access point name -> `GetAccessPoint` response (the supporting access points)."""
    object_lambda_points: dict[str, Record] = field(default_factory=dict)
    """Object Lambda access point name -> {"listing": `ListAccessPointsForObjectLambda` entry,
    "configuration": `GetAccessPointConfigurationForObjectLambda` `Configuration`}."""
    object_lambda_policies: dict[str, str] = field(default_factory=dict)
    """Object Lambda access point name -> its policy (JSON text; absent: none)."""

    def function_named(self, name_or_arn: str) -> Record | None:
        """A function by name, ARN or qualified ARN."""
        name = name_or_arn.split(":")[6] if name_or_arn.startswith("arn:") else name_or_arn
        return self.functions.get(name.split(":")[0])


@dataclass
class SyntheticAccount:
    """The whole account: global IAM and S3 records, and one RegionData per region."""

    sizes: Sizes
    account: str = ACCOUNT
    partition: str = PARTITION
    roles: list[Record] = field(default_factory=list)
    policies: list[Record] = field(default_factory=list)
    users: list[Record] = field(default_factory=list)
    """`UserDetailList` entries of GetAccountAuthorizationDetails."""
    groups: list[Record] = field(default_factory=list)
    """`GroupDetailList` entries."""
    access_keys: dict[str, list[Record]] = field(default_factory=dict)
    """user name -> `ListAccessKeys` entries (`AccessKeyMetadata`)."""
    key_last_used: dict[str, Record] = field(default_factory=dict)
    """access key id -> `GetAccessKeyLastUsed` `AccessKeyLastUsed` (ServiceName "N/A": never)."""
    logins: dict[str, Record] = field(default_factory=dict)
    """user name -> what only the credential report tells: `password_enabled`,
    `password_last_used` and `password_last_changed` (datetime or None), `mfa_active`."""
    distributions: list[Record] = field(default_factory=list)
    """CloudFront `DistributionSummary` entries (global)."""
    access_controls: list[Record] = field(default_factory=list)
    """CloudFront `OriginAccessControlSummary` entries (global)."""
    escalations: list[Record] = field(default_factory=list)
    """What `escalations.py` seeded: {"principal", "technique", "target", "escalates", "why"};
    `escalates` False for a near-miss (`why` says what stops it)."""
    buckets: dict[str, Bucket] = field(default_factory=dict)
    regions: dict[str, RegionData] = field(default_factory=dict)

    def region(self, name: str) -> RegionData:
        """The data of a region (an empty one for regions the account does not use)."""
        if name not in self.regions:
            self.regions[name] = RegionData(name)
        return self.regions[name]

    def counts(self) -> dict[str, int]:
        """How many of each kind the account holds (for reports and the README)."""
        regions = list(self.regions.values())
        per = {
            "functions": sum(len(r.functions) for r in regions),
            "queues": sum(len(r.queues) for r in regions),
            "topics": sum(len(r.topics) for r in regions),
            "buckets": len(self.buckets),
            "tables": sum(len(r.tables) for r in regions),
            "streams": sum(len(r.streams) for r in regions),
            "state_machines": sum(len(r.state_machines) for r in regions),
            "event_buses": sum(len(r.buses) for r in regions),
            "event_rules": sum(len(v) for r in regions for v in r.rules.values()),
            "user_pools": sum(len(r.pools) for r in regions),
            "apis": sum(len(r.rest_apis) + len(r.http_apis) for r in regions),
            "load_balancers": sum(len(r.balancers) for r in regions),
            "schedules": sum(len(r.schedules) for r in regions),
            "topic_rules": sum(len(r.topic_rules) for r in regions),
            "graphql_apis": sum(len(r.graphql_apis) for r in regions),
            "distributions": len(self.distributions),
            "kafka_clusters": sum(len(r.clusters) for r in regions),
            "mq_brokers": sum(len(r.brokers) for r in regions),
            "receipt_rules": sum(len(r.receipt_rules) for r in regions),
            "delivery_streams": sum(len(r.delivery_streams) for r in regions),
            "secrets": sum(len(r.secrets) for r in regions),
            "object_lambda_access_points": sum(len(r.object_lambda_points) for r in regions),
        }
        others = sum(v for k, v in per.items() if k != "functions")
        return {
            **per,
            "other_resources": others,
            "roles": len(self.roles),
            "users": len(self.users),
            "groups": len(self.groups),
            "group_memberships": sum(len(u["GroupList"]) for u in self.users),
            "access_keys": sum(len(keys) for keys in self.access_keys.values()),
            "routes": sum(len(a.routes) for r in regions for a in r.http_apis.values())
            + sum(
                len(m.get("resourceMethods") or {})
                for r in regions
                for a in r.rest_apis.values()
                for m in a.resources
            ),
            "log_groups": sum(len(r.log_groups) for r in regions),
            "event_source_mappings": sum(len(r.mappings) for r in regions),
            "load_balancer_rules": sum(len(v) for r in regions for v in r.lb_rules.values()),
            "graphql_data_sources": sum(len(v) for r in regions for v in r.data_sources.values()),
            "origin_access_controls": len(self.access_controls),
            "rotated_secrets": sum(
                1 for r in regions for s in r.secrets.values() if s["RotationEnabled"]
            ),
            "secret_policies": sum(len(r.secret_policies) for r in regions),
            "edge_functions": sum(
                len(b["LambdaFunctionAssociations"].get("Items") or [])
                for d in self.distributions
                for b in d["CacheBehaviors"].get("Items") or []
            ),
        }
