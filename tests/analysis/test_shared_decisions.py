"""Principals whose statements say the same share one decision of every technique and of
every data edge (users of one group, roles of one template); what differs between them is who
they are: none becomes itself or joins a group it is in, and a statement that depends on who
asks (aws:username, a policy variable) is decided for each of them."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from tests.analysis.becomes_scenarios import becomes_edges
from tests.analysis.builders import ACCOUNT, fn, group, queue, role, user
from tests.analysis.estates import (
    allow,
    edges_of,
    estate,
    function,
    iam_group,
    iam_role,
    iam_user,
    service_trust,
)

KEYS = "iam:CreateAccessKey"
PASS = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]


def test_members_of_one_group_become_each_other_never_themselves():
    members = [iam_user(name, groups=["ops"]) for name in ("ann", "bob")]
    est = estate(iam_users=members, iam_groups=[iam_group("ops", allow(KEYS))])

    assert set(becomes_edges(est, user("ann"))) == {user("bob")}
    assert set(becomes_edges(est, user("bob"))) == {user("ann")}


def test_a_condition_on_the_callers_name_is_decided_for_each_member():
    only_ann = allow(KEYS, user("victim"), Condition={"StringEquals": {"aws:username": "ann"}})
    members = [iam_user(name, groups=["ops"]) for name in ("ann", "bob")]
    est = estate(iam_users=[*members, iam_user("victim")],
                 iam_groups=[iam_group("ops", only_ann)])  # fmt: skip

    assert set(becomes_edges(est, user("ann"))) == {user("victim")}
    assert becomes_edges(est, user("bob")) == {}


def test_a_policy_variable_is_decided_for_each_member():
    own_keys = allow(KEYS, f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
    members = [iam_user(name, groups=["ops"]) for name in ("ann", "bob")]
    est = estate(iam_users=members, iam_groups=[iam_group("ops", own_keys)])

    assert becomes_edges(est, user("ann")) == becomes_edges(est, user("bob")) == {}


def test_joining_groups_leaves_out_each_members_own():
    join = iam_group("joiners", allow("iam:AddUserToGroup"))
    est = estate(
        iam_users=[iam_user("ann", groups=["joiners"]), iam_user("bob", groups=["joiners"])],
        iam_groups=[join, iam_group("admins", allow("*"))],
    )

    assert set(becomes_edges(est, user("ann"))) == {group("admins")}
    assert set(becomes_edges(est, user("bob"))) == {group("admins")}


def test_roles_of_one_template_each_pass_every_role_but_themselves():
    lambda_trust = service_trust("lambda")
    passers = [iam_role(f"deploy-{n}", allow(PASS), trust_policy=lambda_trust) for n in (1, 2)]
    workers = [iam_role(f"worker-{n}", trust_policy=lambda_trust) for n in range(12)]
    g = build_graph(estate(iam_roles=passers + workers)).g

    for me, other in (("deploy-1", "deploy-2"), ("deploy-2", "deploy-1")):
        [hub] = [v for _, v, d in g.out_edges(role(me), data=True) if d["kind"] == kinds.BECOMES]
        members = {m for _, m in g.out_edges(hub)}
        assert role(other) in members and role(me) not in members
        assert len(members) == 13


def test_taking_over_a_function_whose_role_the_snapshot_lacks_names_that_role():
    est = estate(
        iam_users=[iam_user("ci", allow("lambda:UpdateFunctionCode"))],
        functions=[function("orphan", "deleted-role")],
    )

    [edge] = becomes_edges(est, user("ci"))[role("deleted-role")]

    assert edge["evidence"]["via"] == fn("orphan")


def test_a_data_grant_on_the_callers_name_is_decided_for_each_member():
    only_ann = allow("sqs:SendMessage", queue("jobs"),
                     Condition={"StringEquals": {"aws:username": "ann"}})  # fmt: skip
    members = [iam_user(name, groups=["ops"]) for name in ("ann", "bob")]
    est = estate(iam_users=members, iam_groups=[iam_group("ops", only_ann)],
                 sqs_queues=[{"arn": queue("jobs"), "name": "jobs"}])  # fmt: skip

    writers = {source for source, target in edges_of(est, kinds.WRITES) if target == queue("jobs")}

    assert user("ann") in writers and user("bob") not in writers


def test_members_of_one_group_each_hold_its_data_edges():
    grant = allow("sqs:SendMessage", queue("jobs"))
    members = [iam_user(name, groups=["ops"]) for name in ("ann", "bob")]
    est = estate(iam_users=members, iam_groups=[iam_group("ops", grant)],
                 sqs_queues=[{"arn": queue("jobs"), "name": "jobs"}])  # fmt: skip

    writers = {source for source, target in edges_of(est, kinds.WRITES) if target == queue("jobs")}

    assert {user("ann"), user("bob"), group("ops")} <= writers
