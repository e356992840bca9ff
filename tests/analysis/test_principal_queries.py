"""Principal queries on hand-built graphs: who holds access to a node (hubs included), who
becomes whom, who reaches an administrator, and an escalation path hop by hop."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.analysis import kinds
from explorer.analysis.escalation import (
    Becomes,
    admin_distances,
    admin_reachers,
    becomes_in,
    becomes_out,
    escalation_hops,
    path_to,
)
from explorer.analysis.graph import EstateGraph
from explorer.analysis.holders import access_holders

ADMIN = kinds.admin_node("123456789012")


def _graph(*edges: tuple[str, str, str, bool]) -> EstateGraph:
    """Nodes named by kind (`role:x`, `hub:roles`, ...), then (from, to, kind, conditional)."""
    graph = EstateGraph()
    for u, v, *_ in edges:
        for node in (u, v):
            kind = kinds.ADMIN if node == ADMIN else node.split(":", 1)[0]
            graph.node(node, kind, node)
    for u, v, kind, conditional in edges:
        graph.edge(u, v, kind, conditional=conditional, technique=f"t-{u}")
    return graph


def test_access_holders_merge_each_principals_edges_and_names_the_hub_it_holds_them_through():
    g = _graph(
        ("role:writer", "bucket:b", kinds.WRITES, False),
        ("role:writer", "bucket:b", kinds.READS, True),
        ("user:u", "hub:buckets", kinds.READS, False),
        ("hub:buckets", "bucket:b", kinds.MEMBER, False),
        ("role:other", "bucket:c", kinds.WRITES, False),
    ).g
    g.nodes["hub:buckets"]["kind"] = kinds.HUB

    found = {h.source: h for h in access_holders(g, "bucket:b")}

    assert found.keys() == {"role:writer", "user:u"}
    assert found["role:writer"].verbs == ("write", "read")
    assert found["role:writer"].conditional == {"read"}
    assert found["user:u"].through == ("hub:buckets",)


def test_access_holders_list_the_strongest_access_first():
    g = _graph(
        ("role:a-reader", "function:f", kinds.READS, False),
        ("role:b-changer", "function:f", kinds.CONTROLS, False),
        ("role:c-invoker", "function:f", kinds.INVOKES, False),
    ).g

    assert [h.source for h in access_holders(g, "function:f")] == [
        "role:b-changer", "role:c-invoker", "role:a-reader",
    ]  # fmt: skip


def test_becomes_in_includes_principals_that_become_a_hub_of_roles_standing_for_it():
    g = _graph(
        ("user:u", "hub:roles", kinds.BECOMES, False),
        ("hub:roles", "role:r", kinds.MEMBER, False),
        ("role:q", "role:r", kinds.BECOMES, True),
    ).g
    g.nodes["hub:roles"]["kind"] = kinds.HUB

    found = {(b.other, b.hub) for b in becomes_in(g, "role:r")}

    assert found == {("role:q", None), ("user:u", "hub:roles")}
    assert [b.other for b in becomes_out(g, "user:u")] == ["hub:roles"]


def test_admin_reachers_follow_becomes_through_hubs_any_number_of_hops():
    g = _graph(
        ("user:u", "role:a", kinds.BECOMES, False),
        ("role:a", "hub:roles", kinds.BECOMES, False),
        ("hub:roles", "role:admin", kinds.MEMBER, False),
        ("role:b", ADMIN, kinds.BECOMES, False),
        ("role:c", "role:a", kinds.WRITES, False),
    ).g
    g.nodes["hub:roles"]["kind"] = kinds.HUB
    g.nodes["role:admin"]["admin"] = "yes"

    assert admin_reachers(g) == {"user:u", "role:a", "role:b"}


def test_escalation_hops_fold_a_hub_into_the_role_the_path_goes_on_to():
    g = _graph(
        ("user:u", "role:a", kinds.BECOMES, False),
        ("role:a", "hub:roles", kinds.BECOMES, True),
        ("hub:roles", "role:admin", kinds.MEMBER, False),
    ).g
    g.nodes["hub:roles"]["kind"] = kinds.HUB

    hops = escalation_hops(g, "user:u", "role:admin")

    assert [(h.source, h.target) for h in hops] == [("user:u", "role:a"), ("role:a", "role:admin")]
    assert hops[1].data["conditional"] is True
    assert escalation_hops(g, "role:admin", "user:u") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.booleans()), max_size=24),
    st.sets(st.integers(0, 7), max_size=2),
)
def test_the_search_toward_an_administrator_finds_the_whole_searchs_first_by_its_path(
    edges: list[tuple[int, int, bool]], admins: set[int]
):
    graph = EstateGraph()
    for n in range(8):
        graph.node(f"role:{n}", kinds.ROLE, f"r{n}", **({"admin": "yes"} if n in admins else {}))
    graph.node("hub:h", kinds.HUB, "h")
    for u, v, conditional in edges:
        graph.edge(f"role:{u}", f"role:{v}" if v != 7 else "hub:h", kinds.BECOMES,
                   conditional=conditional)  # fmt: skip
    graph.edge("hub:h", "role:6", kinds.MEMBER)
    g, search, toward = graph.g, Becomes(graph.g), admin_distances(graph.g)
    for source in sorted(admin_reachers(g)):
        whole = search.parents(source)
        first = next(n for n in whole if n != source and g.nodes[n].get("admin") == "yes")
        pruned: dict = {}
        found = next(n for n in search.discover(source, pruned, toward)
                     if g.nodes[n].get("admin") == "yes")  # fmt: skip
        assert found == first
        assert path_to(pruned, found) == path_to(whole, first)
