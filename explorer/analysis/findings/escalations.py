"""A5: one finding per principal that can become a stronger one, through any number of
`becomes` hops, with the shortest path to the strongest principal it reaches.

| reaches                                   | workload or person | other role   |
| ----------------------------------------- | ------------------ | ------------ |
| the account's administrator (or an admin) | critical           | high         |
| a principal with capabilities it lacks    | high               | medium       |

A workload or person is a user, a role some function or state machine runs as, or a group
with members; an empty group counts as another role.

A path with a hop that holds only under conditions the engine could not decide is one level
lower. An admin-equivalent principal is reported by the admin rule instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.escalation import Becomes, admin_distances, fold_hops, path_to
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import CRITICAL, HIGH, Finding, lower, make
from explorer.analysis.identities import CompiledPrincipal
from explorer.analysis.paths import concrete
from explorer.iam import EffectivePermissions
from explorer.iam.capabilities import ALL, capabilities
from explorer.iam.techniques import (
    BY_ID,
    DEV_ENDPOINT_ROLE,
    FUNCTION_ROLE,
    GROUP,
    INSTANCE_ROLE,
    MANAGED_POLICY,
    PRINCIPAL_POLICY,
    ROLE_BY_SERVICE,
    ROLE_BY_TRUST,
    ROLE_TRUST_REWRITE,
    STACK_ROLE,
    USER,
    Technique,
)

Parents = dict[str, tuple[str, dict] | None]
NOUN = {kinds.ROLE: "Role", kinds.USER: "User", kinds.GROUP: "Group"}


def escalation_findings(ctx: Context) -> Iterator[Finding]:
    """For every role, user and group with a `becomes` edge out, the strongest principal it
    reaches (a group's way is every member's: it is where the grant is fixed)."""
    g = ctx.g
    compiled = ctx.principals
    strength = _Strength(compiled)
    runs = {row.get("role_arn") for t in ("functions", "state_machines")
            for row in ctx.estate.rows(t)}  # fmt: skip
    search = Becomes(g)
    to_admin = admin_distances(g)
    for node in sorted(compiled):  # only the account's principals have `becomes` edges out
        attrs = g._node.get(node, {})
        if attrs.get("kind") not in NOUN or attrs.get("admin") == "yes":
            continue
        if not search.ways_on(node):  # no `becomes` edge out
            continue
        parents: Parents = {}
        toward = to_admin if node in to_admin else None  # the nearest administrator, then
        found = _strongest(g, search.discover(node, parents, toward), node, strength,
                           toward is not None)  # fmt: skip
        if found is not None:
            target, admin = found
            yield _finding(ctx, node, target, admin, parents, node in runs)


def _strongest(
    g, found: Iterator[str], source: str, strength: _Strength, reaches_admin: bool
) -> tuple[str, bool] | None:
    """(target, is admin) for the nearest administrator reached, else the nearest principal
    holding capabilities the source lacks: the search stops at the first administrator, or,
    for a source that reaches none (`reaches_admin`), at the first stronger principal."""
    stronger = None
    nodes = g._node  # the node view's lookups cost more than the search itself
    for node in found:
        attrs = nodes[node]
        if attrs.get("kind") == kinds.HUB:
            continue
        if attrs.get("kind") == kinds.ADMIN or attrs.get("admin") == "yes":
            return node, True
        if stronger is None and strength.stronger(node, source):
            stronger = node
            if not reaches_admin:
                break
    return (stronger, False) if stronger else None


class _Strength:
    """Write-level capabilities per principal, worked out once."""

    def __init__(self, compiled: dict[str, CompiledPrincipal]) -> None:
        self.compiled = compiled
        self._known: dict[str, frozenset] = {}

    def capabilities(self, arn: str) -> frozenset:
        if arn not in self._known:
            found = self.compiled.get(arn)
            held = capabilities(EffectivePermissions(found.principal)) if found else frozenset()
            self._known[arn] = held
        return self._known[arn]

    def stronger(self, target: str, source: str) -> bool:
        mine = self.capabilities(source)
        theirs = self.capabilities(target)
        return ALL not in mine and bool(theirs) and not theirs <= mine


def _has_members(ctx: Context, node: str) -> bool:
    """Whether users belong to the group (each of them can escalate as it does)."""
    return any(d.get("kind") == kinds.IN_GROUP for _, _, d in ctx.g.in_edges(node, data=True))


def _finding(
    ctx: Context, source: str, target: str, admin: bool, parents: Parents, workload: bool
) -> Finding:
    nodes, edges = path_to(parents, target)
    path, edge_kinds = concrete(ctx.g, nodes, [e.get("kind") for e in edges])
    hops = [e for e in edges if e.get("kind") == kinds.BECOMES]
    conditional = any(e.get("conditional") for e in hops)
    kind = ctx.g.nodes[source].get("kind")
    top = CRITICAL if admin else HIGH
    severity = top if workload or kind == kinds.USER or _has_members(ctx, source) else lower(top)
    severity = lower(severity) if conditional else severity
    what = ctx.label(target)
    if admin:
        is_node = ctx.g.nodes[target].get("kind") == kinds.ADMIN
        what = "the account's administrator" if is_node else f"admin-equivalent {what}"
    noun = NOUN.get(kind, "Principal")
    return make(
        rules.ESCALATION,
        severity,
        source,
        f"{noun} {ctx.label(source)} can escalate to {what} in {len(hops)} step"
        f"{'s' if len(hops) != 1 else ''}",
        _steps(ctx, nodes, edges),
        path=tuple(path),
        edges=tuple(edge_kinds),
        remediation=remedy(BY_ID.get(str((hops[0].get("evidence") or {}).get("technique")))),
    )


REMEDIES = {
    ROLE_BY_SERVICE: "Scope iam:PassRole to the roles the work needs, with iam:PassedToService, "
    "or remove the actions that start the service's work ({needs}).",
    ROLE_BY_TRUST: "Narrow the role's trust policy to the principals that need it, or remove "
    "their sts:AssumeRole grant on it.",
    ROLE_TRUST_REWRITE: "Remove iam:UpdateAssumeRolePolicy, or scope it to roles no stronger "
    "than the principal.",
    USER: "Scope {action} to the principal's own user (arn:...:user/${{aws:username}}).",
    GROUP: "Remove iam:AddUserToGroup, or scope it to groups no stronger than the user.",
    PRINCIPAL_POLICY: "Remove {action}, or scope it to principals no stronger than this one; a "
    "permissions boundary that denies IAM policy changes stops it too.",
    MANAGED_POLICY: "Remove {action} on customer-managed policies attached to principals, and "
    "delete unused broad versions.",
}
"""What to change, by what the first hop's technique targets: the grant that opens the path."""
TAKEOVER_REMEDY = ("Remove {action} on what runs as stronger roles, or give those workloads "
                   "roles no stronger than who may change them.")  # fmt: skip


def remedy(technique: Technique | None) -> str:
    """The remediation for a path whose first hop uses `technique` (the rule's own when unknown)."""
    if technique is None:
        return rules.ESCALATION.remediation
    text = REMEDIES.get(technique.target, TAKEOVER_REMEDY)
    needs = " or ".join(group[0] for group in technique.needs) or "-"
    return text.format(action=technique.action, needs=needs)


def _steps(ctx: Context, nodes: list[str], edges: list[dict]) -> str:
    """Each `becomes` hop in words, joined by "then"."""
    hops = [_hop(ctx, hop.data, hop.source, hop.target) for hop in fold_hops(ctx.g, nodes, edges)]
    return " then ".join(hops) + "."


def _hop(ctx: Context, edge: dict, source: str, to: str) -> str:
    """`iam:PassRole+lambda to deployer-role (statements: p/0)`."""
    evidence = edge.get("evidence") or {}
    technique = BY_ID.get(str(evidence.get("technique")))
    via = evidence.get("via") or _taken_over(ctx, technique, source, to)
    through = f" through {ctx.label(via)}" if via and via != to else ""
    if not via and technique is not None and technique.target in RUNS_AS:
        through = f" through {RUNS_AS[technique.target]} running as it"
    statements = ", ".join(evidence.get("statements") or ()) or "-"
    maybe = " (if conditions hold)" if edge.get("conditional") else ""
    return (f"{evidence.get('technique')} to {ctx.label(to)}{through}{maybe} "
            f"(statements: {statements})")  # fmt: skip


RUNS_AS = {
    FUNCTION_ROLE: "a function",
    STACK_ROLE: "a stack",
    DEV_ENDPOINT_ROLE: "a Glue development endpoint",
    INSTANCE_ROLE: "an instance",
}
"""What a takeover through a hub of roles goes through, when no one resource is named."""


def _taken_over(ctx: Context, technique: Technique | None, source: str, role: str) -> str | None:
    """A function running as `role` whose code or configuration `source` may change (its
    `controls` edge, direct or through a hub of functions): a takeover routed through a hub
    of roles names no function of its own. The role's few functions are checked, not the
    hubs' thousands of members listed."""
    if technique is None or technique.target != FUNCTION_ROLE:
        return None
    g = ctx.g
    direct, hubs = set(), []
    for node, keys in g._succ[source].items():  # the graph's own dictionaries: users have many
        for data in keys.values():
            actions = (data.get("evidence") or {}).get("actions") or ()
            if data.get("kind") != kinds.CONTROLS or technique.action not in actions:
                continue
            if g._node[node].get("kind") == kinds.HUB:
                hubs.append(node)
            else:
                direct.add(node)
    runs = sorted(f for f, keys in g._pred[role].items()
                  if any(d.get("kind") == kinds.ASSUMES for d in keys.values())
                  and (f in direct or any(f in g._succ[hub] for hub in hubs)))  # fmt: skip
    return runs[0] if runs else None
