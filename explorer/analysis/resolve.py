"""Names people type -> node ids: an ARN, a function or resource name, an unambiguous suffix,
or an access key id (its user: "this key leaked, what does it reach?")."""

from __future__ import annotations

import re

import networkx as nx
from rapidfuzz import process

from explorer.analysis import kinds


class UnknownName(Exception):
    """No node, or several, match a name; the message is one sentence with close matches."""


def resolve(g: nx.MultiDiGraph, text: str) -> str:
    """The one node `text` names, preferring exact ids, then functions, then any resource."""
    if text in g:
        return text
    if ACCESS_KEY_ID.match(text):
        return _key_owner(g, text)
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


ACCESS_KEY_ID = re.compile(r"^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}$")
"""Long-term (AKIA) and temporary (ASIA) access key ids (IAM UG, "Unique identifier prefixes")."""


def _key_owner(g: nx.MultiDiGraph, key: str) -> str:
    """The user holding the access key, from the credentials the crawl recorded."""
    recorded = False
    for node, attrs in g.nodes(data=True):
        if attrs.get("kind") != kinds.USER:
            continue
        keys = (attrs.get("row") or {}).get("access_keys")
        recorded = recorded or isinstance(keys, list)
        if isinstance(keys, list) and any(isinstance(k, dict) and k.get("id") == key for k in keys):
            return node
    if key.startswith("ASIA"):
        raise UnknownName(f"{key!r} is a temporary (session) key: the snapshot cannot say whose.")
    why = "" if recorded else " (this snapshot does not record access keys: crawl it again)"
    raise UnknownName(f"no user of this snapshot holds the access key {key!r}{why}.")


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
