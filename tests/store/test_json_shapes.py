"""The verdict on a file checks the type of every JSON cell: a column declared `dict` holds an
object or null, one declared `list` an array or null; anything else is damage, said in one
sentence. Policy documents are the exception: the crawl keeps text it cannot parse as it is."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

import explorer.crawl
from explorer.analysis.analyze import analyze
from explorer.store import checks
from explorer.store.checks import DOCUMENT_COLUMNS
from explorer.store.reader import SnapshotError, open_snapshot
from explorer.store.schema import data_tables, json_columns
from explorer.store.writer import SnapshotWriter

META = {"account": "123456789012", "regions": ["us-east-1"], "finished": "2026-01-02T03:04:05"}
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f"
ROLE = "arn:aws:iam::123456789012:role/r"


def _write(folder: Path) -> Path:
    """A snapshot of one function on one role, every JSON column of the right type."""
    with SnapshotWriter(folder) as writer:
        writer.add("functions", [{"arn": FUNCTION, "name": "f", "role_arn": ROLE, "layers": [],
                                  "environment": {"A": {"length": 1}}, "raw": {}}])  # fmt: skip
        writer.add("iam_roles", [{"arn": ROLE, "name": "r", "inline_policies": [],
                                  "tags": {"team": "x"}, "raw": {}}])  # fmt: skip
        writer.add("s3_buckets", [{"arn": "arn:aws:s3:::b", "name": "b", "raw": {}}])
        return writer.finish(META, [])


def _set(path: Path, table: str, column: str, sql_value: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f'UPDATE "{table}" SET "{column}" = ?', (sql_value,))
    db.close()


@pytest.mark.parametrize(
    ("table", "column", "cell", "said"),
    [
        ("iam_roles", "inline_policies", "7", "a number in column inline_policies, where a list"),
        ("iam_roles", "inline_policies", '{"a": 1}', "an object in column inline_policies, where"),
        ("iam_roles", "tags", "[1]", "a list in column tags, where an object belongs"),
        ("functions", "environment", '"text"', "a string in column environment, where an object"),
        ("functions", "layers", "true", "a boolean in column layers, where a list belongs"),
        ("functions", "layers", 2.5, "a number in column layers, where a list belongs"),
        ("functions", "layers", " 7", "a number in column layers, where a list belongs"),
    ],
)
def test_a_json_cell_of_the_wrong_type_is_refused_in_one_sentence(
    tmp_path, table, column, cell, said
):
    path = _write(tmp_path)
    _set(path, table, column, cell)

    with pytest.raises(SnapshotError) as caught:
        open_snapshot(path)

    assert f"is damaged (table {table} holds {said}" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_blob_in_a_typed_json_column_is_refused_as_invalid_json(tmp_path):
    path = _write(tmp_path)
    _set(path, "functions", "layers", b"[]")  # SQLite's JSON functions would read it as text

    with pytest.raises(SnapshotError, match="table functions holds invalid JSON in column layers"):
        open_snapshot(path)


@pytest.mark.parametrize("cell", [None, "null", " [1]", '\n{"a": 1}'])
def test_null_and_json_of_the_declared_type_pass_with_any_whitespace(tmp_path, cell):
    path = _write(tmp_path)
    _set(path, "functions", "layers" if cell != '\n{"a": 1}' else "environment", cell)

    open_snapshot(path).close()


@pytest.mark.parametrize("cell", ['"garbage"', "[1, 2]", "42", "true", '{"Statement": 7}'])
def test_a_policy_kept_as_the_text_aws_sent_passes_the_verdict(tmp_path, cell):
    path = _write(tmp_path)
    _set(path, "s3_buckets", "policy", cell)

    open_snapshot(path).close()


def test_a_wrong_type_found_by_the_background_check_is_reported_not_the_crash(tmp_path):
    path = _write(tmp_path)
    _set(path, "iam_roles", "inline_policies", "7")

    with pytest.raises(SnapshotError, match="holds a number in column inline_policies"):
        analyze(open_snapshot(path, check_in_background=True))


def test_every_column_the_crawl_fills_from_policy_text_may_hold_any_json():
    filled = _columns_filled_by_parse_policy()
    declared = {c for t in data_tables() for c in json_columns(t)}

    assert filled and filled <= DOCUMENT_COLUMNS
    assert declared >= DOCUMENT_COLUMNS  # no stale name


def _columns_filled_by_parse_policy() -> set[str]:
    """Keys of the crawl's row dicts whose value is, or is a name bound to, a `parse_policy`
    result (read from the crawl modules' source)."""
    found: set[str] = set()
    for module in Path(explorer.crawl.__file__).parent.glob("*.py"):
        tree = ast.parse(module.read_text())
        bound = {
            target.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and _calls_parse_policy(node.value)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    named = isinstance(value, ast.Name) and value.id in bound
                    if isinstance(key, ast.Constant) and (named or _calls_parse_policy(value)):
                        found.add(key.value)
    return found


def _calls_parse_policy(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "parse_policy"
        for n in ast.walk(node)
    )


def test_a_sound_snapshot_leaves_no_cell_for_python_to_judge(demo_path, monkeypatch):
    # Each cell SQLite picks is judged in Python, one GIL handoff each: beside a graph build on
    # the main thread, thousands of them (null policies) made the verdict outlast the build.
    judged: list[int] = []
    monkeypatch.setattr(checks, "_judge_row", lambda *args: judged.append(args[-1]))

    open_snapshot(demo_path).close()

    assert judged == []
