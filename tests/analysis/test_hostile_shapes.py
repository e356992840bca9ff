"""A snapshot is hostile input: its JSON columns may hold any shape the verdict lets through (a
list of numbers where a list of policies belongs, an object of lists, nesting a thousand deep).
The analysis, every finding, every per-answer report and the app's view model complete on each,
for the hand-built hostile snapshot and for a copy of the crawled demo.

Each shape is written into every JSON column (raw responses aside) whose declared type it has:
fixed shapes replace each cell, mutations rewrite what is inside each cell (its leaves, its
containers) and keep its top level, so rows keep the keys the analysis looks for.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from explorer.analysis import kinds
from explorer.analysis.analyze import Analysis, analyze
from explorer.analysis.blast import blast_radius, reached_by
from explorer.analysis.build import build_graph
from explorer.analysis.chains import find_chains
from explorer.analysis.coverage import coverage
from explorer.analysis.diff import diff_analyses
from explorer.analysis.findings import rules
from explorer.analysis.paths import concrete, label
from explorer.analysis.scopes import blast_scope, chains_scope, inputs_scope
from explorer.cli import main
from explorer.store.checks import DOCUMENT_COLUMNS
from explorer.store.reader import open_snapshot
from explorer.store.schema import data_tables, json_columns
from explorer.tui.details import detail_lines
from explorer.tui.view_model import FINDING_PREFIX, build_model
from tests.analysis.builders import queue, role
from tests.analysis.estates import allow, estate, function, iam_role
from tests.tui.hostile_estate import write_hostile

Rewrite = Callable[[Any, str], Any]
"""(a cell's value, its slot: "list", "dict" or "document") -> the value written instead."""

DEEPEST = 1000
"""Nesting the reader still decodes (orjson stops at 1024)."""


@dataclass(frozen=True)
class Deep:
    """`inner` nested `depth` levels deep, objects and lists in turn (`{"Statement": [...`);
    spelled out by `_encode`, since json.dumps would recurse as deep."""

    inner: Any
    depth: int


def _fixed(as_list: Any, as_dict: Any, as_document: Any) -> Rewrite:
    shapes = {"list": as_list, "dict": as_dict, "document": as_document}
    return lambda _value, slot: shapes[slot]


def _inside(leaf: Callable[[Any], Any], swap: bool = False) -> Rewrite:
    """Rewrite every leaf below the top level (and, with `swap`, turn every nested object into
    the list of its values and every nested list into an object keyed by position)."""

    def walk(value: Any, top: bool) -> Any:
        if isinstance(value, dict):
            inner = {k: walk(v, False) for k, v in value.items()}
            return list(inner.values()) if swap and not top else inner
        if isinstance(value, list):
            items = [walk(v, False) for v in value]
            return {str(i): v for i, v in enumerate(items)} if swap and not top else items
        return value if top else leaf(value)

    return lambda value, _slot: walk(value, True)


def _at_depth(depth: int, replacement: Any) -> Rewrite:
    """Replace every container `depth` levels below the top (an element's element, ...)."""

    def walk(value: Any, level: int) -> Any:
        if not isinstance(value, dict | list):
            return value
        if level == depth:
            return replacement
        if isinstance(value, dict):
            return {k: walk(v, level + 1) for k, v in value.items()}
        return [walk(v, level + 1) for v in value]

    return lambda value, _slot: walk(value, 0)


SHAPES: dict[str, Rewrite] = {
    "elements of every type": _fixed(
        [1, "x", None, True, 2.5, [], {}],
        {"a": 1, "b": "x", "c": None, "d": True, "e": [1], "f": {"g": 1}},
        "garbage",
    ),
    "nested lists": _fixed([[]], {"a": [1]}, 7),
    "empty objects": _fixed([{}], {}, [1, 2]),
    "empty": _fixed([], {}, True),
    "null": _fixed(None, None, None),
    "deep nesting": _fixed([Deep("x", DEEPEST)], {"a": Deep("x", DEEPEST)}, Deep("x", DEEPEST)),
    "leaves nested deep": _inside(lambda leaf: Deep(leaf, DEEPEST - 100)),
    "leaves as numbers": _inside(lambda _leaf: 7),
    "leaves as lists": _inside(lambda leaf: [leaf]),
    "leaves as objects": _inside(lambda leaf: {"a": leaf}),
    "leaves as null": _inside(lambda _leaf: None),
    "containers inside out": _inside(lambda leaf: leaf, swap=True),
    "containers one down as numbers": _at_depth(1, 7),
    "containers two down as numbers": _at_depth(2, 7),
    "containers three down as strings": _at_depth(3, "x"),
    "containers four down as null": _at_depth(4, None),
}


def _slot(table: Any, column: str) -> str:
    if column in DOCUMENT_COLUMNS:
        return "document"
    return "list" if table.columns[column] is list else "dict"


def _encode(value: Any) -> str | None:
    """JSON text of a value, each `Deep` in it spelled out by hand."""
    if value is None:
        return None
    deep: list[Deep] = []

    def mark(found: Deep) -> str:
        deep.append(found)
        return f"@@deep{len(deep) - 1}@@"

    encoded = json.dumps(value, default=mark)
    for index, found in enumerate(deep):
        opening = "".join("[" if level % 2 else '{"Statement": ' for level in range(found.depth))
        closing = "".join("]" if level % 2 else "}" for level in reversed(range(found.depth)))
        spelled = opening + json.dumps(found.inner) + closing
        encoded = encoded.replace(f'"@@deep{index}@@"', spelled)
    return encoded


def write_shape(base: Path, out: Path, rewrite: Rewrite) -> Path:
    """A copy of `base` with every non-raw JSON cell rewritten."""
    shutil.copy(base, out)
    with sqlite3.connect(out) as db:
        for table in data_tables():
            stored = {row[1] for row in db.execute(f'PRAGMA table_info("{table.name}")')}
            columns = sorted((json_columns(table) - {"raw"}) & stored)
            if not columns:
                continue
            select = ", ".join(f'"{c}"' for c in columns)
            rows = db.execute(f'SELECT rowid, {select} FROM "{table.name}"').fetchall()
            assign = ", ".join(f'"{c}" = ?' for c in columns)
            slots = [_slot(table, c) for c in columns]
            rewritten = [(*_rewrite_row(rewrite, slots, cells), rowid) for rowid, *cells in rows]
            db.executemany(f'UPDATE "{table.name}" SET {assign} WHERE rowid = ?', rewritten)
    db.close()
    return out


def _rewrite_row(rewrite: Rewrite, slots: list[str], cells: list[Any]) -> list[str | None]:
    return [_encode(rewrite(_decode(c), slot)) for slot, c in zip(slots, cells, strict=True)]


def _decode(cell: Any) -> Any:
    return None if cell is None else json.loads(cell)


def every_report(path: Path) -> Analysis:
    """What each command and the app compute from a snapshot: each answer for every node, and
    the app's view model with the detail of every node and finding."""
    analysis = analyze(open_snapshot(path, check_in_background=True))
    analysis.finish_reading()
    g, errors, meta = analysis.graph, analysis.estate.errors, analysis.meta
    chains = find_chains(g)
    coverage(g, errors, meta, chains_scope(g, None, chains))
    for node in list(g):
        label(g, node)
        reach, sources = blast_radius(g, node), reached_by(g, node)
        coverage(g, errors, meta, blast_scope(g, node, reach, sources))
        if g.nodes[node].get("kind") == kinds.FUNCTION:
            found = analysis.inputs.get(node, [])
            for one in found:
                concrete(g, one.path, one.edges)
            coverage(g, errors, meta, inputs_scope(g, node, found))
    model = build_model(path, analysis)
    model.set_findings(analysis.findings)
    for item in [*g, *(f"{FINDING_PREFIX}{i}" for i in range(len(analysis.findings)))]:
        detail_lines(model, item)
    return analysis


@pytest.fixture(scope="module")
def bases(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bases")
    return {"hostile": write_hostile(folder), "demo": demo_path}


@pytest.fixture(scope="module")
def sound(bases: dict[str, Path]) -> dict[str, Analysis]:
    """Each base analysed as it is, for the diff against its rewritten copy."""
    return {name: every_report(path) for name, path in bases.items()}


@pytest.mark.parametrize("base", ["hostile", "demo"])
@pytest.mark.parametrize("shape", SHAPES)
def test_every_report_completes_on_a_hostile_shape(tmp_path, bases, sound, base, shape):
    path = write_shape(bases[base], tmp_path / f"{base}.sqlite", SHAPES[shape])

    analysis = every_report(path)
    diff_analyses(sound[base], analysis)
    diff_analyses(analysis, sound[base])

    could_not_run = [f for f in analysis.findings if f.rule == rules.COVERAGE_GAP
                     and "could not run" in f.title]  # fmt: skip
    assert could_not_run == []


@pytest.mark.parametrize("shape", ["elements of every type", "leaves as numbers", "deep nesting"])
def test_every_command_answers_a_hostile_shape_without_an_internal_error(
    tmp_path, capsys, bases, shape
):
    path = write_shape(bases["demo"], tmp_path / "demo.sqlite", SHAPES[shape])
    snapshot = ["--snapshot", str(path)]
    commands = [
        ["info", *snapshot], ["findings", "--format", "json", *snapshot],
        ["findings", "--format", "sarif", *snapshot], ["chains", *snapshot],
        ["inputs", "pixmart-thumbnailer", *snapshot],
        ["blast-radius", "pixmart-thumbnailer", *snapshot],
        ["diff", str(bases["demo"]), str(path)],
        ["diff", "--format", "json", str(path), str(bases["demo"])],
    ]  # fmt: skip

    for argv in commands:
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert "internal error" not in err and "Traceback" not in err, (argv, err)


NOT_READ = [
    {"what": [1], "why": {"a": 1}, "hides": [[1], 7], "cause": 7},
    {"hides": 7},
    {"what": None, "hides": "triggers"},
    {"cause": "--service", "service": [2]},
    7,
    None,
]
"""`meta.not_read` entries of every wrong shape: the meta table is hostile input too."""


def test_every_report_completes_on_hostile_not_read_entries(tmp_path, capsys, bases):
    path = tmp_path / "demo.sqlite"
    shutil.copy(bases["demo"], path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'not_read'", (json.dumps(NOT_READ),))
    db.close()

    every_report(path)
    codes = [main([command, "pixmart-thumbnailer", "--snapshot", str(path)])
             for command in ("inputs", "blast-radius")]  # fmt: skip

    assert codes == [0, 0], capsys.readouterr().err


def test_a_policy_entry_of_the_wrong_shape_is_a_policy_gap_and_the_rest_still_counts():
    granted = iam_role("r", allow("sqs:SendMessage", queue("q")))
    document = granted["inline_policies"][0]["document"]
    hostile = {**granted, "inline_policies": [7, {"name": [1], "document": document}],
               "attached_policy_arns": [[1]]}  # fmt: skip
    est = estate(functions=[function("f", "r")], iam_roles=[hostile],
                 sqs_queues=[{"arn": queue("q"), "name": "q"}])  # fmt: skip

    g = build_graph(est).g

    assert g.nodes[role("r")]["policy_gaps"] == [
        "policy <a list, not an ARN> is not in the snapshot",
        "policy 'inline', field 'document': policy document must be a JSON object "
        "(nothing in it could be read)",
    ]
    assert (role("r"), queue("q"), kinds.WRITES) in {(u, v, d["kind"]) for u, v, d in
                                                     g.edges(data=True)}  # fmt: skip
