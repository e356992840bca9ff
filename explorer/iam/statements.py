"""Deciding whether one statement applies to a request: resource match and conditions.

Results are three-valued: True, False, or None when the request context leaves it open.
"""

from __future__ import annotations

from explorer.iam.conditions import INVALID, evaluate_clause
from explorer.iam.context import RequestContext
from explorer.iam.model import ConditionClause, Statement, StatementRef
from explorer.iam.patterns import Pattern, arn_regex, compiled, has_unknown, substitute

UnknownKeys = dict[tuple[str, int], tuple[str, ...]]
"""(policy name, statement index) -> condition keys whose values were unknown."""


def statement_state(
    statement: Statement, resource: str, context: RequestContext, unknown: UnknownKeys
) -> bool | None:
    """Whether the statement applies to `resource` in `context` (its action already matched).

    A policy variable whose key is absent voids the statement, as AWS documents.
    """
    matched = resource_state(statement, resource, context)
    if matched is False or matched is INVALID:
        return False
    conditions, keys = conditions_state(statement.conditions, context)
    if conditions is False or conditions is INVALID:
        return False
    if matched is None or conditions is None:
        variables = _variable_keys(statement) if matched is None else ()
        unknown[_key(statement.ref)] = tuple(keys) + variables
        return None
    return True


def _key(ref: StatementRef) -> tuple[str, int]:
    """The key under which a statement's unknown condition keys are kept."""
    return (ref.policy, ref.index)


def resource_state(statement: Statement, resource: str, context: RequestContext) -> object:
    """Resource/NotResource match: True, False, None (unknown variable) or INVALID.

    Any pattern whose policy variable has no value voids the statement, wherever it stands
    (the parser puts patterns with variables first, so they are all checked before a break).
    """
    hit: bool | None = False
    for pattern in statement.resources:
        found = match_resource(pattern, resource, context)
        if found is INVALID:
            return INVALID
        if found is True:
            hit = True
            if not pattern.has_vars:
                break
        elif found is None and hit is False:
            hit = None
    if statement.not_resource:
        return None if hit is None else not hit
    return hit


def match_resource(pattern: Pattern, resource: str, context: RequestContext | None) -> object:
    """One Resource pattern against one resource ARN (or `*`), with policy variables."""
    if pattern.literal is not None:
        return pattern.literal == resource
    if pattern.arn is not None:
        return pattern.arn.fullmatch(resource) is not None
    tokens = substitute(pattern, context.lookup if context is not None else None)
    if tokens is None:
        return INVALID
    hit = compiled(arn_regex(tokens), False).fullmatch(resource) is not None
    if has_unknown(tokens):
        return None if hit else False
    return hit


def conditions_state(
    clauses: tuple[ConditionClause, ...], context: RequestContext
) -> tuple[object, list[str]]:
    """AND over every clause; also the keys of the clauses that were unknown."""
    state: object = True
    keys: list[str] = []
    for clause in clauses:
        result = evaluate_clause(clause, context.lookup, context.lookup)
        if result is INVALID or result is False:
            return result, []
        if result is None:
            state = None
            keys.append(clause.key_raw)
    return state, keys


def _variable_keys(statement: Statement) -> tuple[str, ...]:
    """The policy-variable keys used in the statement's resources."""
    keys = []
    for pattern in statement.resources:
        keys.extend(str(value.key) for kind, value in pattern.tokens if kind == "V")  # type: ignore[attr-defined]
    return tuple(keys)
