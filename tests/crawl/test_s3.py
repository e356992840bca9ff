"""The S3 crawl: moto for buckets and their settings, AWS-shaped data where moto differs."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.stub import Stubber

from explorer.crawl import s3
from explorer.crawl.client import strip_account_host
from tests.crawl.helpers import offline_context

DATA = Path(__file__).parent.parent / "data" / "s3"
ACCOUNT = "123456789012"


def _offline_client(service: str):
    return boto3.client(
        service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def _bucket(session: boto3.Session, endpoint: str, region: str = "us-east-1") -> str:
    """A new bucket (names are global in moto too, so each test gets its own)."""
    name = f"bkt-{uuid.uuid4().hex[:12]}"
    s3_client = session.client("s3", endpoint_url=endpoint, region_name=region)
    extra = {} if region == "us-east-1" else {"LocationConstraint": region}
    s3_client.create_bucket(Bucket=name, **({"CreateBucketConfiguration": extra} if extra else {}))
    return name


def _account(session: boto3.Session, endpoint: str) -> str:
    return session.client("sts", endpoint_url=endpoint).get_caller_identity()["Account"]


def test_bucket_settings_are_read_in_the_buckets_own_region(
    account_session, moto_endpoint, crawl_account
):
    name = _bucket(account_session, moto_endpoint, "eu-west-2")
    client = account_session.client("s3", endpoint_url=moto_endpoint, region_name="eu-west-2")
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{name}/*",
    }]}  # fmt: skip
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    client.put_bucket_acl(Bucket=name, ACL="public-read")
    client.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": False,
        "BlockPublicPolicy": True, "RestrictPublicBuckets": False,
    })  # fmt: skip
    client.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k1"},
    }]})  # fmt: skip

    snapshot = crawl_account(services=("s3",))

    [row] = snapshot.rows("s3_buckets")
    assert (row["arn"], row["region"]) == (f"arn:aws:s3:::{name}", "eu-west-2")
    assert row["policy"]["Statement"][0]["Principal"] == "*"
    assert (row["block_public_acls"], row["ignore_public_acls"]) == (True, False)
    assert (row["block_public_policy"], row["restrict_public_buckets"]) == (True, False)
    assert row["acl_all_users"] == ["READ"]
    assert (row["encryption_algorithm"], row["kms_key_id"]) == ("aws:kms", "k1")


def test_unconfigured_bucket_reads_as_unprotected_not_as_unknown(
    account_session, moto_endpoint, crawl_account
):
    _bucket(account_session, moto_endpoint)

    snapshot = crawl_account(services=("s3",))

    [row] = snapshot.rows("s3_buckets")
    assert (row["policy"], row["policy_is_public"]) == (None, False)
    assert (row["block_public_acls"], row["restrict_public_buckets"]) == (False, False)
    assert row["acl_all_users"] == [] and row["acl_authenticated_users"] == []
    assert row["encryption_algorithm"] is None
    assert snapshot.rows("errors") == []


def test_object_ownership_is_read_and_no_controls_means_acls_enabled(
    account_session, moto_endpoint, crawl_account
):
    enforced = _bucket(account_session, moto_endpoint)
    bare = _bucket(account_session, moto_endpoint)
    account_session.client("s3", endpoint_url=moto_endpoint).put_bucket_ownership_controls(
        Bucket=enforced,
        OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
    )

    snapshot = crawl_account(services=("s3",))

    owned = {r["name"]: r["object_ownership"] for r in snapshot.rows("s3_buckets")}
    assert owned == {enforced: "BucketOwnerEnforced", bare: "ObjectWriter"}
    assert snapshot.rows("errors") == []  # OwnershipControlsNotFoundError is data, not a failure


def test_ownership_controls_map_to_object_ownership():
    preferred = {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}}

    assert s3.transform_ownership(preferred) == "BucketOwnerPreferred"
    assert s3.transform_ownership({}) == "ObjectWriter"
    assert s3.transform_ownership(None) is None


def test_notifications_become_one_row_per_destination(
    account_session, moto_endpoint, crawl_account
):
    name = _bucket(account_session, moto_endpoint)
    account = _account(account_session, moto_endpoint)
    queue = f"arn:aws:sqs:us-east-1:{account}:uploads"
    topic = f"arn:aws:sns:us-east-1:{account}:uploads"
    account_session.client("sqs", endpoint_url=moto_endpoint).create_queue(QueueName="uploads")
    account_session.client("sns", endpoint_url=moto_endpoint).create_topic(Name="uploads")
    s3_client = account_session.client("s3", endpoint_url=moto_endpoint)
    s3_client.put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={
        "QueueConfigurations": [{
            "Id": "q", "QueueArn": queue, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}},
        }],
        "TopicConfigurations": [{"Id": "t", "TopicArn": topic, "Events": ["s3:ObjectRemoved:*"]}],
    })  # fmt: skip

    snapshot = crawl_account(services=("s3",))

    rows = {r["id"]: r for r in snapshot.rows("s3_notifications")}
    assert rows["q"]["bucket_arn"] == f"arn:aws:s3:::{name}"
    assert (rows["q"]["destination_type"], rows["q"]["destination_arn"]) == ("sqs", queue)
    assert rows["q"]["filter"] == {"prefix": "in/"}
    assert (rows["t"]["destination_type"], rows["t"]["events"]) == ("sns", ["s3:ObjectRemoved:*"])


def test_account_public_access_block_is_read_through_s3_control(
    account_session, moto_endpoint, crawl_account
):
    account = _account(account_session, moto_endpoint)
    control = account_session.client(
        "s3control", endpoint_url=moto_endpoint, config=Config(inject_host_prefix=False)
    )
    control.meta.events.register("before-sign.s3-control.*", strip_account_host)
    control.put_public_access_block(AccountId=account, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True,
        "BlockPublicPolicy": True, "RestrictPublicBuckets": False,
    })  # fmt: skip

    snapshot = crawl_account(services=("s3",))

    [row] = snapshot.rows("s3_account_settings")
    assert row["account"] == account
    assert (row["block_public_policy"], row["restrict_public_buckets"]) == (True, False)


def test_each_bucket_costs_at_most_seven_reads_on_moto(
    account_session, moto_endpoint, crawl_account
):
    for _ in range(3):
        _bucket(account_session, moto_endpoint)

    snapshot = crawl_account(services=("s3",))

    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls") if r["service"] == "s3"}
    per_bucket = (sum(calls.values()) - calls["ListBuckets"]) / 3
    assert per_bucket <= 7  # location (moto lists no region) + 6 settings; no policy, no status


def test_buckets_are_read_across_pages():
    pages = json.loads((DATA / "list_buckets.json").read_text())["pages"]
    client = _offline_client("s3")
    with Stubber(client) as stub:
        stub.add_response("list_buckets", pages[0], {"MaxBuckets": 1000})
        token = pages[0]["ContinuationToken"]
        stub.add_response(
            "list_buckets", pages[1], {"MaxBuckets": 1000, "ContinuationToken": token}
        )

        buckets = s3.get_buckets(offline_context(), client)

    assert [b["Name"] for b in buckets] == ["amzn-s3-demo-bucket1", "amzn-s3-demo-bucket2"]


def test_region_from_the_listing_saves_the_location_call():
    client = _offline_client("s3")
    with Stubber(client):  # no responses queued: any call would fail
        region = s3.get_region(
            offline_context(), client, {"Name": "b", "BucketRegion": "eu-west-1"}
        )

    assert region == "eu-west-1"


def test_legacy_location_constraints_map_to_regions():
    assert s3.location_region(None) == "us-east-1"
    assert s3.location_region("") == "us-east-1"
    assert s3.location_region("EU") == "eu-west-1"
    assert s3.location_region("ap-south-1") == "ap-south-1"


def test_eventbridge_delivery_targets_the_default_bus_of_the_bucket_region():
    config = json.loads((DATA / "get_bucket_notification_configuration.json").read_text())
    bus = f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/default"

    rows = s3.transform_notifications("arn:aws:s3:::amzn-s3-demo-bucket1", config, bus)

    by_type = {r["destination_type"]: r for r in rows}
    assert set(by_type) == {"lambda", "sqs", "sns", "eventbridge"}
    assert by_type["eventbridge"]["destination_arn"] == bus
    assert by_type["lambda"]["filter"] == {"prefix": "uploads/", "suffix": ".jpg"}


def test_aws_policy_status_and_group_grants_are_flagged():
    settings = json.loads((DATA / "bucket_settings.json").read_text())
    listing = {"Name": "amzn-s3-demo-bucket1", "CreationDate": "2024-02-15T19:28:02Z"}

    row = s3.transform_bucket("aws", listing, "eu-west-1", settings)

    assert row["policy_is_public"] is True
    assert row["policy"]["Statement"][0]["Sid"] == "PublicRead"
    assert (row["acl_all_users"], row["acl_authenticated_users"]) == (["READ"], ["WRITE"])
    assert (row["encryption_algorithm"], row["bucket_key_enabled"]) == ("AES256", False)
    assert row["owner_id"].startswith("27c3bf5b")


def test_failed_reads_leave_settings_unknown():
    settings = {key: None for key, _ in s3.SETTINGS} | {"PolicyStatus": None}

    row = s3.transform_bucket("aws", {"Name": "b"}, None, settings)

    assert row["policy_is_public"] is None
    assert row["block_public_policy"] is None
    assert row["acl_all_users"] is None
    assert row["object_ownership"] is None
