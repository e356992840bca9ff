"""Amazon MQ brokers, polled by Lambda event source mappings (ActiveMQ queues, RabbitMQ
queues).

Lambda reads the mapped queues and hands each batch to the function: the built-in
`event-source-mapping` edge (POLL), which starts at the broker's node because the mapping names
the broker's ARN (`triggers.py` builds it with every other mapping; nothing more is built here).

Who may send: a publicly accessible broker takes connections from the internet, and an Amazon MQ
broker always authenticates its clients (`SIMPLE` users, `LDAP`, or RabbitMQ's
`CONFIG_MANAGED`): authenticated input. A broker that is not publicly accessible is reachable
only from its VPC: no exposure. A broker whose description could not be read has an unknown
exposure (said in its `exposure_unknown`), never "private".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis.exposure import note_unknown
from explorer.analysis.sources import RESOURCES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

BROKER = "mq_broker"
"""Node kind: an Amazon MQ broker."""


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Nothing to add: a broker's mapping edges are the built-in event source mapping edges."""


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """The internet may connect to each publicly accessible broker, with credentials."""
    for row in estate.rows("mq_brokers"):
        public = row.get("publicly_accessible")
        if public is True:
            graph.edge(
                kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.AUTHENTICATED,
                via="publicly accessible MQ broker",
                authentication=row.get("authentication_strategy") or "not recorded",
            )  # fmt: skip
        elif public is None:
            note_unknown(graph, row["arn"], "MQ broker description: not read")


SOURCE = Source(
    title="Amazon MQ brokers (the sources of event source mappings)",
    crawl="mq",
    kinds=(),
    nodes=(NodeKind(BROKER, "mq_brokers", "name", "MQ broker", RESOURCES, ("mq", "broker")),),
    columns={"mq_brokers": ("publicly_accessible", "authentication_strategy")},
    triggers=triggers,
    exposure=exposure,
)
