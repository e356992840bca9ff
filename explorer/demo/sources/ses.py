"""Inbound mail: the active SES rule set hands support mail from anyone to a function (queued:
`Event`) and publishes it to a topic, and asks the same function for a verdict on order mail
(`RequestResponse`). Anyone on the internet may send mail, so the function's input is anonymous;
queued invocations without a failure destination lose the mail that fails."""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function, grant_invoke
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

FUNCTION = FunctionSpec(
    "pixmart-inbound-mail",
    "python3.12",
    "pixmart-readonly-role",
    "Opens support tickets from customer mail and screens order mail",
    reserved_concurrency=20,
)
RULE_SET = "pixmart-inbound"
TOPIC = "pixmart-mail-events"
SUPPORT, ORDERS = "support", "order-screening"


def rule_arn(a: Arns, rule: str) -> str:
    """The id the crawl gives a receipt rule (AWS gives none): IAM's receipt rule ARN."""
    return f"arn:aws:ses:{a.region}:{a.account}:receipt-rule-set/{RULE_SET}:receipt-rule/{rule}"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    grant_invoke(
        clients("lambda"), FUNCTION.name, "InboundMail", "ses.amazonaws.com",
        SourceAccount=a.account,
    )  # fmt: skip
    topic = clients("sns").create_topic(Name=TOPIC)["TopicArn"]
    ledger.topics[TOPIC] = topic
    ses = clients("ses")
    ses.create_receipt_rule_set(RuleSetName=RULE_SET)
    ses.create_receipt_rule(RuleSetName=RULE_SET, Rule={
        "Name": SUPPORT, "Enabled": True, "Recipients": ["support@pixmart.example"],
        "ScanEnabled": True, "TlsPolicy": "Optional",
        "Actions": [{"LambdaAction": {"FunctionArn": function, "InvocationType": "Event"}},
                    {"SNSAction": {"TopicArn": topic, "Encoding": "UTF-8"}}],
    })  # fmt: skip
    ses.create_receipt_rule(RuleSetName=RULE_SET, After=SUPPORT, Rule={
        "Name": ORDERS, "Enabled": True, "Recipients": ["orders@pixmart.example"],
        "ScanEnabled": False, "TlsPolicy": "Optional",
        "Actions": [{"LambdaAction": {"FunctionArn": function,
                                      "InvocationType": "RequestResponse"}}],
    })  # fmt: skip
    ses.set_active_receipt_rule_set(RuleSetName=RULE_SET)
    ledger.trigger("ses-lambda-event", rule_arn(a, SUPPORT), function, "support@ mail, queued")
    ledger.trigger("ses-delivery", rule_arn(a, SUPPORT), topic, "support@ mail, published")
    ledger.trigger(
        "ses-lambda-request-response", rule_arn(a, ORDERS), function, "orders@ mail, screened"
    )
    ledger.flaws += [
        Flaw("untrusted-input-anonymous", function,
             "anyone may mail support@ or orders@, and SES hands the mail to it"),
        Flaw("no-failure-destination", function,
             "SES queues support mail to it (Event); a failed invocation loses the mail"),
    ]  # fmt: skip
