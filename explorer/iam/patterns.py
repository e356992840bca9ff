"""Wildcard patterns with policy variables: parsed once, matched against actions, ARNs and strings.

A pattern is a tuple of tokens: literal text, `*`, `?` and policy variables (`${aws:username}`,
`${aws:PrincipalTag/team, 'none'}`). Variables exist only in policies whose Version is
2012-10-17; elsewhere `${...}` is plain text. `${*}`, `${?}` and `${$}` are literal characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

STAR = "*"
QMARK = "?"
UNKNOWN = object()
"""What a resolver returns for a key whose value the caller does not know (context=None)."""

Resolver = Callable[[str], object]
"""key (lower case) -> str value, list of values, None (absent) or UNKNOWN."""

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_VARIABLE_BODY = re.compile(r"^\s*([^,\s']+)\s*(?:,\s*'([^']*)'\s*)?$")
_ESCAPES = {"*": "*", "?": "?", "$": "$"}


@dataclass(frozen=True, slots=True)
class Variable:
    """A policy variable: the context key it reads (lower case) and its default, if any."""

    key: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """A parsed wildcard pattern. `tokens` alternate literal text (`("L", text)`), wildcards
    (`("*", "")`, `("?", "")`) and variables (`("V", Variable)`)."""

    raw: str
    tokens: tuple[tuple[str, object], ...]
    has_vars: bool
    has_wildcards: bool
    literal: str | None = field(default=None, compare=False)
    """The text to compare for equality when there are no wildcards and no variables."""
    _arn: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @property
    def arn(self) -> re.Pattern[str] | None:
        """The Resource-ARN matcher when there are wildcards and no variables, compiled on first
        use: a big snapshot parses thousands of patterns it never matches against."""
        if self.has_vars or self.literal is not None:
            return None
        if self._arn is None:
            object.__setattr__(self, "_arn", compiled(arn_regex(list(self.tokens)), False))
        return self._arn

    @property
    def is_any(self) -> bool:
        """True for the pattern `*` alone, which matches everything."""
        return self.tokens == (("*", ""),)


def parse_pattern(text: str, variables: bool) -> Pattern:
    """Split `text` into literal, wildcard and variable tokens."""
    return _parse_cached(text, variables)


@lru_cache(maxsize=65536)
def _parse_cached(text: str, variables: bool) -> Pattern:
    tokens: list[tuple[str, object]] = []
    pos = 0
    if variables:
        for match in _VARIABLE.finditer(text):
            _add_plain(tokens, text[pos : match.start()])
            _add_variable(tokens, match)
            pos = match.end()
    _add_plain(tokens, text[pos:])
    has_vars = any(kind == "V" for kind, _ in tokens)
    has_wild = any(kind in (STAR, QMARK) for kind, _ in tokens)
    literal = None if has_vars or has_wild else "".join(str(value) for _, value in tokens)
    return Pattern(text, tuple(tokens), has_vars, has_wild, literal)


_WILDCARDS = re.compile(r"([*?])")


def _add_plain(tokens: list[tuple[str, object]], text: str) -> None:
    """Literal runs and wildcards of a stretch of text without variables."""
    for part in _WILDCARDS.split(text):
        if part in (STAR, QMARK):
            tokens.append((part, ""))
        elif part:
            _add_literal(tokens, part)


def _add_literal(tokens: list[tuple[str, object]], text: str) -> None:
    """Append literal text, merging it with a literal just before."""
    if tokens and tokens[-1][0] == "L":
        tokens[-1] = ("L", str(tokens[-1][1]) + text)
    else:
        tokens.append(("L", text))


def _add_variable(tokens: list[tuple[str, object]], match: re.Match[str]) -> None:
    """A `${...}`: an escaped character, a variable, or (if malformed) literal text."""
    body = match.group(1)
    if body in _ESCAPES:
        _add_literal(tokens, _ESCAPES[body])
        return
    parsed = _VARIABLE_BODY.match(body)
    if parsed is None:
        _add_literal(tokens, match.group(0))
        return
    tokens.append(("V", Variable(parsed.group(1).lower(), parsed.group(2))))


def substitute(pattern: Pattern, resolve: Resolver | None) -> list[tuple[str, object]] | None:
    """Tokens with variables replaced by literal values.

    Returns None when a variable's key is absent (no default): AWS then treats the element as
    not matching. A variable whose value is unknown becomes a `*` wildcard flagged `("U", "")`
    so callers can tell "could match" from "matches".
    """
    if not pattern.has_vars:
        return list(pattern.tokens)
    out: list[tuple[str, object]] = []
    for kind, value in pattern.tokens:
        if kind != "V":
            out.append((kind, value))
            continue
        resolved = _resolve_variable(value, resolve)  # type: ignore[arg-type]
        if resolved is None:
            return None
        out.append(("U", "") if resolved is UNKNOWN else ("L", resolved))
    return out


def _resolve_variable(variable: Variable, resolve: Resolver | None) -> object:
    """The literal text of one variable, None when absent, UNKNOWN when not known."""
    value = resolve(variable.key) if resolve is not None else UNKNOWN
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(value, list):
        # Multivalued keys cannot be used as variables; a single value is tolerated.
        value = value[0] if len(value) == 1 else None
    if value is None:
        return variable.default
    if not isinstance(value, str | int | float | bytes):
        return UNKNOWN  # a value known only within bounds (a Span of time)
    return str(value)


def has_unknown(tokens: list[tuple[str, object]]) -> bool:
    """True when substitution left a variable whose value is unknown."""
    return any(kind == "U" for kind, _ in tokens)


def glob_regex(tokens: list[tuple[str, object]], wildcards: bool = True) -> str:
    """A regular expression for tokens: `*` any run, `?` one character (or literal if
    `wildcards` is False, as for StringEquals)."""
    parts = []
    for kind, value in tokens:
        if kind == "L":
            parts.append(re.escape(str(value)))
        elif kind == "U":
            parts.append(".*")
        elif wildcards:
            parts.append(".*" if kind == STAR else ".")
        else:
            parts.append(re.escape(kind))
    return "".join(parts)


def arn_regex(tokens: list[tuple[str, object]]) -> str:
    """A regular expression for a Resource ARN pattern.

    The partition, service, region and account segments are matched one by one: a wildcard
    there does not run past the next colon. Inside the resource part (after the fifth colon),
    and in the last segment of a pattern that has fewer than six, `*` and `?` match any
    character including `:` and `/`.
    """
    total = 1 + sum(str(v).count(":") for k, v in tokens if k == "L")
    parts = []
    segment = 0
    for kind, value in tokens:
        free = segment >= 5 or segment == total - 1
        if kind == "L":
            parts.append(re.escape(str(value)))
            segment += str(value).count(":")
        elif kind in (STAR, "U"):
            parts.append(".*" if free else "[^:]*")
        else:
            parts.append("." if free else "[^:]")
    return "".join(parts)


@lru_cache(maxsize=65536)
def compiled(regex: str, ignore_case: bool) -> re.Pattern[str]:
    """A cached compiled regular expression, anchored at both ends."""
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.compile(regex, flags)


def literal_prefix(pattern: Pattern) -> str:
    """The literal text before the first wildcard or variable (for sorted-range look-ups)."""
    prefix = []
    for kind, value in pattern.tokens:
        if kind != "L":
            break
        prefix.append(str(value))
    return "".join(prefix)
