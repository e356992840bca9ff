"""Blast radius of IAM principals, both ways: a user holds its groups' permissions (so a
leaked key reaches its groups and what they grant), and a group is reached by its members."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.blast import blast_radius, reached_by
from explorer.analysis.build import build_graph
from tests.analysis.builders import group, queue, user
from tests.analysis.estates import allow, estate, iam_group, iam_user

JOBS = {"arn": queue("jobs"), "name": "jobs"}


def _graph():
    ops = iam_group("ops", allow("sqs:SendMessage", queue("jobs")))
    users = [iam_user("ann", groups=["ops"]), iam_user("bob")]
    return build_graph(estate(iam_users=users, iam_groups=[ops], sqs_queues=[JOBS])).g


def test_a_users_blast_radius_holds_its_group_and_what_the_group_grants():
    reached = {r.node: r for r in blast_radius(_graph(), user("ann"))}

    assert reached[group("ops")].access == (kinds.IN_GROUP,)
    assert reached[queue("jobs")].access == (kinds.WRITES,)
    assert reached[queue("jobs")].path == (user("ann"), queue("jobs"))


def test_a_group_is_reached_by_its_members_and_no_one_else():
    found = {r.node for r in reached_by(_graph(), group("ops"))}

    assert user("ann") in found and user("bob") not in found
