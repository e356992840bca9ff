"""Resource adders of the account generator: queues, topics, buckets, tables, streams, event
buses and rules, state machines, user pools and APIs, each as its APIs describe it."""

from __future__ import annotations

import json
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import Bucket
from benchmarks.synthetic.builder import Builder
from benchmarks.synthetic.shapes import ACCOUNT, Doc

OWNER_ID = "c0ffee" * 10 + "c0ffee12"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
BLOCK_ALL = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


class Stores(Builder):
    """Adds resources; every adder counts the resource and returns its ARN."""

    # -- SQS -------------------------------------------------------------------------------

    def add_queue(self, region: str, team: str, kind: str, policy: Doc | None = None) -> str:
        name = self.name(team, kind)
        url = shapes.queue_url(region, name)
        arn = shapes.arn("sqs", region, name)
        attributes = {
            "QueueArn": arn,
            "ApproximateNumberOfMessages": "0",
            "CreatedTimestamp": "1704067200",
            "VisibilityTimeout": "30",
            "MaximumMessageSize": "262144",
            "MessageRetentionPeriod": "345600",
            "DelaySeconds": "0",
            "ReceiveMessageWaitTimeSeconds": "0",
            "SqsManagedSseEnabled": "true",
        }
        if policy:
            attributes["Policy"] = shapes.text(policy)
        if kind != "dlq" and self.chance(0.5):
            redrive = {"deadLetterTargetArn": self.team_dlq(region, team), "maxReceiveCount": 5}
            attributes["RedrivePolicy"] = json.dumps(redrive)
        self.account.region(region).queues[url] = attributes
        self.others += 1
        return arn

    def team_dlq(self, region: str, team: str) -> str:
        return self.shared(("dlq", region, team), lambda: self.add_queue(region, team, "dlq"))

    # -- SNS -------------------------------------------------------------------------------

    def add_topic(self, region: str, team: str, kind: str, policy: Doc | None = None) -> str:
        arn = shapes.arn("sns", region, self.name(team, kind))
        default = shapes.doc(
            {
                "Sid": "__default_statement_ID",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"],
                "Resource": arn,
                "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}},
            }
        )
        self.account.region(region).topics[arn] = {
            "TopicArn": arn,
            "Owner": ACCOUNT,
            "Policy": shapes.text(policy or default),
            "DisplayName": "",
            "SubscriptionsConfirmed": "0",
            "SubscriptionsPending": "0",
            "SubscriptionsDeleted": "0",
        }
        self.others += 1
        return arn

    def subscribe(self, topic: str, protocol: str, endpoint: str) -> None:
        data = self.account.region(topic.split(":")[3])
        arn = f"{topic}:{self.next():08d}-sub"
        entry = {
            "SubscriptionArn": arn,
            "Owner": ACCOUNT,
            "Protocol": protocol,
            "Endpoint": endpoint,
            "TopicArn": topic,
        }
        data.subscriptions.append(entry)
        attributes = {
            **entry,
            "ConfirmationWasAuthenticated": "true",
            "PendingConfirmation": "false",
            "RawMessageDelivery": "false",
        }
        if self.chance(0.2):
            attributes["FilterPolicy"] = json.dumps({"kind": [self.name("x", "k")]})
        data.subscription_attributes[arn] = attributes
        counts = data.topics[topic]
        counts["SubscriptionsConfirmed"] = str(int(counts["SubscriptionsConfirmed"]) + 1)
        if protocol == "lambda":
            self.allow_invoke(endpoint, {"Service": "sns.amazonaws.com"}, topic)

    # -- S3 --------------------------------------------------------------------------------

    def add_bucket(
        self, region: str, team: str, kind: str, policy: Doc | None = None, public: bool = False
    ) -> str:
        name = self.name(team, kind)
        n = self.next()
        acl_grants = [
            {"Grantee": {"Type": "CanonicalUser", "ID": OWNER_ID}, "Permission": "FULL_CONTROL"}
        ]
        if public and self.chance(0.3):
            acl_grants.append(
                {"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}
            )
        self.account.buckets[name] = Bucket(
            listing={"Name": name, "CreationDate": shapes.when(n), "BucketRegion": region},
            policy=shapes.text(policy) if policy else None,
            public_access_block=None if public else {"PublicAccessBlockConfiguration": BLOCK_ALL},
            acl={"Owner": {"DisplayName": "owner", "ID": OWNER_ID}, "Grants": acl_grants},
            is_public=public and policy is not None,
        )
        self.others += 1
        return shapes.bucket_arn(name)

    def notify(self, bucket: str, kind: str, target: str) -> None:
        """An S3 event notification to a function, queue or topic."""
        key = {
            "lambda": ("LambdaFunctionConfigurations", "LambdaFunctionArn"),
            "sqs": ("QueueConfigurations", "QueueArn"),
            "sns": ("TopicConfigurations", "TopicArn"),
        }[kind]
        config = self.account.buckets[bucket.rsplit(":", 1)[1]].notification
        entry = {"Id": f"n{self.next()}", key[1]: target, "Events": ["s3:ObjectCreated:*"]}
        if self.chance(0.3):
            entry["Filter"] = {"Key": {"FilterRules": [{"Name": "Suffix", "Value": ".json"}]}}
        config.setdefault(key[0], []).append(entry)
        if kind == "lambda":
            self.allow_invoke(target, {"Service": "s3.amazonaws.com"}, bucket)

    # -- DynamoDB and Kinesis --------------------------------------------------------------

    def add_table(self, region: str, team: str, kind: str, stream: bool) -> tuple[str, str]:
        """A table; returns (table ARN, stream ARN or "")."""
        name = self.name(team, kind)
        n = self.next()
        arn = shapes.arn("dynamodb", region, f"table/{name}")
        table: dict[str, Any] = {
            "TableName": name,
            "TableArn": arn,
            "TableId": f"{n:032x}",
            "TableStatus": "ACTIVE",
            "CreationDateTime": shapes.when(n),
            "ItemCount": n * 7,
            "TableSizeBytes": n * 700,
            "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "DeletionProtectionEnabled": self.chance(0.5),
        }
        stream_arn = ""
        if stream:
            label = shapes.when(n).strftime("%Y-%m-%dT%H:%M:%S.000")
            stream_arn = f"{arn}/stream/{label}"
            table["StreamSpecification"] = {
                "StreamEnabled": True,
                "StreamViewType": "NEW_AND_OLD_IMAGES",
            }
            table.update({"LatestStreamLabel": label, "LatestStreamArn": stream_arn})
        self.account.region(region).tables[name] = table
        self.others += 1
        return arn, stream_arn

    def add_stream(self, region: str, team: str, kind: str) -> str:
        name = self.name(team, kind)
        arn = shapes.arn("kinesis", region, f"stream/{name}")
        self.account.region(region).streams[name] = {
            "StreamName": name,
            "StreamARN": arn,
            "StreamStatus": "ACTIVE",
            "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
            "StreamCreationTimestamp": shapes.when(self.next()),
        }
        self.others += 1
        return arn

    # -- EventBridge -----------------------------------------------------------------------

    def bus(self, region: str, team: str | None) -> tuple[str, str]:
        """(name, ARN) of the region's default bus, or a team's own bus."""
        return self.shared(("bus", region, team), lambda: self._add_bus(region, team))

    def _add_bus(self, region: str, team: str | None) -> tuple[str, str]:
        name = "default" if team is None else f"{team}-events"
        arn = shapes.arn("events", region, f"event-bus/{name}")
        record: dict[str, Any] = {"Name": name, "Arn": arn, "CreationTime": shapes.EPOCH}
        if team and self.chance(0.15):  # a partner may put events on this bus
            record["Policy"] = shapes.text(
                shapes.doc(
                    {
                        "Sid": "partner",
                        "Effect": "Allow",
                        "Action": "events:PutEvents",
                        "Principal": {"AWS": f"arn:aws:iam::{shapes.FOREIGN_ACCOUNT}:root"},
                        "Resource": arn,
                    }
                )
            )
        self.account.region(region).buses[name] = record
        self.others += 1
        return name, arn

    def add_rule(self, region: str, bus: str, targets: list[str], schedule: str = "") -> str:
        """A rule on `bus` (a pattern, or a schedule on the default bus) with its targets."""
        if bus == "default":
            self.bus(region, None)  # the default bus exists in every region
        name = f"{bus}-rule-{self.next():05d}"
        resource = f"rule/{name}" if bus == "default" else f"rule/{bus}/{name}"
        arn = shapes.arn("events", region, resource)
        rule: dict[str, Any] = {"Name": name, "Arn": arn, "State": "ENABLED", "EventBusName": bus}
        if schedule:
            rule["ScheduleExpression"] = schedule
        else:
            rule["EventPattern"] = json.dumps({"source": [f"{bus}.{self.pick(('a', 'b', 'c'))}"]})
        data = self.account.region(region)
        data.rules.setdefault(bus, []).append(rule)
        data.targets[(bus, name)] = [{"Id": f"t{i}", "Arn": t} for i, t in enumerate(targets)]
        for target in targets:
            if ":function:" in target:
                self.allow_invoke(target, {"Service": "events.amazonaws.com"}, arn)
        self.others += 1
        return arn
