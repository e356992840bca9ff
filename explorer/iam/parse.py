"""Parsing policy documents as found in the wild into normalised `Policy` records.

Accepts a dict, JSON text, URL-encoded JSON (as IAM returns it) or bytes, and an API wrapper
holding `PolicyDocument`/`Document`. Elements may be strings or lists, names in any case.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from urllib.parse import unquote

import orjson

from explorer.iam import elements
from explorer.iam.elements import Dropped, strings, variables_first
from explorer.iam.errors import DOCUMENT, ELEMENT, STATEMENT, PolicyError
from explorer.iam.model import (
    VERSION_2008,
    VERSION_2012,
    Policy,
    Statement,
    StatementRef,
)
from explorer.iam.patterns import compiled, glob_regex, parse_pattern

_DOC_KEYS = {"version", "id", "statement"}
_STATEMENT_KEYS = {
    "sid", "effect", "action", "notaction", "resource", "notresource",
    "principal", "notprincipal", "condition",
}  # fmt: skip
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
    document: object, name: str = "policy", skip: Collection[int] = ()
) -> tuple[Policy | None, list[PolicyError]]:
    """Like parse_policy, but reads what it can and returns an error for each part it left out.

    A bad entry of an element (one action, resource or principal) is left out alone, unless
    that would widen a Deny (see `salvage_statement`); a statement that cannot be read is left
    out whole. The policy is None only when the document as a whole cannot be read. Each
    error's `skipped` says which of the three it left out. The statements at the indexes in
    `skip` are not read at all; the others keep their own index.
    """
    try:
        return _parse(document, name, strict=False, skip=skip)
    except PolicyError as error:
        return None, [error.located(name, error.statement, error.sid, DOCUMENT)]


def _parse(
    document: object, name: str, strict: bool, skip: Collection[int] = ()
) -> tuple[Policy | None, list[PolicyError]]:
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
        if index in skip:
            continue
        try:
            parsed.append(parse_statement(item, index, name, variables))
        except PolicyError as error:
            if strict:
                raise error.located(name, index, _sid_of(item)) from None
            statement, faults = salvage_statement(item, index, name, variables)
            parsed.extend([statement] if statement is not None else [])
            errors.extend(faults)
    return Policy(name, version, tuple(parsed)), errors


def salvage_statement(
    item: object, index: int, policy: str, variables: bool
) -> tuple[Statement | None, list[PolicyError]]:
    """A statement the strict reader refused, read without its bad entries, and the errors.

    Leaving an entry out narrows what an element names. That is safe for a Deny's Action,
    Resource or Principal (it denies less, so more looks allowed) and for an Allow's NotAction,
    NotResource or NotPrincipal (it allows more); it hides access for an Allow's Action,
    Resource or Principal, which is why every entry left out is reported. For a Deny's Not*
    element it would deny more than written, so that Deny is left out whole instead.
    """
    sid = _sid_of(item)
    dropped: list[PolicyError] = []
    try:
        statement = _parse_statement(item, index, policy, variables, dropped)
        if statement.effect == "Deny":
            _refuse_wider_deny(dropped)
    except PolicyError as error:
        return None, [error.located(policy, index, sid, STATEMENT)]
    return statement, [error.located(policy, index, sid, ELEMENT) for error in dropped]


def _refuse_wider_deny(dropped: list[PolicyError]) -> None:
    """Raise when a Deny lost an entry of a Not* element: it would deny more than written."""
    for error in dropped:
        if error.field.startswith("Not"):
            raise PolicyError(
                f"{error.reason}; without it this Deny's {error.field} would deny more than "
                "written",
                field=error.field,
            )


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
        resources = variables_first(
            parse_pattern(r, variables) for r in strings(item["Resource"], "Resource")
        )
        not_resource = False
    else:
        resources, not_resource = shape.resources, shape.not_resource
    sid = elements.sid(item["Sid"]) if "Sid" in item else shape.ref.sid
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


def _parse_statement(
    item: object, index: int, policy: str, variables: bool, dropped: Dropped = None
) -> Statement:
    """One statement read in full; with a `dropped` list, bad entries of an element are left
    out and noted there instead of failing the statement."""
    if not isinstance(item, dict):
        raise PolicyError("statement must be an object", field="Statement")
    fields = _lower_keys(item, _STATEMENT_KEYS, "statement")
    sid = elements.sid(fields.get("sid"), dropped)
    effect = elements.effect(fields.get("effect"))
    actions, not_action = elements.either(
        fields, "action", "notaction", "Action", elements.action_list, dropped
    )
    resources, not_resource = elements.resources(fields, variables, dropped)
    principal, not_principal = elements.principals(fields, dropped)
    conditions = elements.conditions(fields.get("condition"), variables)
    ref = StatementRef(policy, index, sid, effect)
    wild = [a for a in actions if "*" in a or "?" in a]
    regexes = tuple(compiled(glob_regex(list(parse_pattern(a, False).tokens)), True) for a in wild)
    return Statement(
        ref, effect, actions, not_action, resources, not_resource, principal, not_principal,
        conditions, frozenset(actions).difference(wild), regexes,
        None if not_action else elements.services(actions),
    )  # fmt: skip
