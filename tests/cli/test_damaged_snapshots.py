"""One verdict on a damaged snapshot: every command, and the app's loader, refuse the same file
with one sentence naming the damage and exit 2; `snapshots` lists it as unusable, and the
newest-snapshot choice passes over it."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.store.reader import SnapshotError
from explorer.store.writer import SnapshotWriter
from explorer.tui.loader import load_all
from tests.analysis.builders import ACCOUNT, fn, role
from tests.analysis.estates import allow, iam_role

OLDER, NEWER = "2026-01-01T00:00:00", "2026-02-01T00:00:00"


def _sound(folder: Path, finished: str = OLDER) -> Path:
    """A small, sound snapshot: functions on one role, enough rows to fill several pages."""
    functions = [
        {"arn": fn(f"f{n}"), "name": f"f{n}", "role_arn": role("r"), "layers": [],
         "description": "d" * 400, "raw": {"FunctionName": f"f{n}"}}
        for n in range(60)
    ]  # fmt: skip
    with SnapshotWriter(folder) as writer:
        writer.add("functions", functions)
        writer.add("iam_roles", [{**iam_role("r", allow("sqs:SendMessage")), "raw": {}}])
        meta = {"account": ACCOUNT, "partition": "aws", "regions": ["us-east-1"]}
        return writer.finish({**meta, "finished": finished}, [])


def _sql(*statements: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as db:
            for statement in statements:
                db.execute(statement)
        db.close()

    return damage


def _corrupt_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-8192:-4096] = b"\xff" * 4096  # the last pages: function rows, not the meta table
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "dropped iam_roles": (_sql("DROP TABLE iam_roles"), r"table iam_roles is missing"),
    "dropped functions": (_sql("DROP TABLE functions"), r"table functions is missing"),
    "dropped errors": (_sql("DROP TABLE errors"), r"table errors is missing"),
    "dropped column": (
        _sql("ALTER TABLE functions DROP COLUMN handler"),
        r"table functions lacks column handler",
    ),
    "invalid JSON in a column": (
        _sql("UPDATE functions SET layers = '[oops' WHERE name = 'f7'"),
        r"table functions holds invalid JSON",
    ),
    "invalid JSON in raw": (
        _sql("UPDATE functions SET raw = '{\"FunctionName\": ' WHERE name = 'f7'"),
        r"table functions holds invalid JSON in column raw",
    ),
    "a number where a list belongs": (
        _sql("UPDATE iam_roles SET inline_policies = '7'"),
        r"table iam_roles holds a number in column inline_policies, where a list belongs\)\.$",
    ),
    "a string where an object belongs": (
        _sql("UPDATE functions SET environment = '\"text\"' WHERE name = 'f7'"),
        r"table functions holds a string in column environment, where an object belongs",
    ),
    "an object where a list belongs": (
        _sql("UPDATE functions SET layers = '{\"a\": 1}' WHERE name = 'f7'"),
        r"table functions holds an object in column layers, where a list belongs",
    ),
    "corrupt page": (_corrupt_page, r"is damaged \("),
    "truncated file": (_truncate, r"is damaged \(truncated: \d+ of \d+ bytes\)"),
}


def _commands(damaged: Path, sound: Path) -> dict[str, list[str]]:
    snapshot = ["--snapshot", str(damaged)]
    return {
        "info": ["info", *snapshot],
        "info json": ["info", "--format", "json", *snapshot],
        "findings": ["findings", *snapshot],
        "inputs": ["inputs", "f1", *snapshot],
        "chains": ["chains", *snapshot],
        "blast-radius": ["blast-radius", "f1", *snapshot],
        "diff old": ["diff", str(damaged), str(sound)],
        "diff new": ["diff", str(sound), str(damaged)],
    }


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, str]]:
    """Damage name -> (its cache folder holding only the damaged file, a sound file, pattern)."""
    root = tmp_path_factory.mktemp("damage")
    sound = _sound(root / "sound")
    cases = {}
    for index, (name, (damage, pattern)) in enumerate(DAMAGES.items()):
        folder = root / f"case{index}"
        folder.mkdir()
        path = folder / sound.name
        shutil.copy(sound, path)
        damage(path)
        cases[name] = (path, sound, pattern)
    return cases


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("damage", DAMAGES)
def test_every_command_refuses_a_damaged_snapshot_in_one_sentence(capsys, damaged, damage):
    path, sound, pattern = damaged[damage]

    results = {name: _run(capsys, argv) for name, argv in _commands(path, sound).items()}

    for name, (code, out, err) in results.items():
        assert code == 2, (name, err)
        assert out == "", name
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (name, err)
        assert re.search(pattern, err), (name, err)


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_app_loader_refuses_a_damaged_snapshot_the_same_way(damaged, damage):
    path, _, pattern = damaged[damage]

    with pytest.raises(SnapshotError, match=pattern) as caught:
        load_all(path)  # opens as the app does: the whole-file part of the verdict beside

    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("damage", DAMAGES)
def test_snapshots_lists_a_damaged_file_as_unusable_with_the_reason(capsys, damaged, damage):
    path, _, pattern = damaged[damage]

    code, out, _ = _run(capsys, ["snapshots", "--cache-dir", str(path.parent)])

    assert code == 0
    [line] = out.strip().splitlines()
    status = line.split("\t")[-1]
    assert status.startswith("unusable: ") and re.search(pattern, status)


def test_the_undamaged_snapshot_passes_every_command(capsys, damaged):
    _, sound, _ = next(iter(damaged.values()))

    codes = {name: _run(capsys, argv)[0] for name, argv in _commands(sound, sound).items()}

    assert set(codes.values()) == {0}, codes


@pytest.mark.parametrize("damage", DAMAGES)
def test_the_newest_snapshot_choice_passes_over_a_damaged_newer_file(
    capsys, tmp_path, damaged, damage
):
    make, _ = DAMAGES[damage]
    older = _sound(tmp_path, finished=OLDER)
    newer = _sound(tmp_path, finished=NEWER)
    make(newer)

    found = {
        command: _run(capsys, [command, "--cache-dir", str(tmp_path), "--format", "json"])
        for command in ("info", "findings")
    }
    chains = _run(capsys, ["chains", "--cache-dir", str(tmp_path)])

    for command, (code, out, err) in found.items():
        assert code == 0, (command, err)
        assert json.loads(out)["snapshot"]["path"] == str(older), command
    assert chains[0] == 0, chains[2]
