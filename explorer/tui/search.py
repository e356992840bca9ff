"""Fuzzy search over every node by name and ARN, fast enough to run on each keystroke.

A query is words, and every word must match a word of a node's name, in any order, allowing a
typo or dropped letters (`ordr wrkr`, `wrkr ordr` and `ordrwrkr` all find `order-worker`).
Names are split into words at separators, case changes and digits; two neighbouring words are
also indexed joined (`orderworker`), so a query typed without its separator still matches.

Results come in tiers, cheapest and best first, and a tier runs only when those before it left
room: the name is the query, then starts with it; every query word is a word of the name; the
name holds the query or every query word starts or sits inside a name word; the ARN holds every
word; then typos. The word tiers look words up in an index of the distinct words (a few
thousand over 30,000 names, not the names), and only the typo tier runs rapidfuzz over them.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice, pairwise, product
from math import prod

from rapidfuzz import fuzz, process

LIMIT = 50
"""Results shown for a query."""
FUZZY_CUTOFF = 75
"""Indel similarity (rapidfuzz `ratio`) a typo'd word must reach: for a four-letter word, one
letter changed or up to two letters missing (`wrkr` -> `worker`); more slack for longer ones."""
FUZZY_SHORTEST = 4
"""Shorter query words must match exactly, as a prefix or inside a word, or (three letters)
with one letter missing (`scn` -> `scan`): more tolerance would match nearly everything."""
SHORT_CUTOFF = 85
"""The similarity a three-letter word must reach: one letter missing."""
MAX_COMBINATIONS = 300
"""Above this many combinations of the query words' score groups, each word's typo groups are
merged into one (long queries)."""
INSIDE_SHORTEST = 3
"""Shorter query words match a name word only at its start."""
NAME_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_A-Za-z]+")
"""A name's words: `OrderWorker-v2` -> Order, Worker, v, 2 (letters of any script too)."""
QUERY_WORD = re.compile(r"[^\W\d_]+|[0-9]+")
"""A lower-cased query's words, split as names are but without case changes."""
NEAR, EXACT = 95.0, 100.0
"""What a query word scores for a name word it starts or sits inside, or is."""


@dataclass(frozen=True)
class Hit:
    """One search result: a node id, how well it matched (0-100), and which tier found it."""

    node: str
    score: float
    tier: str


@dataclass
class _Word:
    """The nodes one query word matches: as a whole name word, and at a word's start or inside
    it."""

    text: str
    exact: set[int]
    near: set[int]


class SearchIndex:
    """Lower-cased names and ids of every node, and an index of their words, built once in the
    loading worker."""

    def __init__(self, entries: list[tuple[str, str]], aliases: dict[str, str] | None = None):
        """`entries` are (node id, display name) pairs; `aliases` more text the id tier finds
        a node by (a user's access key ids)."""
        more = aliases or {}
        self.ids = [node for node, _ in entries]
        self.names = [name.lower() for _, name in entries]
        self.low_ids = [f"{node} {more[node]}".lower() if node in more else node.lower()
                        for node in self.ids]  # fmt: skip
        self.lengths = [len(name) for name in self.names]
        postings: dict[str, list[int]] = {}
        for i, (_, name) in enumerate(entries):
            for word in set(name_words(name)):
                if word in postings:
                    postings[word].append(i)
                else:
                    postings[word] = [i]
        self.postings = postings
        """Each distinct name word (and joined pair), and the nodes (by position) it is in."""
        self.vocabulary = sorted(self.postings)
        """The words, sorted so the words a query word starts are one slice."""
        self.by_length = sorted(range(len(self.ids)), key=self.lengths.__getitem__)
        """Every node (by position), shortest name first."""
        self.spelled = [word for word in self.vocabulary if not word.isdigit()]
        """The words a typo or a query word inside them can match (not numbers)."""

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, limit: int = LIMIT) -> list[Hit]:
        """The best `limit` nodes for `query`, best first; empty for an empty query."""
        needle = query.strip().lower()
        if not needle:
            return []
        hits: list[Hit] = []
        seen: set[int] = set()

        def take(found, tier: str, score) -> bool:
            """Add `found` (positions, best first) while there is room; True once full."""
            for i in found:
                if i not in seen and len(hits) < limit:
                    seen.add(i)
                    hits.append(Hit(self.ids[i], score(i), tier))
            return len(hits) >= limit

        names, size = self.names, self.lengths.__getitem__
        holding = [i for i, name in enumerate(names) if needle in name]
        exact = [i for i in holding if names[i] == needle]
        prefix = [i for i in holding if names[i].startswith(needle) and names[i] != needle]
        if take(exact, "name", lambda i: 100.0):
            return hits
        if take(heapq.nsmallest(limit, prefix, key=size), "name", lambda i: 99.0):
            return hits
        words = [self._word(w) for w in dict.fromkeys(QUERY_WORD.findall(needle))]
        if words and take(self._best(_common(w.exact for w in words), limit), "name",
                          lambda i: 98.0):  # fmt: skip
            return hits
        near = set(holding)
        if words:
            near |= _common(w.exact | w.near for w in words)
        if take(self._best(near - seen, limit), "name", lambda i: 97.0):
            return hits
        if take(self._in_ids(needle.split(), limit - len(hits), seen), "arn", lambda i: 90.0):
            return hits
        if any(len(w.text) >= FUZZY_SHORTEST - 1 for w in words):
            for i, score in self._typos(words, set(seen), limit - len(hits)):
                hits.append(Hit(self.ids[i], score * 0.8, "fuzzy"))
        return hits

    def _best(self, found: set[int], limit: int) -> list[int]:
        """The `limit` shortest names of `found`: by walking every node shortest first when
        `found` is most of them, else by picking from `found`."""
        if len(found) * 8 > len(self.ids):
            return list(islice((i for i in self.by_length if i in found), limit))
        return heapq.nsmallest(limit, found, key=self.lengths.__getitem__)

    def _word(self, word: str) -> _Word:
        """Where one query word matches, short of typos."""
        postings, vocabulary = self.postings, self.vocabulary
        start = bisect_left(vocabulary, word)
        end = bisect_left(vocabulary, word + "\U0010ffff", start)
        near: set[int] = set()
        for found in vocabulary[start:end]:
            if found != word:
                near.update(postings[found])
        if len(word) >= INSIDE_SHORTEST:
            for found in self.spelled:
                if word in found and not found.startswith(word):
                    near.update(postings[found])
        return _Word(word, set(postings.get(word, ())), near)

    def _typos(self, words: list[_Word], seen: set[int], limit: int) -> list[tuple[int, float]]:
        """The best `limit` nodes every query word matches, some by a typo: by the words' mean
        score, then shortest name. Each word's matches are a few groups of one score each, so
        this intersects groups, best combinations first, instead of scoring every node."""
        levels = [self._levels(word) for word in words]
        if prod(len(groups) for groups in levels) > MAX_COMBINATIONS:
            levels = [[*groups[:2], (groups[-1][0], set().union(*(g for _, g in groups[2:])))]
                      if len(groups) > 3 else groups for groups in levels]  # fmt: skip
        ranked: dict[float, set[int]] = {}
        for combination in product(*levels):
            mean = sum(score for score, _ in combination) / len(combination)
            if mean < EXACT and any(score < NEAR for score, _ in combination):
                ranked.setdefault(mean, set()).update(_common(g for _, g in combination))
        found: list[tuple[int, float]] = []
        for mean in sorted(ranked, reverse=True):
            fresh = ranked[mean] - seen
            for i in self._best(fresh, limit - len(found)):
                seen.add(i)
                found.append((i, mean))
            if len(found) >= limit:
                break
        return found

    def _levels(self, word: _Word) -> list[tuple[float, set[int]]]:
        """A query word's matches as (score, nodes) groups, best first; typo scores are rounded
        down to a multiple of 5, so there are a few groups."""
        groups: dict[float, set[int]] = {}
        if len(word.text) >= FUZZY_SHORTEST - 1:
            cutoff = FUZZY_CUTOFF if len(word.text) >= FUZZY_SHORTEST else SHORT_CUTOFF
            for _, score, k in process.extract(word.text, self.spelled, scorer=fuzz.ratio,
                                               processor=None, limit=None,
                                               score_cutoff=cutoff):  # fmt: skip
                if score < EXACT:
                    groups.setdefault(score // 5 * 5, set()).update(self.postings[self.spelled[k]])
        typos = sorted(groups.items(), reverse=True)
        return [(g, s) for g, s in [(EXACT, word.exact), (NEAR, word.near), *typos] if s]

    def _in_ids(self, words: list[str], limit: int, seen: set[int]) -> list[int]:
        """The first `limit` nodes whose id holds every word."""
        first = max(words, key=len)
        found = (i for i, node in enumerate(self.low_ids) if first in node)
        return list(islice((i for i in found if i not in seen
                            and all(w in self.low_ids[i] for w in words)), limit))  # fmt: skip


def _common(sets) -> set[int]:
    """The intersection of `sets`, smallest first (empty for none)."""
    ordered = sorted(sets, key=len)
    if not ordered:
        return set()
    common = set(ordered[0])
    for more in ordered[1:]:
        common &= more
    return common


def name_words(name: str) -> list[str]:
    """The lower-cased words a name is found by: its words, then each neighbouring pair of
    spelled words joined (`pixmart-order-worker` -> ..., `pixmartorder`, `orderworker`)."""
    words = [w.lower() for w in NAME_WORD.findall(name)]
    spelled = [w for w in words if not w.isdigit()]
    return words + [a + b for a, b in pairwise(spelled)]
