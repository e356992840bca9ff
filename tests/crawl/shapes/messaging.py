"""What AWS guarantees beyond the output shapes of SNS, SQS and EventBridge."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tests.crawl.shapes import realism as r
from tests.crawl.shapes.model import Call, Landing
from tests.crawl.shapes.realism import ACCOUNT, REGION, arn

# -- SNS --------------------------------------------------------------------------------------


def topics(call: Call) -> None:
    for item in call.items("Topics"):
        suffix = call.draw(st.sampled_from(["", ".fifo"]))
        item["TopicArn"] = arn("sns", f"{call.name()}{suffix}")
        call.world.memo.setdefault("topics", []).append(item["TopicArn"])


def echo(attributes: dict[str, Any], values: dict[str, Any]) -> None:
    """Attributes that repeat what was asked for (drawn as the placeholder "echo")."""
    for name, value in values.items():
        if attributes.get(name) == "echo":
            attributes[name] = value


def topic_attributes(call: Call) -> None:
    attributes = call.response.get("Attributes") or {}
    echo(attributes, {"TopicArn": call.params["TopicArn"]})
    if call.rich:  # more subscriptions than listed: the topic is listed on its own
        call.response["Attributes"] = {**attributes, "SubscriptionsConfirmed": "9"}


def subscriptions(call: Call) -> None:
    """Unique per (topic, protocol, endpoint); pending ones carry a status, not an ARN."""
    known = call.world.memo.get("topics") or [arn("sns", "foreign", account=r.FOREIGN)]
    for index, item in enumerate(call.items("Subscriptions")):
        topic = call.params.get("TopicArn") or call.draw(st.sampled_from(known))
        edge = call.rich and index == 0  # one whose attributes are read
        protocol = "sqs" if edge else call.draw(r.SNS_PROTOCOLS)
        endpoint, stored = r.endpoint(protocol, call.world)
        states = ["confirmed"] if edge else ["confirmed", "PendingConfirmation", "Deleted"]
        state = call.draw(st.sampled_from(states))
        sub_arn = f"{topic}:{call.world.next():08x}" if state == "confirmed" else state
        item.update(TopicArn=topic, Protocol=protocol, Endpoint=endpoint, SubscriptionArn=sub_arn)
        item.setdefault("Owner", ACCOUNT)
        call.world.memo.setdefault("subscriptions", {})[sub_arn] = item
        call.world.memo.setdefault("stored endpoints", {})[endpoint] = stored


def subscription_lands(call: Call) -> list[Landing]:
    """Each subscription lands; an HTTP(S) endpoint's password is stored masked."""
    stored = call.world.memo.get("stored endpoints", {})
    return [
        Landing("sns_subscriptions", {"topic_arn": s["TopicArn"], "protocol": s["Protocol"],
                                      "endpoint": stored[s["Endpoint"]]})
        for s in call.items("Subscriptions")
    ]  # fmt: skip


def subscription_attributes(call: Call) -> None:
    asked = call.params["SubscriptionArn"]
    listed = call.world.memo["subscriptions"][asked]
    same = {k: listed[k] for k in ("TopicArn", "Endpoint", "Protocol")}
    echo(call.response.get("Attributes") or {}, {"SubscriptionArn": asked, **same})


# -- SQS --------------------------------------------------------------------------------------

QUEUE_HOSTS = st.sampled_from([f"sqs.{REGION}.amazonaws.com", f"{REGION}.queue.amazonaws.com"])


def queues(call: Call) -> None:
    """Queue URLs, in the current and the legacy host form."""
    listed = call.response.get("QueueUrls") or []
    names = [f"{call.name()}{call.draw(st.sampled_from(['', '.fifo']))}" for _ in listed]
    host = call.draw(QUEUE_HOSTS)
    call.response["QueueUrls"] = [f"https://{host}/{ACCOUNT}/{name}" for name in names]


def queue_lands(call: Call) -> list[Landing]:
    return [Landing("sqs_queues", {"url": u}) for u in call.response["QueueUrls"]]


def queue_attributes(call: Call) -> None:
    account, name = call.params["QueueUrl"].rsplit("/", 2)[-2:]
    echo(call.response.get("Attributes") or {}, {"QueueArn": arn("sqs", name, account=account)})


# -- EventBridge ------------------------------------------------------------------------------


def bus_arn(name: str) -> str:
    return name if name.startswith("arn:") else arn("events", f"event-bus/{name}")


def rule_arn(bus: str, rule: str) -> str:
    return arn("events", f"rule/{rule}" if bus == "default" else f"rule/{bus}/{rule}")


def buses(call: Call) -> None:
    for item in call.items("EventBuses"):
        item["Name"] = call.name()
        item["Arn"] = bus_arn(item["Name"])


def bus(call: Call) -> None:
    name = call.params.get("Name", "default")
    call.response.update(Name=name, Arn=bus_arn(name))


def rules(call: Call) -> None:
    on = call.params.get("EventBusName", "default")
    for item in call.items("Rules"):
        item.update(Name=call.name(), EventBusName=on)
        item["Arn"] = rule_arn(on, item["Name"])


def targets(call: Call) -> None:
    for item in call.items("Targets"):
        item["Id"] = f"{item['Id'][:50]}-{call.world.next()}"


def target_lands(call: Call) -> list[Landing]:
    rule = rule_arn(call.params.get("EventBusName", "default"), call.params["Rule"])
    return [
        Landing("event_targets", {"rule_arn": rule, "target_id": t["Id"]})
        for t in call.items("Targets")
    ]
