"""A mutable record of what a deploy created so far, frozen into a DemoManifest at the end."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from explorer.demo.manifest import (
    Chain,
    DemoManifest,
    EscalationPath,
    Flaw,
    FrozenDict,
    GroupRef,
    NearMiss,
    QueueRef,
    Restriction,
    Route,
    RuleRef,
    TableRef,
    Trigger,
    UserRef,
)


@dataclass
class Ledger:
    """Same field names as DemoManifest, in mutable containers."""

    account_id: str
    region: str
    foreign_account: str
    functions: dict[str, str] = field(default_factory=dict)
    runtimes: dict[str, str] = field(default_factory=dict)
    function_roles: dict[str, str] = field(default_factory=dict)
    function_urls: dict[str, str] = field(default_factory=dict)
    reserved_concurrency: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    policies: dict[str, str] = field(default_factory=dict)
    users: dict[str, UserRef] = field(default_factory=dict)
    groups: dict[str, GroupRef] = field(default_factory=dict)
    instance_profiles: dict[str, str] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)
    stacks: dict[str, str] = field(default_factory=dict)
    dev_endpoints: dict[str, str] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)
    queues: dict[str, QueueRef] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    tables: dict[str, TableRef] = field(default_factory=dict)
    kinesis_streams: dict[str, str] = field(default_factory=dict)
    rest_apis: dict[str, str] = field(default_factory=dict)
    http_apis: dict[str, str] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    api_keys: list[str] = field(default_factory=list)
    state_machines: dict[str, str] = field(default_factory=dict)
    user_pools: dict[str, str] = field(default_factory=dict)
    log_groups: dict[str, int | None] = field(default_factory=dict)
    event_buses: dict[str, str] = field(default_factory=dict)
    event_rules: list[RuleRef] = field(default_factory=list)
    trails: dict[str, str] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    flaws: list[Flaw] = field(default_factory=list)
    escalations: list[EscalationPath] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)
    seeded_secrets: list[str] = field(default_factory=list)
    hostile_text: str = ""

    def trigger(
        self, kind: str, source: str, target: str, detail: str = "", observable: bool = True
    ) -> None:
        """Record one trigger (`observable` False: moto cannot hold it, see `Trigger`)."""
        self.triggers.append(Trigger(kind, source, target, detail, observable))

    def route_arns(self) -> dict[str, str]:
        """`"METHOD /path"` -> execute-api ARN, over both APIs."""
        return {f"{r.method} {r.path}": r.arn for r in self.routes}

    def freeze(self) -> DemoManifest:
        """The immutable manifest: dicts become read-only mappings, lists tuples."""
        values = {f.name: _frozen(getattr(self, f.name)) for f in fields(DemoManifest)}
        return DemoManifest(**values)


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return FrozenDict(value)
    if isinstance(value, list):
        return tuple(value)
    return value
