"""A publicly accessible Amazon MQ broker for print-shop orders (its clients sign in with a
user name and password).

moto refuses event source mappings of MQ brokers (only SQS, Kinesis and DynamoDB sources), so
no function reads the broker here: the broker itself is seeded (a resource the internet may
reach with credentials), and the mapping edges are tested on AWS-shaped responses
(`tests/data/lambda/`). AWS never returns the broker user's password (the crawl test of `mq`
checks the snapshot holds none).
"""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns

BROKER = "pixmart-print-orders"
PASSWORD = "Demo-Broker-Passw0rd-not-real"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    clients("mq").create_broker(
        BrokerName=BROKER, EngineType="ACTIVEMQ", EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro", DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=True, AutoMinorVersionUpgrade=True, AuthenticationStrategy="SIMPLE",
        Users=[{"Username": "print-shop", "Password": PASSWORD}],
    )  # fmt: skip
