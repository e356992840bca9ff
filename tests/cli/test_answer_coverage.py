"""`inputs`, `chains` and `blast-radius` say when what could not be read touches their answer:
a real crawl against moto's server, with chosen calls failing as AWS fails them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse

from explorer.cli import main
from tests.cli.test_contract import snapshot as contract_estate  # noqa: F401  (fixture)
from tests.crawl.test_lambda import TRUST, _code

IAM_DENIED = (
    b'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender'
    b"</Type><Code>AccessDenied</Code><Message>User is not authorized to perform "
    b"iam:GetAccountAuthorizationDetails</Message></Error><RequestId>r1</RequestId>"
    b"</ErrorResponse>"
)
"""IAM's (query protocol) answer to a caller without the permission, as AWS sends it."""


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any):
        yield self._data


def iam_denied(request: Any, **_: Any) -> AWSResponse:
    """A `before-send` handler: IAM refuses, the request is never sent."""
    return AWSResponse(request.url, 403, {"Content-Type": "text/xml"}, _Body(IAM_DENIED))


def lambda_denied_for(name: str):
    """A `before-send` handler refusing Lambda calls about one function only."""

    def handler(request: Any, **_: Any) -> AWSResponse | None:
        if not any(f"{sep}{name}/" in request.url for sep in ("/", "%3A", ":")):
            return None
        body = json.dumps({"message": "not authorized"}).encode()
        headers = {"x-amzn-ErrorType": "AccessDeniedException", "Content-Type": "application/json"}
        return AWSResponse(request.url, 403, headers, _Body(body))

    return handler


@pytest.fixture
def estate(contract_estate, account_session, moto_endpoint):  # noqa: F811
    """The contract's account (public `front` writes queue `work`, which triggers `back`), plus
    `lonely`, a function on a role of its own that nothing reaches."""
    iam = account_session.client("iam", endpoint_url=moto_endpoint)
    arn = iam.create_role(RoleName="lonely-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    lam = account_session.client("lambda", endpoint_url=moto_endpoint)
    lam.create_function(FunctionName="lonely", Runtime="python3.12", Role=arn["Role"]["Arn"],
                        Handler="h.h", Code={"ZipFile": _code()})  # fmt: skip


def _json(capsys, *args: str) -> dict:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _text(capsys, *args: str) -> tuple[str, str]:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


QUESTIONS = (("inputs", "back"), ("blast-radius", "front"), ("chains", "--from", "internet"))


def test_answers_after_a_failed_iam_read_say_they_are_partial(capsys, estate, crawl_account):
    path = str(crawl_account(hooks=(("before-send.iam.GetAccountAuthorizationDetails",
                                     iam_denied),)).path)  # fmt: skip

    documents = {q[0]: _json(capsys, *q, "--snapshot", path) for q in QUESTIONS}
    out, err = _text(capsys, "inputs", "back", "--snapshot", path)

    for name, doc in documents.items():
        [gap] = doc["coverage"]["gaps"]
        assert doc["coverage"]["complete"] is False, name
        assert (gap["service"], gap["operation"], gap["code"]) == (
            "iam", "GetAccountAuthorizationDetails", "AccessDenied",
        )  # fmt: skip
    assert documents["inputs"]["inputs"] == []  # the path through front's role is unknown
    assert "no untrusted origin reaches" in out
    assert "PARTIAL answer" in err and "iam GetAccountAuthorizationDetails failed" in err


def test_answers_of_a_crawl_where_every_call_succeeded_are_complete(capsys, estate, crawl_account):
    path = str(crawl_account().path)

    documents = {q[0]: _json(capsys, *q, "--snapshot", path) for q in QUESTIONS}
    _, err = _text(capsys, "inputs", "back", "--snapshot", path)

    assert all(doc["coverage"]["complete"] for doc in documents.values())
    assert all(doc["coverage"]["gaps"] == [] for doc in documents.values())
    assert "PARTIAL" not in err


def test_a_failed_read_of_one_function_touches_only_answers_that_involve_it(
    capsys, estate, crawl_account
):
    path = str(crawl_account(hooks=(("before-send.lambda.GetPolicy",
                                     lambda_denied_for("lonely")),)).path)  # fmt: skip

    lonely = _json(capsys, "inputs", "lonely", "--snapshot", path)["coverage"]
    back = _json(capsys, "inputs", "back", "--snapshot", path)["coverage"]

    [gap] = lonely["gaps"]
    assert (gap["operation"], gap["resources"]) == ("GetPolicy", [gap["resources"][0]])
    assert gap["resources"][0].endswith(":function:lonely") and not lonely["complete"]
    assert back["complete"] is True


def test_answers_on_a_crawl_of_some_services_name_the_ones_left_out(capsys, estate, crawl_account):
    path = str(crawl_account(services=("lambda", "iam")).path)

    coverage = _json(capsys, "inputs", "back", "--snapshot", path)["coverage"]
    _, err = _text(capsys, "chains", "--snapshot", path)

    left_out = {g["service"] for g in coverage["gaps"] if g["kind"] == "not-crawled"}
    assert coverage["complete"] is False and {"sqs", "s3", "sns"} <= left_out
    assert "not crawled (left out by --service)" in err


def test_answers_name_what_the_crawler_never_reads(capsys, estate, crawl_account):
    path = str(crawl_account().path)

    coverage = _json(capsys, "blast-radius", "front", "--snapshot", path)["coverage"]
    _, err = _text(capsys, "blast-radius", "front", "--snapshot", path)

    whats = [entry["what"] for entry in coverage["not_read"]]
    assert "EventBridge Pipes" in whats
    assert not any(w.startswith("Lambda reserved") for w in whats)  # settings add no edge
    assert "not read by this crawler" in err and "`explorer info` lists them" in err
