"""A publicly accessible Amazon MQ broker for print-shop orders (its clients sign in with a
user name and password), whose queue a print-order consumer reads.

moto 5.2 refuses event source mappings of MQ brokers; the demo server's extension
(`explorer/demo/moto_lambda.py`) lets it keep them as AWS does, so the mapping is real here
and its edge starts at the broker's node (the mapping names the broker's ARN). Lambda reads the
queue with the broker credentials of a Secrets Manager secret (`BASIC_AUTH`), named by ARN
only: moto checks no secret. AWS never returns the broker user's password (the crawl test of
`mq` checks the snapshot holds none).
"""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

BROKER = "pixmart-print-orders"
PASSWORD = "Demo-Broker-Passw0rd-not-real"
QUEUE = "print-orders"
SECRET = "pixmart/print-orders-broker-Ef34Gh"
"""The broker user's credentials for Lambda (`BASIC_AUTH`): a secret's name, by ARN only."""
CONSUMER = FunctionSpec(
    "pixmart-print-order-consumer",
    "python3.12",
    "pixmart-readonly-role",
    "Sends print orders from the broker's queue to the print shop",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=10,
)
KIND = "event-source-mapping"
"""The built-in trigger kind of every event source mapping."""


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    broker = clients("mq").create_broker(
        BrokerName=BROKER, EngineType="ACTIVEMQ", EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro", DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=True, AutoMinorVersionUpgrade=True, AuthenticationStrategy="SIMPLE",
        Users=[{"Username": "print-shop", "Password": PASSWORD}],
    )["BrokerArn"]  # fmt: skip
    function = deploy_function(clients, a, ledger, CONSUMER)
    clients("lambda").create_event_source_mapping(
        FunctionName=CONSUMER.name, EventSourceArn=broker, Queues=[QUEUE], BatchSize=10,
        SourceAccessConfigurations=[{"Type": "BASIC_AUTH", "URI": a.secret(SECRET)}],
    )  # fmt: skip
    ledger.trigger(KIND, broker, function, f"MQ queue {QUEUE}")
    ledger.flaws.append(
        Flaw("untrusted-input-authenticated", function,
             "a publicly accessible broker: anyone with a broker user's password may send")
    )  # fmt: skip
