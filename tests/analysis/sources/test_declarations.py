"""Every declared trigger source is complete: its tables and columns are in the schema, its crawl
module is registered and allowed to call its operations, and its kinds are known to the graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer import schema
from explorer.analysis import kinds, sources
from explorer.analysis.graph import kind_of_arn
from explorer.analysis.graph_columns import graph_columns
from explorer.crawl import not_read, registry
from explorer.crawl.permissions import OPERATIONS

SOURCES = {source.crawl: source for source in sources.declared()}
TABLES = {table.name: table for table in schema.tables()}


def test_sources_are_found_by_listing_the_package():
    assert "elbv2" in SOURCES


@pytest.mark.parametrize("crawl", sorted(SOURCES))
def test_every_table_and_column_a_source_reads_is_declared(crawl):
    source = SOURCES[crawl]
    read = {n.table: {n.name} | (set() if n.synthetic else {"arn"}) for n in source.nodes}
    for table, columns in source.columns.items():
        read.setdefault(table, set()).update(columns)
    for table, columns in read.items():
        assert table in TABLES, table
        declared = {*TABLES[table].columns, TABLES[table].pk}
        assert columns - declared == set(), table
        assert columns <= set(graph_columns()[table])


@pytest.mark.parametrize("crawl", sorted(SOURCES))
def test_its_crawl_module_is_registered_and_its_gap_is_gone(crawl):
    module = registry.modules((crawl,))[0]
    assert crawl in registry.MODULES
    assert module.SERVICE in OPERATIONS
    assert [e for e in not_read.NOT_READ if e.until == crawl] == []


@pytest.mark.parametrize("crawl", sorted(SOURCES))
def test_its_node_kinds_are_listed_and_their_arns_known(crawl):
    for node in SOURCES[crawl].nodes:
        assert node.kind in sources.entry_kinds() | sources.resource_kinds()
        assert node.kind not in {kinds.FUNCTION, kinds.ORIGIN, kinds.EXTERNAL}
        if node.arn_type:
            service, rtype = node.arn_type
            assert kind_of_arn(f"arn:aws:{service}:us-east-1:123456789012:{rtype}/x") == node.kind


def test_trigger_kind_keys_and_node_kinds_are_unique():
    keys = [k.key for k in sources.trigger_kinds()]
    assert len(keys) == len(set(keys))
    node_kinds = [n.kind for n in sources.node_kinds()]
    assert len(node_kinds) == len(set(node_kinds))


def test_readme_lists_exactly_the_trigger_kinds():
    readme = (Path(__file__).parents[3] / "README.md").read_text()
    block = re.search(r"<!-- trigger-kinds -->\n(.*?)\n<!-- /trigger-kinds -->", readme, re.S)

    assert block and block.group(1) == sources.markdown()  # scripts/readme_blocks.py rewrites it
