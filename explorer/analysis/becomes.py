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
from dataclasses import dataclass, replace

from explorer.analysis import kinds
from explorer.analysis.access import HUB_MIN, Hubs
from explorer.analysis.become_targets import BecomeTargets
from explorer.analysis.escalation import Becomes
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.exposure import note_unreadable
from explorer.analysis.graph import EstateGraph
from explorer.analysis.identities import CompiledPrincipal, action_signature, signature
from explorer.iam import PrincipalPolicies, ResourceIndex
from explorer.iam import techniques as t
from explorer.iam.admin import is_admin_equivalent
from explorer.iam.bulk import evaluate_resources
from explorer.iam.context import Partial
from explorer.iam.model import ALLOWED, CONDITIONAL
from explorer.iam.techniques import ADMIN_POLICY, CATALOGUE, POLICY_EDIT_KIND, Technique

FIRST_ACTIONS = t.first_actions()
NAMED_ACTIONS = t.all_actions() | {"iam:deleteaccesskey", "iam:deactivatemfadevice"}
"""Every action deciding a technique (a third access key needs one deleted first, a password
is no way in past an MFA device the caller cannot deactivate)."""
TRUST = t.BY_ID["sts:AssumeRole"]
TRUST_AT = CATALOGUE.index(TRUST)
"""The one technique decided for each principal on its own (trust policies name callers)."""
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


@dataclass(frozen=True)
class RoleSet:
    """Roles a technique reaches, as positions in the role index (a wildcard grant reaches
    thousands: kept as sets, not one hit each)."""

    sure: frozenset[int]
    unsure: frozenset[int]
    """Reached only under conditions (none of `sure`)."""
    statements: tuple[str, ...]
    via: dict[int, str] | None = None
    """role position -> the resource taken over to run as it (takeovers only)."""
    outside: tuple[Hit, ...] = ()
    """Roles the snapshot does not hold (a function running as a deleted role), one by one."""

    def __len__(self) -> int:
        return len(self.sure) + len(self.unsure) + len(self.outside)

    def without(self, position: int | None) -> RoleSet:
        """The set without the acting role (becoming oneself gains nothing)."""
        if position is None or (position not in self.sure and position not in self.unsure):
            return self
        me = frozenset((position,))
        return replace(self, sure=self.sure - me, unsure=self.unsure - me)

    def unsured(self, extra: tuple[str, ...], sure: bool) -> RoleSet:
        """With the statements of the other actions the technique needs, and unsure unless
        they hold for sure."""
        outside = tuple(
            Hit(h.target, h.sure and sure, h.statements + extra, h.via) for h in self.outside
        )
        if sure:
            return replace(self, statements=self.statements + extra, outside=outside)
        return replace(self, sure=frozenset(), unsure=self.sure | self.unsure,
                       statements=self.statements + extra, outside=outside)  # fmt: skip


Found = list[Hit] | RoleSet


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
    targets = BecomeTargets.of(estate, principals, hubs.targets.indexes.get(kinds.ROLE))
    for arn in targets.roles:
        note_unreadable(graph, arn, "trust policy", targets.trusts.errors(arn))
    admin = kinds.admin_node(estate.account)
    edits: list[tuple[str, str, Technique, Hit]] = []
    when = at or Partial()
    edges = _Edges(graph, hubs, targets)
    memo: dict = {}
    for arn, compiled in principals.items():
        if _mark_admin(graph, arn, compiled.principal, when) == "yes":
            continue  # it has every permission already: nothing to become
        finder = _Finder(arn, compiled, targets, when)
        for technique, found in finder.all(memo):
            if technique.target in (t.PRINCIPAL_POLICY, t.MANAGED_POLICY):
                assert isinstance(found, list)
                edits.extend((arn, hit.target, technique, hit) for hit in found)
            else:
                edges.add(arn, technique, found)
    _add_admin_edges(graph, admin, edits, principals)


def _mark_admin(
    graph: EstateGraph, arn: str, principal: PrincipalPolicies, at: Partial
) -> str | None:
    """Note on the node whether the principal is admin-equivalent ("yes") or may be
    ("conditional") at the snapshot's time, and say which."""
    if "iam:putrolepolicy" not in principal.identity.allowing(NAMED_ACTIONS):
        return None  # both ways to admin-equivalence need it
    verdict = is_admin_equivalent(principal, context=at)
    if not (verdict.admin or verdict.conditional):
        return None
    node = graph.g.nodes[graph.ensure(arn)]
    node["admin"] = "yes" if verdict.admin else "conditional"
    node["admin_statements"] = [str(s) for s in verdict.statements]
    return node["admin"]


class _Edges:
    """Adds a technique's edges: one per target (the surest way, its first explaining
    resource), or one to a hub of roles when a grant reaches many (a takeover's resources are
    then left to the explanation: `findings.escalations` names one)."""

    def __init__(self, graph: EstateGraph, hubs: Hubs, targets: BecomeTargets) -> None:
        self.graph, self.hubs, self.targets = graph, hubs, targets
        self.shared = targets.indexes[kinds.ROLE] is hubs.targets.indexes.get(kinds.ROLE)
        """Whether role positions are the hubs' positions (always, but for a role that is not
        a graph node: then each role gets its own edge)."""

    def add(self, source: str, technique: Technique, found: Found) -> None:
        if isinstance(found, list) and technique.target in ROLE_TARGETS:
            found = self._as_roles(found)
        if isinstance(found, RoleSet):
            self._roles(source, technique, found)
            return
        for hit in _best(found, key=lambda hit: hit.target):
            self.graph.edge(source, hit.target, kinds.BECOMES, conditional=not hit.sure,
                            **_evidence(technique, hit.statements, hit.via))  # fmt: skip

    def _as_roles(self, hits: list[Hit]) -> Found:
        """Many roles found one by one (trust policies admitting the caller) as one set."""
        hits = _best(hits, key=lambda hit: hit.target)
        index = self.targets.indexes[kinds.ROLE]
        if len(hits) < HUB_MIN or any(hit.target not in index for hit in hits):
            return hits
        sure = index.positions(hit.target for hit in hits if hit.sure)
        unsure = index.positions(hit.target for hit in hits if not hit.sure)
        statements = tuple(sorted({s for hit in hits for s in hit.statements}))
        return RoleSet(sure, unsure, statements)

    def _roles(self, source: str, technique: Technique, found: RoleSet) -> None:
        roles = self.targets.indexes[kinds.ROLE].resources
        via = found.via or {}
        for positions, sure in ((found.sure, True), (found.unsure, False)):
            if self.shared and len(positions) >= HUB_MIN:
                hub = self.hubs.node_for(kinds.ROLE, positions)
                self.graph.edge(source, hub, kinds.BECOMES, conditional=not sure,
                                **_evidence(technique, found.statements, None))  # fmt: skip
                continue
            for p in sorted(positions):
                self.graph.edge(source, roles[p], kinds.BECOMES, conditional=not sure,
                                **_evidence(technique, found.statements, via.get(p)))  # fmt: skip
        for hit in found.outside:
            self.graph.edge(source, hit.target, kinds.BECOMES, conditional=not hit.sure,
                            **_evidence(technique, hit.statements, hit.via))  # fmt: skip


def _best(hits: list[Hit], key) -> list[Hit]:
    """One hit per key: a sure one before an unsure one, else the first."""
    found: dict[str, Hit] = {}
    for hit in hits:
        current = found.get(key(hit))
        if current is None or (hit.sure and not current.sure):
            found[key(hit)] = hit
    return list(found.values())


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
    search = Becomes(graph.g)  # every becomes edge but these is in the graph by now
    for source, edited, technique, hit in edits:
        own = edited == source or edited in principals[source].groups
        sure = hit.sure
        if not own:
            if source not in reach:
                reach[source] = search.parents(source)
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
        self.named = self.principal.identity.allowing(NAMED_ACTIONS)
        """The techniques' actions some Allow statement names: no other can be allowed."""
        self.position = targets.indexes[kinds.ROLE].position(arn)
        self._somewhere: dict[str, tuple[bool, tuple[str, ...]] | None] = {}
        self._decided: dict[tuple, tuple[frozenset[int], frozenset[int], tuple[str, ...]]] = {}
        self._covering: dict[str, tuple | None] = {}

    def all(self, memo: dict) -> Iterator[tuple[Technique, Found]]:
        """Every technique that reaches something, in catalogue order. What the grants reach
        is the same for every principal whose statements say the same and do not depend on
        who asks (users of the same groups): worked out once per such `signature`, in
        `memo`; then each principal leaves out itself and what it is already."""
        if not self.named & FIRST_ACTIONS:  # no grant to start a technique: only trust may
            if self.arn not in self.targets.trusted_by and not self.targets.open_to_anyone():
                return
            granted: list[tuple[int, Technique, Found]] = []
        else:
            key = signature(self.compiled, NAMED_ACTIONS)
            found = memo.get(key) if key is not None else None
            if found is None:
                found = self._granted()
                if key is not None:
                    memo[key] = found
            granted = found
        trust = self._technique(TRUST) if self._may_be_let_in() else []
        ways = granted if not trust else sorted([*granted, (TRUST_AT, TRUST, trust)],
                                                key=lambda way: way[0])  # fmt: skip
        for _, technique, reached in ways:
            mine = reached if technique is TRUST else self._own(technique, reached)
            if mine:
                yield technique, mine

    def _granted(self) -> list[tuple[int, Technique, Found]]:
        """(catalogue position, technique, what it reaches) for every technique but trust
        that the principal's grants make reach something."""
        found = ((at, tech, self._technique(tech)) for at, tech in enumerate(CATALOGUE)
                 if tech is not TRUST)  # fmt: skip
        return [way for way in found if way[2]]

    def _may_be_let_in(self) -> bool:
        """Whether AssumeRole can reach anything: a grant of it, or a trust policy naming the
        principal or open to anyone."""
        targets = self.targets
        return (
            "sts:assumerole" in self.named
            or self.arn in targets.trusted_by
            or bool(targets.open_to_anyone())
        )

    def _own(self, technique: Technique, found: Found) -> Found:
        """What the technique gains this principal: not itself, nor a group it is in."""
        if isinstance(found, RoleSet):
            return found.without(self.position)
        if technique.target == t.USER:
            return [hit for hit in found if hit.target != self.arn]
        if technique.target == t.GROUP:
            return [hit for hit in found if hit.target not in self.compiled.groups]
        return found

    def _technique(self, technique: Technique) -> Found:
        if technique.target != t.ROLE_BY_TRUST and technique.action.lower() not in self.named:
            return []  # only a trust policy lets a caller in without a grant of its own
        needs = [self._allowed_somewhere(group) for group in technique.needs]
        if any(found is None for found in needs):
            return []
        found = FINDERS[technique.target](self, technique)
        if not needs or not found:
            return found
        sure = all(need[0] for need in needs if need)
        extra = tuple(s for need in needs if need for s in need[1])
        if isinstance(found, RoleSet):
            return found.unsured(extra, sure)
        return [Hit(h.target, h.sure and sure, h.statements + extra, h.via) for h in found]

    def _allowed_somewhere(self, actions: tuple[str, ...]) -> tuple[bool, tuple[str, ...]] | None:
        """(sure, statements) for the first action of the group allowed on some resource."""
        key = "|".join(actions)
        if key not in self._somewhere:
            named = (a for a in actions if a.lower() in self.named)
            self._somewhere[key] = next(
                (found for a in named if (found := self._anywhere(a)) is not None), None
            )
        return self._somewhere[key]

    def _anywhere(self, action: str) -> tuple[bool, tuple[str, ...]] | None:
        """(sure, statements) for the action on the resource of some Allow statement: one
        allowed for sure if any is, else one allowed under conditions (shared, as `decide`
        is, by principals holding the same statements for the action)."""
        shared = self._statements_of(action.lower())
        key = None if shared is None else ("anywhere", action.lower(), *shared)
        if key is not None and key in self.targets.decisions:
            return self.targets.decisions[key]
        found = self._probe(action)
        if key is not None:
            self.targets.decisions[key] = found
        return found

    def _probe(self, action: str) -> tuple[bool, tuple[str, ...]] | None:
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
        lowered = action.lower()
        if lowered not in self.named:
            return frozenset(), frozenset(), ()
        known = {k: v for k, v in (known or {}).items() if self._weighs(lowered, k)}
        key = (lowered, id(index), tuple(sorted(known.items())))
        found = self._decided.get(key)
        if found is None:
            shared = self._statements_of(lowered)
            shared_key = None if shared is None else (*key, *shared)
            found = self.targets.decisions.get(shared_key) if shared_key else None
            if found is None:
                context = self.at | known if known else self.at
                decision = evaluate_resources(self.principal, action, index, context)
                refs = tuple(sorted({str(r) for r in decision.statements if r.effect == "Allow"}))
                found = decision.allowed, decision.conditional - decision.allowed, refs
                if shared_key:
                    self.targets.decisions[shared_key] = found
            self._decided[key] = found
        return found

    def _statements_of(self, action: str) -> tuple | None:
        """What decides the action besides who asks (`signature`): principals holding the same
        statements for it, whatever else they hold, share its decision."""
        if action not in self._covering:
            self._covering[action] = action_signature(self.compiled, action)
        return self._covering[action]

    def _weighs(self, action: str, key: str) -> bool:
        """Whether a statement covering the action has a condition on the key: if none has,
        the key's value changes nothing (PassRole to Lambda and to CloudFormation is then one
        decision)."""
        lowered = key.lower()
        indexes = (self.principal.identity, self.principal.boundary)
        return any(
            c.key == lowered
            for index in indexes
            if index is not None
            for statement, _ in index.for_action(action)
            for c in statement.conditions
        )

    def bulk(self, action: str, index: ResourceIndex, known: dict | None = None) -> dict[str, Hit]:
        """resource -> hit for every resource of the index the action is allowed on."""
        allowed, conditional, refs = self.decide(action, index, known)
        found = {index.resources[p]: Hit(index.resources[p], True, refs) for p in allowed}
        for p in conditional:
            found[index.resources[p]] = Hit(index.resources[p], False, refs)
        return found

    def roles(self, action: str, known: dict | None = None) -> RoleSet:
        """The roles the action is allowed on, as positions."""
        allowed, conditional, refs = self.decide(action, self.targets.indexes[kinds.ROLE], known)
        return RoleSet(allowed, conditional, refs)


def _by_service(finder: _Finder, technique: Technique) -> Found:
    """Roles trusting the service the code runs as (the technique's own, unless it says
    otherwise) that the principal may pass to the technique's service; a technique whose code
    runs elsewhere also needs a role trusting its own service to pass beside it."""
    passed = finder.roles(technique.action, {"iam:PassedToService": technique.service})
    if not passed:
        return []
    targets = finder.targets
    runs_as = technique.runs_as or str(technique.service)
    trusting = targets.trusting(runs_as)
    sure, unsure = passed.sure & trusting, passed.unsure & trusting
    if runs_as == "ec2.amazonaws.com":  # EC2 runs a role only through a profile
        with_profile, unknown = targets.profiled()
        sure, unsure = sure & with_profile, (unsure & (with_profile | unknown)) | (sure & unknown)
    if technique.runs_as:
        service_roles = targets.trusting(str(technique.service))
        if not (passed.sure | passed.unsure) & service_roles:
            return []
        if not passed.sure & service_roles:
            sure, unsure = frozenset(), sure | unsure
    return RoleSet(sure, unsure, passed.statements)


def _by_trust(finder: _Finder, technique: Technique) -> list[Hit]:
    """Roles whose trust admits the principal and that its policies (or the trust policy
    alone, naming it or everyone, within the account) let it assume."""
    targets = finder.targets
    index = targets.indexes[kinds.ROLE]
    granted = finder.roles(technique.action)
    candidates = {index.resources[p] for p in (granted.sure | granted.unsure) & targets.assumable()}
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


def _rewrite_trust(finder: _Finder, technique: Technique) -> Found:
    """Roles whose trust policy it may rewrite (AWS-owned roles cannot be changed)."""
    found = finder.roles(technique.action)
    if not found:
        return []
    fixed = finder.targets.fixed_roles()
    return RoleSet(found.sure - fixed, found.unsure - fixed, found.statements)


def _users(finder: _Finder, technique: Technique) -> list[Hit]:
    """Other users whose credentials it may create or reset, given what they already have."""
    targets = finder.targets
    found = []
    for arn, hit in finder.bulk(technique.action, targets.indexes[kinds.USER]).items():
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
    if password is not (action == "iam:UpdateLoginProfile"):
        return False
    return _past_mfa(finder, user)


def _past_mfa(finder: _Finder, user: Row) -> bool | None:
    """Whether a console password alone signs the caller in as the user: not when the user has
    an MFA device (sign-in then asks for its code: IAM UG, "AWS Multi-factor authentication in
    IAM"), unless the caller may deactivate the device (None: not recorded, or undecided)."""
    mfa = user.get("mfa_active")
    if mfa is False:
        return True
    if mfa is not True:
        return None
    decision = finder.principal.evaluate("iam:DeactivateMFADevice", user["arn"], context=finder.at)
    return {ALLOWED: True, CONDITIONAL: None}.get(decision.result, False)


def _groups(finder: _Finder, technique: Technique) -> list[Hit]:
    """Groups a user may add itself to (a role has no membership to gain)."""
    if finder.compiled.kind != kinds.USER:
        return []
    return list(finder.bulk(technique.action, finder.targets.indexes[kinds.GROUP]).values())


def _role_behind(of: str):
    def find(finder: _Finder, technique: Technique) -> Found:
        """The roles of the functions (stacks, endpoints, instances) it may take over."""
        targets = finder.targets
        if not targets.role_of.get(of):
            return []
        allowed, conditional, refs = finder.decide(technique.action, targets.indexes[of])
        if not allowed and not conditional:
            return []
        dormant = targets.dormant(of)
        if dormant & allowed:  # taken over only once started
            allowed, conditional = allowed - dormant, conditional | (allowed & dormant)
        sure, via, away = targets.roles_behind(of, allowed)
        unsure, more, further = targets.roles_behind(of, conditional)
        outside = [Hit(role, True, refs, arn) for role, arn in away.items()]
        outside += [Hit(r, False, refs, arn) for r, arn in further.items() if r not in away]
        return RoleSet(sure, unsure - sure, refs, {**more, **via}, tuple(outside))

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
