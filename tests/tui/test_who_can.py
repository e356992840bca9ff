"""The "who can change / write / read / invoke this" section of a resource's and a function's
detail: one line per principal (users, groups, roles; sweeping grants included), followed with
Enter."""

from __future__ import annotations

from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import fn
from tests.tui.helpers import detail_text, follow
from tests.tui.principal_estate import BUCKET, group


async def test_who_can_on_a_bucket_names_each_principal_once_with_its_access(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(BUCKET, remember=False)
        shown = detail_text(main)

        await follow(pilot, main, group("readers"))

        assert "Who can change / write / read / invoke this  5" in shown
        assert "admin-role  role  may write, read" in shown
        assert "readers  group  may read" in shown and "reader  user  may read" in shown
        assert "run by app  function" in shown
        assert main.item == group("readers")


async def test_who_can_on_a_function_names_who_may_change_and_invoke_it(principals_path):
    async with app_for(principals_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        main.go(fn("app"), remember=False)

        shown = detail_text(main)
        assert "root-like  user  may change, invoke" in shown
        assert "dev  user  may invoke" in shown
