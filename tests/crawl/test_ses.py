"""The SES receipt rule crawl, against moto's server over HTTP: the active rule set's rules with
their Lambda, S3 and SNS actions; a region without email receiving holds no rules (Stubber, with
the `InvalidAction: Unavailable Operation` AWS answers there)."""

from __future__ import annotations

import io
import json
import zipfile

import boto3
from botocore.stub import Stubber

from explorer.crawl import ses
from tests.crawl.helpers import stubbed

TOKEN = "xoxb-2f9c1e7a-hunter2-mail-token"


def _function(session: boto3.Session, endpoint: str, name: str) -> str:
    role = session.client("iam", endpoint_url=endpoint).create_role(
        RoleName=name, AssumeRolePolicyDocument="{}"
    )["Role"]["Arn"]
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("index.py", "def handler(e, c): pass\n")
    return session.client("lambda", endpoint_url=endpoint).create_function(
        FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": package.getvalue()},
    )["FunctionArn"]  # fmt: skip


def test_active_rules_are_stored_with_their_actions(account_session, moto_endpoint, crawl_account):
    function = _function(account_session, moto_endpoint, "mail")
    account_session.client("s3", endpoint_url=moto_endpoint).create_bucket(Bucket="mail-archive")
    topic = account_session.client("sns", endpoint_url=moto_endpoint).create_topic(
        Name="mail-events"
    )["TopicArn"]
    client = account_session.client("ses", endpoint_url=moto_endpoint)
    client.create_receipt_rule_set(RuleSetName="inbound")
    client.create_receipt_rule_set(RuleSetName="unused")
    client.create_receipt_rule(RuleSetName="unused", Rule={"Name": "never", "Enabled": True})
    lambda_event = {"LambdaAction": {"FunctionArn": function, "InvocationType": "Event"}}
    client.create_receipt_rule(RuleSetName="inbound", Rule={
        "Name": "support", "Enabled": True, "Recipients": ["support@pixmart.example"],
        "ScanEnabled": True, "TlsPolicy": "Require",
        "Actions": [
            {"AddHeaderAction": {"HeaderName": "X-Relay-Token", "HeaderValue": TOKEN}},
            {"S3Action": {"BucketName": "mail-archive", "ObjectKeyPrefix": "in/"}},
            lambda_event,
        ],
    })  # fmt: skip
    client.create_receipt_rule(RuleSetName="inbound", After="support", Rule={
        "Name": "filter", "Enabled": False,
        "Actions": [{"LambdaAction": {"FunctionArn": function, "InvocationType": "RequestResponse",
                                      "TopicArn": topic}}, {"SNSAction": {"TopicArn": topic}}],
    })  # fmt: skip
    client.set_active_receipt_rule_set(RuleSetName="inbound")

    snapshot = crawl_account(services=("ses",))

    rules = {r["name"]: r for r in snapshot.rows("ses_receipt_rules")}
    assert set(rules) == {"inbound/support", "inbound/filter"}
    support, filter_ = rules["inbound/support"], rules["inbound/filter"]
    assert support["arn"] == (
        f"arn:aws:ses:us-east-1:{snapshot.meta['account']}:receipt-rule-set/inbound"
        ":receipt-rule/support"
    )
    assert (support["position"], filter_["position"]) == (1, 2)
    assert (support["enabled"], filter_["enabled"]) == (True, False)
    assert support["recipients"] == ["support@pixmart.example"]
    assert (support["scan_enabled"], support["tls_policy"]) == (True, "Require")
    assert support["authorization_type"] == "NONE"
    assert support["actions"] == ["AddHeaderAction", "S3Action", "LambdaAction"]
    assert support["function_actions"] == [{"function_arn": function, "invocation_type": "Event"}]
    assert support["bucket_arns"] == ["arn:aws:s3:::mail-archive"]
    assert filter_["function_actions"][0]["invocation_type"] == "RequestResponse"
    assert filter_["topic_arns"] == [topic]
    assert TOKEN not in json.dumps(snapshot.rows("ses_receipt_rules"))
    assert snapshot.rows("errors") == []


def test_a_region_without_email_receiving_holds_no_rules_and_no_gap():
    ctx, client = stubbed("ses", "eu-west-3")
    with Stubber(client) as stub:
        stub.add_client_error(
            "describe_active_receipt_rule_set", "InvalidAction", "Unavailable Operation", 400
        )
        ses.sync(ctx, "eu-west-3")

    assert (ctx.sink.rows, ctx.sink.errors) == ({}, [])


def test_no_active_rule_set_is_no_rules_and_a_failed_read_is_a_gap():
    ctx, client = stubbed("ses", "eu-west-3")
    with Stubber(client) as stub:
        stub.add_response("describe_active_receipt_rule_set", {})
        stub.add_client_error(
            "describe_active_receipt_rule_set", "AccessDenied", http_status_code=403
        )
        ses.sync(ctx, "eu-west-3")
        ses.sync(ctx, "eu-west-3")

    assert ctx.sink.rows == {}
    assert [(e.operation, e.code) for e in ctx.sink.errors] == [
        ("DescribeActiveReceiptRuleSet", "AccessDenied")
    ]
