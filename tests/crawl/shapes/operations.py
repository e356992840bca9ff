"""Every operation the crawler calls, keyed exactly as in `permissions.OPERATIONS`: what AWS
guarantees beyond its output shape, and where each generated record must land."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.crawl.shapes import apis as a
from tests.crawl.shapes import (
    appsync,
    elbv2,
    firehose,
    iot,
    mail,
    s3_object_lambda,
    scheduler,
    secretsmanager,
)
from tests.crawl.shapes import brokers as b
from tests.crawl.shapes import cloudfront as cf
from tests.crawl.shapes import compute as c
from tests.crawl.shapes import messaging as m
from tests.crawl.shapes import principals as p
from tests.crawl.shapes import realism as r
from tests.crawl.shapes.model import Landing, Paging, Spec, param, rows
from tests.crawl.shapes.realism import ACCOUNT
from tests.crawl.shapes.shapes import EPOCH_MS

NOT_FOUND = "ResourceNotFoundException"

SPECS: dict[tuple[str, str], Spec] = {
    ("sts", "GetCallerIdentity"): Spec(
        "runner", c.identity, lambda call: [Landing("@identity", {"account": ACCOUNT})]
    ),
    ("ec2", "DescribeRegions"): Spec(
        "runner", c.regions, rows("@regions", "Regions", region="RegionName"), items=("Regions",)
    ),
    ("iam", "GetAccountAuthorizationDetails"): Spec("iam", c.iam, c.iam_lands),
    ("iam", "GenerateCredentialReport"): Spec("iam", p.report_state),
    ("iam", "GetCredentialReport"): Spec("iam", p.report, p.report_lands),
    ("iam", "ListAccessKeys"): Spec(
        "iam", p.access_keys, p.access_key_lands, absent="NoSuchEntity"
    ),
    ("cloudformation", "DescribeStacks"): Spec("cloudformation", p.stacks, p.stack_lands),
    ("glue", "GetDevEndpoints"): Spec("glue", p.dev_endpoints, p.endpoint_lands),
    ("elbv2", "DescribeLoadBalancers"): Spec("elbv2", elbv2.balancers, elbv2.balancer_lands),
    ("elbv2", "DescribeTargetGroups"): Spec("elbv2", elbv2.target_groups, elbv2.group_lands),
    ("elbv2", "DescribeTargetHealth"): Spec("elbv2"),
    ("elbv2", "DescribeListeners"): Spec("elbv2", elbv2.listeners),
    ("elbv2", "DescribeRules"): Spec("elbv2", elbv2.rules_),
    ("scheduler", "ListSchedules"): Spec(
        "scheduler", scheduler.schedules, scheduler.schedule_lands
    ),
    ("scheduler", "GetSchedule"): Spec("scheduler", scheduler.schedule, absent=NOT_FOUND),
    ("iot", "ListTopicRules"): Spec("iot", iot.topic_rules, iot.rule_lands),
    ("iot", "GetTopicRule"): Spec("iot"),
    ("cloudfront", "ListDistributions"): Spec(
        "cloudfront", cf.distributions, cf.distribution_lands
    ),
    ("cloudfront", "ListOriginAccessControls"): Spec(
        "cloudfront", cf.access_controls, cf.access_control_lands
    ),
    ("appsync", "ListGraphqlApis"): Spec("appsync", appsync.apis, appsync.api_lands),
    ("appsync", "ListDataSources"): Spec(
        "appsync", appsync.data_sources, appsync.data_source_lands, absent="NotFoundException"
    ),
    ("kafka", "ListClustersV2"): Spec("kafka", b.clusters, b.cluster_lands),
    ("kafka", "GetClusterPolicy"): Spec("kafka", absent="NotFoundException"),
    ("mq", "ListBrokers"): Spec("mq", b.brokers, b.broker_lands),
    ("mq", "DescribeBroker"): Spec("mq", b.broker, absent="NotFoundException"),
    ("ses", "DescribeActiveReceiptRuleSet"): Spec(
        "ses", mail.rule_set, mail.rule_lands, items=("Rules",)
    ),
    ("firehose", "ListDeliveryStreams"): Spec(
        "firehose",
        firehose.names,
        firehose.stream_lands,
        paging=Paging(
            "ExclusiveStartDeliveryStreamName",
            "",
            ("DeliveryStreamNames",),
            more_results="HasMoreDeliveryStreams",
            limit_key="Limit",
        ),
    ),
    ("firehose", "DescribeDeliveryStream"): Spec(
        "firehose", firehose.description, absent=NOT_FOUND
    ),
    ("secretsmanager", "ListSecrets"): Spec(
        "secretsmanager", secretsmanager.secrets, rows("secrets", "SecretList", arn="ARN")
    ),
    ("secretsmanager", "GetResourcePolicy"): Spec("secretsmanager", absent=NOT_FOUND),
    ("s3control", "ListAccessPointsForObjectLambda"): Spec(
        "s3_object_lambda", s3_object_lambda.access_points, s3_object_lambda.access_point_lands
    ),
    ("s3control", "GetAccessPointConfigurationForObjectLambda"): Spec(
        "s3_object_lambda", s3_object_lambda.configuration, absent="NoSuchAccessPoint"
    ),
    ("s3control", "GetAccessPointPolicyForObjectLambda"): Spec(
        "s3_object_lambda", absent="NoSuchAccessPointPolicy"
    ),
    ("s3control", "GetAccessPoint"): Spec("s3_object_lambda", absent="NoSuchAccessPoint"),
    ("ec2", "DescribeInstances"): Spec("ec2", p.instances, p.instance_lands),
    ("lambda", "ListFunctions"): Spec(
        "lambda_", c.functions, rows("functions", "Functions", arn="FunctionArn")
    ),
    ("lambda", "ListEventSourceMappings"): Spec(
        "lambda_", c.mappings, rows("event_source_mappings", "EventSourceMappings", uuid="UUID")
    ),
    ("lambda", "ListAliases"): Spec(
        "lambda_", c.aliases, rows("function_aliases", "Aliases", arn="AliasArn")
    ),
    ("lambda", "GetPolicy"): Spec("lambda_", c.has_policy, c.policy_lands, absent=NOT_FOUND),
    ("lambda", "ListFunctionUrlConfigs"): Spec(
        "lambda_",
        c.per_qualifier("FunctionUrlConfigs"),
        rows("function_urls", "FunctionUrlConfigs", arn="FunctionArn"),
    ),
    ("lambda", "GetFunctionUrlConfig"): Spec(
        "lambda_",
        c.url,
        lambda call: [Landing("function_urls", {"arn": call.response["FunctionArn"]})],
        absent=NOT_FOUND,
        fallback_for="ListFunctionUrlConfigs",
    ),
    ("lambda", "ListFunctionEventInvokeConfigs"): Spec(
        "lambda_",
        c.per_qualifier("FunctionEventInvokeConfigs"),
        rows("function_event_invoke_configs", "FunctionEventInvokeConfigs", arn="FunctionArn"),
    ),
    ("lambda", "GetFunctionConcurrency"): Spec(
        "lambda_", lands=c.concurrency_lands, absent=NOT_FOUND
    ),
    ("resourcegroupstaggingapi", "GetResources"): Spec(
        "tags", c.tagged, rows("resource_tags", "ResourceTagMappingList", arn="ResourceARN")
    ),
    ("s3", "ListBuckets"): Spec(
        "s3",
        c.buckets,
        rows("s3_buckets", "Buckets", arn=lambda call, i: f"arn:aws:s3:::{i['Name']}"),
    ),
    ("s3", "GetBucketLocation"): Spec("s3"),
    ("s3", "GetBucketNotificationConfiguration"): Spec("s3", c.notifications, c.notification_lands),
    ("s3", "GetBucketPolicy"): Spec("s3", c.has_policy, absent="NoSuchBucketPolicy"),
    ("s3", "GetBucketPolicyStatus"): Spec("s3"),
    ("s3", "GetPublicAccessBlock"): Spec("s3", absent="NoSuchPublicAccessBlockConfiguration"),
    ("s3", "GetBucketAcl"): Spec("s3"),
    ("s3", "GetBucketOwnershipControls"): Spec("s3", absent="OwnershipControlsNotFoundError"),
    ("s3", "GetBucketEncryption"): Spec(
        "s3", absent="ServerSideEncryptionConfigurationNotFoundError"
    ),
    ("s3control", "GetPublicAccessBlock"): Spec(
        "s3",
        lands=lambda call: [Landing("s3_account_settings", {"account": ACCOUNT})],
        absent="NoSuchPublicAccessBlockConfiguration",
    ),
    ("sns", "ListTopics"): Spec("sns", m.topics, rows("sns_topics", "Topics", arn="TopicArn")),
    ("sns", "GetTopicAttributes"): Spec("sns", m.topic_attributes),
    ("sns", "ListSubscriptions"): Spec("sns", m.subscriptions, m.subscription_lands),
    ("sns", "ListSubscriptionsByTopic"): Spec("sns", m.subscriptions, m.subscription_lands),
    ("sns", "GetSubscriptionAttributes"): Spec("sns", m.subscription_attributes),
    ("sqs", "ListQueues"): Spec("sqs", m.queues, m.queue_lands),
    ("sqs", "GetQueueAttributes"): Spec("sqs", m.queue_attributes),
    ("events", "ListEventBuses"): Spec(
        "events",
        m.buses,
        rows("event_buses", "EventBuses", arn="Arn"),
        paging=Paging("NextToken", "NextToken", ("EventBuses",)),
    ),
    ("events", "DescribeEventBus"): Spec("events", m.bus),
    ("events", "ListRules"): Spec("events", m.rules, rows("event_rules", "Rules", arn="Arn")),
    ("events", "ListTargetsByRule"): Spec("events", m.targets, m.target_lands),
    ("logs", "DescribeLogGroups"): Spec(
        "logs", c.log_groups, rows("log_groups", "logGroups", name="logGroupName")
    ),
    ("logs", "DescribeSubscriptionFilters"): Spec(
        "logs",
        c.filters,
        rows(
            "log_subscription_filters",
            "subscriptionFilters",
            log_group_name=param("logGroupName"),
            filter_name="filterName",
        ),
    ),
    ("cloudtrail", "DescribeTrails"): Spec(
        "cloudtrail", c.trails, c.trail_lands, items=("trailList",)
    ),
    ("cloudtrail", "GetEventSelectors"): Spec("cloudtrail", lands=c.selector_lands),
    ("cloudtrail", "GetTrailStatus"): Spec("cloudtrail", lands=c.status_lands),
    ("dynamodb", "ListTables"): Spec("dynamodb", c.tables, c.table_lands),
    ("dynamodb", "DescribeTable"): Spec("dynamodb", c.table, absent=NOT_FOUND),
    ("dynamodb", "GetResourcePolicy"): Spec("dynamodb", absent="PolicyNotFoundException"),
    ("kinesis", "ListStreams"): Spec(
        "kinesis", c.streams, rows("kinesis_streams", "StreamSummaries", arn="StreamARN")
    ),
    ("kinesis", "DescribeStreamSummary"): Spec("kinesis", c.stream),
    ("kinesis", "GetResourcePolicy"): Spec("kinesis"),
    ("stepfunctions", "ListStateMachines"): Spec(
        "stepfunctions", c.machines, rows("state_machines", "stateMachines", arn="stateMachineArn")
    ),
    ("stepfunctions", "DescribeStateMachine"): Spec("stepfunctions", c.machine),
    ("cognito-idp", "ListUserPools"): Spec(
        "cognito", c.pools, rows("cognito_user_pools", "UserPools", id="Id")
    ),
    ("cognito-idp", "DescribeUserPool"): Spec("cognito", c.pool, absent=NOT_FOUND),
    ("cognito-idp", "ListUserPoolClients"): Spec("cognito", c.pool_clients, c.pool_client_lands),
    ("cognito-idp", "DescribeUserPoolClient"): Spec("cognito", c.pool_client, absent=NOT_FOUND),
    ("cognito-identity", "ListIdentityPools"): Spec(
        "cognito_identity", c.identity_pools, c.identity_pool_lands
    ),
    ("cognito-identity", "DescribeIdentityPool"): Spec(
        "cognito_identity", c.identity_pool, absent=NOT_FOUND
    ),
    ("cognito-identity", "GetIdentityPoolRoles"): Spec(
        "cognito_identity", c.identity_pool_roles, absent=NOT_FOUND
    ),
    ("apigateway", "GetRestApis"): Spec(
        "apigateway", a.rest_apis, rows("rest_apis", "items", id="id")
    ),
    ("apigateway", "GetResources"): Spec("apigateway", a.resources, a.resource_lands),
    ("apigateway", "GetAuthorizers"): Spec(
        "apigateway",
        a.ids("items", "id", "auth"),
        rows("rest_authorizers", "items", api_id=param("restApiId"), authorizer_id="id"),
    ),
    ("apigateway", "GetStages"): Spec(
        "apigateway",
        a.ids("item", "stageName", "stage"),
        rows("rest_stages", "item", api_id=param("restApiId"), name="stageName"),
        items=("item",),
    ),
    ("apigatewayv2", "GetApis"): Spec(
        "apigatewayv2", a.apis, rows("http_apis", "Items", id="ApiId")
    ),
    ("apigatewayv2", "GetRoutes"): Spec("apigatewayv2", a.routes, a.route_lands),
    ("apigatewayv2", "GetIntegrations"): Spec(
        "apigatewayv2", a.from_pool("Items", "IntegrationId", "integrations"), a.integration_lands
    ),
    ("apigatewayv2", "GetAuthorizers"): Spec(
        "apigatewayv2",
        a.from_pool("Items", "AuthorizerId", "authorizers"),
        rows("http_authorizers", "Items", api_id=param("ApiId"), authorizer_id="AuthorizerId"),
    ),
    ("apigatewayv2", "GetAuthorizer"): Spec(
        "apigatewayv2",
        a.authorizer,
        a.authorizer_lands,
        absent="NotFoundException",
        fallback_for="GetAuthorizers",
    ),
    ("apigatewayv2", "GetStages"): Spec(
        "apigatewayv2",
        a.ids("Items", "StageName", "stage"),
        rows("http_stages", "Items", api_id=param("ApiId"), name="StageName"),
    ),
}

METHODS = lambda strategies, shape: st.dictionaries(  # noqa: E731
    r.API_METHODS, strategies.of(shape.value, 3), max_size=3
)
"""A REST resource's methods: keyed by HTTP method (botocore types the key as any string)."""

OVERRIDES: dict[str, dict[str, Any]] = {
    "iam": {"policyDocumentType": r.POLICY_TEXT},
    "lambda": {"GetPolicyResponse.Policy": r.POLICY_TEXT},
    "s3": {"Policy": r.POLICY_TEXT, "BucketRegion": st.sampled_from(["eu-central-1", "us-east-1"])},
    "sns": {
        "TopicAttributesMap": r.TOPIC_ATTRIBUTES,
        "SubscriptionAttributesMap": r.SUBSCRIPTION_ATTRIBUTES,
    },
    "sqs": {"QueueAttributeMap": r.QUEUE_ATTRIBUTES},
    "events": {
        "DescribeEventBusResponse.Policy": r.POLICY_TEXT,
        "EventBus.Policy": r.POLICY_TEXT,
        "Rule.EventPattern": r.EVENT_PATTERNS,
    },
    "logs": {"LogGroup.creationTime": EPOCH_MS},
    "kafka": {"GetClusterPolicyResponse.Policy": r.POLICY_TEXT},
    "dynamodb": {"GetResourcePolicyOutput.Policy": r.POLICY_TEXT},
    "kinesis": {"GetResourcePolicyOutput.Policy": r.POLICY_TEXT},
    "secretsmanager": {"GetResourcePolicyResponse.ResourcePolicy": r.POLICY_TEXT},
    "s3control": {"GetAccessPointPolicyForObjectLambdaResult.Policy": r.POLICY_TEXT},
    "stepfunctions": {"DescribeStateMachineOutput.definition": r.STATE_MACHINE_DEFINITION},
    "apigateway": {
        "RestApi.policy": r.POLICY_TEXT,
        "Integration.uri": r.INTEGRATION_URI,
        "Authorizer.authorizerUri": r.INTEGRATION_URI,
        "MapOfMethod": METHODS,
    },
    "apigatewayv2": {
        "Integration.IntegrationUri": r.INTEGRATION_URI,
        "Authorizer.AuthorizerUri": r.INTEGRATION_URI,
        "GetAuthorizerResponse.AuthorizerUri": r.INTEGRATION_URI,
    },
}
"""Shapes (or `Shape.member`s) botocore types as plain strings where AWS sends something richer:
policy text, URIs, patterns, epoch milliseconds, attribute maps with their documented names."""
