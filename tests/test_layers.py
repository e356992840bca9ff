"""The layer rules of DESIGN §2, checked by importing each layer in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = {
    "explorer.crawl.runner": {"textual", "explorer.store", "explorer.analysis", "explorer.tui"},
    "explorer.store.reader": {
        "textual",
        "explorer.analysis",
        "explorer.tui",
        "explorer.crawl",
        "boto3",
        "botocore",
    },
    "explorer.store.writer": {
        "textual",
        "explorer.analysis",
        "explorer.tui",
        "explorer.crawl",
        "boto3",
        "botocore",
    },
    "explorer.iam": {"boto3", "botocore", "textual", "explorer.crawl", "explorer.store"},
    "explorer.schema": {
        "boto3",
        "botocore",
        "textual",
        "sqlite_utils",
        "explorer.crawl",
        "explorer.store",
        "explorer.analysis",
        "explorer.iam",
        "explorer.tui",
    },
}
"""Module -> what importing it (and every table declaration, for `explorer.schema`) must not
load. Reading a snapshot never imports the crawler or botocore (issue 14)."""


@pytest.mark.parametrize(("module", "forbidden"), sorted(FORBIDDEN.items()))
def test_layer_does_not_load_higher_layers(module, forbidden):
    declared = "explorer.schema; explorer.schema.tables()"
    code = f"import sys, {module}, {declared}; print('\\n'.join(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()

    assert not [m for m in loaded if any(m == f or m.startswith(f + ".") for f in forbidden)]


def test_reading_a_snapshot_loads_no_secret_detectors(demo_path):
    # detect-secrets is the crawler's (it judges values while they are in memory); a reader of
    # the snapshot pays ~50 ms to import it for nothing.
    code = (
        "import sys; from explorer.store.reader import open_snapshot; "
        f"open_snapshot({str(demo_path)!r}).close(); print('\\n'.join(sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()

    assert not [m for m in loaded if m.startswith("detect_secrets")]
