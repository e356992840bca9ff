"""Snapshot files: private, atomic, and refused in one sentence when unusable."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from explorer.analysis.estate import load_estate
from explorer.schema.records import CallError
from explorer.store.catalog import list_snapshots, newest_snapshot
from explorer.store.reader import SnapshotError, open_snapshot
from explorer.store.writer import SnapshotWriter

META = {"account": "123456789012", "regions": ["us-east-1"], "finished": "2026-01-02T03:04:05"}


def _write(folder, meta=META, rows=()):
    with SnapshotWriter(folder) as writer:
        writer.add("functions", list(rows))
        return writer.finish(meta, [])


def test_snapshot_is_private_and_named_for_account_and_time(tmp_path):
    path = _write(tmp_path / "cache")

    assert path.name == "123456789012-20260102T030405Z.sqlite"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_rows_round_trip_with_json_columns(tmp_path):
    row = {"arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "layers": ["x"], "raw": {}}
    snapshot = open_snapshot(_write(tmp_path, rows=[row]))

    [stored] = snapshot.rows("functions")

    assert stored["layers"] == ["x"] and stored["raw"] == {}
    assert snapshot.meta["complete"] is True


def test_json_that_only_python_reads_still_round_trips(tmp_path):
    row = {"arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "layers": [2**70], "raw": {}}
    snapshot = open_snapshot(_write(tmp_path, rows=[row]))

    [stored] = snapshot.rows("functions", raw=False)

    assert stored["layers"] == [2**70] and "raw" not in stored


def test_a_json_cell_edited_after_the_crawl_is_refused_as_damaged(tmp_path):
    row = {"arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "layers": ["x"], "raw": {}}
    path = _write(tmp_path, rows=[row])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE functions SET layers = '[not json'")

    with pytest.raises(SnapshotError, match=r"table functions holds invalid JSON in column layers"):
        open_snapshot(path)


def test_a_read_that_meets_bad_json_before_the_background_verdict_says_so(tmp_path):
    row = {"arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "layers": ["x"], "raw": {}}
    path = _write(tmp_path, rows=[row])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE functions SET layers = '[not json'")
    snapshot = open_snapshot(path, check_in_background=True)

    with pytest.raises(SnapshotError, match=r"damaged \(table functions holds invalid JSON\)"):
        snapshot.rows("functions")
    snapshot.close()


def test_snapshot_is_opened_read_only(tmp_path):
    snapshot = open_snapshot(_write(tmp_path))

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        snapshot.db.execute("DELETE FROM meta")


def test_leaving_without_finish_deletes_the_partial_file(tmp_path):
    with pytest.raises(RuntimeError), SnapshotWriter(tmp_path) as writer:
        writer.error(CallError("lambda", "us-east-1", "ListFunctions", "X", "boom"))
        raise RuntimeError("crawl died")

    assert list(tmp_path.iterdir()) == []


def test_unfinished_file_is_refused_as_incomplete(tmp_path):
    writer = SnapshotWriter(tmp_path).__enter__()
    writer.db.conn.commit()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(writer.path.read_bytes())

    with pytest.raises(SnapshotError, match="incomplete"):
        open_snapshot(copy)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"hello, I am a text file\n" * 50, "not a snapshot"),
        (b"", "no meta table"),
    ],
)
def test_foreign_file_is_refused_in_one_sentence(tmp_path, content, reason):
    path = tmp_path / "foreign.sqlite"
    path.write_bytes(content)

    with pytest.raises(SnapshotError, match=reason) as caught:
        open_snapshot(path)

    assert "\n" not in str(caught.value)


def test_damaged_file_is_refused(tmp_path):
    path = _write(
        tmp_path, rows=[{"arn": f"arn:{n}", "description": "x" * 500} for n in range(200)]
    )
    data = bytearray(path.read_bytes())
    data[8192:16384] = b"\xff" * 8192
    path.write_bytes(bytes(data))

    with pytest.raises(SnapshotError, match=r"damaged|not a snapshot"):
        open_snapshot(path)


def test_damage_found_by_the_background_check_stops_the_load(tmp_path):
    path = _write(
        tmp_path, rows=[{"arn": f"arn:{n}", "description": "x" * 500} for n in range(200)]
    )
    data = bytearray(path.read_bytes())
    data[-8192:-4096] = b"\xff" * 4096  # the end of the functions table, not the meta table
    path.write_bytes(bytes(data))

    with pytest.raises(SnapshotError, match="damaged"):
        snapshot = open_snapshot(path, check_in_background=True)
        load_estate(snapshot)


def test_a_sound_snapshot_checked_in_the_background_loads(tmp_path):
    path = _write(tmp_path, rows=[{"arn": "arn:f", "description": "d"}])

    snapshot = open_snapshot(path, check_in_background=True)
    estate = load_estate(snapshot)
    functions = estate.rows("functions")
    estate.close()

    assert [(row["arn"], row["description"]) for row in functions] == [("arn:f", "d")]
    assert snapshot.integrity is None  # verified


def test_unknown_schema_version_is_refused(tmp_path):
    path = _write(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")

    with pytest.raises(SnapshotError, match="schema version 99"):
        open_snapshot(path)


def test_newest_complete_snapshot_is_chosen(tmp_path):
    _write(tmp_path, meta={**META, "finished": "2026-01-01T00:00:00"})
    newer = _write(tmp_path, meta={**META, "finished": "2026-02-01T00:00:00"})
    (tmp_path / "zzz-broken.sqlite").write_bytes(b"junk")

    assert newest_snapshot(tmp_path) == newer
    assert [i.usable for i in list_snapshots(tmp_path)].count(False) == 1


def test_nan_that_only_python_reads_passes_the_verdict(tmp_path):
    row = {"arn": "arn:f", "layers": [float("nan"), float("inf")], "raw": {}}
    path = _write(tmp_path, rows=[row])
    with sqlite3.connect(path) as db:  # SQLite's own JSON check refuses NaN: ours reads it
        assert db.execute("SELECT json_valid(layers) FROM functions").fetchone() == (0,)

    snapshot = open_snapshot(path)
    [stored] = snapshot.rows("functions", raw=False)
    snapshot.close()

    assert stored["layers"][0] != stored["layers"][0] and stored["layers"][1] == float("inf")


def test_a_json_cell_that_is_not_text_is_refused_as_damaged(tmp_path):
    path = _write(tmp_path, rows=[{"arn": "arn:f", "layers": ["x"], "raw": {}}])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE functions SET raw = x'7b7d'")

    with pytest.raises(SnapshotError, match="table functions holds invalid JSON in column raw"):
        open_snapshot(path)
