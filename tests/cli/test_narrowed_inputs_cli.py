"""`explorer inputs` on a real crawl (moto over HTTP): a queue open to everyone from one
address reads "only from ..."; a queue every principal of the account may send to lists who
holds the grant."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main
from tests.crawl.test_lambda import _function


def _queue_feeding(session, endpoint: str, name: str, function: str, statement: dict) -> str:
    sqs = session.client("sqs", endpoint_url=endpoint)
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    policy = {"Version": "2012-10-17", "Statement": [{**statement, "Resource": arn["QueueArn"]}]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})
    lam = session.client("lambda", endpoint_url=endpoint)
    lam.create_event_source_mapping(FunctionName=function, EventSourceArn=arn["QueueArn"])
    return arn["QueueArn"]


@pytest.fixture
def snapshot(account_session, moto_endpoint, crawl_account):
    """`till` fed by a queue open to 203.0.113.7/32 only; `books` by one the account may use."""
    account = account_session.client("sts", endpoint_url=moto_endpoint).get_caller_identity()
    own = account["Account"]
    for name in ("till", "books"):
        _function(account_session, moto_endpoint, name)
    send = {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage"}
    one_address = {"IpAddress": {"aws:SourceIp": "203.0.113.7/32"}}
    own_account = {"StringEquals": {"aws:PrincipalAccount": own}}
    _queue_feeding(account_session, moto_endpoint, "sales", "till",
                   {**send, "Condition": one_address})  # fmt: skip
    _queue_feeding(account_session, moto_endpoint, "ledger", "books",
                   {**send, "Condition": own_account})  # fmt: skip
    return str(crawl_account().path)


def _inputs(capsys, function: str, path: str, *extra: str) -> str:
    assert main(["inputs", function, "--snapshot", path, *extra]) == 0
    return capsys.readouterr().out


def test_a_narrowed_input_says_from_where_only(capsys, snapshot):
    [row] = json.loads(_inputs(capsys, "till", snapshot, "--format", "json"))["inputs"]
    text = _inputs(capsys, "till", snapshot)

    assert (row["trust"], row["only"]) == ("anonymous", ["from 203.0.113.7/32"])
    assert "(only from 203.0.113.7/32)" in text


def test_an_account_wide_input_lists_who_holds_the_grant(capsys, snapshot):
    [row] = json.loads(_inputs(capsys, "books", snapshot, "--format", "json"))["inputs"]
    text = _inputs(capsys, "books", snapshot)

    assert row["trust"] == "account-wide" and row["every_principal"] is True
    assert isinstance(row["holders"], list)
    assert "every principal of the account, no IAM grant needed" in text
