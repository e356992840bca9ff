"""Resource adders for the trigger sources added after the first estate: EventBridge Scheduler
schedules, IoT topic rules, AppSync data sources, MSK, self-managed Kafka and Amazon MQ event
source mappings, SES receipt rules, CloudFront in front of function URLs, APIs and
Lambda@Edge, Kinesis Data Firehose transformations, Secrets Manager secrets (some rotated by a
rotation function) and S3 Object Lambda access points.

Every choice made here comes from `self.side`, a generator seeded apart from the main one, and
every id from `self.side_ids`: the main random stream and counter (which name and shape the
rest of the account) are not consumed here, so adding a source leaves the rest of an account of
the same seed as it was, apart from the chains that now start at the new sources.

To add a source: a `RegionData` (or `SyntheticAccount`) field for its API records, an adder
here registered in `ENTRY_ADDERS` under a chain-entry kind, that kind's weight in
`wiring.CHAIN_ENTRIES`, handlers in `answers_sources.py`, and its count in
`SyntheticAccount.counts()`.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import Bucket, Record, Sizes
from benchmarks.synthetic.builder import NOUNS
from benchmarks.synthetic.entries import Entries
from benchmarks.synthetic.roles import RolePlan
from benchmarks.synthetic.shapes import ACCOUNT, EPOCH, FOREIGN_ACCOUNT
from benchmarks.synthetic.stores import BLOCK_ALL, OWNER_ID

SCHEDULER_SHARE = (1, 3)
"""Scheduled jobs whose count modulo 5 is listed go to EventBridge Scheduler (2 in 5, 40%),
the rest to EventBridge rules: decided by count, so the main random stream is untouched."""
EDGE_SHARE = 0.01
"""Functions (in us-east-1) that also run as Lambda@Edge on their team's site distribution."""
URL_FRONTED = 0.25
"""Function URLs served through a CloudFront distribution."""
API_FRONTED = 0.2
"""Team APIs (REST or HTTP) served through a CloudFront distribution."""
APPSYNC_AUTH = (
    ("API_KEY", 30),
    ("AMAZON_COGNITO_USER_POOLS", 35),
    ("AWS_IAM", 20),
    ("OPENID_CONNECT", 15),
)
EDGE_REGION = "us-east-1"
"""Lambda@Edge functions live in us-east-1 only."""
FIREHOSE_SHARE = 0.01
"""Functions that also transform the records of a Firehose delivery stream."""
FIREHOSE_FROM_STREAM = 0.6
"""Delivery streams that read one of their team's Kinesis streams (when it has one); the
rest are `DirectPut`, written by producers IAM allows."""
TEAM_SECRETS = (1, 3)
"""Unrotated secrets (database credentials) of each team in each region it has functions in."""
ROTATED_SECRETS = (1, 3)
"""Secrets each rotation function rotates."""
SECRET_POLICY = 0.1
"""Secrets with a resource policy; half of those let a partner account read them."""
OBJECT_LAMBDA_POLICY = 0.4
"""Object Lambda access points with a policy (a partner account's or the team's readers)."""


class Sources(Entries):
    """Adds the trigger sources of `ENTRY_ADDERS` and the CloudFront fronts."""

    def __init__(self, sizes: Sizes) -> None:
        super().__init__(sizes)
        self.side = random.Random(f"sources/{sizes.seed}")
        self.side_ids = itertools.count(1)
        self.scheduled = 0
        self.data_side = random.Random(f"data-sources/{sizes.seed}")
        """Firehose, Secrets Manager and Object Lambda draw from their own generator and
        counter, so the sources before them keep their choices and names. Their resources do
        not count against the other-resource budget (`self.others`): counting them would
        change when the main stream chains or stands functions alone, and so the whole rest
        of the account."""
        self.data_ids = itertools.count(1)

    # -- side choices (never the main stream) ----------------------------------------------

    def side_id(self) -> int:
        return next(self.side_ids)

    def side_chance(self, p: float) -> bool:
        return self.side.random() < p

    def side_pick(self, options: tuple[Any, ...]) -> Any:
        return options[self.side.randrange(len(options))]

    def side_weighted(self, pairs: tuple[tuple[Any, float], ...]) -> Any:
        values, weights = zip(*pairs, strict=True)
        return self.side.choices(values, weights)[0]

    def data_chance(self, p: float) -> bool:
        return self.data_side.random() < p

    def data_pick(self, options: tuple[Any, ...] | list[Any]) -> Any:
        return options[self.data_side.randrange(len(options))]

    def data_id(self) -> int:
        return next(self.data_ids)

    def side_name(self, team: str, kind: str, sep: str = "-") -> str:
        return sep.join((team, self.side_pick(NOUNS), kind, f"{self.side_id():05d}"))

    def service_role(self, team: str, service: str) -> RolePlan:
        """The team's role a service assumes to invoke its functions (one per service)."""

        def make() -> RolePlan:
            trust = {"Service": f"{service}.amazonaws.com"}
            plan = RolePlan(f"{team}-{service}-invoke-role", team, trusts=[trust], attached=[])
            self.roles[plan.name] = plan
            return plan

        return self.shared(("service-role", team, service), make)

    def add_entry(self, kind: str, region: str, team: str, fn: str) -> None:
        """Start a chain at `fn` from a source of `ENTRY_ADDERS`."""
        ENTRY_ADDERS[kind](self, region, team, fn)

    # -- EventBridge Scheduler -------------------------------------------------------------

    def to_scheduler(self) -> bool:
        """Whether the next scheduled job goes to EventBridge Scheduler (by count)."""
        self.scheduled += 1
        return self.scheduled % 5 in SCHEDULER_SHARE

    def add_schedule(self, region: str, team: str, fn: str) -> str:
        """A schedule calling `fn` (templated target, or now and then the universal
        `lambda:invoke`) as the team's Scheduler role; some have a dead-letter queue."""
        group = "default" if self.side_chance(0.6) else f"{team}-jobs"
        name = self.side_name(team, "schedule")
        arn = shapes.arn("scheduler", region, f"schedule/{group}/{name}")
        role = self.service_role(team, "scheduler")
        role.grant("lambda:InvokeFunction", fn)
        target: Record = {"RoleArn": role.arn, "RetryPolicy": {
            "MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185}}  # fmt: skip
        if self.side_chance(0.15):
            target["Arn"] = "arn:aws:scheduler:::aws-sdk:lambda:invoke"
            target["Input"] = json.dumps({"FunctionName": fn, "InvocationType": "Event"})
        else:
            target["Arn"] = fn
            if self.side_chance(0.3):
                target["Input"] = json.dumps({"job": name, "token": self._side_token()})
        dlq = self._shared.get(("dlq", region, team))
        if dlq and self.side_chance(0.3):
            target["DeadLetterConfig"] = {"Arn": dlq}
        n = self.side_id()
        self.account.region(region).schedules[(group, name)] = {
            "Arn": arn, "Name": name, "GroupName": group,
            "State": "DISABLED" if self.side_chance(0.05) else "ENABLED",
            "ScheduleExpression": self.side_pick(("rate(1 hour)", "rate(15 minutes)",
                                                  "cron(0 3 * * ? *)", "cron(*/10 * * * ? *)")),
            "ScheduleExpressionTimezone": "UTC", "FlexibleTimeWindow": {"Mode": "OFF"},
            "Target": target, "ActionAfterCompletion": "NONE",
            "CreationDate": shapes.when(n), "LastModificationDate": shapes.when(n),
        }  # fmt: skip
        self.others += 1
        return arn

    def _side_token(self) -> str:
        return "".join(self.side.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=20))

    # -- AWS IoT ---------------------------------------------------------------------------

    def add_topic_rule(self, region: str, team: str, fn: str) -> None:
        """A rule forwarding a device topic to `fn`; some log errors to CloudWatch Logs."""
        name = self.side_name(team, "rule", "_").replace("-", "_")
        arn = shapes.arn("iot", region, f"rule/{name}")
        topic = f"devices/{team}/+/{self.side_pick(('telemetry', 'events', 'status'))}"
        rule: Record = {
            "ruleName": name, "sql": f"SELECT * FROM '{topic}'", "description": "",
            "createdAt": shapes.when(self.side_id()), "ruleDisabled": self.side_chance(0.05),
            "awsIotSqlVersion": "2016-03-23", "actions": [{"lambda": {"functionArn": fn}}],
        }  # fmt: skip
        if self.side_chance(0.3):
            role = self.service_role(team, "iot")
            group = f"/iot/{team}/errors"
            role.grant("logs:PutLogEvents", shapes.arn("logs", region, f"log-group:{group}:*"))
            rule["errorAction"] = {"cloudwatchLogs": {"logGroupName": group, "roleArn": role.arn}}
        self.account.region(region).topic_rules[name] = {"ruleArn": arn, "rule": rule}
        self.allow_invoke(fn, {"Service": "iot.amazonaws.com"}, arn)
        self.others += 1

    # -- AppSync ---------------------------------------------------------------------------

    def add_data_source(self, region: str, team: str, fn: str) -> None:
        """A Lambda data source of the team's GraphQL API, invoked as its AppSync role."""
        api_id = self.shared(("appsync", region, team), lambda: self._add_graphql(region, team))
        role = self.service_role(team, "appsync")
        role.grant("lambda:InvokeFunction", fn)
        api = self.account.region(region).graphql_apis[api_id]
        name = fn.split(":")[6].replace("-", "_")
        self.account.region(region).data_sources[api_id].append({
            "dataSourceArn": f"{api['arn']}/datasources/{name}", "name": name,
            "type": "AWS_LAMBDA", "serviceRoleArn": role.arn,
            "lambdaConfig": {"lambdaFunctionArn": fn},
        })  # fmt: skip

    def _add_graphql(self, region: str, team: str) -> str:
        """The team's GraphQL API: one auth mode (Cognito only where the team has a pool),
        sometimes IAM besides, and a `NONE` data source for local resolvers."""
        api_id = f"{self.side_id():026x}"
        arn = shapes.arn("appsync", region, f"apis/{api_id}")
        auth = self.side_weighted(APPSYNC_AUTH)
        pool = self._shared.get(("pool", region, team))
        if auth == "AMAZON_COGNITO_USER_POOLS" and not pool:
            auth = "AWS_IAM"
        host = f"{api_id}.appsync-api.{region}.amazonaws.com"
        record: Record = {
            "name": f"{team}-graphql", "apiId": api_id, "authenticationType": auth, "arn": arn,
            "uris": {"GRAPHQL": f"https://{host}/graphql", "REALTIME": f"wss://{host}/graphql"},
            "tags": {"team": team}, "xrayEnabled": self.side_chance(0.4), "apiType": "GRAPHQL",
            "visibility": "PRIVATE" if self.side_chance(0.05) else "GLOBAL", "owner": ACCOUNT,
            "introspectionConfig": "ENABLED", "queryDepthLimit": 0, "resolverCountLimit": 0,
            "additionalAuthenticationProviders": [],
        }  # fmt: skip
        if auth == "AMAZON_COGNITO_USER_POOLS":
            record["userPoolConfig"] = {"userPoolId": pool.rsplit("/", 1)[1],
                                        "awsRegion": region, "defaultAction": "ALLOW"}  # fmt: skip
        elif auth == "OPENID_CONNECT":
            record["openIDConnectConfig"] = {"issuer": f"https://login.example.com/{team}"}
        if auth != "AWS_IAM" and self.side_chance(0.3):
            record["additionalAuthenticationProviders"].append({"authenticationType": "AWS_IAM"})
        data = self.account.region(region)
        data.graphql_apis[api_id] = record
        data.data_sources[api_id] = [
            {"dataSourceArn": f"{arn}/datasources/local", "name": "local", "type": "NONE"}
        ]
        self.others += 1
        return api_id

    # -- Kafka and Amazon MQ event source mappings -----------------------------------------

    def add_msk_mapping(self, region: str, team: str, fn: str) -> None:
        """`fn` reads a topic of the team's MSK cluster (SCRAM clusters through a secret)."""
        arn = self.shared(("msk", region, team), lambda: self._add_cluster(region, team))
        cluster = self.account.region(region).clusters[arn]
        extra: Record = {
            "Topics": [f"{team}.{self.side_pick(NOUNS)}.events"],
            "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": fn.split(":")[6]},
        }
        sasl = (cluster.get("Provisioned") or {}).get("ClientAuthentication", {}).get("Sasl", {})
        if sasl.get("Scram", {}).get("Enabled"):
            extra["SourceAccessConfigurations"] = [
                {"Type": "SASL_SCRAM_512_AUTH", "URI": self._secret(region, team, "msk")}
            ]
        self._mapping(region, fn, arn, StartingPosition="LATEST", **extra)

    def _add_cluster(self, region: str, team: str) -> str:
        """A provisioned cluster (IAM, SCRAM or TLS clients; now and then public) or a
        serverless one (IAM only); a few have a policy letting a partner account produce."""
        name = f"{team}-events"
        arn = shapes.arn("kafka", region, f"cluster/{name}/{self.side_id():08x}-0000-4000-8000")
        base = {"ClusterArn": arn, "ClusterName": name, "State": "ACTIVE",
                "CreationTime": EPOCH, "CurrentVersion": "K3AEGXETSR30VB", "Tags": {}}  # fmt: skip
        iam = {"Sasl": {"Iam": {"Enabled": True}}}
        if self.side_chance(0.25):
            body = {"VpcConfigs": [{"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]}],
                    "ClientAuthentication": iam}  # fmt: skip
            record = {**base, "ClusterType": "SERVERLESS", "Serverless": body}
        else:
            auth = self.side_pick(("iam", "iam", "scram", "tls"))
            clients = {
                "iam": iam,
                "scram": {"Sasl": {"Scram": {"Enabled": True}, "Iam": {"Enabled": False}}},
                "tls": {"Tls": {"CertificateAuthorityArnList": [
                    shapes.arn("acm-pca", region, f"certificate-authority/{team}")],
                    "Enabled": True}},
            }[auth]  # fmt: skip
            public = auth != "tls" and self.side_chance(0.1)
            access = "SERVICE_PROVIDED_EIPS" if public else "DISABLED"
            body = {
                "BrokerNodeGroupInfo": {"InstanceType": "kafka.m5.large",
                    "ClientSubnets": ["subnet-1", "subnet-2", "subnet-3"],
                    "ConnectivityInfo": {"PublicAccess": {"Type": access}}},
                "CurrentBrokerSoftwareInfo": {"KafkaVersion": "3.6.0"},
                "ClientAuthentication": {**clients, "Unauthenticated": {"Enabled": False}},
                "NumberOfBrokerNodes": 3, "EnhancedMonitoring": "DEFAULT",
            }  # fmt: skip
            record = {**base, "ClusterType": "PROVISIONED", "Provisioned": body}
        data = self.account.region(region)
        data.clusters[arn] = record
        if self.side_chance(0.15):
            topics = arn.replace(":cluster/", ":topic/") + "/*"
            data.cluster_policies[arn] = shapes.text(shapes.doc({
                "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"},
                "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeTopic",
                           "kafka-cluster:WriteData"],
                "Resource": [arn, topics],
            }))  # fmt: skip
        self.others += 1
        return arn

    def add_kafka_mapping(self, region: str, team: str, fn: str) -> None:
        """`fn` reads a partner's self-managed Kafka (known only by its bootstrap servers)."""
        partner = self.side_pick(("acme", "globex", "initech"))
        servers = [f"b-{i}.kafka.{partner}.example.com:9096" for i in (1, 2, 3)]
        access = [{"Type": "SASL_SCRAM_512_AUTH", "URI": self._secret(region, team, partner)}]
        if self.side_chance(0.5):
            access += [{"Type": "VPC_SUBNET", "URI": "subnet:subnet-1"},
                       {"Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-1"}]  # fmt: skip
        self._mapping(
            region, fn, None, StartingPosition="LATEST",
            Topics=[f"{partner}.{self.side_pick(NOUNS)}"],
            SelfManagedEventSource={"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": servers}},
            SelfManagedKafkaEventSourceConfig={"ConsumerGroupId": fn.split(":")[6]},
            SourceAccessConfigurations=access,
        )  # fmt: skip

    def add_mq_mapping(self, region: str, team: str, fn: str) -> None:
        """`fn` reads a queue of the team's broker with its user's secret."""
        broker_id = self.shared(("mq", region, team), lambda: self._add_broker(region, team))
        broker = self.account.region(region).brokers[broker_id]
        access = [{"Type": "BASIC_AUTH", "URI": self._secret(region, team, "mq")}]
        if broker["EngineType"] == "RABBITMQ":
            access.append({"Type": "VIRTUAL_HOST", "URI": "/"})
        queue = f"{team}.{self.side_pick(NOUNS)}"
        self._mapping(region, fn, broker["BrokerArn"], Queues=[queue],
                      SourceAccessConfigurations=access)  # fmt: skip

    def _add_broker(self, region: str, team: str) -> str:
        """The team's broker: ActiveMQ or RabbitMQ, now and then publicly accessible."""
        n = self.side_id()
        broker_id = f"b-{n:08x}-1111-4222-8333-{n:012x}"
        name = f"{team}-broker"
        engine = "ACTIVEMQ" if self.side_chance(0.6) else "RABBITMQ"
        auth = "LDAP" if engine == "ACTIVEMQ" and self.side_chance(0.1) else "SIMPLE"
        host = f"{broker_id}.mq.{region}.amazonaws.com"
        self.account.region(region).brokers[broker_id] = {
            "BrokerArn": shapes.arn("mq", region, f"broker:{name}:{broker_id}"),
            "BrokerId": broker_id, "BrokerName": name, "BrokerState": "RUNNING",
            "Created": shapes.when(n), "DeploymentMode": "SINGLE_INSTANCE", "EngineType": engine,
            "EngineVersion": "5.18" if engine == "ACTIVEMQ" else "3.13",
            "HostInstanceType": "mq.m5.large", "AuthenticationStrategy": auth,
            "AutoMinorVersionUpgrade": True, "PubliclyAccessible": self.side_chance(0.15),
            "BrokerInstances": [{"ConsoleURL": f"https://{host}", "Endpoints": [
                f"amqps://{host}:5671" if engine == "RABBITMQ" else f"ssl://{host}:61617"]}],
            "SecurityGroups": ["sg-1"], "SubnetIds": ["subnet-1"], "StorageType": "EBS",
            "Users": [{"Username": f"{team}-app"}] if engine == "ACTIVEMQ" else [],
            "Logs": {"General": False}, "Tags": {"team": team},
        }  # fmt: skip
        self.others += 1
        return broker_id

    def _mapping(self, region: str, fn: str, source: str | None, **extra: Any) -> None:
        """A Kafka or MQ mapping (`EventSourceArn` only when the source has an ARN)."""
        record = shapes.mapping(f"{self.side_id():08d}-src", source or "", fn, BatchSize=100)
        record.pop("StartingPosition", None)
        if source is None:
            record.pop("EventSourceArn")
        record.update(extra)
        self.account.region(region).mappings.append(record)

    def _secret(self, region: str, team: str, what: str) -> str:
        """The team's secret for a broker or cluster (one per what), listed by Secrets
        Manager too."""
        arn = shapes.arn("secretsmanager", region, f"secret:{team}/{what}-AbCdEf")
        if arn not in self.account.region(region).secrets:
            self._put_secret(region, team, f"{team}/{what}", arn, None)
        return arn

    # -- SES -------------------------------------------------------------------------------

    def add_receipt_rule(self, region: str, team: str, fn: str) -> None:
        """A rule of the region's active rule set handing a team's mail to `fn`."""
        data = self.account.region(region)
        if data.receipt_rule_set is None:
            data.receipt_rule_set = {"Name": "inbound", "CreatedTimestamp": EPOCH}
        name = self.side_name(team, "mail")
        invocation = "RequestResponse" if self.side_chance(0.2) else "Event"
        actions: list[Record] = [
            {"LambdaAction": {"FunctionArn": fn, "InvocationType": invocation}}
        ]
        if self.side_chance(0.1):
            actions.insert(0, {"AddHeaderAction": {"HeaderName": "X-Team-Token",
                                                   "HeaderValue": self._side_token()}})  # fmt: skip
        if self.side_chance(0.2):
            actions.append({"StopAction": {"Scope": "RuleSet"}})
        data.receipt_rules.append({
            "Name": name, "Enabled": not self.side_chance(0.05),
            "TlsPolicy": "Require" if self.side_chance(0.4) else "Optional",
            "Recipients": [f"{name.split('-')[1]}@{team}.mail.example.com"],
            "Actions": actions, "ScanEnabled": self.side_chance(0.8),
        })  # fmt: skip
        rules = shapes.arn("ses", region, "receipt-rule-set/inbound:receipt-rule/*")
        self.allow_invoke(fn, {"Service": "ses.amazonaws.com"}, rules)
        self.others += 1

    # -- Kinesis Data Firehose -------------------------------------------------------------

    def add_transform(
        self, region: str, team: str, fn: str, share: float = FIREHOSE_SHARE,
        from_stream: float = FIREHOSE_FROM_STREAM,
    ) -> None:  # fmt: skip
        """Now and then (`share`) `fn` transforms the records of a delivery stream that reads
        one of its team's Kinesis streams (or is written directly) and delivers to the team's
        delivery bucket, invoked as the team's Firehose role."""
        if not self.data_chance(share):
            return
        data = self.account.region(region)
        name = f"{team}-{self.data_pick(NOUNS)}-delivery-{self.data_id():05d}"
        arn = shapes.arn("firehose", region, f"deliverystream/{name}")
        role = self.service_role(team, "firehose")
        bucket = self.shared(("delivery-bucket", region, team),
                             lambda: self.data_bucket(region, team, "delivery"))  # fmt: skip
        role.grant("lambda:InvokeFunction", fn)
        role.grant("s3:PutObject", f"{bucket}/*")
        streams = sorted(
            s["StreamARN"] for n, s in data.streams.items() if n.startswith(f"{team}-")
        )
        kind, source = "DirectPut", {}
        if streams and self.data_chance(from_stream):
            stream = self.data_pick(streams)
            role.grant("kinesis:GetRecords", stream)
            kind = "KinesisStreamAsSource"
            source = {
                "KinesisStreamSourceDescription": {
                    "KinesisStreamARN": stream,
                    "RoleARN": role.arn,
                    "DeliveryStartTimestamp": EPOCH,
                }
            }
        parameters = [{"ParameterName": "LambdaArn", "ParameterValue": f"{fn}:$LATEST"},
                      {"ParameterName": "NumberOfRetries", "ParameterValue": "3"}]  # fmt: skip
        s3 = {"RoleARN": role.arn, "BucketARN": bucket, "Prefix": f"{name}/",
              "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300},
              "CompressionFormat": "GZIP", "EncryptionConfiguration": {"NoEncryptionConfig":
              "NoEncryption"}}  # fmt: skip
        n = self.data_id()
        encryption = {"Status": "DISABLED"}
        if self.data_chance(0.3):
            key = shapes.arn("kms", region, f"key/{n:08x}-0000-4000-8000-{n:012x}")
            encryption = {"KeyARN": key, "KeyType": "CUSTOMER_MANAGED_CMK", "Status": "ENABLED"}
        data.delivery_streams[name] = {
            "DeliveryStreamName": name, "DeliveryStreamARN": arn, "DeliveryStreamStatus": "ACTIVE",
            "DeliveryStreamEncryptionConfiguration": encryption, "DeliveryStreamType": kind,
            "VersionId": "1", "CreateTimestamp": shapes.when(n), **({"Source": source} if source
            else {}),
            "Destinations": [{
                "DestinationId": "destinationId-000000000001",
                "ExtendedS3DestinationDescription": {**s3, "S3BackupMode": "Disabled",
                    "ProcessingConfiguration": {"Enabled": True, "Processors": [
                        {"Type": "Lambda", "Parameters": parameters}]}},
                "S3DestinationDescription": s3,
            }],
            "HasMoreDestinations": False,
        }  # fmt: skip

    def data_bucket(self, region: str, team: str, kind: str) -> str:
        """A private team bucket named from the data sources' counter."""
        name = f"{team}-{kind}-{self.data_id():05d}-{ACCOUNT}"
        self.account.buckets[name] = Bucket(
            listing={"Name": name, "CreationDate": EPOCH, "BucketRegion": region},
            public_access_block={"PublicAccessBlockConfiguration": BLOCK_ALL},
            acl={"Owner": {"DisplayName": "owner", "ID": OWNER_ID}, "Grants": [
                {"Grantee": {"Type": "CanonicalUser", "ID": OWNER_ID},
                 "Permission": "FULL_CONTROL"}]},
        )  # fmt: skip
        return shapes.bucket_arn(name)

    # -- Secrets Manager -------------------------------------------------------------------

    def add_team_secrets(self) -> None:
        """Each team's database credentials in each region it has functions in (unrotated)."""
        for region in self.sizes.regions:
            data = self.account.region(region)
            owners = {t["Tags"][0]["Value"] for t in data.tags if ":function:" in t["ResourceARN"]}
            for team in (t for t in self.teams if t in owners):
                for _ in range(self.data_side.randint(*TEAM_SECRETS)):
                    self.add_secret(region, team, "db-credentials", None)

    def add_rotation(self, region: str, team: str, fn: str) -> None:
        """`fn` rotates a few of its team's secrets: Secrets Manager may invoke it, and its
        role may read and write their versions."""
        self.allow_invoke(fn, {"Service": "secretsmanager.amazonaws.com"})
        record = self.account.region(region).function_named(fn) or {}
        role = self.roles.get(str(record.get("Role", "")).rsplit("/", 1)[-1])
        for _ in range(self.data_side.randint(*ROTATED_SECRETS)):
            secret = self.add_secret(region, team, "db-credentials", fn)
            for action in ("secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                           "secretsmanager:UpdateSecretVersionStage"):  # fmt: skip
                if role is not None:
                    role.grant(action, secret)

    def add_secret(self, region: str, team: str, kind: str, rotation: str | None) -> str:
        """A secret named `<team>/<noun>-<kind>-<n>` (rotated by `rotation` when given)."""
        name = f"{team}/{self.data_pick(NOUNS)}-{kind}-{self.data_id():05d}"
        arn = shapes.arn("secretsmanager", region, f"secret:{name}-{self._data_token(6)}")
        self._put_secret(region, team, name, arn, rotation)
        return arn

    def _put_secret(
        self, region: str, team: str, name: str, arn: str, rotation: str | None
    ) -> None:
        n = self.data_id()
        entry: Record = {
            "ARN": arn, "Name": name, "Description": f"{team} credentials",
            "RotationEnabled": rotation is not None, "LastChangedDate": shapes.when(n),
            "LastAccessedDate": shapes.when(n + 1440), "CreatedDate": shapes.when(n),
            "Tags": [{"Key": "team", "Value": team}],
            "SecretVersionsToStages": {f"{n:08x}-0000-4000-8000-000000000000": ["AWSCURRENT"]},
        }  # fmt: skip
        if self.data_chance(0.3):
            entry["KmsKeyId"] = shapes.arn("kms", region, f"key/{n:08x}-1111-4000-8000-{n:012x}")
        if rotation is not None:
            days = self.data_pick((7, 30, 30, 90))
            entry.update({
                "RotationLambdaARN": rotation,
                "RotationRules": {"AutomaticallyAfterDays": days},
                "LastRotatedDate": shapes.when(n), "NextRotationDate": shapes.when(n + days * 1440),
            })  # fmt: skip
        data = self.account.region(region)
        data.secrets[arn] = entry
        if self.data_chance(SECRET_POLICY):
            data.secret_policies[arn] = shapes.text(self._secret_policy(team))

    def _secret_policy(self, team: str) -> dict[str, Any]:
        """A partner account may read the secret, or only the team's role, and never
        without TLS."""
        if self.data_chance(0.5):
            reader = {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"}
        else:
            reader = {"AWS": f"arn:aws:iam::{ACCOUNT}:role/{team}-secrets-reader"}
        return shapes.doc(
            {"Effect": "Allow", "Principal": reader, "Resource": "*",
             "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]},
            {"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:*", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        )  # fmt: skip

    def _data_token(self, length: int) -> str:
        return "".join(self.data_side.choices("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", k=length))

    # -- S3 Object Lambda ------------------------------------------------------------------

    def add_object_lambda(self, region: str, team: str, fn: str) -> None:
        """An Object Lambda access point whose `GetObject` runs `fn` over the objects of the
        team's supporting access point; some have a policy."""
        data = self.account.region(region)
        point = self.shared(("access-point", region, team),
                            lambda: self._add_access_point(region, team))  # fmt: skip
        name = f"{team}-{self.data_pick(NOUNS)}-olap-{self.data_id():05d}"
        arn = shapes.arn("s3-object-lambda", region, f"accesspoint/{name}")
        transform: Record = {"FunctionArn": fn}
        if self.data_chance(0.3):
            transform["FunctionPayload"] = json.dumps({"redact": ["email", "phone"]})
        data.object_lambda_points[name] = {
            "listing": {"Name": name, "ObjectLambdaAccessPointArn": arn, "Alias": {
                "Value": f"{name[:20]}-{self._data_token(26).lower()}--ol-s3",
                "Status": "READY"}},
            "configuration": {
                "SupportingAccessPoint": point, "CloudWatchMetricsEnabled": False,
                "AllowedFeatures": [], "TransformationConfigurations": [{
                    "Actions": ["GetObject"],
                    "ContentTransformation": {"AwsLambda": transform}}]},
        }  # fmt: skip
        if self.data_chance(OBJECT_LAMBDA_POLICY):
            reader = (f"arn:aws:iam::{FOREIGN_ACCOUNT}:root" if self.data_chance(0.5)
                      else f"arn:aws:iam::{ACCOUNT}:role/{team}-reports-reader")  # fmt: skip
            data.object_lambda_policies[name] = shapes.text(shapes.doc({
                "Effect": "Allow", "Principal": {"AWS": reader},
                "Action": "s3-object-lambda:GetObject", "Resource": arn}))  # fmt: skip
        record = data.function_named(fn) or {}
        role = self.roles.get(str(record.get("Role", "")).rsplit("/", 1)[-1])
        if role is not None:
            role.grant("s3-object-lambda:WriteGetObjectResponse", arn)

    def _add_access_point(self, region: str, team: str) -> str:
        """The team's standard access point on a private bucket (the supporting one)."""
        bucket = self.data_bucket(region, team, "objects")
        name = f"{team}-objects-ap"
        arn = shapes.arn("s3", region, f"accesspoint/{name}")
        self.account.region(region).access_points[name] = {
            "Name": name, "Bucket": bucket.rsplit(":", 1)[1], "NetworkOrigin": "Internet",
            "PublicAccessBlockConfiguration": BLOCK_ALL, "CreationDate": EPOCH,
            "Alias": f"{name}-{self._data_token(26).lower()}-s3alias", "AccessPointArn": arn,
            "BucketAccountId": ACCOUNT,
        }  # fmt: skip
        return arn

    # -- CloudFront ------------------------------------------------------------------------

    def add_url(self, fn: str, auth: str) -> None:
        """A function URL; some are served through a distribution (with an origin access
        control that signs requests when the URL wants IAM auth)."""
        super().add_url(fn, auth)
        if self.side_chance(URL_FRONTED):
            self.front_url(fn)

    def front_url(self, fn: str) -> Record:
        """A distribution serving the function URL of `fn`."""
        url = self.account.region(fn.split(":")[3]).urls[fn.split(":")[6]][0]
        host = url["FunctionUrl"].split("/")[2]
        control = self._access_control("lambda") if url["AuthType"] == "AWS_IAM" else ""
        return self.add_distribution(fn.split(":")[6], _origin("url", host, "", control))

    def _add_rest_api(self, region: str, team: str) -> Any:
        api = super()._add_rest_api(region, team)
        if self.side_chance(API_FRONTED):
            host = f"{api.record['id']}.execute-api.{region}.amazonaws.com"
            self.add_distribution(f"{team} api", self._api_origin(host, "/prod"))
        return api

    def _add_http_api(self, region: str, team: str) -> Any:
        api = super()._add_http_api(region, team)
        if self.side_chance(API_FRONTED):
            host = f"{api.record['ApiId']}.execute-api.{region}.amazonaws.com"
            self.add_distribution(f"{team} http api", self._api_origin(host, ""))
        return api

    def _api_origin(self, host: str, path: str) -> Record:
        """An API origin, half of them checking a shared-secret header only CloudFront sends."""
        origin = _origin("api", host, path, "")
        if self.side_chance(0.5):
            header = {"HeaderName": "X-Origin-Verify", "HeaderValue": self._side_token()}
            origin["CustomHeaders"] = {"Quantity": 1, "Items": [header]}
        return origin

    def add_edge(self, region: str, team: str, fn: str, share: float = EDGE_SHARE) -> None:
        """Now and then (`share`) a function also runs at the edge, on its team's site
        distribution."""
        if region != EDGE_REGION or not self.side_chance(share):
            return
        site = self.shared(("site", team), lambda: self._add_site(team))
        event = self.side_pick(("viewer-request", "origin-request", "origin-response"))
        association = {"LambdaFunctionARN": f"{fn}:1", "EventType": event, "IncludeBody": False}
        behaviours = site["CacheBehaviors"]
        behaviours["Items"].append({
            **_behaviour("site-origin"), "PathPattern": f"/{fn.split(':')[6]}/*",
            "LambdaFunctionAssociations": {"Quantity": 1, "Items": [association]},
        })  # fmt: skip
        behaviours["Quantity"] = len(behaviours["Items"])

    def _add_site(self, team: str) -> Record:
        host = f"{team}-site-{ACCOUNT}.s3.us-east-1.amazonaws.com"
        origin = {**_origin("site", host, "", self._access_control("s3")),
                  "S3OriginConfig": {"OriginAccessIdentity": ""}}  # fmt: skip
        origin.pop("CustomOriginConfig")
        return self.add_distribution(f"{team} site", origin)

    def add_distribution(self, comment: str, origin: Record) -> Record:
        """A distribution with one origin behind its default behaviour, some behind WAF."""
        n = self.side_id()
        dist_id = f"E{n:013d}"
        waf = shapes.arn("wafv2", "us-east-1", f"global/webacl/edge/{n:08x}")
        record: Record = {
            "Id": dist_id, "ARN": f"arn:aws:cloudfront::{ACCOUNT}:distribution/{dist_id}",
            "ETag": f"E{n:012d}X", "Status": "Deployed", "LastModifiedTime": shapes.when(n),
            "DomainName": f"d{n:012d}.cloudfront.net", "Aliases": {"Quantity": 0, "Items": []},
            "Origins": {"Quantity": 1, "Items": [origin]}, "OriginGroups": {"Quantity": 0},
            "DefaultCacheBehavior": _behaviour(origin["Id"]),
            "CacheBehaviors": {"Quantity": 0, "Items": []},
            "CustomErrorResponses": {"Quantity": 0}, "Comment": comment,
            "PriceClass": "PriceClass_100", "Enabled": True,
            "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
            "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
            "WebACLId": waf if self.side_chance(0.4) else "", "HttpVersion": "http2",
            "IsIPV6Enabled": True, "Staging": False,
        }  # fmt: skip
        self.account.distributions.append(record)
        self.others += 1
        return record

    def _access_control(self, kind: str) -> str:
        """The account's origin access control for an origin type (one each)."""

        def make() -> str:
            control_id = f"E{self.side_id():013d}OAC"
            self.account.access_controls.append({
                "Id": control_id, "Description": "", "Name": f"{kind}-signing",
                "SigningProtocol": "sigv4", "SigningBehavior": "always",
                "OriginAccessControlOriginType": kind,
            })  # fmt: skip
            return control_id

        return self.shared(("oac", kind), make)


ENTRY_ADDERS: dict[str, Callable[[Sources, str, str, str], None]] = {
    "appsync": Sources.add_data_source,
    "iot": Sources.add_topic_rule,
    "msk": Sources.add_msk_mapping,
    "kafka": Sources.add_kafka_mapping,
    "mq": Sources.add_mq_mapping,
    "ses": Sources.add_receipt_rule,
    "object_lambda": Sources.add_object_lambda,
}
"""Chain-entry kind (a key of `wiring.CHAIN_ENTRIES`) -> the adder that starts a chain there."""


def _origin(name: str, host: str, path: str, control: str) -> Record:
    return {
        "Id": f"{name}-origin", "DomainName": host, "OriginPath": path,
        "CustomHeaders": {"Quantity": 0},
        "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                               "OriginProtocolPolicy": "https-only",
                               "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                               "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5},
        "ConnectionAttempts": 3, "ConnectionTimeout": 10,
        "OriginShield": {"Enabled": False}, "OriginAccessControlId": control,
    }  # fmt: skip


def _behaviour(origin: str) -> Record:
    methods = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    return {
        "TargetOriginId": origin,
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": {"Quantity": len(methods), "Items": methods,
                           "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]}},
        "SmoothStreaming": False, "Compress": True,
        "LambdaFunctionAssociations": {"Quantity": 0},
        "FunctionAssociations": {"Quantity": 0}, "FieldLevelEncryptionId": "",
        "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    }  # fmt: skip
