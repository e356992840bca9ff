"""Create the demo's buckets, queues, topics, tables, Kinesis streams and event buses."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients, dumps, tag_list
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_stores import (
    KINESIS_STREAMS,
    ORDERS_BUS,
    TABLES,
    TRAIL,
    TRAIL_BUCKET,
    BucketSpec,
    QueueSpec,
    buckets,
    queues,
    topics,
)
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import QueueRef, TableRef
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

_BLOCK_ALL = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def deploy_stores(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Every data store; functions, notifications and subscriptions come later."""
    for bucket in buckets(a):
        ledger.buckets.append(_create_bucket(clients("s3"), a, bucket))
    ledger.trails[TRAIL] = _create_trail(clients("cloudtrail"), a)
    for queue in queues(a):  # dead-letter queues come first in the table
        ledger.queues[queue.name] = _create_queue(clients("sqs"), a, queue)
    for topic in topics(a):
        attributes = {"Policy": dumps(topic.policy)} if topic.policy else {}
        ledger.topics[topic.name] = clients("sns").create_topic(
            Name=topic.name, Attributes=attributes, Tags=tag_list(COMMON_TAGS)
        )["TopicArn"]
    for table, streamed in TABLES.items():
        ledger.tables[table] = _create_table(clients("dynamodb"), table, streamed)
    for stream in KINESIS_STREAMS:
        clients("kinesis").create_stream(StreamName=stream, ShardCount=1)
        ledger.kinesis_streams[stream] = a.kinesis(stream)
    ledger.event_buses[ORDERS_BUS] = _create_bus(clients("events"), ORDERS_BUS)


def _create_bucket(s3: Any, a: Arns, spec: BucketSpec) -> str:
    """A bucket with tags, and its policy, public access block, ownership and encryption."""
    name = a.bucket_name(spec.base)
    location = {} if a.region == "us-east-1" else {"LocationConstraint": a.region}
    s3.create_bucket(Bucket=name, **({"CreateBucketConfiguration": location} if location else {}))
    s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tag_list({**COMMON_TAGS, **spec.tags})})
    if spec.policy:
        s3.put_bucket_policy(Bucket=name, Policy=dumps(spec.policy))
    if spec.block_public:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=_BLOCK_ALL)
    if spec.ownership:
        rules = [{"ObjectOwnership": spec.ownership}]
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={"Rules": rules})
    if spec.kms:
        rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [rule]})
    return name


def _create_trail(cloudtrail: Any, a: Arns) -> str:
    """The multi-region trail, logging, with management events only: Lambda invocations (data
    events) go unrecorded, a finding in the region."""
    arn = cloudtrail.create_trail(
        Name=TRAIL,
        S3BucketName=a.bucket_name(TRAIL_BUCKET),
        IsMultiRegionTrail=True,
        EnableLogFileValidation=True,
        TagsList=tag_list(COMMON_TAGS),
    )["TrailARN"]
    management = {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}
    cloudtrail.put_event_selectors(TrailName=arn, EventSelectors=[management])
    cloudtrail.start_logging(Name=arn)
    return str(arn)


def _create_queue(sqs: Any, a: Arns, spec: QueueSpec) -> QueueRef:
    """A queue with its access policy and redrive policy."""
    attributes: dict[str, str] = {}
    if spec.policy:
        attributes["Policy"] = dumps(spec.policy)
    if spec.dead_letter:
        redrive = {"deadLetterTargetArn": a.queue(spec.dead_letter), "maxReceiveCount": "5"}
        attributes["RedrivePolicy"] = dumps(redrive)
    url = sqs.create_queue(QueueName=spec.name, Attributes=attributes, tags=COMMON_TAGS)
    return QueueRef(url["QueueUrl"], a.queue(spec.name))


def _create_table(dynamodb: Any, name: str, streamed: bool) -> TableRef:
    """An on-demand table keyed by `id`, with a NEW_AND_OLD_IMAGES stream when asked."""
    stream = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"} if streamed else {}
    table = dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        Tags=tag_list(COMMON_TAGS),
        **({"StreamSpecification": stream} if streamed else {}),
    )["TableDescription"]
    return TableRef(table["TableArn"], table.get("LatestStreamArn"))


def _create_bus(events: Any, name: str) -> str:
    """A custom bus the foreign account may put events on."""
    arn = events.create_event_bus(Name=name, Tags=tag_list(COMMON_TAGS))["EventBusArn"]
    events.put_permission(
        EventBusName=name,
        Action="events:PutEvents",
        Principal=FOREIGN_ACCOUNT,
        StatementId="PartnerPutEvents",
    )
    return arn
