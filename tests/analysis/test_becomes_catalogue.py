"""The README lists exactly the escalation techniques the graph knows, with their sources."""

from __future__ import annotations

import re
from pathlib import Path

from explorer.iam.techniques import CATALOGUE, markdown


def test_readme_lists_exactly_the_techniques_of_the_catalogue():
    readme = Path(__file__).parents[2].joinpath("README.md").read_text()
    block = re.search(r"<!-- techniques -->\n(.*?)\n<!-- /techniques -->", readme, re.S)

    assert block and block.group(1) == markdown()


def test_every_technique_names_its_source_and_what_it_does():
    assert all(t.source and t.description for t in CATALOGUE)
    assert len({t.id for t in CATALOGUE}) == len(CATALOGUE)
