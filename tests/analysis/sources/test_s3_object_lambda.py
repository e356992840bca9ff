"""S3 Object Lambda access points: an entry point whose callers must sign their requests, with
the bucket behind it and the function that transforms what it serves."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.s3_object_lambda import (
    ACCESS_POINT,
    SUPPORTING_BUCKET,
    TRANSFORMATION,
)
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import document, estate, function

POINT = f"arn:aws:s3-object-lambda:us-east-1:{ACCOUNT}:accesspoint/redact"
BUCKET = "arn:aws:s3:::records"


def access_point(**extra) -> dict:
    return {"arn": POINT, "name": "redact", "region": "us-east-1", "authorization_type": "AWS_IAM",
            "supporting_access_point": f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/records",
            "supporting_bucket_arn": BUCKET, "function_arns": [fn("redact")], "policy": None,
            "policy_read": True, **extra}  # fmt: skip


def graph_of(*rows: dict, **tables):
    return build_graph(
        estate(functions=[function("redact")], s3_object_lambda_access_points=list(rows), **tables)
    ).g


def exposures(g) -> list[dict]:
    return [d for _, _, d in g.in_edges(POINT, data=True) if d["kind"] == kinds.EXPOSES]


def test_the_bucket_feeds_the_access_point_which_triggers_its_function():
    g = graph_of(access_point())

    assert g.nodes[POINT]["kind"] == ACCESS_POINT
    kinds_of = {(s, t): d["evidence"]["trigger_kind"] for s, t, d in g.edges(data=True)
                if d["kind"] == kinds.TRIGGERS}  # fmt: skip
    assert kinds_of == {(BUCKET, POINT): SUPPORTING_BUCKET.key,
                        (POINT, fn("redact")): TRANSFORMATION.key}  # fmt: skip


def test_without_a_policy_no_one_outside_may_call_it():
    assert exposures(graph_of(access_point())) == []


def test_a_public_policy_is_void_as_its_public_access_block_is_always_on():
    policy = document({"Effect": "Allow", "Principal": "*", "Action": "s3-object-lambda:GetObject",
                       "Resource": POINT})  # fmt: skip

    assert exposures(graph_of(access_point(policy=policy))) == []


def test_everyone_from_one_address_is_any_aws_account_never_the_anonymous_internet():
    only_from = {"IpAddress": {"aws:SourceIp": "203.0.113.7/32"}}
    policy = document({"Effect": "Allow", "Principal": "*", "Action": "s3-object-lambda:GetObject",
                       "Resource": POINT, "Condition": only_from})  # fmt: skip
    g = graph_of(access_point(policy=policy))

    [edge] = exposures(g)
    assert edge["trust"] == kinds.CROSS_ACCOUNT
    [found] = untrusted_inputs(g)[fn("redact")]
    assert (found.origin, found.only) == (kinds.ANY_ACCOUNT, ("from 203.0.113.7/32",))


def test_a_foreign_account_granted_objects_is_cross_account():
    foreign = {"AWS": "arn:aws:iam::999988887777:root"}
    objects = f"{POINT}/object/*"
    policy = document(
        {
            "Effect": "Allow",
            "Principal": foreign,
            "Action": "s3-object-lambda:Get*",
            "Resource": objects,
        }
    )
    [edge] = exposures(graph_of(access_point(policy=policy)))

    assert (edge["trust"], edge["evidence"]["principal"]) == (
        kinds.CROSS_ACCOUNT, "account:999988887777"
    )  # fmt: skip


def test_a_public_bucket_behind_it_reaches_the_function():
    bucket = {
        "arn": BUCKET,
        "name": "records",
        "policy": document(
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:PutObject",
                "Resource": f"{BUCKET}/*",
            }
        ),
    }
    g = graph_of(access_point(), s3_buckets=[bucket])

    [found] = untrusted_inputs(g)[fn("redact")]
    assert found.path == ("internet", BUCKET, POINT, fn("redact"))


def test_a_policy_that_could_not_be_read_leaves_the_exposure_unknown():
    g = graph_of(access_point(policy_read=False))

    assert "could not be read" in g.nodes[POINT]["exposure_unknown"][0]
