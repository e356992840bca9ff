"""Reading the elements of one policy statement: Sid, Effect, Action, Resource, Principal,
Condition. Each reader raises PolicyError on a bad value; given a `dropped` list (a tolerant
reading), it leaves a bad entry of a list out and notes why there instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from explorer.iam.conditions import parse_condition_block
from explorer.iam.errors import PolicyError
from explorer.iam.model import PrincipalSpec
from explorer.iam.patterns import Pattern, parse_pattern

PRINCIPAL_TYPES = {"aws": "aws", "service": "service", "federated": "federated"}
PRINCIPAL_TYPES["canonicaluser"] = "canonical"
ACTION = re.compile(r"^[^:\s]+:[^:\s]*$")
Dropped = list[PolicyError] | None
"""Where a tolerant reader notes the entries it left out (None: the strict reader raises)."""


def sid(value: object, dropped: Dropped = None) -> str | None:
    """The Sid as text (a label only: a tolerant reader leaves a bad one out)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    fault(PolicyError("Sid must be a string", field="Sid"), dropped)
    return None


def fault(error: PolicyError, dropped: Dropped) -> None:
    """Raise the error, or (reading tolerantly) note it and go on without the entry."""
    if dropped is None:
        raise error
    dropped.append(error)


def shown(value: object) -> str:
    """A value as quoted in an error message, cut short."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:77]}..."


def effect(value: object) -> str:
    """Allow or Deny (any casing)."""
    if isinstance(value, str) and value.lower() in ("allow", "deny"):
        return "Allow" if value.lower() == "allow" else "Deny"
    raise PolicyError(f"Effect must be Allow or Deny, not {value!r}", field="Effect")


def either(
    fields: dict[str, object],
    yes: str,
    no: str,
    label: str,
    read: Callable[[object, str, Dropped], tuple],
    dropped: Dropped,
) -> tuple[tuple, bool]:
    """Exactly one of an element and its Not form, read by `read`."""
    if yes in fields and no in fields:
        raise PolicyError(f"statement has both {label} and Not{label}", field=label)
    if yes not in fields and no not in fields:
        raise PolicyError(f"statement has neither {label} nor Not{label}", field=label)
    key = yes if yes in fields else no
    name = label if key == yes else f"Not{label}"
    return read(fields[key], name, dropped), key == no


def strings(value: object, field: str, dropped: Dropped = None) -> list[str]:
    """A string or list of strings; reading tolerantly, entries that are not strings are left
    out (an object in place of the whole element cannot be read at all)."""
    items = value if isinstance(value, list) else [value]
    if all(isinstance(item, str) for item in items):
        return items  # type: ignore[return-value]
    if dropped is None or isinstance(value, dict):
        raise PolicyError(f"{field} must be a string or a list of strings", field=field)
    for item in items:
        if not isinstance(item, str):
            dropped.append(PolicyError(f"{shown(item)} is not a string", field=field))
    return [item for item in items if isinstance(item, str)]


def action_list(value: object, field: str, dropped: Dropped = None) -> tuple[str, ...]:
    """Action patterns, lower case, each `*` or `service:action`."""
    actions = []
    for action in strings(value, field, dropped):
        if action == "*" or ACTION.match(action):
            actions.append(action.lower())
        else:
            message = f"{shown(action)} is not of the form service:action"
            fault(PolicyError(message, field=field), dropped)
    return tuple(actions)


def services(actions: tuple[str, ...]) -> frozenset[str] | None:
    """Literal service prefixes of the action patterns, or None if any may match all services."""
    found = set()
    for action in actions:
        service = action.split(":", 1)[0]
        if action == "*" or "*" in service or "?" in service:
            return None
        found.add(service)
    return frozenset(found)


def resources(fields: dict[str, object], variables: bool, dropped: Dropped) -> tuple[tuple, bool]:
    """Resource or NotResource patterns; a missing element (trust policies) means `*`."""
    if "resource" not in fields and "notresource" not in fields:
        return (parse_pattern("*", False),), False

    def read(value: object, field: str, dropped: Dropped) -> tuple[Pattern, ...]:
        texts = strings(value, field, dropped)
        return variables_first(parse_pattern(r, variables) for r in texts)

    return either(fields, "resource", "notresource", "Resource", read, dropped)


def variables_first(patterns: Iterable[Pattern]) -> tuple[Pattern, ...]:
    """Patterns with policy variables first: an unresolvable one voids the whole statement."""
    found = tuple(patterns)
    if not any(pattern.has_vars for pattern in found):
        return found
    return tuple(sorted(found, key=lambda pattern: not pattern.has_vars))


def principals(fields: dict[str, object], dropped: Dropped) -> tuple[PrincipalSpec | None, bool]:
    """Principal or NotPrincipal, or (None, False) when the statement has neither."""
    if "principal" in fields and "notprincipal" in fields:
        raise PolicyError("statement has both Principal and NotPrincipal", field="Principal")
    for key, label in (("principal", "Principal"), ("notprincipal", "NotPrincipal")):
        if key in fields:
            return principal_spec(fields[key], label, dropped), key == "notprincipal"
    return None, False


def principal_spec(value: object, field: str, dropped: Dropped) -> PrincipalSpec:
    """`"*"` or a map of principal types to values."""
    if value == "*":
        return PrincipalSpec(wildcard=True)
    if not isinstance(value, dict):
        raise PolicyError(f'{field} must be "*" or an object', field=field)
    found: dict[str, tuple[str, ...]] = {}
    for key, entries in value.items():
        kind = PRINCIPAL_TYPES.get(str(key).lower())
        if kind is None:
            fault(PolicyError(f"unknown principal type {shown(key)}", field=field), dropped)
            continue
        named = tuple(e.strip() for e in strings(entries, field, dropped))
        found[kind] = found.get(kind, ()) + named
    wildcard = "*" in found.get("aws", ())
    return PrincipalSpec(wildcard=wildcard, **found)


def conditions(value: object, variables: bool) -> tuple:
    """The parsed Condition element (empty when absent)."""
    if value is None:
        return ()
    return parse_condition_block(value, variables)
