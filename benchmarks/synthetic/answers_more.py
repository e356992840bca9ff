"""Handlers for the regional stores and entry points: API Gateway, DynamoDB, Kinesis, Step
Functions, Cognito, S3, SNS, SQS, EventBridge, CloudWatch Logs, CloudTrail and Application Load
Balancers."""

from __future__ import annotations

from typing import Any

from benchmarks.synthetic.account import RegionData, SyntheticAccount
from benchmarks.synthetic.registry import Answer, ApiError, Paged, Params, handles, not_found

SSE_S3 = {
    "ServerSideEncryptionConfiguration": {
        "Rules": [
            {
                "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                "BucketKeyEnabled": False,
            }
        ]
    }
}
OWNER_ENFORCED = {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}
"""What AWS answers for a bucket created since April 2023 (ACLs disabled)."""
Account, Data = SyntheticAccount, RegionData


# -- API Gateway -----------------------------------------------------------------------------


@handles("apigateway", "GetRestApis")
def _rest_apis(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"items": [api.record for api in data.rest_apis.values()]}, size=25)


def _rest_list(key: str, attribute: str, size: int = 25) -> Any:
    def handler(account: Account, data: Data, params: Params) -> Answer:
        api = data.rest_apis.get(params["restApiId"])
        if api is None:
            return not_found(params["restApiId"], code="NotFoundException")
        return Paged({key: getattr(api, attribute)}, size=size)

    return handler


handles("apigateway", "GetResources")(_rest_list("items", "resources"))
handles("apigateway", "GetAuthorizers")(_rest_list("items", "authorizers"))
handles("apigateway", "GetStages")(_rest_list("item", "stages"))


@handles("apigatewayv2", "GetApis")
def _http_apis(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Items": [api.record for api in data.http_apis.values()]}, size=100)


def _http_list(attribute: str) -> Any:
    def handler(account: Account, data: Data, params: Params) -> Answer:
        api = data.http_apis.get(params["ApiId"])
        if api is None:
            return not_found(params["ApiId"], code="NotFoundException")
        return Paged({"Items": getattr(api, attribute)}, size=100)

    return handler


for _attribute, _op in (
    ("routes", "GetRoutes"),
    ("integrations", "GetIntegrations"),
    ("authorizers", "GetAuthorizers"),
    ("stages", "GetStages"),
):
    handles("apigatewayv2", _op)(_http_list(_attribute))


# -- DynamoDB and Kinesis --------------------------------------------------------------------


@handles("dynamodb", "ListTables")
def _tables(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"TableNames": sorted(data.tables)}, size=100)


@handles("dynamodb", "DescribeTable")
def _table(account: Account, data: Data, params: Params) -> Answer:
    table = data.tables.get(params["TableName"])
    return {"Table": table} if table else not_found(params["TableName"], 400)


@handles("dynamodb", "GetResourcePolicy")
def _table_policy(account: Account, data: Data, params: Params) -> Answer:
    policy = data.table_policies.get(params["ResourceArn"])
    if policy is None:
        return ApiError("PolicyNotFoundException", 400, "no resource policy")
    return {"Policy": policy, "RevisionId": "1"}


@handles("kinesis", "ListStreams")
def _streams(account: Account, data: Data, params: Params) -> Answer:
    summaries = list(data.streams.values())
    lists = {"StreamNames": [s["StreamName"] for s in summaries], "StreamSummaries": summaries}
    return Paged(lists, size=100)


@handles("kinesis", "DescribeStreamSummary")
def _stream(account: Account, data: Data, params: Params) -> Answer:
    name = params["StreamARN"].rsplit("/", 1)[1]
    summary = data.streams.get(name)
    if summary is None:
        return not_found(name, 400)
    return {
        "StreamDescriptionSummary": {
            **summary,
            "RetentionPeriodHours": 24,
            "EncryptionType": "KMS",
            "KeyId": "alias/aws/kinesis",
            "OpenShardCount": 4,
            "ConsumerCount": 0,
            "EnhancedMonitoring": [{"ShardLevelMetrics": []}],
        }
    }


@handles("kinesis", "GetResourcePolicy")
def _stream_policy(account: Account, data: Data, params: Params) -> Answer:
    return {"Policy": "{}"}


# -- Step Functions and Cognito --------------------------------------------------------------

SUMMARY_KEYS = ("stateMachineArn", "name", "type", "creationDate")
POOL_KEYS = ("Id", "Name", "LambdaConfig", "CreationDate", "LastModifiedDate")


@handles("stepfunctions", "ListStateMachines")
def _machines(account: Account, data: Data, params: Params) -> Answer:
    summaries = [{k: m[k] for k in SUMMARY_KEYS} for m in data.state_machines.values()]
    return Paged({"stateMachines": summaries}, size=100)


@handles("stepfunctions", "DescribeStateMachine")
def _machine(account: Account, data: Data, params: Params) -> Answer:
    machine = data.state_machines.get(params["stateMachineArn"])
    return machine or ApiError("StateMachineDoesNotExist", 400, params["stateMachineArn"])


@handles("cognito-idp", "ListUserPools")
def _pools(account: Account, data: Data, params: Params) -> Answer:
    summaries = [{k: p[k] for k in POOL_KEYS} for p in data.pools.values()]
    return Paged({"UserPools": summaries}, size=60)


@handles("cognito-idp", "DescribeUserPool")
def _pool(account: Account, data: Data, params: Params) -> Answer:
    pool = data.pools.get(params["UserPoolId"])
    return {"UserPool": pool} if pool else not_found(params["UserPoolId"], 400)


@handles("cognito-idp", "ListUserPoolClients")
def _pool_clients(account: Account, data: Data, params: Params) -> Answer:
    """The synthetic pools have no app clients: one list call each, no describes."""
    if params["UserPoolId"] not in data.pools:
        return not_found(params["UserPoolId"], 400)
    return Paged({"UserPoolClients": []}, size=60)


@handles("cognito-identity", "ListIdentityPools")
def _identity_pools(account: Account, data: Data, params: Params) -> Answer:
    """The synthetic account has no identity pools: one list call per region."""
    return Paged({"IdentityPools": []}, size=60)


# -- S3 --------------------------------------------------------------------------------------


@handles("s3", "ListBuckets")
def _buckets(account: Account, data: Data, params: Params) -> Answer:
    listings = [b.listing for b in account.buckets.values()]
    owner = {"DisplayName": "owner", "ID": "owner-id"}
    return Paged({"Buckets": listings}, size=10_000, extra={"Owner": owner})


def _bucket_reader(read: Any) -> Any:
    def handler(account: Account, data: Data, params: Params) -> Answer:
        bucket = account.buckets.get(params["Bucket"])
        if bucket is None:
            return ApiError("NoSuchBucket", 404, params["Bucket"])
        return read(bucket)

    return handler


def _no(code: str) -> ApiError:
    return ApiError(code, 404, "The configuration does not exist")


BUCKET_READS = {
    "GetBucketNotificationConfiguration": lambda b: dict(b.notification),
    "GetBucketPolicy": lambda b: {"Policy": b.policy} if b.policy else _no("NoSuchBucketPolicy"),
    "GetPublicAccessBlock": lambda b: (
        b.public_access_block or _no("NoSuchPublicAccessBlockConfiguration")
    ),
    "GetBucketAcl": lambda b: b.acl,
    "GetBucketOwnershipControls": lambda b: OWNER_ENFORCED,
    "GetBucketEncryption": lambda b: SSE_S3,
    "GetBucketPolicyStatus": lambda b: {"PolicyStatus": {"IsPublic": b.is_public}},
    "GetBucketLocation": lambda b: {"LocationConstraint": b.listing["BucketRegion"]},
}
for _op, _read in BUCKET_READS.items():
    handles("s3", _op)(_bucket_reader(_read))


@handles("s3control", "GetPublicAccessBlock")
def _account_block(account: Account, data: Data, params: Params) -> Answer:
    return _no("NoSuchPublicAccessBlockConfiguration")


# -- SNS and SQS -----------------------------------------------------------------------------


@handles("sns", "ListTopics")
def _topics(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Topics": [{"TopicArn": arn} for arn in data.topics]}, size=100)


@handles("sns", "GetTopicAttributes")
def _topic(account: Account, data: Data, params: Params) -> Answer:
    found = data.topics.get(params["TopicArn"])
    return {"Attributes": found} if found else not_found(params["TopicArn"], code="NotFound")


@handles("sns", "ListSubscriptions")
def _subscriptions(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Subscriptions": data.subscriptions}, size=100)


@handles("sns", "ListSubscriptionsByTopic")
def _topic_subscriptions(account: Account, data: Data, params: Params) -> Answer:
    found = [s for s in data.subscriptions if s["TopicArn"] == params["TopicArn"]]
    return Paged({"Subscriptions": found}, size=100)


@handles("sns", "GetSubscriptionAttributes")
def _subscription(account: Account, data: Data, params: Params) -> Answer:
    found = data.subscription_attributes.get(params["SubscriptionArn"])
    return {"Attributes": found} if found else not_found("subscription", code="NotFound")


@handles("sqs", "ListQueues")
def _queues(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"QueueUrls": list(data.queues)}, size=1000)


@handles("sqs", "GetQueueAttributes")
def _queue(account: Account, data: Data, params: Params) -> Answer:
    found = data.queues.get(params["QueueUrl"])
    if found is None:
        return ApiError("AWS.SimpleQueueService.NonExistentQueue", 400, params["QueueUrl"])
    return {"Attributes": found}


# -- EventBridge and CloudWatch Logs ---------------------------------------------------------


@handles("events", "ListEventBuses")
def _buses(account: Account, data: Data, params: Params) -> Answer:
    return {"EventBuses": list(data.buses.values())}


@handles("events", "DescribeEventBus")
def _bus(account: Account, data: Data, params: Params) -> Answer:
    return data.buses.get(params.get("Name", "default")) or not_found("bus", 400)


@handles("events", "ListRules")
def _rules(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Rules": data.rules.get(params.get("EventBusName", "default"), [])}, size=100)


@handles("events", "ListTargetsByRule")
def _targets(account: Account, data: Data, params: Params) -> Answer:
    key = (params.get("EventBusName", "default"), params["Rule"])
    return Paged({"Targets": data.targets.get(key, [])}, size=100)


@handles("logs", "DescribeLogGroups")
def _log_groups(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"logGroups": list(data.log_groups.values())}, size=50)


@handles("logs", "DescribeSubscriptionFilters")
def _log_filters(account: Account, data: Data, params: Params) -> Answer:
    filters = data.log_filters.get(params["logGroupName"], [])
    return Paged({"subscriptionFilters": filters}, size=50)


# -- CloudTrail ------------------------------------------------------------------------------

TRAIL = "audit"
"""The account's one trail: multi-region, homed in its first region, management events only
(no Lambda data events: the common setup, and a finding in every region with functions)."""


def _trail(account: Account) -> dict[str, Any]:
    home = account.sizes.regions[0]
    return {
        "Name": TRAIL,
        "S3BucketName": f"{account.account}-cloudtrail",
        "IncludeGlobalServiceEvents": True,
        "IsMultiRegionTrail": True,
        "HomeRegion": home,
        "TrailARN": f"arn:aws:cloudtrail:{home}:{account.account}:trail/{TRAIL}",
        "LogFileValidationEnabled": True,
        "HasCustomEventSelectors": False,
        "HasInsightSelectors": False,
        "IsOrganizationTrail": False,
    }


def _home_trail(account: Account, data: Data, name: str) -> dict[str, Any] | ApiError:
    trail = _trail(account)
    if name not in (trail["Name"], trail["TrailARN"]) or data.name != trail["HomeRegion"]:
        return not_found(name, code="TrailNotFoundException")
    return trail


@handles("cloudtrail", "DescribeTrails")
def _trails(account: Account, data: Data, params: Params) -> Answer:
    return {"trailList": [_trail(account)]}


@handles("cloudtrail", "GetEventSelectors")
def _event_selectors(account: Account, data: Data, params: Params) -> Answer:
    trail = _home_trail(account, data, params["TrailName"])
    if isinstance(trail, ApiError):
        return trail
    management = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}
    return {"TrailARN": trail["TrailARN"], "EventSelectors": [management]}


@handles("cloudtrail", "GetTrailStatus")
def _trail_status(account: Account, data: Data, params: Params) -> Answer:
    trail = _home_trail(account, data, params["Name"])
    return trail if isinstance(trail, ApiError) else {"IsLogging": True}


# -- Application Load Balancers -----------------------------------------------------------


@handles("elbv2", "DescribeLoadBalancers")
def _balancers(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"LoadBalancers": list(data.balancers.values())}, size=400)


@handles("elbv2", "DescribeTargetGroups")
def _target_groups(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"TargetGroups": list(data.target_groups.values())}, size=400)


@handles("elbv2", "DescribeTargetHealth")
def _target_health(account: Account, data: Data, params: Params) -> Answer:
    functions = data.target_health.get(params["TargetGroupArn"])
    if functions is None:
        return not_found(params["TargetGroupArn"], 400, "TargetGroupNotFound")
    health = [{"Target": {"Id": f}, "TargetHealth": {"State": "healthy"}} for f in functions]
    return {"TargetHealthDescriptions": health}


@handles("elbv2", "DescribeListeners")
def _listeners(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Listeners": data.listeners.get(params["LoadBalancerArn"], [])}, size=400)


@handles("elbv2", "DescribeRules")
def _lb_rules(account: Account, data: Data, params: Params) -> Answer:
    return Paged({"Rules": data.lb_rules.get(params["ListenerArn"], [])}, size=400)
