"""Names people type -> node ids: an ARN, a function or resource name, or an unambiguous suffix."""

from __future__ import annotations

import networkx as nx
from rapidfuzz import process

from explorer.analysis import kinds


class UnknownName(Exception):
    """No node, or several, match a name; the message is one sentence with close matches."""


def resolve(g: nx.MultiDiGraph, text: str) -> str:
    """The one node `text` names, preferring exact ids, then functions, then any resource."""
    if text in g:
        return text
    for candidates in (
        _by_name(g, text, kinds.FUNCTION),
        _by_name(g, text, None),
        _by_suffix(g, text),
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            shown = ", ".join(sorted(candidates)[:5])
            raise UnknownName(f"{text!r} is ambiguous: it could be {shown}; give the full ARN.")
    raise UnknownName(_unknown(g, text))


def _by_name(g: nx.MultiDiGraph, text: str, kind: str | None) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a.get("name") == text and a.get("known")
            and (kind is None or a.get("kind") == kind)]  # fmt: skip


def _by_suffix(g: nx.MultiDiGraph, text: str) -> list[str]:
    return [n for n, a in g.nodes(data=True) if a.get("known") and n.endswith(text)]


def _unknown(g: nx.MultiDiGraph, text: str) -> str:
    names = {str(a.get("name")): n for n, a in g.nodes(data=True) if a.get("known")}
    close = process.extract(text, list(names), limit=3, score_cutoff=50)
    hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else "."
    return f"no function or resource named {text!r} in this snapshot{hint}"
