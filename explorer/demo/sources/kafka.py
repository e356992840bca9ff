"""A public Amazon MSK cluster for the click stream, whose cluster policy lets the partner
account write every topic.

moto refuses event source mappings of MSK clusters and self-managed Kafka (only SQS, Kinesis
and DynamoDB sources), so no function reads the cluster here: the cluster itself is seeded (a
resource, exposed to the internet with credentials and to the partner account by its policy),
and the mapping edges are tested on AWS-shaped responses (`tests/data/lambda/`).
"""

from __future__ import annotations

from explorer.demo.clients import Clients, dumps
from explorer.demo.ledger import Ledger
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

CLUSTER = "pixmart-clickstream"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
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
