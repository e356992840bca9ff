"""The graph is built from `graph_columns()` alone, and the rest of a snapshot is read on demand.

The build reads only the declared columns (recorded on real snapshots: the crawled demo, a
synthetic account, the app's hand-built snapshot); a graph built from those columns equals one
built from every column; and reading a table in full later completes the rows the graph's
nodes already hold."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.synth import crawl_account
from benchmarks.synthetic.wiring import build_account
from explorer.analysis.analyze import analyze
from explorer.analysis.build import build_graph
from explorer.analysis.diff import diff_analyses
from explorer.analysis.estate import Estate, load_estate
from explorer.analysis.graph_columns import graph_columns
from explorer.cli import main
from explorer.store.reader import SnapshotError, open_snapshot
from explorer.store.schema import data_tables
from tests.tui.estate import write_mini

WHOLE = "<every column>"


class Recording(dict):
    """A row that notes each column read from it (reading all of them notes WHOLE)."""

    def __init__(self, table: str, row: dict, seen: dict[str, set[str]]) -> None:
        super().__init__(row)
        self._table, self._seen = table, seen

    def __getitem__(self, key: str) -> Any:
        self._seen[self._table].add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._seen[self._table].add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._seen[self._table].add(str(key))
        return super().__contains__(key)

    def _whole(self) -> None:
        self._seen[self._table].add(WHOLE)

    def keys(self):  # type: ignore[override]
        self._whole()
        return super().keys()

    def items(self):  # type: ignore[override]
        self._whole()
        return super().items()

    def values(self):  # type: ignore[override]
        self._whole()
        return super().values()

    def __iter__(self) -> Iterator[str]:
        self._whole()
        return super().__iter__()


@pytest.fixture(scope="module")
def synthetic_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    account = build_account(Sizes(functions=120, seed=11))
    out = tmp_path_factory.mktemp("synth") / "synthetic.sqlite"
    return crawl_account(account, out).outcome.path


@pytest.fixture(params=["demo", "synthetic", "mini"])
def snapshot_path(request: pytest.FixtureRequest, tmp_path_factory) -> Path:
    if request.param == "demo":
        return request.getfixturevalue("demo_path")
    if request.param == "synthetic":
        return request.getfixturevalue("synthetic_path")
    return write_mini(tmp_path_factory.mktemp("mini"))


def every_column(path: Path) -> Estate:
    """The snapshot read whole, as plain data (no lazy reads)."""
    snapshot = open_snapshot(path)
    try:
        tables = {t.name: snapshot.rows(t.name, raw=False) for t in data_tables()}
        return Estate(meta=dict(snapshot.meta), tables=tables, errors=snapshot.rows("errors"))
    finally:
        snapshot.close()


def graph_facts(estate: Estate) -> tuple[dict, list]:
    """Nodes (without their rows) and edges with their data, comparable across builds."""
    g = build_graph(estate).g
    nodes = {n: {k: v for k, v in a.items() if k != "row"} for n, a in g.nodes(data=True)}
    edges = sorted(repr((u, v, d)) for u, v, d in g.edges(data=True))
    return nodes, edges


def test_the_build_reads_only_the_declared_columns(snapshot_path):
    full = every_column(snapshot_path)
    seen: dict[str, set[str]] = defaultdict(set)
    tables = {t: [Recording(t, row, seen) for row in rows] for t, rows in full.tables.items()}

    build_graph(Estate(meta=full.meta, tables=tables, errors=full.errors))

    undeclared = {t: cols - set(graph_columns().get(t, ())) for t, cols in seen.items()}
    assert {t: cols for t, cols in undeclared.items() if cols} == {}
    assert {"arn", "role_arn", "policy"} <= set().union(*seen.values())  # it did record


def test_a_graph_of_the_declared_columns_equals_one_of_every_column(snapshot_path):
    lazy = load_estate(open_snapshot(snapshot_path, check_in_background=True))
    try:
        assert graph_facts(lazy) == graph_facts(every_column(snapshot_path))
    finally:
        lazy.close()


def test_reading_a_table_in_full_completes_the_rows_the_nodes_hold(snapshot_path):
    estate = load_estate(open_snapshot(snapshot_path))
    g = build_graph(estate).g
    held = {n: a["row"] for n, a in g.nodes(data=True) if a.get("table") == "functions"}
    assert held and all("runtime" not in row for row in held.values())

    estate.read_all()
    estate.close()

    complete = {row["arn"]: row for row in every_column(snapshot_path).rows("functions")}
    for node, row in held.items():
        assert row is g.nodes[node]["row"]
        assert row == complete[row["arn"]]
    assert estate.rows("functions")[0] is held[estate.rows("functions")[0]["arn"]]


def test_a_table_never_read_reads_in_full_on_first_use(tmp_path):
    estate = load_estate(open_snapshot(write_mini(tmp_path)))

    assert "resource_tags" not in estate.tables and "functions" in estate.partial
    tags = estate.rows("resource_tags")
    assert estate.rows("no_such_table") == []
    estate.close()

    assert tags and all("tags" in row for row in tags)
    assert estate.rows("resource_tags") is tags
    assert estate.columns("functions", ["arn"]) is estate.partial["functions"]
    with pytest.raises(RuntimeError, match="closed before table functions was read"):
        estate.rows("functions")


def test_a_damaged_cell_outside_the_graph_columns_is_refused_when_read(tmp_path, capsys):
    path = write_mini(tmp_path)
    estate = load_estate(open_snapshot(path))
    with sqlite3.connect(path) as db:  # changed after the verdict, while the estate is open
        db.execute("UPDATE functions SET environment = '{not json'")

    build_graph(estate)  # the graph never reads the environment
    with pytest.raises(SnapshotError, match=r"damaged \(table functions holds invalid JSON\)"):
        estate.rows("functions")
    estate.close()

    assert main(["findings", "--snapshot", str(path)]) == 2
    err = capsys.readouterr().err
    assert "holds invalid JSON" in err and "Traceback" not in err


def test_diff_reports_a_change_in_a_column_the_graph_does_not_read(tmp_path):
    old_path = write_mini(tmp_path, "old.sqlite")
    new_path = write_mini(tmp_path, "new.sqlite")
    with sqlite3.connect(new_path) as db:
        db.execute("UPDATE functions SET runtime = 'python3.8' WHERE rowid = 1")
        changed = db.execute("SELECT arn FROM functions WHERE rowid = 1").fetchone()[0]

    old, new = (analyze(open_snapshot(p)) for p in (old_path, new_path))
    changes = diff_analyses(old, new)

    [node] = [n for n in changes["changed"]["nodes"] if n["node"] == changed]
    assert node["columns"]["runtime"][1] == "python3.8"


def test_finishing_reading_a_damaged_table_still_lets_the_file_go(tmp_path):
    path = write_mini(tmp_path)
    analysis = analyze(open_snapshot(path))
    with sqlite3.connect(path) as db:  # changed after the verdict, while the analysis is open
        db.execute("UPDATE functions SET environment = '{not json'")

    with pytest.raises(SnapshotError, match="holds invalid JSON"):
        analysis.finish_reading()

    assert analysis.estate.source is None and analysis.estate.closed
