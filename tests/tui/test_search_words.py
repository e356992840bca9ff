"""The search index matches each query word on its own, in any order, allowing typos (issue 15):
hand-made names, then `/` on the demo."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.tui.screens.search import SearchScreen
from explorer.tui.search import SearchIndex, name_words
from tests.tui.conftest import SIZE, app_for, loaded

NAMES = [
    "pixmart-order-worker",
    "pixmart-orders-table",
    "pixmart-order-api",
    "pixmart-thumbnailer",
    "warehouse-worker",
    "/aws/lambda/pixmart-order-worker",
    "pixmart-order-worker-role",
    "audit-export",
]
INDEX = SearchIndex([(name, name) for name in NAMES])


def found(query: str, index: SearchIndex = INDEX) -> list[str]:
    return [hit.node for hit in index.search(query)]


@pytest.mark.parametrize(
    "query",
    ["ordr wrkr", "wrkr ordr", "ordrwrkr", "order wrkr", "order worker", "pixmart-order-worker",
     "Worker ORDER", "pxmart ordr wrkr", "ordre-worker"],
)  # fmt: skip
def test_every_spelling_of_order_worker_finds_it_first(query):
    assert found(query)[0] == "pixmart-order-worker"


def test_ties_go_to_the_shorter_name():
    hits = found("ordr wrkr")

    assert hits == [
        "pixmart-order-worker", "pixmart-order-worker-role", "/aws/lambda/pixmart-order-worker"
    ]  # fmt: skip


@pytest.mark.parametrize("query", ["ordr zzzz", "order qqqqqq", "thumbnailer order", "wrkr xy"])
def test_a_word_that_matches_nothing_leaves_nothing(query):
    assert found(query) == []


def test_camel_case_names_are_split_into_words():
    index = SearchIndex([("q", "OrderWorkerDlq"), ("t", "pixmart-thumbnailer")])

    assert name_words("OrderWorkerDlq") == ["order", "worker", "dlq", "orderworker", "workerdlq"]
    assert found("dlq wrkr", index) == ["q"]


def test_exact_then_prefix_then_whole_words_then_inside_then_typos():
    index = SearchIndex(
        [(n, n) for n in ["ordre", "border-patrol", "big-order", "order-worker", "order"]]
    )

    hits = index.search("order")

    assert [h.node for h in hits] == [
        "order",
        "order-worker",
        "big-order",
        "border-patrol",
        "ordre",
    ]
    assert [h.tier for h in hits][-1] == "fuzzy" and hits[-2].tier == "name"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


WORDS = ["order", "worker", "payments", "refund", "thumbnail", "export", "shipment", "invoice",
         "checkout", "session", "audit", "image"]  # fmt: skip


def typo(word: str, at: int) -> str:
    """`word` with one inner letter dropped (the typing people do)."""
    place = 1 + at % (len(word) - 2)
    return word[:place] + word[place + 1 :]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True),
             min_size=1, max_size=12),
    st.data(),
)  # fmt: skip
def test_any_order_and_a_dropped_letter_per_word_still_find_the_name(names, data):
    target = names[0]
    index = SearchIndex([(str(n), "-".join(words)) for n, words in enumerate(names)])
    order = data.draw(st.permutations(target))
    query = " ".join(typo(w, data.draw(st.integers(0, 20))) for w in order)

    hits = [h.node for h in index.search(query)]

    assert "0" in hits
    # a typo may come close to another word ("worer" to "order"), but the best hit has every
    # word of the target
    assert set(target) <= set(names[int(hits[0])]), query


@settings(max_examples=40, deadline=None)
@given(st.permutations(["pixmart", "order", "worker"]))
def test_the_words_order_does_not_change_the_results(words):
    assert set(found(" ".join(words))) == set(found("pixmart order worker"))


async def test_slash_ordr_wrkr_lists_the_order_worker_first(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)

        await pilot.press("slash", *"ordr wrkr")
        screen = pilot.app.screen

        assert isinstance(screen, SearchScreen)
        assert main.model.name(screen.items[0]) == "pixmart-order-worker"
