"""A public Amazon MSK cluster for the click stream, whose cluster policy lets the partner
account write every topic, read by a click-stream consumer; and the partner's own Kafka
(self-managed: AWS knows only its bootstrap servers), read by a partner-orders function.

moto 5.2 refuses event source mappings of MSK clusters and self-managed Kafka; the demo
server's extension (`explorer/demo/moto_lambda.py`) lets it keep them as AWS does, so both
mappings are real here: the MSK one names the cluster's ARN (its edge starts at the cluster's
node), the self-managed one has no ARN (its node is `kafka:<bootstrap servers>`, the id
`explorer/analysis/sources/kafka.py` makes).
"""

from __future__ import annotations

from explorer.demo.clients import Clients, dumps
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

CLUSTER = "pixmart-clickstream"
TOPIC = "clickstream"
CONSUMER = FunctionSpec(
    "pixmart-clickstream-consumer",
    "python3.12",
    "pixmart-readonly-role",
    "Aggregates the storefront click stream (MSK topic the partner also writes)",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=20,
)
PARTNER_SERVERS = ("kafka1.partner.example:9092", "kafka2.partner.example:9092")
PARTNER_TOPIC = "orders"
PARTNER_SECRET = "pixmart/partner-kafka-Ab12Cd"
"""The SASL/SCRAM credentials' secret (named by ARN only: Lambda reads it, moto need not)."""
PARTNER_ORDERS = FunctionSpec(
    "pixmart-partner-orders",
    "python3.12",
    "pixmart-readonly-role",
    "Imports orders from the partner's own Kafka cluster",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=10,
)
KIND = "event-source-mapping"
"""The built-in trigger kind of every event source mapping."""


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    arn = _cluster(clients)
    consumer = deploy_function(clients, a, ledger, CONSUMER)
    # IAM client authentication: Lambda signs in with the function's role, so the mapping
    # needs no SourceAccessConfigurations (SASL/SCRAM or mTLS would name a secret).
    clients("lambda").create_event_source_mapping(
        FunctionName=CONSUMER.name, EventSourceArn=arn, Topics=[TOPIC],
        StartingPosition="LATEST", BatchSize=100,
    )  # fmt: skip
    ledger.trigger(KIND, arn, consumer, f"MSK topic {TOPIC}")
    ledger.flaws.append(
        Flaw("untrusted-input-cross-account", consumer,
             "the cluster policy lets the partner account write every topic of the cluster")
    )  # fmt: skip
    ledger.flaws.append(
        Flaw("untrusted-input-authenticated", consumer,
             "the cluster is public: any IAM principal allowed to write the topic may produce")
    )  # fmt: skip
    _partner_kafka(clients, a, ledger)


def _cluster(clients: Clients) -> str:
    """The public cluster (IAM client auth) and its policy granting the partner every topic."""
    msk = clients("kafka")
    arn = msk.create_cluster_v2(
        ClusterName=CLUSTER,
        Provisioned={
            "BrokerNodeGroupInfo": {
                "InstanceType": "kafka.m5.large",
                "ClientSubnets": ["subnet-0a1b2c3d", "subnet-1a2b3c4d"],
                "ConnectivityInfo": {"PublicAccess": {"Type": "SERVICE_PROVIDED_EIPS"}},
            },
            "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
            "KafkaVersion": "3.5.1",
            "NumberOfBrokerNodes": 2,
        },
    )["ClusterArn"]
    topics = arn.replace(":cluster/", ":topic/", 1) + "/*"
    partner = {
        "Sid": "PartnerProducers",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"},
        "Action": ["kafka:CreateVpcConnection", "kafka-cluster:Connect",
                   "kafka-cluster:WriteData"],
        "Resource": [arn, topics],
    }  # fmt: skip
    msk.put_cluster_policy(
        ClusterArn=arn, Policy=dumps({"Version": "2012-10-17", "Statement": [partner]})
    )
    return arn


def _partner_kafka(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """The partner's self-managed Kafka, read with SASL/SCRAM credentials from a secret."""
    function = deploy_function(clients, a, ledger, PARTNER_ORDERS)
    secret = a.secret(PARTNER_SECRET)
    clients("lambda").create_event_source_mapping(
        FunctionName=PARTNER_ORDERS.name, Topics=[PARTNER_TOPIC], StartingPosition="TRIM_HORIZON",
        SelfManagedEventSource={"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": list(PARTNER_SERVERS)}},
        SourceAccessConfigurations=[{"Type": "SASL_SCRAM_512_AUTH", "URI": secret}],
    )  # fmt: skip
    node = "kafka:" + ",".join(sorted(PARTNER_SERVERS))  # the analysis's node id for it
    ledger.trigger(KIND, node, function, f"self-managed Kafka topic {PARTNER_TOPIC}")
    ledger.flaws.append(
        Flaw("untrusted-input-authenticated", function,
             "self-managed Kafka: whoever the partner's brokers let produce reaches it")
    )  # fmt: skip
