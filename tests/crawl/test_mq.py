"""The Amazon MQ crawl, against moto's server over HTTP: brokers with their public flag and
authentication strategy; a failed description is unknown, never "private" (Stubber)."""

from __future__ import annotations

import boto3
from botocore.stub import Stubber

from explorer.crawl import mq
from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Redactor
from tests.crawl.helpers import ACCOUNT, ListSink

BROKER_ARN = f"arn:aws:mq:us-east-1:{ACCOUNT}:broker:orders:b-24cacbb4-b295-49b7-8543-7ce7ce9dfb98"


def _broker(client, name: str, public: bool, engine: str = "ACTIVEMQ") -> str:
    return client.create_broker(
        BrokerName=name, EngineType=engine, EngineVersion="5.17.6",
        HostInstanceType="mq.t3.micro", DeploymentMode="SINGLE_INSTANCE",
        PubliclyAccessible=public, AutoMinorVersionUpgrade=True,
        Users=[{"Username": "app", "Password": "hunter2-broker-password"}],
        AuthenticationStrategy="SIMPLE",
    )["BrokerArn"]  # fmt: skip


def test_brokers_are_stored_with_public_access_and_auth(
    account_session, moto_endpoint, crawl_account
):
    client = account_session.client("mq", endpoint_url=moto_endpoint)
    public = _broker(client, "orders", True)
    private = _broker(client, "internal", False)

    snapshot = crawl_account(services=("mq",))

    rows = {r["arn"]: r for r in snapshot.rows("mq_brokers")}
    assert set(rows) == {public, private}
    assert rows[public]["name"] == "orders"
    assert (rows[public]["publicly_accessible"], rows[private]["publicly_accessible"]) == (
        True, False,
    )  # fmt: skip
    assert rows[public]["authentication_strategy"] == "SIMPLE"
    assert rows[public]["described"] is True
    assert "hunter2-broker-password" not in str(snapshot.rows("mq_brokers"))
    assert snapshot.rows("errors") == []


def test_a_broker_whose_description_failed_keeps_the_listing_and_an_unknown_public_flag():
    client = boto3.client(
        "mq", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    ctx = CrawlContext(
        clients=type("One", (), {"client": lambda self, s, r, probe=False: client})(),
        sink=ListSink(), account=ACCOUNT, partition="aws", redactor=Redactor(b"k"), workers=1,
    )  # fmt: skip
    summary = {"BrokerArn": BROKER_ARN, "BrokerId": "b-24cacbb4-b295-49b7-8543-7ce7ce9dfb98",
               "BrokerName": "orders", "BrokerState": "RUNNING", "EngineType": "RABBITMQ",
               "DeploymentMode": "CLUSTER_MULTI_AZ", "HostInstanceType": "mq.m5.large"}  # fmt: skip
    with Stubber(client) as stub:
        stub.add_response("list_brokers", {"BrokerSummaries": [summary], "NextToken": "2"}, {})
        stub.add_response("list_brokers", {"BrokerSummaries": []}, {"NextToken": "2"})
        stub.add_client_error("describe_broker", "ForbiddenException", http_status_code=403)

        mq.sync(ctx, "us-east-1")

    [row] = ctx.sink.rows["mq_brokers"]
    assert (row["arn"], row["engine_type"], row["state"]) == (BROKER_ARN, "RABBITMQ", "RUNNING")
    assert (row["described"], row["publicly_accessible"]) == (False, None)
    assert [(e.operation, e.resource) for e in ctx.sink.errors] == [("DescribeBroker", BROKER_ARN)]
