"""The EC2 crawl: instances with their state and instance profile, read from moto over HTTP."""

from __future__ import annotations

from typing import Any

import boto3


def _instance(session: boto3.Session, endpoint: str, **extra: Any) -> str:
    ec2 = session.client("ec2", endpoint_url=endpoint)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    reply = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, **extra)
    return reply["Instances"][0]["InstanceId"]


def _profile(session: boto3.Session, endpoint: str, name: str) -> str:
    iam = session.client("iam", endpoint_url=endpoint)
    iam.create_role(RoleName=name, AssumeRolePolicyDocument="{}")
    profile = iam.create_instance_profile(InstanceProfileName=name)["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
    return profile["Arn"]


def test_instances_are_stored_with_state_and_instance_profile(
    account_session, moto_endpoint, crawl_account
):
    profile = _profile(account_session, moto_endpoint, "web")
    web = _instance(account_session, moto_endpoint, IamInstanceProfile={"Arn": profile})
    bare = _instance(account_session, moto_endpoint)
    account_session.client("ec2", endpoint_url=moto_endpoint).stop_instances(InstanceIds=[bare])

    snapshot = crawl_account(services=("ec2",))

    rows = {r["instance_id"]: r for r in snapshot.rows("ec2_instances")}
    assert (rows[web]["state"], rows[web]["instance_profile_arn"]) == ("running", profile)
    assert (rows[bare]["state"], rows[bare]["instance_profile_arn"]) == ("stopped", None)
    account = profile.split(":")[4]
    assert rows[web]["arn"] == f"arn:aws:ec2:us-east-1:{account}:instance/{web}"
    assert snapshot.rows("errors") == []
