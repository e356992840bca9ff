"""Amazon MSK and Amazon MQ answers as AWS sends them: unique cluster and broker ARNs and ids,
so every cluster's policy and every broker's description is asked for."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, rows
from tests.crawl.shapes.realism import arn


def clusters(call: Call) -> None:
    for item in call.items("ClusterInfoList"):
        serial = call.world.next()
        item["ClusterArn"] = arn("kafka", f"cluster/{call.name()}/{serial:08x}-0000-4000-8000-1")


def brokers(call: Call) -> None:
    for item in call.items("BrokerSummaries"):
        broker_id = f"b-{call.world.next():08x}-0000-4000-8000-{call.world.next():012x}"
        item["BrokerId"] = broker_id
        item["BrokerArn"] = arn("mq", f"broker:{call.name()}:{broker_id}")


def broker(call: Call) -> None:
    call.response["BrokerId"] = call.params["BrokerId"]


cluster_lands = rows("kafka_clusters", "ClusterInfoList", arn="ClusterArn")
broker_lands = rows("mq_brokers", "BrokerSummaries", arn="BrokerArn")
