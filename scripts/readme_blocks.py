"""Rewrite the README's generated blocks from the code they describe: the crawler's policy and
operations, what it does not read, the trigger kinds, the finding rules and the escalation
techniques. The tests
that hold each block to its source say when to run this (`python3 scripts/readme_blocks.py`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from explorer.analysis import sources
from explorer.analysis.findings import rules
from explorer.crawl.not_read import markdown as not_read_markdown
from explorer.crawl.permissions import crawler_policy, operations_markdown
from explorer.iam.techniques import markdown as techniques_markdown

README = Path(__file__).parents[1] / "README.md"
BLOCKS: dict[str, Callable[[], str]] = {
    "guard-operations": operations_markdown,
    "not-read": not_read_markdown,
    "rules": rules.markdown,
    "techniques": techniques_markdown,
    "trigger-kinds": sources.markdown,
}


def rewrite(text: str) -> str:
    """The README with every generated block rewritten."""
    for name, render in BLOCKS.items():
        pattern = re.compile(rf"(<!-- {name} -->\n)(.*?)(\n<!-- /{name} -->)", re.S)
        text = pattern.sub(lambda m, r=render: m.group(1) + r() + m.group(3), text)
    policy = json.dumps(crawler_policy(), indent=2)
    return re.sub(
        r"(<!-- crawler-policy -->\n```json\n)(.*?)(```)",
        lambda m: m.group(1) + policy + "\n" + m.group(3),
        text,
        flags=re.S,
    )


if __name__ == "__main__":
    README.write_text(rewrite(README.read_text()))
