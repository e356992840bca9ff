"""Hypothesis strategies for botocore shapes: any value AWS's own model allows, in parsed form.

Values are what a botocore client hands back after parsing (datetimes, bytes, ints), so they can be
returned from a `before-call` hook exactly as `Stubber` does. Optional members are present or
absent, lists are empty, single or several, strings are unicode or as long as the shape's `max`,
enums take every modelled value plus one AWS has not shipped yet, and `pattern`s (AWS's own
guarantees, Java regexes: `\\w` is ASCII) are respected where Python can read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from botocore.model import Shape
from dateutil.tz import tzutc
from hypothesis import strategies as st

Overrides = Mapping[str, Any]
"""Strategies that replace the generic one, keyed `Shape.member` (a member of one structure) or
`Shape` (every use of a shape): a strategy, or `(ShapeStrategies, shape) -> strategy`."""

SHORT = 12
"""Typical string length; longer strings come from the max-length branch."""

LONG_CAP = 10_000
"""Max-length strings are cut here: a 1 MB definition or 128 KB policy costs time, not coverage
(the crawler never treats a long string differently from a 10,000-character one)."""

LIST_MAX = (3, 2, 1)
"""Most items in a list: at the top of a response, one or two levels down, and deeper (nested
lists multiply: deeper ones stay short to keep an example a fraction of a second)."""

MAX_DEPTH = 7
"""Below this depth only required members are generated, to keep examples small."""

FUTURE_ENUM = "ValueAwsAddsLater"
"""AWS adds enum values (runtimes, protocols, states) without notice: the crawler must cope."""

SIMPLE = re.compile(r"^(?:\(\?s\))?\^?(\[[^\]]*\]|\\[wdsS]|\.)([+*])\$?$")
"""A pattern that is one character class repeated (`[a-z0-9-]+`): generated with exact bounds."""

TIMESTAMPS = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(tzutc())
)
"""Parsed timestamps, as botocore returns them (timezone-aware UTC)."""

EPOCH_MS = st.integers(
    int(datetime(2000, 1, 1, tzinfo=UTC).timestamp() * 1000),
    int(datetime(2100, 1, 1, tzinfo=UTC).timestamp() * 1000),
)
"""Epoch milliseconds (CloudWatch Logs types them `long`): AWS sends real instants only."""


def text(lo: int = 0, hi: int | None = None, chars: Any = None) -> st.SearchStrategy[str]:
    """Short unicode text within bounds, sometimes exactly `hi` long (capped at LONG_CAP)."""
    alphabet = chars if chars is not None else st.characters(codec="utf-8")
    short = st.text(alphabet, min_size=lo, max_size=max(lo, min(hi or SHORT, lo + SHORT)))
    if hi is None or hi <= lo + SHORT:
        return short
    size = min(hi, LONG_CAP)
    longest = st.text(alphabet, min_size=1, max_size=6).map(lambda t: (t * size)[:size])
    return st.one_of(short, short, short, longest)


def pattern_text(pattern: str, lo: int, hi: int | None) -> st.SearchStrategy[str] | None:
    """Strings matching an AWS pattern within bounds; None when Python cannot read the pattern."""
    simple = SIMPLE.match(pattern)
    try:
        flags = _flags(pattern) | (re.DOTALL if pattern.startswith("(?s)") else 0)
        compiled = re.compile(simple[1] if simple else pattern, flags)
    except re.error:
        return None
    if simple:
        char = st.from_regex(compiled, fullmatch=True)
        return text(max(lo, 1 if simple[2] == "+" else 0), hi, chars=char)
    bounded = st.from_regex(compiled, fullmatch=True)
    return bounded.filter(lambda s: lo <= len(s) <= (hi or len(s)))


def _flags(pattern: str) -> re.RegexFlag:
    """Java's `\\w`, `\\d`, `\\s` are ASCII-only; Python's are unicode unless told."""
    return re.ASCII if re.search(r"\\[wWdDsSb]", pattern) else re.NOFLAG


def arn_text(lo: int, hi: int | None) -> st.SearchStrategy[str]:
    """A realistic ARN, for ARN fields that botocore types as plain strings without a pattern."""
    service = st.sampled_from(["lambda", "sqs", "sns", "iam", "s3", "events", "logs", "kms"])
    region = st.sampled_from(["us-east-1", "eu-west-2", ""])
    name = st.from_regex(re.compile(r"[A-Za-z0-9_/.:+=@-]{1,24}", re.ASCII), fullmatch=True)
    resource = st.one_of(name, st.text(min_size=1, max_size=8))  # some ARNs carry unicode keys
    arns = st.builds(
        lambda svc, reg, res: f"arn:aws:{svc}:{reg}:{'123456789012' if reg else ''}:{res}",
        service,
        region,
        resource,
    )
    return arns.filter(lambda s: lo <= len(s) <= (hi or len(s)))


def looks_like_arn(shape: Shape, member: str | None) -> bool:
    """botocore names ARN shapes `...Arn`/`arnType`; for plain strings the member name says it."""
    names = [shape.name, member or ""]
    return any(re.search(r"(arn|arns|arntype)$", n, re.IGNORECASE) for n in names if n)


class ShapeStrategies:
    """Builds (and caches) one strategy per (shape, member, depth) of one service."""

    def __init__(self, overrides: Overrides | None = None, list_max: tuple[int, ...] = LIST_MAX):
        self.overrides = dict(overrides or {})
        self.list_max = list_max
        self._cache: dict[tuple[str, str | None, str | None, int], st.SearchStrategy[Any]] = {}

    def of(
        self, shape: Shape, depth: int = 0, member: str | None = None, parent: str | None = None
    ) -> st.SearchStrategy[Any]:
        key = (shape.name, member, parent, min(depth, MAX_DEPTH + 1))
        if key not in self._cache:
            self._cache[key] = self._build(shape, depth, member, parent)
        return self._cache[key]

    def _build(
        self, shape: Shape, depth: int, member: str | None, parent: str | None
    ) -> st.SearchStrategy[Any]:
        for name in (f"{parent}.{member}", shape.name):
            found = self.overrides.get(name)
            if isinstance(found, st.SearchStrategy):
                return found
            if found is not None:
                return found(self, shape)
        build: Callable[..., st.SearchStrategy[Any]] = getattr(self, f"_{shape.type_name}")
        return build(shape, depth, member)

    def _structure(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        members = {
            name: self.of(sub, depth + 1, name, shape.name) for name, sub in shape.members.items()
        }
        if shape.is_tagged_union:
            return st.one_of([st.fixed_dictionaries({n: s}) for n, s in members.items()])
        required = {n: s for n, s in members.items() if n in shape.required_members}
        optional = {n: s for n, s in members.items() if n not in required}
        return st.fixed_dictionaries(required, optional=optional if depth < MAX_DEPTH else {})

    def _list(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        lo = shape.metadata.get("min", 0)
        level = 0 if depth <= 1 else 1 if depth <= 3 else 2
        hi = min(shape.metadata.get("max", 10**9), self.list_max[level])
        return st.lists(self.of(shape.member, depth + 1, member), min_size=lo, max_size=max(lo, hi))

    def _map(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        keys = self.of(shape.key, depth + 1, None)
        values = self.of(shape.value, depth + 1, None)
        return st.dictionaries(keys, values, max_size=self.list_max[1 if depth <= 3 else 2])

    def _string(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        if shape.enum:
            return st.sampled_from([*shape.enum, FUTURE_ENUM])
        lo, hi = shape.metadata.get("min", 0), shape.metadata.get("max")
        pattern = shape.metadata.get("pattern")
        found = pattern_text(pattern, lo, hi) if pattern else None
        if found is not None:
            return found
        if looks_like_arn(shape, member):
            return arn_text(lo, hi)
        return text(lo, hi)

    def _integer(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        return st.integers(
            shape.metadata.get("min", -(2**31)), shape.metadata.get("max", 2**31 - 1)
        )

    def _long(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        return st.integers(
            shape.metadata.get("min", -(2**63)), shape.metadata.get("max", 2**63 - 1)
        )

    def _boolean(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        return st.booleans()

    def _double(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        lo, hi = shape.metadata.get("min"), shape.metadata.get("max")
        return st.floats(lo, hi, allow_nan=False, allow_infinity=False)  # JSON cannot carry NaN

    _float = _double

    def _timestamp(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        return TIMESTAMPS

    def _blob(self, shape: Any, depth: int, member: str | None) -> st.SearchStrategy[Any]:
        return st.binary(max_size=16)
