"""Value matchers for each condition operator family: one request value against the policy's
values, three-valued (None when a policy variable's value is unknown)."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from explorer.iam.dates import Span, parse_date
from explorer.iam.patterns import Pattern, compiled, glob_regex, has_unknown


def any_of(results: Iterable[object]) -> bool | None:
    """Kleene OR."""
    unknown = False
    for result in results:
        if result is True:
            return True
        unknown = unknown or result is None
    return None if unknown else False


def all_of(results: list[bool | None]) -> bool | None:
    """Kleene AND."""
    if any(result is False for result in results):
        return False
    return None if any(result is None for result in results) else True


def not_(result: bool | None) -> bool | None:
    """Kleene NOT."""
    return None if result is None else not result


def _text(value: object) -> str:
    """A request value as the string policies compare against."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _tokens(policy_value: object) -> list[tuple[str, object]]:
    """Token list of a policy value (a Pattern or an already substituted token list)."""
    if isinstance(policy_value, Pattern):
        return list(policy_value.tokens)
    return policy_value  # type: ignore[return-value]


def _string_test(wildcards: bool, ignore_case: bool) -> Callable[[object, list[object]], object]:
    """A matcher for one String* operator."""

    def test(value: object, policy: list[object]) -> bool | None:
        text = _text(value)
        return any_of(_string_match(text, p, wildcards, ignore_case) for p in policy)

    return test


def _string_match(text: str, policy_value: object, wildcards: bool, ignore_case: bool) -> object:
    """One request string against one policy value."""
    tokens = _tokens(policy_value)
    if not has_unknown(tokens) and not (wildcards and _has_wildcards(tokens)):
        literal = _plain(tokens)
        return literal.lower() == text.lower() if ignore_case else literal == text
    hit = bool(compiled(glob_regex(tokens, wildcards), ignore_case).fullmatch(text))
    if has_unknown(tokens):
        return None if hit else False
    return hit


def _has_wildcards(tokens: list[tuple[str, object]]) -> bool:
    """True when tokens hold a `*` or `?` wildcard."""
    return any(kind in ("*", "?") for kind, _ in tokens)


def _arn_test(value: object, policy: list[object]) -> bool | None:
    """ArnEquals/ArnLike: each of the six colon-separated parts matched on its own."""
    text = _text(value)
    return any_of(_arn_match(text, p) for p in policy)


def _arn_match(text: str, policy_value: object) -> object:
    """One request ARN against one policy ARN pattern."""
    tokens = _tokens(policy_value)
    if tokens == [("*", "")]:
        return True
    regex = _arn_component_regex(tuple(tokens))
    hit = bool(compiled(regex, False).fullmatch(text))
    if has_unknown(tokens):
        return None if hit else False
    return hit


def _arn_component_regex(tokens: tuple[tuple[str, object], ...]) -> str:
    """Regex where wildcards never cross a colon before the sixth ARN component."""
    parts = []
    colons = 0
    for kind, value in tokens:
        free = colons >= 5
        if kind == "L":
            parts.append(re.escape(str(value)))
            colons += str(value).count(":")
        elif kind in ("*", "U"):
            parts.append(".*" if free else "[^:]*")
        else:
            parts.append("." if free else "[^:]")
    if colons < 5:
        return "(?!)"  # not an ARN pattern: matches nothing
    return "".join(parts)


@lru_cache(maxsize=4096)
def _number(text: str) -> Decimal | None:
    """A policy or request value as a number, None when it is not one."""
    try:
        number = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


_NUMERIC_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "NumericEquals": lambda a, b: a == b,
    "NumericNotEquals": lambda a, b: a == b,
    "NumericLessThan": lambda a, b: a < b,
    "NumericLessThanEquals": lambda a, b: a <= b,
    "NumericGreaterThan": lambda a, b: a > b,
    "NumericGreaterThanEquals": lambda a, b: a >= b,
}


def _ordered_test(
    convert: Callable[[str], object], compare: Callable[[object, object], bool]
) -> Callable[[object, list[object]], object]:
    """A matcher comparing converted request and policy values (numbers, dates)."""

    def test(value: object, policy: list[object]) -> bool:
        left = convert(_text(value))
        if left is None:
            return False
        for item in policy:
            right = convert(_plain(item))
            if right is not None and compare(left, right):
                return True
        return False

    return test


def _date_test(
    operator: str, compare: Callable[[object, object], bool]
) -> Callable[[object, list[object]], object]:
    """A Date* matcher: an instant compared as a number, a Span decided over all its values."""
    ordered = _ordered_test(parse_date, compare)

    def test(value: object, policy: list[object]) -> object:
        if not isinstance(value, Span):
            return ordered(value, policy)
        instants = (parse_date(_plain(item)) for item in policy)
        return any_of(value.compare(operator, at) for at in instants if at is not None)

    return test


def _plain(policy_value: object) -> str:
    """The literal text of a policy value (wildcard characters kept as written)."""
    return "".join(str(v) if k == "L" else k for k, v in _tokens(policy_value))


def _bool_test(value: object, policy: list[object]) -> bool | None:
    """Bool: case-insensitive comparison of "true"/"false"."""
    text = _text(value).lower()
    return any_of(_string_match(text, p, False, True) for p in policy)


def _binary_test(value: object, policy: list[object]) -> bool:
    """BinaryEquals: byte-for-byte comparison against base-64 policy values."""
    request = _as_bytes(value)
    if request is None:  # not base 64: fall back to comparing the text itself
        return any(_plain(item) == _text(value) for item in policy)
    return any(_decode64(_plain(item)) == request for item in policy)


def _as_bytes(value: object) -> bytes | None:
    """Request value bytes: raw bytes as given, or a base-64 string decoded."""
    if isinstance(value, bytes):
        return value
    return _decode64(_text(value))


def _decode64(text: str) -> bytes | None:
    """Base-64 decoded bytes, or None when the text is not base 64."""
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None


def _ip_test(value: object, policy: list[object]) -> bool:
    """IpAddress: the request address falls in one of the policy's CIDR ranges."""
    address = _address(_text(value))
    if address is None:
        return False
    for item in policy:
        network = _network(_plain(item))
        if network is not None and network.version == address.version and address in network:
            return True
    return False


@lru_cache(maxsize=4096)
def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """A request IP address, or None."""
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """A policy CIDR (a bare address means /32 or /128), or None when malformed."""
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


MATCHERS: dict[str, Callable[[object, list[object]], object]] = {
    "StringEquals": _string_test(False, False),
    "StringNotEquals": _string_test(False, False),
    "StringEqualsIgnoreCase": _string_test(False, True),
    "StringNotEqualsIgnoreCase": _string_test(False, True),
    "StringLike": _string_test(True, False),
    "StringNotLike": _string_test(True, False),
    "Bool": _bool_test,
    "BinaryEquals": _binary_test,
    "IpAddress": _ip_test,
    "NotIpAddress": _ip_test,
    "ArnEquals": _arn_test,
    "ArnLike": _arn_test,
    "ArnNotEquals": _arn_test,
    "ArnNotLike": _arn_test,
    **{name: _ordered_test(_number, op) for name, op in _NUMERIC_OPS.items()},  # type: ignore[arg-type]
    "DateEquals": _date_test("DateEquals", lambda a, b: a == b),
    "DateNotEquals": _date_test("DateNotEquals", lambda a, b: a == b),
    "DateLessThan": _date_test("DateLessThan", lambda a, b: a < b),  # type: ignore[operator]
    "DateLessThanEquals": _date_test("DateLessThanEquals", lambda a, b: a <= b),  # type: ignore[operator]
    "DateGreaterThan": _date_test("DateGreaterThan", lambda a, b: a > b),  # type: ignore[operator]
    "DateGreaterThanEquals": _date_test("DateGreaterThanEquals", lambda a, b: a >= b),  # type: ignore[operator]
}
