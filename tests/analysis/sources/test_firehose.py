"""Firehose delivery streams: hand-made rows, the graph they make, and taint from a Kinesis
stream through the delivery stream to its transformation function and bucket."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.firehose import DELIVERY, DELIVERY_STREAM, SOURCE_STREAM, TRANSFORM
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import estate, function, iam_role

STREAM = f"arn:aws:firehose:us-east-1:{ACCOUNT}:deliverystream/clicks"
KINESIS = f"arn:aws:kinesis:us-east-1:{ACCOUNT}:stream/clickstream"
BUCKET = "arn:aws:s3:::archive"
BACKUP = "arn:aws:s3:::backup"


def delivery(**extra) -> dict:
    return {
        "arn": STREAM, "name": "clicks", "region": "us-east-1", "described": True,
        "stream_type": "KinesisStreamAsSource", "source_arn": KINESIS,
        "function_arns": [f"{fn('transform')}:$LATEST"], "destination_arns": [BUCKET, BACKUP],
        **extra,
    }  # fmt: skip


def edges_of(g, kind: str) -> dict[tuple[str, str], dict]:
    return {
        (s, t): d["evidence"]
        for s, t, d in g.edges(data=True)
        if d["kind"] == kinds.TRIGGERS and d["evidence"].get("trigger_kind") == kind
    }


def test_a_stream_reads_its_source_transforms_with_its_function_and_delivers_to_its_buckets():
    g = build_graph(
        estate(functions=[function("transform")], firehose_delivery_streams=[delivery()])
    ).g

    assert g.nodes[STREAM]["kind"] == DELIVERY_STREAM
    assert set(edges_of(g, SOURCE_STREAM.key)) == {(KINESIS, STREAM)}
    assert set(edges_of(g, TRANSFORM.key)) == {(STREAM, fn("transform"))}  # $LATEST is the function
    assert set(edges_of(g, DELIVERY.key)) == {(STREAM, BUCKET), (STREAM, BACKUP)}
    assert g.nodes[KINESIS]["kind"] == kinds.STREAM


def test_a_direct_put_stream_has_no_source_edge_and_an_undescribed_one_no_edges():
    direct = delivery(stream_type="DirectPut", source_arn=None)
    unknown = {"arn": STREAM.replace("clicks", "gone"), "name": "gone", "described": False}
    g = build_graph(
        estate(functions=[function("transform")], firehose_delivery_streams=[direct, unknown])
    ).g

    assert edges_of(g, SOURCE_STREAM.key) == {}
    assert g.out_degree(unknown["arn"]) == 0 and g.nodes[unknown["arn"]]["kind"] == DELIVERY_STREAM


def test_taint_flows_from_an_exposed_kinesis_stream_to_the_function_and_the_bucket():
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
        "Action": "kinesis:PutRecord", "Resource": KINESIS}]}  # fmt: skip
    g = build_graph(
        estate(
            functions=[function("transform")],
            kinesis_streams=[{"arn": KINESIS, "name": "clickstream", "policy": policy}],
            firehose_delivery_streams=[delivery()],
        )
    ).g

    found = untrusted_inputs(g, {fn("transform"), BUCKET})

    assert {i.trust for i in found[fn("transform")]} == {kinds.CROSS_ACCOUNT}
    [into_function] = found[fn("transform")]
    assert into_function.path == ("account:999988887777", KINESIS, STREAM, fn("transform"))
    assert BUCKET in found


def test_principals_allowed_to_put_records_write_the_stream():
    writer = iam_role(
        "writer", {"Effect": "Allow", "Action": "firehose:PutRecord", "Resource": STREAM}
    )
    g = build_graph(
        estate(functions=[function("transform")], firehose_delivery_streams=[delivery()],
               iam_roles=[writer])
    ).g  # fmt: skip

    writes = [d for _, _, d in g.in_edges(STREAM, data=True) if d["kind"] == kinds.WRITES]
    assert [d["evidence"]["actions"] for d in writes] == [["firehose:PutRecord"]]
