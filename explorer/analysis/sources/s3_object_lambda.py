"""S3 Object Lambda: a GetObject (or HeadObject, ListObjects) through an Object Lambda access
point runs its transformation function synchronously, with the caller's request (URL, headers)
and a presigned URL of the original object; the caller waits for what the function returns.

The access point is an entry point (the app's entries): callers send it requests, and the
function is handed the object from the bucket behind the supporting access point, so two edges
carry data to the function: bucket -> access point (the objects it serves) and access point ->
function. Whoever may write the bucket steers the function too.

Who may call it: S3 Object Lambda takes no anonymous request (every call is signed), and its
public access block is always on, so a public policy grants nobody outside the account (AWS
refuses to attach one; RestrictPublicBuckets would void it). Its policy's grants to other
accounts are cross-account exposure, and a grant to everyone narrowed by a condition AWS does not
count as public (a source IP, a VPC endpoint) lets in any AWS account under that condition, never
the anonymous internet. Without a policy only the account's own principals may call it, through
their IAM grants (`writes` below). The supporting access point's and bucket's policies also
have to allow the call; they are not read (S3 access points are not crawled yet), so the answer
may overstate who may call, never hide it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.exposure import expose_by_policy, note_unknown
from explorer.analysis.shapes import strings, text
from explorer.analysis.sources import ENTRIES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

ACCESS_POINT = "object_lambda_access_point"
"""Node kind: an S3 Object Lambda access point."""
TRANSFORMATION = tk.TriggerKind("object-lambda", "S3 Object Lambda transformation", tk.SYNC)
SUPPORTING_BUCKET = tk.TriggerKind(
    "object-lambda-bucket", "S3 Object Lambda supporting bucket", tk.CARRIES
)
CALLS = ("s3-object-lambda:GetObject", "s3-object-lambda:HeadObject", "s3-object-lambda:ListBucket")
"""The actions that send a request through the access point to its function."""
POLICY = "Object Lambda access point policy"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Supporting bucket -> access point -> each transformation function."""
    for row in estate.rows("s3_object_lambda_access_points"):
        arn = row["arn"]
        bucket = text(row.get("supporting_bucket_arn"))
        if bucket:
            graph.edge(
                bucket, arn, kinds.TRIGGERS,
                **SUPPORTING_BUCKET.evidence(access_point=row.get("supporting_access_point")),
            )  # fmt: skip
        for function in strings(row.get("function_arns")):
            graph.edge(arn, function, kinds.TRIGGERS, **TRANSFORMATION.evidence())


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """Other accounts the access point's policy lets call it (signed requests only)."""
    for row in estate.rows("s3_object_lambda_access_points"):
        arn = row["arn"]
        if row.get("policy_read") is False:
            failed = "GetAccessPointPolicyForObjectLambda failed"
            note_unknown(graph, arn, f"{POLICY}: it could not be read ({failed})")
            continue
        probes = (arn, f"{arn}/object/*")
        expose_by_policy(
            graph, estate, arn, row.get("policy"), POLICY, CALLS,
            probes=probes, block=True, signed_only=True,
        )  # fmt: skip


SOURCE = Source(
    title="S3 Object Lambda access points with transformation functions",
    crawl="s3_object_lambda",
    kinds=(TRANSFORMATION, SUPPORTING_BUCKET),
    nodes=(
        NodeKind(
            ACCESS_POINT,
            "s3_object_lambda_access_points",
            "name",
            "Object Lambda access point",
            ENTRIES,
            ("s3-object-lambda", "accesspoint"),
            writes=CALLS,
        ),
    ),
    columns={
        "s3_object_lambda_access_points": (
            "supporting_access_point",
            "supporting_bucket_arn",
            "function_arns",
            "policy",
            "policy_read",
        ),
    },
    triggers=triggers,
    exposure=exposure,
)
