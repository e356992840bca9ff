"""SES receipt rules from hand-made rows: entry points anyone may mail, with their actions."""

from __future__ import annotations

from explorer.analysis import kinds, sources
from explorer.analysis.build import build_graph
from explorer.analysis.sources.ses import DELIVERY, LAMBDA_EVENT, LAMBDA_REQUEST, RULE
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import estate, function

RULES = f"arn:aws:ses:us-east-1:{ACCOUNT}:receipt-rule-set/inbound:receipt-rule"
BUCKET = "arn:aws:s3:::mail-archive"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:mail-events"


def rule(name: str, **extra) -> dict:
    return {"arn": f"{RULES}/{name}", "name": f"inbound/{name}", "enabled": True,
            "recipients": ["support@example.com"], "scan_enabled": True, "tls_policy": "Require",
            "authorization_type": "NONE",
            "function_actions": [{"function_arn": fn("mail"), "invocation_type": "Event"}],
            "bucket_arns": [], "topic_arns": [], **extra}  # fmt: skip


def graph_of(*rules: dict):
    return build_graph(estate(functions=[function("mail")], ses_receipt_rules=list(rules))).g


def out(g, node: str) -> dict[str, dict]:
    return {t: d["evidence"] for _, t, d in g.out_edges(node, data=True)}


def test_a_rule_is_an_anonymous_entry_that_invokes_its_function_asynchronously():
    r = rule("support")
    g = graph_of(r)

    assert g.nodes[r["arn"]]["kind"] == RULE
    assert RULE in sources.entry_kinds()
    assert out(g, r["arn"])[fn("mail")]["trigger_kind"] == LAMBDA_EVENT.key
    assert LAMBDA_EVENT.key in sources.asynchronous()
    [(origin, _, edge)] = g.in_edges(r["arn"], data=True)
    assert (origin, edge["trust"]) == (kinds.INTERNET, kinds.ANONYMOUS)
    assert edge["evidence"]["recipients"] == ["support@example.com"]
    assert edge["evidence"]["spam_and_virus_scan"] == "on"
    assert untrusted_inputs(g)[fn("mail")][0].trust == kinds.ANONYMOUS


def test_request_response_is_synchronous_and_buckets_and_topics_carry_the_mail_on():
    sync = [{"function_arn": fn("mail"), "invocation_type": "RequestResponse"}]
    r = rule("filter", function_actions=sync, bucket_arns=[BUCKET], topic_arns=[TOPIC])
    edges = out(graph_of(r), r["arn"])

    assert edges[fn("mail")]["trigger_kind"] == LAMBDA_REQUEST.key
    assert LAMBDA_REQUEST.key not in sources.asynchronous()
    assert (edges[BUCKET]["trigger_kind"], edges[BUCKET]["action"]) == (DELIVERY.key, "S3Action")
    assert edges[TOPIC]["trigger_kind"] == DELIVERY.key


def test_no_recipients_means_every_verified_domain_and_unscanned_mail_says_so():
    r = rule("catch-all", recipients=[], scan_enabled=False)
    [(_, _, edge)] = graph_of(r).in_edges(r["arn"], data=True)

    assert edge["evidence"]["recipients"] == "every address of every verified domain"
    assert edge["evidence"]["spam_and_virus_scan"] == "off"


def test_a_disabled_rule_keeps_its_edges_but_takes_no_mail():
    r = rule("old", enabled=False)
    g = graph_of(r)

    assert fn("mail") in out(g, r["arn"])
    assert [e for e in g.in_edges(r["arn"]) if e[0] == kinds.INTERNET] == []
    assert fn("mail") not in untrusted_inputs(g)
