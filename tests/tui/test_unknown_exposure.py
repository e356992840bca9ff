"""A resource whose policy could not be read shows its exposure as unknown, with the reason as
literal text, where it would otherwise say "nobody outside the account"."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.store.writer import SnapshotWriter
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import ACCOUNT, META, REGION, fn, role
from tests.tui.helpers import detail_text

HOSTILE_ACTION = "[bold red]x[/]\x1b[2J"
QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:orders"
GARBLED = f"arn:aws:sqs:{REGION}:{ACCOUNT}:garbled"
SAID = (
    "unknown — the policy could not be read: queue policy: statement 0, field 'Action': "
    "'[bold red]x[/]\\x1b[2J' is not of the form service:action "
    "(that entry was left out, the rest of the statement kept)"
)
GARBAGE_SAID = (
    "unknown — the policy could not be read: queue policy: field 'document': policy "
    "document is not valid JSON"
)


@pytest.fixture(scope="module")
def unknown_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A queue whose policy holds a hostile, malformed action beside a private grant, a queue
    whose policy is not JSON, and a function the first one triggers."""
    folder = tmp_path_factory.mktemp("unknown")
    grant = {"Effect": "Allow", "Principal": {"AWS": ACCOUNT},
             "Action": ["sqs:SendMessage", HOSTILE_ACTION], "Resource": QUEUE}  # fmt: skip
    tables = {
        "sqs_queues": [
            {"arn": QUEUE, "name": "orders", "region": REGION, "policy": {"Statement": [grant]}},
            {"arn": GARBLED, "name": "garbled", "region": REGION, "policy": "garbage"},
        ],
        "functions": [{"arn": fn("worker"), "name": "worker", "region": REGION,
                       "role_arn": role("worker-role"), "runtime": "python3.12"}],
        "event_source_mappings": [{"uuid": "m1", "function_arn": fn("worker"),
                                   "event_source_arn": QUEUE, "region": REGION,
                                   "state": "Enabled"}],
    }  # fmt: skip
    with SnapshotWriter(folder, out=folder / "unknown.sqlite") as writer:
        for table, rows in tables.items():
            writer.add(table, rows)
        return writer.finish(META, [])


async def test_exposure_of_a_resource_whose_policy_cannot_be_read_is_unknown(unknown_path):
    async with app_for(unknown_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        main.go(QUEUE, remember=False)
        queue = detail_text(main)
        main.go(GARBLED, remember=False)
        garbled = detail_text(main)
        main.go(fn("worker"), remember=False)
        worker = detail_text(main)

        assert SAID in queue and "nobody outside the account" not in queue
        assert GARBAGE_SAID in garbled and "nobody outside the account" not in garbled
        assert SAID in worker  # under the queue among its triggers
        assert "\x1b" not in queue + worker
