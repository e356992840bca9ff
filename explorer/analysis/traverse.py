"""The one breadth-first search: from many starts at once, over whatever steps a question
allows, keeping for each node the edge it was first reached by, so one shortest explaining
path per node can be walked back.

Taint (untrusted inputs), blast radius both ways, the writers of a public output and the app's
trust badges all ask this one search; they differ only in which steps they allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

Parents = dict[str, tuple[str, Any] | None]
"""node -> (the node it was reached from, the edge: its kind, or its data), None for a start."""
Steps = Mapping[str, Iterable[tuple[str, Any]]] | Callable[[str], Iterable[tuple[str, Any]]]
"""node -> (next node, edge): an adjacency (fastest) or a function of the node."""


def search(
    starts: Iterable[str], steps: Steps, stop: Callable[[str], bool] | None = None
) -> Parents:
    """Breadth-first from every start at once (starts in the order given); each reached node
    keeps its first, hence shortest, way in. `stop(node)`, asked as each node is taken from the
    queue, ends the search when it says so (the node itself is already reached)."""
    parents: Parents = dict.fromkeys(starts)
    queue = list(parents)
    step = steps.get if isinstance(steps, Mapping) else None
    for node in queue:  # the queue grows behind the loop: breadth-first without pops
        if stop is not None and stop(node):
            break
        for nxt, kind in step(node, ()) if step is not None else steps(node):  # type: ignore[operator]
            if nxt not in parents:
                parents[nxt] = (node, kind)
                queue.append(nxt)
    return parents


def walk_back(parents: Parents, node: str) -> tuple[list[str], list[Any]]:
    """(nodes, edges) from the start that reached `node` to `node`."""
    nodes, edges = [node], []
    step = parents[node]
    while step is not None:
        parent, kind = step
        nodes.append(parent)
        edges.append(kind)
        step = parents[parent]
    return nodes[::-1], edges[::-1]


def walk_forward(parents: Parents, node: str) -> tuple[list[str], list[Any]]:
    """(nodes, edges) from `node` to the start, for a search that followed edges
    backwards (who reaches a target): the path reads in the edges' own direction."""
    nodes, edges = walk_back(parents, node)
    return nodes[::-1], edges[::-1]
