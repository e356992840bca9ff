"""Resource-pattern algebra and bulk matching: containment and overlap of ARN patterns, and an
index that finds every resource a pattern covers without scanning them all."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from explorer.iam.patterns import STAR, Pattern, literal_prefix, parse_pattern


def pattern_matches(pattern: str, resource: str) -> bool:
    """Whether a Resource pattern (no variables) covers a resource ARN."""
    parsed = parse_pattern(pattern, False)
    if parsed.literal is not None:
        return parsed.literal == resource
    return parsed.arn is not None and parsed.arn.fullmatch(resource) is not None


def contains(outer: str, inner: str) -> bool:
    """Whether every resource `inner` covers is covered by `outer` (a sound approximation:
    the wildcard characters of `inner` are matched as text by `outer`)."""
    if outer == "*":
        return True
    return pattern_matches(outer, inner)


def intersect(left: list[Pattern], right: list[Pattern]) -> list[str]:
    """Patterns covering what both lists cover: for each pair, the narrower one when one
    contains the other. Pairs that merely overlap keep the left pattern (a conservative
    over-approximation, as wildcards can meet in many ways)."""
    out: list[str] = []
    for mine in left:
        for theirs in right:
            found = _pair(mine.raw, theirs.raw)
            if found is not None and found not in out:
                out.append(found)
    return out


def _pair(mine: str, theirs: str) -> str | None:
    """The intersection of two patterns, approximated by one of them, or None if disjoint."""
    if contains(theirs, mine):
        return mine
    if contains(mine, theirs):
        return theirs
    if _prefixes_compatible(mine, theirs):
        return mine
    return None


def _prefixes_compatible(left: str, right: str) -> bool:
    """Whether two wildcard patterns could match a common resource (their literal heads agree
    and both have wildcards)."""
    a = literal_prefix(parse_pattern(left, False))
    b = literal_prefix(parse_pattern(right, False))
    both_wild = a != left and b != right
    return both_wild and (a.startswith(b) or b.startswith(a))


FIELD_SCAN_FROM = 64
"""Ranges longer than this are narrowed field by field when the wildcard allows it."""


def _whole_field_star(pattern: Pattern) -> bool:
    """Whether the pattern is literal, then `*` as one whole ARN field among the first five
    (matching no `:`), then literal text from the next colon on."""
    tokens = pattern.tokens
    if len(tokens) < 3 or tokens[0][0] != "L" or tokens[1][0] != STAR or tokens[2][0] != "L":
        return False
    head, rest = str(tokens[0][1]), str(tokens[2][1])
    return head.endswith(":") and head.count(":") < 5 and rest.startswith(":")


class ResourceIndex:
    """Resource ARNs kept sorted, so a pattern's literal prefix narrows the search to a range.

    Answers are kept per pattern: roles made from one template repeat the same patterns.
    """

    def __init__(self, resources: Iterable[str]) -> None:
        self.resources = sorted(set(resources))
        self._positions = {arn: index for index, arn in enumerate(self.resources)}
        self._every = frozenset(range(len(self.resources)))
        self._answers: dict[str, frozenset[int]] = {}
        self._regex_answers: dict[tuple[str, str], frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self.resources)

    def __contains__(self, resource: object) -> bool:
        return resource in self._positions

    def position(self, resource: str) -> int | None:
        """The resource's position, None when the index does not hold it."""
        return self._positions.get(resource)

    @property
    def every(self) -> frozenset[int]:
        """Every position (one shared object, so callers can test `is` for "all")."""
        return self._every

    def positions(self, resources: Iterable[str]) -> frozenset[int]:
        """The positions of those resources the index holds."""
        found = self._positions
        return frozenset(found[r] for r in resources if r in found)

    def matching(self, pattern: str) -> frozenset[int]:
        """Indexes of the resources a pattern (without variables) covers."""
        return self.matching_pattern(parse_pattern(pattern, False))

    def matching_pattern(self, pattern: Pattern) -> frozenset[int]:
        """Indexes of the resources a parsed, variable-free pattern covers."""
        if pattern.is_any:
            return self._every
        if pattern.literal is not None:
            found = self._positions.get(pattern.literal)
            return frozenset() if found is None else frozenset((found,))
        answer = self._answers.get(pattern.raw)
        if answer is None:
            answer = self._answers[pattern.raw] = self._wildcard(pattern)
        return answer

    def _wildcard(self, pattern: Pattern) -> frozenset[int]:
        prefix = literal_prefix(pattern)
        if (
            len(pattern.tokens) == 2
            and pattern.tokens[0][0] == "L"
            and pattern.tokens[1][0] == STAR
        ):
            # `prefix*`: a last `*` matches any rest, `:` and `/` included, so the whole range
            # matches and no regex is compiled (thousands of distinct ones in a big account).
            return self._range(*self._bounds(prefix))
        assert pattern.arn is not None
        low, high = self._bounds(prefix)
        if high - low > FIELD_SCAN_FROM and _whole_field_star(pattern):
            rest = str(pattern.tokens[2][1])
            return self._field_by_field(prefix, rest, low, high, pattern.arn)
        return self._filter(low, high, pattern.arn)

    def _field_by_field(
        self, prefix: str, rest: str, low: int, high: int, regex: re.Pattern[str]
    ) -> frozenset[int]:
        """A pattern whose first wildcard is a whole ARN field (`arn:aws:sqs:*:123:jobs-*`):
        for each value the field takes in the range (a few regions), only the resources that
        also start with the literal after it, not every resource of the service. One scan of
        the service per pattern grew with the account times the number of such patterns."""
        resources, start, found = self.resources, len(prefix), set()
        i = low
        while i < high:
            value, colon, _ = resources[i][start:].partition(":")
            if not colon:  # the ARN ends in this field: it cannot match a pattern going on
                i += 1
                continue
            head = prefix + value
            found.update(self._filter(*self._bounds(head + rest), regex))
            # past every resource starting `head:` (contiguous; `;` is the character after `:`)
            i = bisect.bisect_left(resources, head + ";", i + 1, high)
        return self._every if len(found) == len(resources) else frozenset(found)

    def matching_regex(self, prefix: str, regex: re.Pattern[str]) -> frozenset[int]:
        """Indexes of resources starting with `prefix` that the regex matches in full."""
        key = (prefix, regex.pattern)
        found = self._regex_answers.get(key)
        if found is None:
            found = self._regex_answers[key] = self._filter(*self._bounds(prefix), regex)
        return found

    def _bounds(self, prefix: str) -> tuple[int, int]:
        low = bisect.bisect_left(self.resources, prefix)
        return low, bisect.bisect_left(self.resources, prefix + "\U0010ffff")

    def _range(self, low: int, high: int) -> frozenset[int]:
        return self._every if high - low == len(self.resources) else frozenset(range(low, high))

    def _filter(self, low: int, high: int, regex: re.Pattern[str]) -> frozenset[int]:
        found = frozenset(i for i in range(low, high) if regex.fullmatch(self.resources[i]))
        return self._every if len(found) == len(self.resources) else found
