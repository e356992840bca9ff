"""Where a snapshot's redacted values sit: every (kind, resource, field) with its record.

The crawler replaces each literal configuration value that can carry a credential with a record
(`redacted`, `length`, `detectors`, `fingerprint`, maybe `token_fingerprint` and `references`)
and lists a row's records in its `redacted_values` column; function environments keep theirs in
`environment`. This module gathers them all, so one fingerprint can be followed across kinds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from explorer.analysis.estate import Row
from explorer.analysis.findings.context import Context
from explorer.analysis.shapes import mapping, mappings


@dataclasses.dataclass(frozen=True)
class Place:
    """One redacted value: what kind of setting, on which resource, in which field."""

    kind: str
    resource: str
    """The row's own id (an ARN; a rule's target or an API's integration add a suffix)."""
    node: str
    """The graph node that stands for it (a stage's API, a target's rule)."""
    field: str
    name: str
    """The key the value sits under (`Authorization`, `DB_PASSWORD`): what its name says."""
    record: dict[str, Any] = dataclasses.field(compare=False)
    """The redaction record (not part of a place's identity)."""

    @property
    def prints(self) -> tuple[str, ...]:
        """The fingerprints that identify the value: of the whole, and of a `Bearer` token."""
        found = (self.record.get("fingerprint"), self.record.get("token_fingerprint"))
        return tuple(p for p in found if isinstance(p, str) and p)


def _target(row: Row) -> tuple[str, str]:
    return f"{row.get('rule_arn')} target {row.get('target_id')}", str(row.get("rule_arn"))


def _own(row: Row) -> tuple[str, str]:
    return str(row.get("arn")), str(row.get("arn"))


def _stage(row: Row) -> tuple[str, str]:
    return str(row.get("arn")), str(row.get("api_arn") or row.get("arn"))


def _integration(row: Row) -> tuple[str, str]:
    """A route's integration, which several routes may share: one holder, not one per route."""
    if not row.get("integration_id"):
        return _own(row)
    return f"{row.get('api_arn')}/integrations/{row['integration_id']}", str(row.get("arn"))


SOURCES: dict[str, tuple[str, Callable[[Row], tuple[str, str]]]] = {
    "event_targets": ("EventBridge target", _target),
    "rest_methods": ("REST API integration", _own),
    "rest_stages": ("REST API stage", _stage),
    "http_routes": ("HTTP API integration", _integration),
    "http_stages": ("HTTP API stage", _stage),
    "state_machines": ("state machine definition", _own),
    "cognito_user_pools": ("Cognito user pool", _own),
}
"""Tables with a `redacted_values` column: the kind of setting, and (resource, node) of a row."""
ENVIRONMENT = "function environment"


def places(ctx: Context, environments: bool = True) -> list[Place]:
    """Every redacted value of the snapshot, function environments first (or left out)."""
    found = list(_environment(ctx)) if environments else []
    for table, (kind, where) in SOURCES.items():
        for row in ctx.estate.rows(table):
            found += _listed(kind, where(row), row.get("redacted_values"))
    return found


def _environment(ctx: Context) -> Iterator[Place]:
    for arn, row in sorted(ctx.functions.items()):
        for name, record in mapping(row.get("environment")).items():
            if isinstance(record, dict):
                field = f"Environment.Variables.{name}"
                yield Place(ENVIRONMENT, arn, arn, field, str(name), record)


def _listed(kind: str, where: tuple[str, str], records: Any) -> list[Place]:
    resource, node = where
    return [
        Place(kind, resource, node, str(r.get("field")), str(r.get("name") or ""), r)
        for r in mappings(records)
    ]
