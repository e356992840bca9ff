"""`becomes` edges: which principal can obtain which other principal's permissions, and how.

For every role and user, each technique of `explorer.iam.techniques` is decided by the IAM
engine on the targets the snapshot holds (Deny, boundaries, conditions and trust policies
apply): the roles a service may run as, the roles whose trust admits the caller, other users'
credentials, groups, the roles of functions, stacks, Glue endpoints and instances it may take
over. A principal that may rewrite its own permissions (or those of its groups, or of one it
becomes) becomes `admin:<account>`. Many targets of one grant go through one hub node, so a
wildcard PassRole stays a few edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from explorer.analysis import kinds
from explorer.analysis.access import HUB_MIN, Hubs
from explorer.analysis.become_targets import BecomeTargets
from explorer.analysis.escalation import becomes_parents
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.exposure import note_unreadable
from explorer.analysis.graph import EstateGraph
from explorer.analysis.identities import CompiledPrincipal
from explorer.analysis.shapes import sequence
from explorer.iam import PrincipalPolicies, ResourceIndex
from explorer.iam import techniques as t
from explorer.iam.admin import is_admin_equivalent
from explorer.iam.bulk import evaluate_resources
from explorer.iam.context import Partial
from explorer.iam.model import ALLOWED, CONDITIONAL
from explorer.iam.techniques import ADMIN_POLICY, CATALOGUE, POLICY_EDIT_KIND, Technique

FIRST_ACTIONS = t.first_actions()
ROLE_TARGETS = frozenset(
    {t.ROLE_BY_SERVICE, t.ROLE_BY_TRUST, t.ROLE_TRUST_REWRITE, t.FUNCTION_ROLE, t.STACK_ROLE,
     t.DEV_ENDPOINT_ROLE, t.INSTANCE_ROLE}
)  # fmt: skip
"""Techniques that land on roles: many of them from one grant go through a hub of roles."""


@dataclass(frozen=True)
class Hit:
    """A target a technique reaches: the principal gained, how surely, and why."""

    target: str
    sure: bool
    statements: tuple[str, ...]
    via: str | None = None


def add_becomes(
    graph: EstateGraph,
    estate: EstateRows,
    principals: dict[str, CompiledPrincipal],
    hubs: Hubs,
    at: Partial | None = None,
) -> None:
    """Every `becomes` edge of the estate, and each principal's admin-equivalence verdict;
    grants are decided at the snapshot's time (`at`). A group's edges and verdict are what a
    user gains by joining it (AddUserToGroup); its members hold the same edges of their own."""
    targets = BecomeTargets.of(estate, principals)
    for arn in targets.roles:
        note_unreadable(graph, arn, "trust policy", targets.trusts.errors(arn))
    admin = kinds.admin_node(estate.account)
    edits: list[tuple[str, str, Technique, Hit]] = []
    when = at or Partial()
    for arn, compiled in principals.items():
        if _mark_admin(graph, arn, compiled.principal, when) == "yes":
            continue  # it has every permission already: nothing to become
        finder = _Finder(arn, compiled, targets, when)
        for technique, hits in finder.all():
            if technique.target in (t.PRINCIPAL_POLICY, t.MANAGED_POLICY):
                edits.extend((arn, hit.target, technique, hit) for hit in hits)
            else:
                _add_edges(graph, hubs, arn, technique, hits)
    _add_admin_edges(graph, admin, edits, principals)


def _mark_admin(
    graph: EstateGraph, arn: str, principal: PrincipalPolicies, at: Partial
) -> str | None:
    """Note on the node whether the principal is admin-equivalent ("yes") or may be
    ("conditional") at the snapshot's time, and say which."""
    allows = [s for p in principal.identity.policies for s in p.statements if s.effect == "Allow"]
    if not any(s.matches_action("iam:putrolepolicy") for s in allows):
        return None  # both ways to admin-equivalence need it
    verdict = is_admin_equivalent(principal, context=at)
    if not (verdict.admin or verdict.conditional):
        return None
    node = graph.g.nodes[graph.ensure(arn)]
    node["admin"] = "yes" if verdict.admin else "conditional"
    node["admin_statements"] = [str(s) for s in verdict.statements]
    return node["admin"]


def _add_edges(
    graph: EstateGraph, hubs: Hubs, source: str, technique: Technique, hits: list[Hit]
) -> None:
    """One edge per target (the surest way, its first explaining resource), or one edge to a
    hub of roles when a grant reaches many (a takeover's resources are then left to the
    explanation: `findings.escalations` names one)."""
    hits = _best(hits, key=lambda hit: hit.target)
    roles = hubs.targets.node_of if technique.target in ROLE_TARGETS else {}
    plain = [hit for hit in hits if hit.target in roles]
    if len(plain) >= HUB_MIN:
        _hub_edge(graph, hubs, source, technique, plain)
        hits = [hit for hit in hits if hit.target not in roles]  # one hit per target
    for hit in hits:
        graph.edge(source, hit.target, kinds.BECOMES, conditional=not hit.sure,
                   **_evidence(technique, hit.statements, hit.via))  # fmt: skip


def _best(hits: list[Hit], key) -> list[Hit]:
    """One hit per key: a sure one before an unsure one, else the first."""
    found: dict[str, Hit] = {}
    for hit in hits:
        current = found.get(key(hit))
        if current is None or (hit.sure and not current.sure):
            found[key(hit)] = hit
    return list(found.values())


def _hub_edge(
    graph: EstateGraph, hubs: Hubs, source: str, technique: Technique, hits: list[Hit]
) -> None:
    index = hubs.targets.indexes[kinds.ROLE]
    for sure in (True, False):
        group = [hit for hit in hits if hit.sure is sure]
        if not group:
            continue
        positions = index.positions(hit.target for hit in group)
        hub = hubs.node_for(kinds.ROLE, frozenset(positions))
        statements = tuple(sorted({s for hit in group for s in hit.statements}))
        graph.edge(source, hub, kinds.BECOMES, conditional=not sure,
                   **_evidence(technique, statements, None))  # fmt: skip


def _evidence(technique: Technique, statements: Iterable[str], via: str | None) -> dict:
    actions = [technique.action, *(group[0] for group in technique.needs)]
    return {"technique": technique.id, "actions": actions,
            "statements": list(dict.fromkeys(statements)), "via": via}  # fmt: skip


def _add_admin_edges(
    graph: EstateGraph,
    admin: str,
    edits: list[tuple[str, str, Technique, Hit]],
    principals: dict[str, CompiledPrincipal],
) -> None:
    """A principal that may rewrite the permissions of itself, its groups, or a principal it
    becomes, becomes the account's administrator (for sure only if the rewrite, and the way to
    the principal rewritten, hold for sure)."""
    chosen: dict[tuple[str, str], tuple[int, Hit]] = {}
    reach: dict[str, dict] = {}
    for source, edited, technique, hit in edits:
        own = edited == source or edited in principals[source].groups
        sure = hit.sure
        if not own:
            if source not in reach:
                reach[source] = becomes_parents(graph.g, source)
            if edited not in reach[source]:
                continue
            sure = sure and _surely_reached(reach[source], edited)
        rank = (0 if own else 2) + (0 if sure else 1)
        key = (source, technique.id)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, Hit(edited, sure, hit.statements, hit.via or edited))
    if chosen:
        graph.node(admin, kinds.ADMIN, f"administrator of account {admin.split(':', 1)[1]}")
    for (source, technique_id), (_, hit) in chosen.items():
        graph.edge(source, admin, kinds.BECOMES, conditional=not hit.sure,
                   **_evidence(t.BY_ID[technique_id], hit.statements, hit.via))  # fmt: skip


def _surely_reached(parents: dict, node: str) -> bool:
    """Whether the shortest path to `node` holds with no undecided condition on the way."""
    while parents[node] is not None:
        node, data = parents[node]
        if data.get("conditional"):
            return False
    return True


class _Finder:
    """Decides every technique for one acting principal."""

    def __init__(
        self, arn: str, compiled: CompiledPrincipal, targets: BecomeTargets, at: Partial
    ) -> None:
        self.arn = arn
        self.at = at
        """The request context: made at the snapshot's time, nothing else known."""
        self.compiled = compiled
        self.principal = compiled.principal
        self.targets = targets
        self._somewhere: dict[str, tuple[bool, tuple[str, ...]] | None] = {}

    def all(self) -> Iterator[tuple[Technique, list[Hit]]]:
        targets = self.targets
        techniques: tuple[Technique, ...] = CATALOGUE
        if not self._may_act():  # no grant to start a technique: only trust may let it in
            if self.arn not in targets.trusted_by and not targets.open_to_anyone():
                return
            techniques = (t.BY_ID["sts:AssumeRole"],)
        for technique in techniques:
            hits = self._technique(technique)
            if hits:
                yield technique, hits

    def _may_act(self) -> bool:
        """Whether any Allow statement names an action some technique starts with (services
        first: most roles name none of iam, sts, lambda, glue...)."""
        index = self.principal.identity
        return any(
            index.may_cover(action.split(":", 1)[0])
            and any(s.effect == "Allow" for s, _ in index.for_action(action))
            for action in FIRST_ACTIONS
        )

    def _technique(self, technique: Technique) -> list[Hit]:
        needs = [self._allowed_somewhere(group) for group in technique.needs]
        if any(found is None for found in needs):
            return []
        hits = FINDERS[technique.target](self, technique)
        if not needs or not hits:
            return hits
        sure = all(found[0] for found in needs if found)
        extra = tuple(s for found in needs if found for s in found[1])
        return [Hit(h.target, h.sure and sure, h.statements + extra, h.via) for h in hits]

    def _allowed_somewhere(self, actions: tuple[str, ...]) -> tuple[bool, tuple[str, ...]] | None:
        """(sure, statements) for the first action of the group allowed on some resource."""
        key = "|".join(actions)
        if key not in self._somewhere:
            self._somewhere[key] = next(
                (found for a in actions if (found := self._anywhere(a)) is not None), None
            )
        return self._somewhere[key]

    def _anywhere(self, action: str) -> tuple[bool, tuple[str, ...]] | None:
        """(sure, statements) for the action on the resource of some Allow statement: one
        allowed for sure if any is, else one allowed under conditions."""
        maybe = None
        for statement, _ in self.principal.identity.for_action(action.lower()):
            if statement.effect != "Allow":
                continue
            probe = "*" if statement.not_resource else statement.resources[0].raw
            decision = self.principal.evaluate(action, probe, context=self.at)
            if decision.result in (ALLOWED, CONDITIONAL):
                refs = tuple(str(r) for r in decision.reasons if r.effect == "Allow")
                if decision.result == ALLOWED:
                    return True, refs
                maybe = maybe or (False, refs)
        return maybe

    def decide(
        self, action: str, index: ResourceIndex, known: dict | None = None
    ) -> tuple[frozenset[int], frozenset[int], tuple[str, ...]]:
        """(allowed positions, conditional positions, statements) of the action over the
        index, with the `known` condition keys set (every other key of the request unknown);
        nothing when no Allow statement names the action."""
        if not any(
            s.effect == "Allow" for s, _ in self.principal.identity.for_action(action.lower())
        ):
            return frozenset(), frozenset(), ()
        context = self.at | known if known else self.at
        decision = evaluate_resources(self.principal, action, index, context)
        refs = tuple(sorted({str(r) for r in decision.statements if r.effect == "Allow"}))
        return decision.allowed, decision.conditional - decision.allowed, refs

    def bulk(self, action: str, index: ResourceIndex, known: dict | None = None) -> dict[str, Hit]:
        """resource -> hit for every resource of the index the action is allowed on."""
        allowed, conditional, refs = self.decide(action, index, known)
        found = {index.resources[p]: Hit(index.resources[p], True, refs) for p in allowed}
        for p in conditional:
            found[index.resources[p]] = Hit(index.resources[p], False, refs)
        return found


def _by_service(finder: _Finder, technique: Technique) -> list[Hit]:
    """Roles trusting the technique's service that the principal may pass to it."""
    targets = finder.targets
    trusting = targets.trusting(str(technique.service))
    if not trusting:
        return []
    passed = {"iam:PassedToService": technique.service}
    hits = finder.bulk(technique.action, targets.indexes[kinds.ROLE], passed)
    found = [hit for arn, hit in hits.items() if arn in trusting and arn != finder.arn]
    if technique.service == "ec2.amazonaws.com":
        found = [_with_profile(targets, hit) for hit in found]
        found = [hit for hit in found if hit is not None]
    return found


def _with_profile(targets, hit: Hit) -> Hit | None:
    """EC2 runs a role only through an instance profile: none known -> no hit; unknown -> unsure."""
    profiles = targets.roles[hit.target].get("instance_profiles")
    if profiles is None:
        return Hit(hit.target, False, hit.statements)
    return hit if sequence(profiles) else None


def _by_trust(finder: _Finder, technique: Technique) -> list[Hit]:
    """Roles whose trust admits the principal and that its policies (or the trust policy
    alone, naming it or everyone, within the account) let it assume."""
    targets = finder.targets
    index = targets.indexes[kinds.ROLE]
    candidates = set(finder.bulk(technique.action, index)) & {
        index.resources[p] for p in targets.assumable()
    }
    candidates |= targets.trusted_by.get(finder.arn, set()) | targets.open_to_anyone()
    candidates.discard(finder.arn)
    hits = []
    for role in sorted(candidates):
        if role not in targets.roles:
            continue
        policy = targets.trusts.policy(role)
        if policy is None or not targets.trusts.admits(finder.principal, role):
            continue
        decision = finder.principal.evaluate(technique.action, role, policy, context=finder.at)
        if decision.result in (ALLOWED, CONDITIONAL):
            refs = tuple(str(r) for r in decision.reasons if r.effect == "Allow")
            hits.append(Hit(role, decision.result == ALLOWED, refs))
    return hits


def _rewrite_trust(finder: _Finder, technique: Technique) -> list[Hit]:
    """Roles whose trust policy it may rewrite (AWS-owned roles cannot be changed)."""
    hits = finder.bulk(technique.action, finder.targets.indexes[kinds.ROLE])
    return [hit for arn, hit in hits.items()
            if arn != finder.arn and finder.targets.modifiable(arn)]  # fmt: skip


def _users(finder: _Finder, technique: Technique) -> list[Hit]:
    """Other users whose credentials it may create or reset, given what they already have."""
    targets = finder.targets
    found = []
    for arn, hit in finder.bulk(technique.action, targets.indexes[kinds.USER]).items():
        if arn == finder.arn:
            continue
        possible = _credential_possible(finder, technique.action, targets.users[arn])
        if possible is not False:
            found.append(Hit(arn, hit.sure and possible is True, hit.statements))
    return found


def _credential_possible(finder: _Finder, action: str, user: Row) -> bool | None:
    """Whether the user's current credentials let the action work (None: not recorded).

    A user holds at most two access keys, and a login profile exists or not (IAM API
    reference: CreateAccessKey "LimitExceeded", CreateLoginProfile "EntityAlreadyExists",
    UpdateLoginProfile "NoSuchEntity")."""
    if action == "iam:CreateAccessKey":
        keys = user.get("access_keys")
        if not isinstance(keys, list):
            return None
        if len(keys) < 2:
            return True
        decision = finder.principal.evaluate("iam:DeleteAccessKey", user["arn"], context=finder.at)
        delete = decision.result
        return True if delete == ALLOWED else (None if delete == CONDITIONAL else False)
    password = user.get("password_enabled")
    if not isinstance(password, bool):
        return None
    return password if action == "iam:UpdateLoginProfile" else not password


def _groups(finder: _Finder, technique: Technique) -> list[Hit]:
    """Groups a user may add itself to (a role has no membership to gain)."""
    if finder.compiled.kind != kinds.USER:
        return []
    hits = finder.bulk(technique.action, finder.targets.indexes[kinds.GROUP])
    return [hit for arn, hit in hits.items() if arn not in finder.compiled.groups]


def _role_behind(of: str):
    def find(finder: _Finder, technique: Technique) -> list[Hit]:
        """The roles of the functions (stacks, endpoints, instances) it may take over."""
        behind = finder.targets.role_of.get(of, {})
        if not behind:
            return []
        allowed, conditional, refs = finder.decide(technique.action, finder.targets.indexes[of])
        found: dict[str, Hit] = {}
        for positions, sure in ((allowed, True), (conditional, False)):
            for role, arn in finder.targets.roles_behind(of, positions).items():
                if role != finder.arn and role not in found:
                    found[role] = Hit(role, sure, refs, via=arn)
        return list(found.values())

    return find


def _principal_policies(finder: _Finder, technique: Technique) -> list[Hit]:
    """Principals whose policies it may rewrite; an attach is decided for AdministratorAccess
    (an `iam:PolicyARN` condition may rule it out)."""
    kind = POLICY_EDIT_KIND[technique.action]
    known = {"iam:PolicyARN": ADMIN_POLICY} if "Attach" in technique.action else None
    hits = finder.bulk(technique.action, finder.targets.indexes[kind], known)
    return [hit for arn, hit in hits.items() if finder.targets.modifiable(arn)]


def _managed_policies(finder: _Finder, technique: Technique) -> list[Hit]:
    """Principals holding a customer-managed policy whose default version it may set. A new
    version may say anything; an existing one only what it says: SetDefaultPolicyVersion is
    sure when another stored version is admin-equivalent, nothing when none is, and unsure
    when the snapshot does not record the other versions."""
    targets = finder.targets
    found = []
    for policy, hit in finder.bulk(technique.action, targets.indexes["policy"]).items():
        sure = hit.sure
        if technique.action == "iam:SetDefaultPolicyVersion":
            older = targets.older_admin(policy)
            if older is False:
                continue
            sure = sure and older is True
        found.extend(Hit(p, sure, hit.statements, via=policy) for p in targets.attached[policy])
    return found


FINDERS = {
    t.ROLE_BY_SERVICE: _by_service,
    t.ROLE_BY_TRUST: _by_trust,
    t.ROLE_TRUST_REWRITE: _rewrite_trust,
    t.USER: _users,
    t.GROUP: _groups,
    t.FUNCTION_ROLE: _role_behind(kinds.FUNCTION),
    t.STACK_ROLE: _role_behind("stack"),
    t.DEV_ENDPOINT_ROLE: _role_behind("dev-endpoint"),
    t.INSTANCE_ROLE: _role_behind("instance"),
    t.PRINCIPAL_POLICY: _principal_policies,
    t.MANAGED_POLICY: _managed_policies,
}
