"""The Amazon MSK crawl: moto's server for the listing and cluster policies, and AWS-shaped
responses (`tests/data/kafka/`, from the API reference) replayed through botocore's Stubber.

moto 5.2 lists provisioned and serverless clusters and keeps cluster policies, but drops a
provisioned cluster's ClientAuthentication (it answers `{}`), never pages, and answers a
cluster without a policy with an empty policy instead of NotFoundException: client
authentication, paging and the failed policy read are tested on the recorded responses.
"""

from __future__ import annotations

import json
from pathlib import Path

from botocore.stub import Stubber

from explorer.crawl import kafka
from tests.crawl.helpers import recorded, stubbed

DATA = Path(__file__).parent.parent / "data" / "kafka"
PARTNER_ROOT = "arn:aws:iam::210987654321:root"


def test_clusters_are_stored_with_auth_public_access_and_policy_across_pages():
    ctx, client = stubbed("kafka")
    pages = recorded(DATA, "list_clusters_v2.json")["pages"]
    arns = [c["ClusterArn"] for page in pages for c in page["ClusterInfoList"]]
    with Stubber(client) as stub:
        stub.add_response("list_clusters_v2", pages[0], {})
        stub.add_response("list_clusters_v2", pages[1], {"NextToken": pages[0]["NextToken"]})
        stub.add_response(
            "get_cluster_policy", recorded(DATA, "get_cluster_policy.json"), {"ClusterArn": arns[0]}
        )
        stub.add_client_error("get_cluster_policy", "NotFoundException", http_status_code=404)
        stub.add_client_error("get_cluster_policy", "AccessDeniedException", http_status_code=403)

        kafka.sync(ctx, "us-east-1")

    rows = {r["name"]: r for r in ctx.sink.rows["kafka_clusters"]}
    orders, legacy, clicks = rows["orders"], rows["legacy"], rows["clicks"]
    assert orders["arn"] == arns[0]
    assert (orders["type"], orders["kafka_version"]) == ("PROVISIONED", "3.5.1")
    assert orders["client_authentication"] == ["iam", "tls"]
    assert (orders["public_access"], orders["public_access_type"]) == (
        True, "SERVICE_PROVIDED_EIPS",
    )  # fmt: skip
    assert orders["policy"]["Statement"][0]["Principal"] == {"AWS": [PARTNER_ROOT]}
    assert orders["policy_read"] is True
    assert legacy["client_authentication"] == ["scram", "unauthenticated"]
    assert (legacy["public_access"], legacy["policy"], legacy["policy_read"]) == (
        False, None, True,
    )  # fmt: skip
    assert (clicks["type"], clicks["client_authentication"]) == ("SERVERLESS", ["iam"])
    assert (clicks["public_access"], clicks["policy_read"]) == (False, False)
    [error] = ctx.sink.errors
    assert (error.operation, error.code, error.resource) == (
        "GetClusterPolicy", "AccessDeniedException", arns[2],
    )  # fmt: skip


def test_unknown_auth_and_connectivity_stay_unknown():
    raw = {"ClusterArn": "arn:aws:kafka:us-east-1:123456789012:cluster/x/1", "ClusterName": "x",
           "ClusterType": "PROVISIONED", "Provisioned": {"ClientAuthentication": {}}}  # fmt: skip

    row = kafka.transform_cluster("us-east-1", raw, None, True)

    assert (row["client_authentication"], row["public_access"]) == (None, None)


def test_moto_clusters_and_their_policy_are_read(account_session, moto_endpoint, crawl_account):
    msk = account_session.client("kafka", endpoint_url=moto_endpoint)
    public = msk.create_cluster_v2(
        ClusterName="orders",
        Provisioned={
            "BrokerNodeGroupInfo": {
                "InstanceType": "kafka.m5.large", "ClientSubnets": ["subnet-1", "subnet-2"],
                "ConnectivityInfo": {"PublicAccess": {"Type": "SERVICE_PROVIDED_EIPS"}},
            },
            "KafkaVersion": "3.5.1", "NumberOfBrokerNodes": 2,
        },
    )["ClusterArn"]  # fmt: skip
    msk.create_cluster_v2(
        ClusterName="clicks",
        Serverless={"VpcConfigs": [{"SubnetIds": ["subnet-1"]}],
                    "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}}},
    )  # fmt: skip
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": PARTNER_ROOT},
        "Action": "kafka:CreateVpcConnection", "Resource": public}]}  # fmt: skip
    msk.put_cluster_policy(ClusterArn=public, Policy=json.dumps(policy))

    snapshot = crawl_account(services=("kafka",))

    rows = {r["name"]: r for r in snapshot.rows("kafka_clusters")}
    assert rows["orders"]["arn"] == public
    assert (rows["orders"]["public_access"], rows["orders"]["policy"]) == (True, policy)
    assert (rows["clicks"]["type"], rows["clicks"]["client_authentication"]) == (
        "SERVERLESS", ["iam"],
    )  # fmt: skip
    assert (rows["clicks"]["public_access"], rows["clicks"]["policy"]) == (False, None)
    assert snapshot.rows("errors") == []
