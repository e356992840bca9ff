"""DESIGN §9's JSON contract, key by key, on a small account the demo knows nothing of."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main
from tests.crawl.test_lambda import _function

FINDING_KEYS = {"rule", "owasp", "severity", "resource", "title", "detail", "path", "remediation"}


@pytest.fixture
def snapshot(account_session, moto_endpoint, crawl_account):
    """A public URL on `front`, which writes a queue that triggers `back`."""
    front = _function(account_session, moto_endpoint, "front")
    _function(account_session, moto_endpoint, "back")
    lam = account_session.client("lambda", endpoint_url=moto_endpoint)
    lam.create_function_url_config(FunctionName="front", AuthType="NONE")
    lam.add_permission(FunctionName="front", StatementId="u", Principal="*",
                       Action="lambda:InvokeFunctionUrl", FunctionUrlAuthType="NONE")  # fmt: skip
    sqs = account_session.client("sqs", endpoint_url=moto_endpoint)
    url = sqs.create_queue(QueueName="work")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    lam.create_event_source_mapping(FunctionName="back", EventSourceArn=arn["QueueArn"])
    iam = account_session.client("iam", endpoint_url=moto_endpoint)
    statement = {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": arn["QueueArn"]}
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    iam.put_role_policy(RoleName="fn-role", PolicyName="send", PolicyDocument=document)
    assert front
    return str(crawl_account().path)


def report(capsys, *args: str) -> dict:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_findings_document(capsys, snapshot):
    doc = report(capsys, "findings", "--snapshot", snapshot)

    assert set(doc) >= {"snapshot", "findings"} and doc["snapshot"]["account"]
    assert doc["findings"] and all(set(f) >= FINDING_KEYS for f in doc["findings"])


def test_inputs_document(capsys, snapshot):
    doc = report(capsys, "inputs", "back", "--snapshot", snapshot)

    assert doc["function"].endswith(":function:back")
    [found] = doc["inputs"]
    assert set(found) >= {"origin", "trust", "entry", "path", "edges"}
    assert (found["origin"], found["trust"], found["path"][0]) == (
        "internet",
        "anonymous",
        "internet",
    )
    assert found["entry"].endswith(":function:front#url")


def test_chains_document(capsys, snapshot):
    doc = report(capsys, "chains", "--snapshot", snapshot, "--from", "internet")

    assert doc["chains"] and all(set(c) >= {"path", "edges"} for c in doc["chains"])
    names = [[node.rsplit(":", 1)[-1] for node in c["path"]] for c in doc["chains"]]
    expected = ["internet", "front#url", "front", "role/fn-role", "work", "back"]
    assert expected in [n[:6] for n in names]


def test_blast_radius_document(capsys, snapshot):
    doc = report(capsys, "blast-radius", "front", "--snapshot", snapshot)

    assert doc["node"].endswith(":function:front")
    reached = {r["node"]: r for r in doc["reachable"]}
    assert all(set(r) >= {"node", "kind", "access", "path"} for r in doc["reachable"])
    [queue] = [r for r in reached.values() if r["kind"] == "queue"]
    assert "writes" in queue["access"] and queue["path"][0] == doc["node"]


def test_diff_document(capsys, snapshot):
    doc = report(capsys, "diff", snapshot, snapshot)

    assert set(doc) == {"added", "removed", "changed"}
    assert all({"nodes", "edges", "findings"} <= set(part) for part in doc.values())


@pytest.fixture
def with_user(account_session, moto_endpoint, crawl_account, snapshot):
    """`snapshot`'s account plus user `ops`, in group `senders`, whose policy may send to the
    queue and rewrite the code of `back` (so `ops` becomes back's role)."""
    iam = account_session.client("iam", endpoint_url=moto_endpoint)
    iam.create_user(UserName="ops")
    iam.create_group(GroupName="senders")
    iam.add_user_to_group(GroupName="senders", UserName="ops")
    statements = [
        {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"},
        {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"},
    ]
    document = json.dumps({"Version": "2012-10-17", "Statement": statements})
    iam.put_group_policy(GroupName="senders", PolicyName="send", PolicyDocument=document)
    return str(crawl_account().path)


def test_who_can_document(capsys, with_user):
    doc = report(capsys, "who-can", "sqs:SendMessage", "work", "--snapshot", with_user)

    assert doc["action"] == "sqs:SendMessage" and doc["resource"].endswith(":work")
    assert all(set(p) >= {"principal", "kind", "result", "path", "edges", "statements"}
               for p in doc["principals"])  # fmt: skip
    by_name = {p["principal"].rsplit("/", 1)[-1].rsplit(":", 1)[-1]: p for p in doc["principals"]}
    assert by_name["ops"]["kind"] == "user" and by_name["ops"]["result"] == "allowed"
    assert by_name["ops"]["statements"] == ["senders/send#0 Allow"]
    assert by_name["senders"]["kind"] == "group"
    assert by_name["fn-role"]["kind"] == "role"
    assert by_name["front"]["edges"] == ["assumes", "allowed"]


def test_blast_radius_of_a_user_follows_its_group_and_what_it_becomes(capsys, with_user):
    doc = report(capsys, "blast-radius", "ops", "--snapshot", with_user)

    reached = {r["node"].rsplit("/", 1)[-1].rsplit(":", 1)[-1]: r for r in doc["reachable"]}
    assert "writes" in reached["work"]["access"]
    assert reached["fn-role"]["path"][0].endswith(":user/ops")
    assert "becomes" in reached["fn-role"]["edges"]


def test_who_can_refuses_what_is_not_an_action(capsys, snapshot):
    assert main(["who-can", "sendmessage", "work", "--snapshot", snapshot]) == 2
    assert "not an IAM action" in capsys.readouterr().err


def test_inputs_names_the_users_and_groups_that_write_an_event_source(capsys, with_user):
    doc = report(capsys, "inputs", "back", "--snapshot", with_user)

    by_name = {p["principal"].rsplit("/", 1)[-1]: p for p in doc["principals"]}
    assert by_name["ops"]["kind"] == "user" and by_name["senders"]["kind"] == "group"
    assert by_name["ops"]["path"][-2:][1].endswith(":function:back")
    assert by_name["ops"]["edges"][-1] == "triggers"
