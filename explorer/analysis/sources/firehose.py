"""Kinesis Data Firehose: a delivery stream hands each batch of records to its transformation
function and waits for the transformed records, then delivers them to its destination.

Three kinds of edge carry the data through: the Kinesis stream (or MSK cluster) a delivery
stream reads -> the delivery stream; the delivery stream -> each Lambda processor's function
(synchronous: Firehose waits for the result); the delivery stream -> each destination (bucket,
backup bucket, OpenSearch domain). So whoever may write the source stream reaches the function
and the bucket.

A delivery stream has no resource policy: a `DirectPut` stream is written by whoever IAM lets
call `firehose:PutRecord`, which the IAM engine turns into `writes` edges from those principals
(`writes` below), and by services that name it as a target (log subscriptions, EventBridge
targets, whose edges already lead to its ARN). IAM grants are not told apart by stream type: a
grant on a stream fed by Kinesis draws a `writes` edge too, though AWS refuses such writes, so
the answer may overstate who feeds it, never hide it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.shapes import strings, text
from explorer.analysis.sources import RESOURCES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

DELIVERY_STREAM = "delivery_stream"
"""Node kind: a Kinesis Data Firehose delivery stream."""
TRANSFORM = tk.TriggerKind("firehose-transform", "Firehose transformation", tk.SYNC)
DELIVERY = tk.TriggerKind("firehose-delivery", "Firehose delivery", tk.CARRIES)
SOURCE_STREAM = tk.TriggerKind("firehose-source", "Firehose source stream", tk.CARRIES)


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Source -> stream, stream -> each transformation function and each destination."""
    for row in estate.rows("firehose_delivery_streams"):
        arn = row["arn"]
        source = text(row.get("source_arn"))
        if source:
            topic = text(row.get("source_topic"))
            graph.edge(
                source, arn, kinds.TRIGGERS,
                **SOURCE_STREAM.evidence(stream_type=row.get("stream_type"),
                                         **({"topic": topic} if topic else {})),
            )  # fmt: skip
        for function in strings(row.get("function_arns")):
            graph.edge(arn, function, kinds.TRIGGERS, **TRANSFORM.evidence(delivery_stream=arn))
        for target in strings(row.get("destination_arns")):
            graph.edge(arn, target, kinds.TRIGGERS, **DELIVERY.evidence(delivery_stream=arn))


SOURCE = Source(
    title="Kinesis Data Firehose delivery streams with Lambda transformation",
    crawl="firehose",
    kinds=(TRANSFORM, DELIVERY, SOURCE_STREAM),
    nodes=(
        NodeKind(
            DELIVERY_STREAM,
            "firehose_delivery_streams",
            "name",
            "delivery stream",
            RESOURCES,
            ("firehose", "deliverystream"),
            writes=("firehose:PutRecord", "firehose:PutRecordBatch"),
        ),
    ),
    columns={
        "firehose_delivery_streams": (
            "stream_type",
            "source_arn",
            "source_topic",
            "function_arns",
            "destination_arns",
        ),
    },
    triggers=triggers,
)
