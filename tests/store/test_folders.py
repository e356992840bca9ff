"""The snapshot folder: made private when it is plainly ours, otherwise left alone with one
warning; a finished crawl is never lost to a failed rename."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest

from explorer.store.leftovers import find_leftovers, partial_name, remove_leftovers
from explorer.store.reader import open_snapshot
from explorer.store.writer import SnapshotWriteError, SnapshotWriter

META = {"account": "123456789012", "regions": ["us-east-1"], "finished": "2026-01-02T03:04:05"}
NAME = "123456789012-20260102T030405Z.sqlite"


def _write(folder, out=None) -> tuple[list[str], os.PathLike]:
    warnings: list[str] = []
    with SnapshotWriter(folder, out, warnings.append) as writer:
        path = writer.finish(META, [])
    return warnings, path


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_open_folder_holding_only_snapshots_is_made_private(tmp_path):
    folder = tmp_path / "cache"
    _write(folder)
    folder.chmod(0o755)

    warnings, _ = _write(folder)

    assert (_mode(folder), warnings) == (0o700, [])


def test_open_empty_folder_is_made_private(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)

    warnings, _ = _write(folder)

    assert (_mode(folder), warnings) == (0o700, [])


def test_open_folder_holding_other_files_is_left_alone_with_a_warning(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "notes.txt").write_text("not a snapshot")

    warnings, path = _write(folder, out=folder / "x.sqlite")

    assert _mode(folder) == 0o755 and _mode(path) == 0o600
    [warning] = warnings
    assert warning.startswith(f"{folder} can be read by other users (mode 0755)")


def test_private_folder_gets_no_warning(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    (folder / "notes.txt").write_text("not a snapshot")

    warnings, _ = _write(folder)

    assert warnings == []


def test_out_that_is_a_folder_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(SnapshotWriteError, match=r"it is a folder; name a file in it"):
        SnapshotWriter(tmp_path, out=tmp_path).__enter__()

    assert list(tmp_path.iterdir()) == []


def test_snapshot_whose_out_became_a_folder_is_kept_beside_it(tmp_path):
    out = tmp_path / "x.sqlite"
    warnings: list[str] = []

    with SnapshotWriter(tmp_path, out, warnings.append) as writer:
        out.mkdir()
        path = writer.finish(META, [])

    assert path == tmp_path / NAME
    assert open_snapshot(path).meta["complete"] is True
    assert warnings == [
        f"could not move the snapshot to {out} (is a directory); it is at {path} instead."
    ]


def test_finished_crawl_that_cannot_be_renamed_is_kept_and_its_place_named(tmp_path, monkeypatch):
    # The operating system refuses every rename (a folder made read-only, a full disk).
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    with SnapshotWriter(tmp_path) as writer:
        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(SnapshotWriteError) as refused:
            writer.finish(META, [])
        monkeypatch.undo()

    assert writer.path.exists()
    assert str(refused.value) == (
        f"the crawl finished, but could not move the snapshot to {tmp_path / NAME} "
        f"(permission denied); its data is kept in {writer.path}: rename that file to a name "
        "ending in .sqlite to use it."
    )


def test_finished_but_unrenamed_file_is_listed_as_data_and_never_removed(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead_pid = gone.pid
    _, finished = _write(tmp_path / "done")
    kept = tmp_path / partial_name(dead_pid, "0123abcd")
    shutil.copy(finished, kept)

    [leftover] = find_leftovers(tmp_path)
    removed = remove_leftovers([leftover])

    assert (leftover.pid, leftover.complete, removed) == (dead_pid, True, [])
    assert kept.exists()
