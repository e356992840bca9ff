"""The app's pure parts: search ranking, list filter/sort/counts, trust per hop, export, text."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.tui import text
from explorer.tui.export import ExportView, as_dot, as_mermaid, default_path
from explorer.tui.history import History, Place
from explorer.tui.lists import Column, ListData, Row
from explorer.tui.listview import ListState, visible
from explorer.tui.loader import load_all
from explorer.tui.search import SearchIndex
from explorer.tui.trust import hop_trusts
from tests.tui.estate import FOREIGN, QUEUE, ROUTE, TABLE, fn


@pytest.fixture(scope="module")
def model(mini_path):
    loaded, _, _ = load_all(mini_path)
    return loaded


def test_search_ranks_exact_then_prefix_then_substring():
    index = SearchIndex([("a", "order-worker"), ("b", "orders"), ("c", "big-orders"), ("d", "x")])

    assert [h.node for h in index.search("orders")][:2] == ["b", "c"]
    assert [h.node for h in index.search("order")][:2] == ["b", "a"]


def test_search_falls_back_to_ids_then_typos():
    index = SearchIndex([("arn:aws:sqs:eu-west-1:1:jobs", "jobs"), ("f", "thumbnailer")])

    assert index.search("eu-west-1")[0].tier == "arn"
    assert index.search("thumbnialer")[0].node == "f"
    assert index.search("  ") == []


def test_typos_find_a_log_group_by_the_function_it_is_named_after():
    index = SearchIndex([("g", "/aws/lambda/thumbnailer"), ("f", "thumbnailer"), ("x", "/")])

    assert [(h.node, h.tier) for h in index.search("thumbnialer")] == [
        ("f", "fuzzy"), ("g", "fuzzy")
    ]  # fmt: skip
    assert index.search("/")[0].node == "x"


def _rows(count: int) -> ListData:
    rows = tuple(Row(f"n{i}", ((f"name{i:03}", ""), (str(i % 3), "")), (f"name{i:03}", i % 3),
                     "", i % 2 == 0) for i in range(count))  # fmt: skip
    return ListData("functions", (Column("Name"), Column("Mod")), rows)


def test_list_filter_problems_sort_and_honest_counts():
    data = _rows(10)

    shown = visible(data, ListState(query="name00", problems_only=True, sort=1, reverse=True))

    assert [r.item for r in shown.rows] == ["n8", "n2", "n4", "n6", "n0"]
    assert shown.counts() == "5 shown of 5 matching (10 in all)"


def test_a_long_list_shows_the_page_that_holds_the_cursor_and_says_which():
    shown = visible(_rows(25), ListState(cursor="n22"), page=10)

    assert shown.matching == 25 and [r.item for r in shown.window] == [
        f"n{i}" for i in range(20, 25)
    ]
    assert shown.counts() == "21-25 of 25 (PgUp: back)"
    assert visible(_rows(25), ListState(), page=10).counts() == "1-10 of 25 (PgDn: more)"


def test_counts_after_a_sort_or_a_filter_say_what_is_shown_of_what_matches():
    data = _rows(30)

    ahead = visible(data, ListState(sort=1, reverse=True, cursor="n1"), page=10)
    assert ahead.counts() == "11-20 of 30 (PgDn: more)" and len(ahead.window) == 10
    narrowed = visible(data, ListState(query="name01", cursor="n0"), page=5)
    assert [r.item for r in narrowed.rows] == [f"n{i}" for i in range(10, 20)]
    assert narrowed.counts() == "1-5 of 10 matching (30 in all) (PgDn: more)"
    assert visible(data, ListState(query="name02"), page=10).counts() == (
        "10 shown of 10 matching (30 in all)"
    )


def test_trust_at_each_hop_follows_the_worst_origin(model):
    path = ["internet", ROUTE, fn("shop-api")]

    assert hop_trusts(model.g, model.trust, path) == ["anonymous"] * 3
    assert model.trust[QUEUE] == "anonymous" and model.trust[TABLE] == "anonymous"
    assert model.trust[f"account:{FOREIGN}"] == "cross-account"
    assert fn("nightly") not in model.trust


def test_dot_and_mermaid_quote_hostile_names(model):
    edges = {("internet", ROUTE): "exposes"}

    dot, mermaid = as_dot(edges, model), as_mermaid(edges, model)

    assert '"internet" -> "' in dot and "POST /orders (anonymous)" in dot
    assert mermaid.splitlines()[0] == "flowchart LR" and "-->|exposes|" in mermaid
    assert '\\"' in as_dot({('a"b', "c"): "x"}, None)


def test_export_file_names_are_safe():
    view = ExportView("chains-[bold]x/../y", {})

    assert default_path(view, "mermaid", Path("/tmp")) == Path(
        "/tmp/explorer-chains-bold-x-..-y.mmd"
    )


def test_literal_text_is_never_markup_and_shows_control_characters():
    shown = text.literal("[bold red]x[/] \x1b[2J")

    assert shown.plain == "[bold red]x[/] \\x1b[2J"
    assert not shown.spans
    assert text.cell("a\x07b").plain == "a\\x07b"


def test_history_is_a_bounded_stack():
    history = History(limit=2)
    for item in ("a", "b", "c"):
        history.push(Place("functions", ListState(), item))

    assert history.items() == ["b", "c"]
    assert history.pop().item == "c" and len(history) == 1
