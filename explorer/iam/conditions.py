"""Condition operators: parsing a Condition block and deciding each clause against a context.

Decisions are three-valued: True, False, or None when the request context does not say.
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.iam.dates import Span
from explorer.iam.errors import PolicyError
from explorer.iam.matchers import MATCHERS, all_of, any_of, not_
from explorer.iam.model import ConditionClause
from explorer.iam.patterns import UNKNOWN, Resolver, parse_pattern, substitute

# operator (lower case) -> (canonical name, family, negated)
OPERATORS: dict[str, tuple[str, str, bool]] = {
    name.lower(): (name, family, negated)
    for name, family, negated in [
        ("StringEquals", "string", False),
        ("StringNotEquals", "string", True),
        ("StringEqualsIgnoreCase", "string", False),
        ("StringNotEqualsIgnoreCase", "string", True),
        ("StringLike", "string", False),
        ("StringNotLike", "string", True),
        ("NumericEquals", "numeric", False),
        ("NumericNotEquals", "numeric", True),
        ("NumericLessThan", "numeric", False),
        ("NumericLessThanEquals", "numeric", False),
        ("NumericGreaterThan", "numeric", False),
        ("NumericGreaterThanEquals", "numeric", False),
        ("DateEquals", "date", False),
        ("DateNotEquals", "date", True),
        ("DateLessThan", "date", False),
        ("DateLessThanEquals", "date", False),
        ("DateGreaterThan", "date", False),
        ("DateGreaterThanEquals", "date", False),
        ("Bool", "bool", False),
        ("BinaryEquals", "binary", False),
        ("IpAddress", "ip", False),
        ("NotIpAddress", "ip", True),
        ("ArnEquals", "arn", False),
        ("ArnLike", "arn", False),
        ("ArnNotEquals", "arn", True),
        ("ArnNotLike", "arn", True),
        ("Null", "null", False),
    ]
}
VARIABLE_FAMILIES = frozenset({"string", "arn", "bool"})
"""Operator families whose values may hold policy variables (IAM docs: Policy variables)."""

INVALID = object()
"""A clause result meaning: a policy variable could not be resolved, so the statement is void."""

Lookup = Callable[[str], object]
"""key (lower case) -> list of str, None (absent) or UNKNOWN."""


def parse_operator(text: str) -> tuple[str, str, bool, str | None, bool]:
    """(canonical base, family, negated, qualifier, if_exists) for an operator name."""
    qualifier = None
    name = text
    head, sep, tail = text.partition(":")
    if sep:
        qualifier = {"forallvalues": "ForAllValues", "foranyvalue": "ForAnyValue"}.get(head.lower())
        if qualifier is None:
            raise PolicyError(f"unknown condition set qualifier {head!r}", field="Condition")
        name = tail
    if_exists = name.lower().endswith("ifexists")
    base_name = name[: -len("ifexists")] if if_exists else name
    known = OPERATORS.get(base_name.lower())
    if known is None:
        raise PolicyError(f"unknown condition operator {text!r}", field="Condition")
    base, family, negated = known
    if if_exists and family == "null":
        raise PolicyError("the Null operator cannot take IfExists", field="Condition")
    return base, family, negated, qualifier, if_exists


def parse_condition_block(block: object, variables: bool) -> tuple[ConditionClause, ...]:
    """Every clause of a Condition element (operator -> key -> value or values)."""
    if not isinstance(block, dict):
        raise PolicyError("Condition must be an object of operators", field="Condition")
    clauses = []
    for operator, keys in block.items():
        base, family, negated, qualifier, if_exists = parse_operator(str(operator))
        if not isinstance(keys, dict):
            raise PolicyError(f"{operator!r} must map condition keys to values", field="Condition")
        for key, raw in keys.items():
            values = _condition_values(raw, f"{operator}/{key}")
            use_vars = variables and family in VARIABLE_FAMILIES
            patterns = tuple(parse_pattern(value, use_vars) for value in values)
            clauses.append(
                ConditionClause(
                    str(operator), base, family, negated, qualifier, if_exists,
                    str(key).lower(), str(key), values, patterns,
                )
            )  # fmt: skip
    return tuple(clauses)


def _condition_values(raw: object, where: str) -> tuple[str, ...]:
    """A condition value or list of values as strings (numbers and booleans allowed)."""
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for item in items:
        if isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, str | int | float):
            out.append(str(item))
        else:
            raise PolicyError(
                f"value of {where} must be a string, number or boolean", field="Condition"
            )
    return tuple(out)


def evaluate_clause(clause: ConditionClause, lookup: Lookup, resolve: Resolver | None) -> object:
    """True, False, None (unknown) or INVALID (an unresolvable policy variable)."""
    got = lookup(clause.key)
    if got is UNKNOWN:
        return None
    values: list[object] = got if isinstance(got, list) else []
    if values and isinstance(values[0], Span):
        return _spanned(clause, values[0], resolve)
    return _decide(clause, values, resolve)


def _spanned(clause: ConditionClause, span: Span, resolve: Resolver | None) -> object:
    """A key known only as a span of time: decided when every value it may take (and its
    absence, when it may be absent) gives the same answer; unknown otherwise."""
    if clause.family not in ("date", "null"):
        return None
    present = _decide(clause, [span], resolve)
    if not span.optional or present is None:
        return present
    return present if _decide(clause, [], resolve) == present else None


def _decide(clause: ConditionClause, values: list[object], resolve: Resolver | None) -> object:
    """One clause over the request's values for its key (empty when the key is absent)."""
    if clause.family == "null":
        return _null(clause, bool(values))
    if clause.qualifier is not None and values == [""]:
        values = []  # an empty string is an empty data set for the set operators
    if not values:
        return _absent(clause)
    policy = _policy_values(clause, resolve)
    if policy is INVALID:
        return INVALID
    return _combine(clause, values, policy)  # type: ignore[arg-type]


def _absent(clause: ConditionClause) -> bool:
    """The documented result for a key missing from the request context."""
    if clause.if_exists or clause.qualifier == "ForAllValues":
        return True
    if clause.qualifier == "ForAnyValue":
        return False
    return clause.negated


def _null(clause: ConditionClause, present: bool) -> bool:
    """Null: "true" holds when the key is absent, "false" when it is present."""
    wanted = {value.lower() for value in clause.values}
    return ("true" in wanted and not present) or ("false" in wanted and present)


def _combine(clause: ConditionClause, values: list[object], policy: list[object]) -> bool | None:
    """Apply the set qualifier (or plain any-match) over the request's values."""
    test = MATCHERS[clause.base]
    if clause.qualifier is None:
        hit = any_of(test(value, policy) for value in values)
        return not_(hit) if clause.negated else hit
    per_value = [test(value, policy) for value in values]
    if clause.negated:
        per_value = [not_(hit) for hit in per_value]
    return all_of(per_value) if clause.qualifier == "ForAllValues" else any_of(per_value)


def _policy_values(clause: ConditionClause, resolve: Resolver | None) -> object:
    """The policy's values after variable substitution: strings, or token lists when they hold
    wildcards or unknown variables. INVALID when a variable's key is absent."""
    out: list[object] = []
    for pattern in clause.patterns:
        if not pattern.has_vars:
            out.append(pattern)
            continue
        tokens = substitute(pattern, resolve)
        if tokens is None:
            return INVALID
        out.append(tokens)
    return out
