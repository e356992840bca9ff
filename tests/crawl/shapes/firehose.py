"""Firehose answers as AWS sends them: unique delivery stream names (the list pages by its last
name), and descriptions of the stream that was asked for."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, Landing, call_key
from tests.crawl.shapes.realism import arn


def names(call: Call) -> None:
    """Unique names, at least one per page: AWS goes on from a page's last name."""
    listed = call.response.get("DeliveryStreamNames") or []
    call.response["DeliveryStreamNames"] = [call.name() for _ in listed or [None]]


def stream_lands(call: Call) -> list[Landing]:
    """Each listed stream lands, unless it was deleted before it could be described."""
    return [
        Landing("firehose_delivery_streams", {"name": name},
                unless=call_key("firehose", "DescribeDeliveryStream",
                                {"DeliveryStreamName": name}, None))
        for name in call.response["DeliveryStreamNames"]
    ]  # fmt: skip


def description(call: Call) -> None:
    """The description names the stream asked for, with its ARN."""
    name = call.params["DeliveryStreamName"]
    described = call.response.setdefault("DeliveryStreamDescription", {})
    described.update(
        DeliveryStreamName=name, DeliveryStreamARN=arn("firehose", f"deliverystream/{name}")
    )
