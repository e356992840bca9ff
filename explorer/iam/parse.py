"""Parsing policy documents as found in the wild into normalised `Policy` records.

Accepts a dict, JSON text, URL-encoded JSON (as IAM returns it) or bytes, and an API wrapper
holding `PolicyDocument`/`Document`. Elements may be strings or lists, names in any case.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

import orjson

from explorer.iam.conditions import parse_condition_block
from explorer.iam.errors import PolicyError
from explorer.iam.model import (
    VERSION_2008,
    VERSION_2012,
    Policy,
    PrincipalSpec,
    Statement,
    StatementRef,
)
from explorer.iam.patterns import Pattern, compiled, glob_regex, parse_pattern

_DOC_KEYS = {"version", "id", "statement"}
_STATEMENT_KEYS = {
    "sid", "effect", "action", "notaction", "resource", "notresource",
    "principal", "notprincipal", "condition",
}  # fmt: skip
_PRINCIPAL_KEYS = {"aws": "aws", "service": "service", "federated": "federated"}
_PRINCIPAL_KEYS["canonicaluser"] = "canonical"
_ACTION = re.compile(r"^[^:\s]+:[^:\s]*$")
_WRAPPERS = ("PolicyDocument", "Document", "policyDocument", "document")


def load_document(document: object) -> dict[str, object]:
    """The document as a dict: decodes JSON text, URL-encoded JSON, bytes and API wrappers."""
    for _ in range(3):  # a wrapper may hold a JSON string that holds the document
        document = _decode(document)
        inner = _unwrap(document)
        if inner is None:
            return document  # type: ignore[return-value]
        document = inner
    raise PolicyError("policy document is nested too deeply", field="document")


def _decode(document: object) -> object:
    """A dict from whatever form the document came in."""
    if isinstance(document, bytes | bytearray):
        try:
            document = bytes(document).decode("utf-8")
        except UnicodeDecodeError as error:
            raise PolicyError("policy document is not UTF-8 text", field="document") from error
    if isinstance(document, str):
        document = _json(document)
    if not isinstance(document, dict):
        raise PolicyError("policy document must be a JSON object", field="document")
    return document


def _json(text: str) -> object:
    """Parse JSON text, URL-decoding it first when it is percent-encoded."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")) and "%" in stripped:
        stripped = unquote(stripped).strip()
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError) as error:
        raise PolicyError(
            f"policy document is not valid JSON ({error})", field="document"
        ) from None


def _unwrap(document: dict[str, object]) -> object | None:
    """The document inside an API wrapper (`{"PolicyDocument": ...}`), or None."""
    if any(key.lower() == "statement" for key in document if isinstance(key, str)):
        return None
    for key in _WRAPPERS:
        if key in document:
            return document[key]
    return None


def parse_policy(document: object, name: str = "policy") -> Policy:
    """A normalised Policy; raises PolicyError (naming statement and field) if malformed."""
    policy, errors = _parse(document, name, strict=True)
    assert policy is not None and not errors
    return policy


def parse_policy_tolerant(
    document: object, name: str = "policy"
) -> tuple[Policy | None, list[PolicyError]]:
    """Like parse_policy, but keeps the good statements and returns the errors of the bad ones.

    The policy is None only when the document as a whole cannot be read.
    """
    try:
        return _parse(document, name, strict=False)
    except PolicyError as error:
        return None, [error.located(name, error.statement, error.sid)]


def _parse(document: object, name: str, strict: bool) -> tuple[Policy | None, list[PolicyError]]:
    """Shared body of the strict and tolerant parsers."""
    if isinstance(document, Policy):
        return document, []
    try:
        raw = load_document(document)
        version, statements = _document_parts(raw)
    except PolicyError as error:
        raise error.located(name, None, None) from None
    parsed: list[Statement] = []
    errors: list[PolicyError] = []
    variables = version == VERSION_2012
    for index, item in enumerate(statements):
        try:
            parsed.append(parse_statement(item, index, name, variables))
        except PolicyError as error:
            located = error.located(name, index, _sid_of(item))
            if strict:
                raise located from None
            errors.append(located)
    return Policy(name, version, tuple(parsed)), errors


def _document_parts(raw: dict[str, object]) -> tuple[str | None, list[object]]:
    """The Version and the list of statements of a document."""
    fields = _lower_keys(raw, _DOC_KEYS, "document")
    version = fields.get("version")
    if version is not None and version not in (VERSION_2012, VERSION_2008):
        raise PolicyError(f"unsupported Version {version!r}", field="Version")
    if "statement" not in fields:
        raise PolicyError("policy has no Statement", field="Statement")
    statements = fields["statement"]
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        raise PolicyError("Statement must be an object or a list", field="Statement")
    return version, statements  # type: ignore[return-value]


def _lower_keys(raw: dict[str, object], allowed: set[str], what: str) -> dict[str, object]:
    """Element names folded to lower case; unknown or duplicated names are errors."""
    out: dict[str, object] = {}
    for key, value in raw.items():
        lower = str(key).lower()
        if lower not in allowed:
            raise PolicyError(f"unknown element {key!r} in {what}", field=str(key))
        if lower in out:
            raise PolicyError(f"element {key!r} appears twice", field=str(key))
        out[lower] = value
    return out


def _sid_of(item: object) -> str | None:
    """The Sid of a raw statement, if it has a readable one."""
    if isinstance(item, dict):
        for key, value in item.items():
            if str(key).lower() == "sid" and isinstance(value, str | int):
                return str(value)
    return None


_SHAPES: dict[tuple[bytes, bool], Statement] = {}
"""Statements parsed before, without their Resource and Sid, by a digest of their sorted JSON.

Statements made from templates differ in little but the resource they name (one grant per
queue, one invoke permission per function, the same log statement in every Lambda role):
at 10,000 functions 8,900 statements have 600 shapes, so most are parsed once."""
_SHAPES_MAX = 1 << 14


class _Uncached(Exception):
    """A statement the shape cache cannot stand for: the full parser decides (and explains)."""


def parse_statement(item: object, index: int, policy: str, variables: bool) -> Statement:
    """One raw statement as a normalised Statement."""
    if type(item) is dict:
        try:
            return _from_shape(item, index, policy, variables)
        except (_Uncached, PolicyError):
            pass  # parsed in full below, which raises the error a reader should see
    return _parse_statement(item, index, policy, variables)


def _from_shape(item: dict, index: int, policy: str, variables: bool) -> Statement:
    """The statement from its cached shape, with its own Resource and Sid."""
    shape_of = {k: v for k, v in item.items() if k != "Resource" and k != "Sid"}
    if len(shape_of) < len(item) and any(
        str(k).lower() in ("resource", "notresource", "sid") for k in shape_of
    ):
        raise _Uncached  # another spelling of a removed element: the full parser objects
    shape = _shape(shape_of, variables)
    if "Resource" in item:
        resources = _variables_first(
            parse_pattern(r, variables) for r in _strings(item["Resource"], "Resource")
        )
        not_resource = False
    else:
        resources, not_resource = shape.resources, shape.not_resource
    sid = _sid(item["Sid"]) if "Sid" in item else shape.ref.sid
    s = shape
    return Statement(
        StatementRef(policy, index, sid, s.effect), s.effect, s.actions,
        s.not_action, resources, not_resource, s.principal, s.not_principal, s.conditions,
        s.action_literals, s.action_regexes, s.action_services,
    )  # fmt: skip


def _shape(shape_of: dict, variables: bool) -> Statement:
    try:
        text = orjson.dumps(shape_of, option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS)
    except TypeError as error:  # not plain JSON data (a 65-bit integer, a str subclass)
        raise _Uncached from error
    if b"null" in text:  # orjson writes NaN as null: the key would not tell them apart
        raise _Uncached
    key = (hashlib.blake2b(text, digest_size=16).digest(), variables)  # orjson's bytes hold 4 KB
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _parse_statement(shape_of, 0, "", variables)
        if len(_SHAPES) >= _SHAPES_MAX:
            _SHAPES.clear()
        _SHAPES[key] = shape
    return shape


def _parse_statement(item: object, index: int, policy: str, variables: bool) -> Statement:
    if not isinstance(item, dict):
        raise PolicyError("statement must be an object", field="Statement")
    fields = _lower_keys(item, _STATEMENT_KEYS, "statement")
    sid = _sid(fields.get("sid"))
    effect = _effect(fields.get("effect"))
    actions, not_action = _either(fields, "action", "notaction", "Action", _action_list)
    resources, not_resource = _resources(fields, variables)
    principal, not_principal = _principals(fields)
    conditions = _conditions(fields.get("condition"), variables)
    ref = StatementRef(policy, index, sid, effect)
    wild = [a for a in actions if "*" in a or "?" in a]
    regexes = tuple(compiled(glob_regex(list(parse_pattern(a, False).tokens)), True) for a in wild)
    return Statement(
        ref, effect, actions, not_action, resources, not_resource, principal, not_principal,
        conditions, frozenset(actions).difference(wild), regexes,
        None if not_action else _services(actions),
    )  # fmt: skip


def _sid(value: object) -> str | None:
    """The Sid as text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise PolicyError("Sid must be a string", field="Sid")


def _effect(value: object) -> str:
    """Allow or Deny (any casing)."""
    if isinstance(value, str) and value.lower() in ("allow", "deny"):
        return "Allow" if value.lower() == "allow" else "Deny"
    raise PolicyError(f"Effect must be Allow or Deny, not {value!r}", field="Effect")


def _either(
    fields: dict[str, object], yes: str, no: str, label: str, read: Callable[[object, str], tuple]
) -> tuple[tuple, bool]:
    """Exactly one of an element and its Not form, read by `read`."""
    if yes in fields and no in fields:
        raise PolicyError(f"statement has both {label} and Not{label}", field=label)
    if yes not in fields and no not in fields:
        raise PolicyError(f"statement has neither {label} nor Not{label}", field=label)
    key = yes if yes in fields else no
    name = label if key == yes else f"Not{label}"
    return read(fields[key], name), key == no


def _strings(value: object, field: str) -> list[str]:
    """A string or list of strings."""
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        raise PolicyError(f"{field} must be a string or a list of strings", field=field)
    return items  # type: ignore[return-value]


def _action_list(value: object, field: str) -> tuple[str, ...]:
    """Action patterns, lower case, each `*` or `service:action`."""
    actions = _strings(value, field)
    for action in actions:
        if action != "*" and not _ACTION.match(action):
            raise PolicyError(f"{action!r} is not of the form service:action", field=field)
    return tuple(action.lower() for action in actions)


def _services(actions: tuple[str, ...]) -> frozenset[str] | None:
    """Literal service prefixes of the action patterns, or None if any may match all services."""
    services = set()
    for action in actions:
        service = action.split(":", 1)[0]
        if action == "*" or "*" in service or "?" in service:
            return None
        services.add(service)
    return frozenset(services)


def _resources(fields: dict[str, object], variables: bool) -> tuple[tuple, bool]:
    """Resource or NotResource patterns; a missing element (trust policies) means `*`."""
    if "resource" not in fields and "notresource" not in fields:
        return (parse_pattern("*", False),), False

    def read(value: object, field: str) -> tuple[Pattern, ...]:
        return _variables_first(parse_pattern(r, variables) for r in _strings(value, field))

    return _either(fields, "resource", "notresource", "Resource", read)


def _variables_first(patterns: Iterable[Pattern]) -> tuple[Pattern, ...]:
    """Patterns with policy variables first: an unresolvable one voids the whole statement."""
    found = tuple(patterns)
    if not any(pattern.has_vars for pattern in found):
        return found
    return tuple(sorted(found, key=lambda pattern: not pattern.has_vars))


def _principals(fields: dict[str, object]) -> tuple[PrincipalSpec | None, bool]:
    """Principal or NotPrincipal, or (None, False) when the statement has neither."""
    if "principal" in fields and "notprincipal" in fields:
        raise PolicyError("statement has both Principal and NotPrincipal", field="Principal")
    for key, label in (("principal", "Principal"), ("notprincipal", "NotPrincipal")):
        if key in fields:
            return _principal_spec(fields[key], label), key == "notprincipal"
    return None, False


def _principal_spec(value: object, field: str) -> PrincipalSpec:
    """`"*"` or a map of principal types to values."""
    if value == "*":
        return PrincipalSpec(wildcard=True)
    if not isinstance(value, dict):
        raise PolicyError(f'{field} must be "*" or an object', field=field)
    found: dict[str, tuple[str, ...]] = {}
    for key, entries in value.items():
        kind = _PRINCIPAL_KEYS.get(str(key).lower())
        if kind is None:
            raise PolicyError(f"unknown principal type {key!r}", field=field)
        found[kind] = found.get(kind, ()) + tuple(e.strip() for e in _strings(entries, field))
    wildcard = "*" in found.get("aws", ())
    return PrincipalSpec(wildcard=wildcard, **found)


def _conditions(value: object, variables: bool) -> tuple:
    """The parsed Condition element (empty when absent)."""
    if value is None:
        return ()
    return parse_condition_block(value, variables)
