"""Input whose entry a condition narrows, or that every principal of the account may send:
the trust level, the words and the severity of the A1 finding follow the policy."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.findings.helpers import (
    ACCOUNT,
    FOREIGN,
    document,
    estate,
    fn,
    function,
    of,
    queue,
    run,
)


def send(principal: object, name: str = "orders", **condition: dict) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": "sqs:SendMessage",
                 "Resource": queue(name)}  # fmt: skip
    if condition:
        statement["Condition"] = condition
    return statement


def worker_fed_by(*queues: tuple[str, dict]):
    """A function triggered by each named queue, whose policy is the given statement."""
    rows = [{"arn": queue(n), "name": n, "policy": document(s)} for n, s in queues]
    mappings = [{"uuid": n, "event_source_arn": queue(n), "function_arn": fn("worker")}
                for n, _ in queues]  # fmt: skip
    return estate(functions=[function("worker")], sqs_queues=rows, event_source_mappings=mappings)


ONE_ADDRESS = {"IpAddress": {"aws:SourceIp": "203.0.113.7/32"}}


def test_a_queue_open_to_one_address_is_anonymous_only_from_there_one_step_lower():
    est = worker_fed_by(("orders", send("*", **ONE_ADDRESS)))

    [found] = untrusted_inputs(build_graph(est).g)[fn("worker")]
    [finding] = of(run(est), "untrusted-input-anonymous")

    assert (found.trust, found.only) == (kinds.ANONYMOUS, ("from 203.0.113.7/32",))
    assert finding.severity == "medium"  # high (its role does nothing) lowered one step
    assert "(only from 203.0.113.7/32)" in finding.title


def test_an_open_entry_beats_a_narrowed_one_of_the_same_origin():
    est = worker_fed_by(("narrow", send("*", "narrow", **ONE_ADDRESS)), ("open", send("*", "open")))

    found = untrusted_inputs(build_graph(est).g)[fn("worker")]
    [finding] = of(run(est), "untrusted-input-anonymous")

    assert [(i.entry, i.only) for i in found] == [(queue("open"), ())]
    assert finding.severity == "high" and "only" not in finding.title


def test_an_organisation_condition_is_its_own_level_at_medium():
    est = worker_fed_by(("orders", send("*", StringEquals={"aws:PrincipalOrgID": "o-abc123"})))

    [finding] = of(run(est), "untrusted-input-organization")

    assert finding.severity == "medium"
    assert finding.path[0] == kinds.org_origin("o-abc123")
    assert "organisation o-abc123" in finding.title
    assert of(run(est), "untrusted-input-anonymous") == []


def test_everyone_of_the_own_account_is_one_account_wide_finding_on_the_queue():
    est = worker_fed_by(("orders", send("*", StringEquals={"aws:PrincipalAccount": ACCOUNT})))

    [finding] = of(run(est), "untrusted-input-account-wide")

    assert (finding.resource, finding.severity) == (queue("orders"), "medium")
    assert finding.path == (kinds.account_origin(ACCOUNT), queue("orders"), fn("worker"))
    assert finding.title == (
        f"Every principal of account {ACCOUNT} may put data into orders, which reaches worker"
    )
    assert "without any IAM grant" in finding.detail
    assert of(run(est), "public-resource-policy") == []
    assert [i.trust for i in untrusted_inputs(build_graph(est).g)[fn("worker")]] == [
        kinds.ACCOUNT_WIDE
    ]


def test_the_own_accounts_root_is_account_wide_at_low_left_to_iam():
    est = worker_fed_by(("orders", send({"AWS": f"arn:aws:iam::{ACCOUNT}:root"})))

    [finding] = of(run(est), "untrusted-input-account-wide")

    assert finding.severity == "low"
    assert "whose IAM policies allow it" in finding.detail


def test_an_account_wide_queue_feeding_a_chain_is_one_finding_naming_every_function():
    est = worker_fed_by(("orders", send("*", StringEquals={"aws:PrincipalAccount": ACCOUNT})))
    est.tables["functions"].append(function("next"))
    est.tables["event_source_mappings"].append(
        {"uuid": "2", "event_source_arn": queue("orders"), "function_arn": fn("next")}
    )

    [finding] = of(run(est), "untrusted-input-account-wide")

    assert finding.title.endswith("which reaches next and 1 more function")


def test_a_queue_only_the_accounts_services_may_send_to_is_no_finding():
    statement = send({"Service": "sns.amazonaws.com"},
                     ArnLike={"aws:SourceArn": f"arn:aws:sns:us-east-1:{ACCOUNT}:t"})  # fmt: skip
    est = worker_fed_by(("orders", statement))

    assert [f for f in run(est) if f.rule.startswith("untrusted-input")] == []


def test_everyone_limited_to_a_foreign_account_is_that_accounts_input():
    est = worker_fed_by(("orders", send("*", StringEquals={"aws:PrincipalAccount": FOREIGN})))

    [finding] = of(run(est), "untrusted-input-cross-account")

    assert finding.path[0] == kinds.account_origin(FOREIGN)
    assert of(run(est), "untrusted-input-anonymous") == []
