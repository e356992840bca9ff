"""The IAM actions the crawler needs: its least-privilege policy, derived from the API operations.

Run `python -m explorer.crawl.permissions` to print the policy shown in the README, and
`python -m explorer.crawl.permissions --operations` for the README's list of the operations the
read-only guard lets through (the same list).
"""

from __future__ import annotations

import json
import sys

IAM_PREFIX = {
    "stepfunctions": "states",
    "s3control": "s3",
    "resourcegroupstaggingapi": "tag",
    "cognito-idp": "cognito-idp",
    "elbv2": "elasticloadbalancing",
}
"""botocore service name -> IAM action prefix, where they differ."""

ACTION_OF = {
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketNotificationConfiguration"): "s3:GetBucketNotification",
    ("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
    ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
    ("s3control", "GetPublicAccessBlock"): "s3:GetAccountPublicAccessBlock",
    ("sts", "GetCallerIdentity"): None,
}
"""Operations whose IAM action is not `<prefix>:<OperationName>` (None: needs no permission)."""

VERB_SERVICES = ("apigateway", "apigatewayv2")
"""API Gateway authorises management reads by HTTP verb: `apigateway:GET`."""

OPERATIONS = {
    "sts": ["GetCallerIdentity"],
    "ec2": ["DescribeRegions", "DescribeInstances"],
    "iam": ["GetAccountAuthorizationDetails", "GenerateCredentialReport", "GetCredentialReport",
            "ListAccessKeys"],
    "lambda": [
        "ListFunctions", "ListEventSourceMappings", "ListAliases", "GetPolicy",
        "ListFunctionUrlConfigs", "GetFunctionUrlConfig", "ListFunctionEventInvokeConfigs",
        "GetFunctionConcurrency",
    ],
    "resourcegroupstaggingapi": ["GetResources"],
    "s3": [
        "ListBuckets", "GetBucketLocation", "GetBucketNotificationConfiguration",
        "GetBucketPolicy", "GetBucketPolicyStatus", "GetPublicAccessBlock", "GetBucketAcl",
        "GetBucketOwnershipControls", "GetBucketEncryption",
    ],
    "s3control": ["GetPublicAccessBlock", "ListAccessPointsForObjectLambda",
                  "GetAccessPointConfigurationForObjectLambda",
                  "GetAccessPointPolicyForObjectLambda", "GetAccessPoint"],
    "sns": ["ListTopics", "GetTopicAttributes", "ListSubscriptions", "ListSubscriptionsByTopic",
            "GetSubscriptionAttributes"],
    "sqs": ["ListQueues", "GetQueueAttributes"],
    "events": ["ListEventBuses", "DescribeEventBus", "ListRules", "ListTargetsByRule"],
    "logs": ["DescribeLogGroups", "DescribeSubscriptionFilters"],
    "cloudtrail": ["DescribeTrails", "GetEventSelectors", "GetTrailStatus"],
    "dynamodb": ["ListTables", "DescribeTable", "GetResourcePolicy"],
    "kinesis": ["ListStreams", "DescribeStreamSummary", "GetResourcePolicy"],
    "stepfunctions": ["ListStateMachines", "DescribeStateMachine"],
    "cognito-idp": ["ListUserPools", "DescribeUserPool", "ListUserPoolClients",
                    "DescribeUserPoolClient"],
    "cognito-identity": ["ListIdentityPools", "DescribeIdentityPool", "GetIdentityPoolRoles"],
    "apigateway": ["GetRestApis", "GetResources", "GetAuthorizers", "GetStages"],
    "apigatewayv2": ["GetApis", "GetRoutes", "GetIntegrations", "GetAuthorizers",
                     "GetAuthorizer", "GetStages"],
    "cloudformation": ["DescribeStacks"],
    "glue": ["GetDevEndpoints"],
    "elbv2": ["DescribeLoadBalancers", "DescribeTargetGroups", "DescribeTargetHealth",
              "DescribeListeners", "DescribeRules"],
    "scheduler": ["ListSchedules", "GetSchedule"],
    "iot": ["ListTopicRules", "GetTopicRule"],
    "cloudfront": ["ListDistributions", "ListOriginAccessControls"],
    "appsync": ["ListGraphqlApis", "ListDataSources"],
    "kafka": ["ListClustersV2", "GetClusterPolicy"],
    "mq": ["ListBrokers", "DescribeBroker"],
    "ses": ["DescribeActiveReceiptRuleSet"],
    "firehose": ["ListDeliveryStreams", "DescribeDeliveryStream"],
    "secretsmanager": ["ListSecrets", "GetResourcePolicy"],
}  # fmt: skip
"""Every operation the crawl modules call, by botocore service name."""


def action_for(service: str, operation: str) -> str | None:
    """The IAM action that authorises one API operation."""
    if (service, operation) in ACTION_OF:
        return ACTION_OF[(service, operation)]
    if service in VERB_SERVICES:
        return "apigateway:GET"
    return f"{IAM_PREFIX.get(service, service)}:{operation}"


def crawler_policy() -> dict[str, object]:
    """The least-privilege identity policy for `explorer crawl`."""
    actions = {action_for(s, op) for s, ops in OPERATIONS.items() for op in ops}
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ServerlessChainExplorerReadOnly",
                "Effect": "Allow",
                "Action": sorted(a for a in actions if a),
                "Resource": "*",
            }
        ],
    }


def operations_markdown() -> str:
    """The guard's allow-list as README lines: one per service, botocore operation names."""
    return "\n".join(
        f"- `{service}`: {', '.join(operations)}" for service, operations in OPERATIONS.items()
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--operations"]:
        print(operations_markdown())
    else:
        print(json.dumps(crawler_policy(), indent=2))
