"""The Principals tab, users' and groups' details, escalation paths and blast radius, on a
hand-built snapshot of users, groups and roles with real escalation paths."""

from __future__ import annotations

from textual.widgets import DataTable

from explorer.tui.screens.blast import BlastScreen
from explorer.tui.screens.statement import StatementScreen
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import role
from tests.tui.helpers import detail, detail_text, follow, line_index, names, rows
from tests.tui.principal_estate import ADMIN, BUCKET, group, user


def _cells(main, node_list, item: str) -> list[str]:
    data = node_list.data
    row = next(r for r in data.rows if r.item == item)
    return [data.cell(row, i)[0] for i in range(len(data.columns))]


def _line(main, contains: str) -> str:
    return detail(main).options[line_index(main, contains=contains)].prompt.plain


async def test_the_principals_tab_lists_users_groups_roles_and_the_administrator(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("4")

        listed = main.node_list("principals")
        kinds = {main.model.kind(item) for item in rows(listed)}
        assert kinds == {"user", "group", "role", "admin"}
        assert main.active_tab == "principals" and len(rows(listed)) == 10
        assert _cells(main, listed, user("dev"))[:4] == ["dev", "user", "→ admin", "critical"]
        assert _cells(main, listed, user("root-like"))[2] == "admin"
        # a member of deployers may pass the admin role to a new function: so may the group,
        # which has a member, so its own escalation finding is critical too
        assert _cells(main, listed, group("deployers"))[1:5] == [
            "group",
            "→ admin",
            "critical",
            "1",
        ]
        assert _cells(main, listed, role("app-role"))[4] == "1"  # the function running as it


async def test_the_principals_tab_filters_and_sorts_by_escalation(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        listed = main.node_list("principals")
        await pilot.press("4", "o", "o")  # sort by Kind, then by Escalation

        top = names(main, listed)[:4]
        await pilot.press("ctrl+f", *"group/", "enter")

        admins = ["admin-role", "administrator of account 123456789012", "root-like"]
        assert top == [*admins, "alice"]  # then those that can become an administrator
        assert names(main, listed) == ["deployers", "readers"]


async def test_problems_only_keeps_the_principals_that_escalate_or_are_admins(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("4")

        await pilot.press("p")

        kept = set(names(main, main.node_list("principals")))
        assert {"dev", "alice", "key-thief", "root-like", "admin-role"} <= kept
        assert "deployers" in kept and not kept & {"reader", "readers", "app-role"}


async def test_a_users_detail_shows_its_groups_and_enter_follows_one(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(user("dev"), remember=False)
        assert "member of deployers" in _line(main, "member of")

        await follow(pilot, main, group("deployers"))

        shown = detail_text(main)
        assert main.item == group("deployers") and main.active_tab == "principals"
        assert main.node_list("principals").current == group("deployers")
        assert "Members  1" in shown and "Inline policy  deployers-policy" in shown
        assert line_index(main, target=user("dev")) > 0


async def test_a_users_escalation_reads_hop_by_hop_with_technique_and_statements(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(user("dev"), remember=False)

        hop = _line(main, "1. →")
        view = detail(main)
        view.focus()
        view.highlighted = line_index(main, contains="statements: deployers/")
        await pilot.press("enter")
        await pilot.pause()

        assert "admin-role" in hop and "iam:PassRole+lambda" in hop
        assert "User dev can escalate to admin-equivalent admin-role" in detail_text(main)
        screen = pilot.app.screen
        assert isinstance(screen, StatementScreen)
        statement = "\n".join(o.prompt.plain for o in screen.query_one("OptionList").options)
        assert "deployers/deployers-policy#0" in statement and '"iam:PassRole"' in statement


async def test_escalation_to_the_account_administrator_follows_to_it(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(user("alice"), remember=False)
        assert "iam:PutUserPolicy" in _line(main, "1. →")

        await follow(pilot, main, ADMIN)

        assert main.item == ADMIN
        assert "← alice  user  iam:PutUserPolicy" in detail_text(main)


async def test_can_become_and_can_be_become_by_show_both_ends_of_an_edge(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(user("key-thief"), remember=False)
        becomes = _line(main, "→ root-like")

        main.go(user("root-like"), remember=False)

        assert "iam:CreateAccessKey" in becomes and "CONDITIONAL" in becomes
        assert "iam:CreateAccessKey" in _line(main, "← key-thief")
        assert "admin-equivalent already" in detail_text(main)


async def test_blast_radius_from_a_user_follows_what_it_can_become(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(user("dev"), remember=False)

        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

        screen = pilot.app.screen
        assert isinstance(screen, BlastScreen)
        reached = {r.node: r for r in screen.reach["reaches"]}
        assert role("admin-role") in reached and BUCKET in reached
        assert "becomes" in reached[role("admin-role")].access
        table = screen.query_one("#t-reaches", DataTable)
        table.move_cursor(row=list(reached).index(BUCKET))
        await pilot.press("enter")
        await pilot.pause()
        assert main.item == BUCKET


async def test_blast_radius_from_a_group_lists_what_its_grants_reach(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(group("readers"), remember=False)

        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

        screen = pilot.app.screen
        assert isinstance(screen, BlastScreen)
        assert [(r.node, r.access) for r in screen.reach["reaches"]] == [(BUCKET, ("reads",))]
