"""Fuzzy search over every node by name and ARN, fast enough to run on each keystroke.

Three tiers, cheapest first: the name contains the query (exact, prefix, then anywhere); the ARN
contains it; then, only when those found too few, rapidfuzz's `partial_ratio` over the names
(typos). A substring test over 30,000 strings takes about 2 ms; rapidfuzz over all of them
10-20 ms, which is why it runs last and only when needed, and over distinct *fuzzy keys*, not
names: a path-like name (a log group) is keyed by its last segment, so `/aws/lambda/orders`
shares the key of the function `orders` and the typo tier scores a third fewer strings.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from rapidfuzz import fuzz, process

LIMIT = 50
"""Results shown for a query."""
FUZZY_CUTOFF = 75
"""partial_ratio score a typo'd name must reach."""


@dataclass(frozen=True)
class Hit:
    """One search result: a node id, how well it matched (0-100), and which tier found it."""

    node: str
    score: float
    tier: str


class SearchIndex:
    """Lower-cased names and ids of every node, built once in the loading worker."""

    def __init__(self, entries: list[tuple[str, str]], aliases: dict[str, str] | None = None):
        """`entries` are (node id, display name) pairs; `aliases` more text the id tier finds
        a node by (a user's access key ids)."""
        more = aliases or {}
        self.ids = [node for node, _ in entries]
        self.names = [name.lower() for _, name in entries]
        self.low_ids = [f"{node} {more[node]}".lower() if node in more else node.lower()
                        for node in self.ids]  # fmt: skip
        self.lengths = [len(name) for name in self.names]
        keyed: dict[str, list[int]] = {}
        for i, name in enumerate(self.names):
            keyed.setdefault(fuzzy_key(name), []).append(i)
        self.keys = list(keyed)
        self.keyed = list(keyed.values())
        """Each distinct fuzzy key, and the nodes (by position) whose names have it."""

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, limit: int = LIMIT) -> list[Hit]:
        """The best `limit` nodes for `query`, best first; empty for an empty query."""
        needle = query.strip().lower()
        if not needle:
            return []
        hits = self._in_names(needle, limit)
        if len(hits) < limit:
            hits += self._in_ids(needle, limit - len(hits), {h.node for h in hits})
        if len(hits) < limit and len(needle) >= 3:
            hits += self._fuzzy(needle, limit - len(hits), {h.node for h in hits})
        return hits

    def _in_names(self, needle: str, limit: int) -> list[Hit]:
        """Names holding the query: exact and prefix matches first, shorter names first."""
        names, size = self.names, self.lengths.__getitem__
        found = [i for i, name in enumerate(names) if needle in name]
        prefix = [i for i in found if names[i].startswith(needle)]
        best = heapq.nsmallest(limit, prefix, key=size)
        if len(best) < limit:
            starts = set(prefix)
            rest = [i for i in found if i not in starts]
            best += heapq.nsmallest(limit - len(best), rest, key=size)
        return [Hit(self.ids[i], 100.0 - _place(names[i], needle), "name") for i in best]

    def _in_ids(self, needle: str, limit: int, seen: set[str]) -> list[Hit]:
        found = []
        for i, node in enumerate(self.low_ids):
            if needle in node and self.ids[i] not in seen:
                found.append(Hit(self.ids[i], 90.0, "arn"))
                if len(found) >= limit:
                    break
        return found

    def _fuzzy(self, needle: str, limit: int, seen: set[str]) -> list[Hit]:
        """Names close to the query (typos), best first, shorter names first on a tie."""
        matches = process.extract(
            needle,
            self.keys,
            scorer=fuzz.partial_ratio,
            processor=None,
            limit=limit + len(seen),
            score_cutoff=FUZZY_CUTOFF,
        )
        found = [(-score, self.lengths[i], i) for _, score, k in matches for i in self.keyed[k]]
        hits = [Hit(self.ids[i], -score * 0.8, "fuzzy") for score, _, i in sorted(found)]
        return [h for h in hits if h.node not in seen][:limit]


def _place(name: str, needle: str) -> int:
    """0 exact name, 1 prefix, 2 elsewhere."""
    if name == needle:
        return 0
    return 1 if name.startswith(needle) else 2


def fuzzy_key(name: str) -> str:
    """What the typo tier compares a (lower-cased) name by: the last segment of a path-like
    name, which is the part people type (`/aws/lambda/orders` -> `orders`), else the name."""
    if name.startswith("/"):
        return name.rstrip("/").rsplit("/", 1)[-1] or name
    return name
