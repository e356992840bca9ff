"""Privilege-escalation combinations relevant to Lambda, IAM and STS.

`find_escalations` checks a catalogue of known combinations (iam:PassRole with
lambda:CreateFunction and a way to run it; rewriting a policy or a role's trust; updating the
code of a function that runs as a stronger role; assuming a stronger role). Targets for the
"stronger role" kinds come from the caller: a mapping of role ARN -> RoleTarget and of
function ARN -> role ARN. Without them, those kinds are reported only for wildcard grants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.iam.actions import PERMISSIONS, TAGGING, WRITE
from explorer.iam.admin import is_admin_equivalent
from explorer.iam.bulk import evaluate_resources
from explorer.iam.evaluate import PrincipalPolicies, resource_policy_of
from explorer.iam.model import ALLOWED, CONDITIONAL, Decision, StatementRef
from explorer.iam.permissions import EffectivePermissions
from explorer.iam.resources import ResourceIndex
from explorer.iam.trust import TrustPolicies


@dataclass(frozen=True, slots=True)
class RoleTarget:
    """Another role the principal might reach: its policies and its trust policy."""

    arn: str
    identity_policies: object = ()
    boundary_policies: object | None = None
    trust_policy: object | None = None


@dataclass(frozen=True, slots=True)
class Escalation:
    """One way the principal can gain more privilege."""

    kind: str
    actions: tuple[str, ...]
    statements: tuple[StatementRef, ...]
    description: str
    target: str | None = None
    conditional: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A catalogue entry: every group must have one allowed action."""

    kind: str
    groups: tuple[tuple[str, ...], ...]
    description: str
    target: str
    """self (its own role/user), pass (a role it can pass), function, assume (a role whose trust
    lets it in), rewrite (a role whose trust it can rewrite), any."""
    service: str | None = None
    """For pass rules: the service principal that must be able to assume the passed role."""


INVOKE = ("lambda:InvokeFunction", "lambda:CreateEventSourceMapping", "lambda:AddPermission",
          "lambda:CreateFunctionUrlConfig")  # fmt: skip
CATALOGUE = (
    Rule("passrole-lambda", (("iam:PassRole",), ("lambda:CreateFunction",), INVOKE),
         "create a Lambda function that runs as a passed role, then run it", "pass",
         "lambda.amazonaws.com"),
    Rule("passrole-cloudformation", (("iam:PassRole",), ("cloudformation:CreateStack",)),
         "create a CloudFormation stack that acts as a passed role", "pass",
         "cloudformation.amazonaws.com"),
    Rule("passrole-ec2", (("iam:PassRole",), ("ec2:RunInstances",)),
         "launch an instance with a passed role's instance profile", "pass", "ec2.amazonaws.com"),
    Rule("lambda-update-code", (("lambda:UpdateFunctionCode",),),
         "replace the code of a function that runs as a stronger role", "function"),
    Rule("lambda-update-configuration", (("lambda:UpdateFunctionConfiguration",),),
         "add a layer or change the handler of a function running as a stronger role", "function"),
    Rule("iam-create-policy-version", (("iam:CreatePolicyVersion",),),
         "write a new default version of a managed policy (e.g. one attached to itself)", "any"),
    Rule("iam-set-default-policy-version", (("iam:SetDefaultPolicyVersion",),),
         "switch a managed policy to a more permissive earlier version", "any"),
    Rule("iam-put-role-policy", (("iam:PutRolePolicy",),),
         "write an inline policy granting itself anything", "self"),
    Rule("iam-attach-role-policy", (("iam:AttachRolePolicy",),),
         "attach a managed policy (e.g. AdministratorAccess) to itself", "self"),
    Rule("iam-put-user-policy", (("iam:PutUserPolicy",),),
         "write an inline policy on its own user", "self"),
    Rule("iam-attach-user-policy", (("iam:AttachUserPolicy",),),
         "attach a managed policy to its own user", "self"),
    Rule("iam-update-assume-role-policy", (("iam:UpdateAssumeRolePolicy",), ("sts:AssumeRole",)),
         "rewrite a stronger role's trust policy to trust itself, then assume it", "rewrite"),
    Rule("sts-assume-role", (("sts:AssumeRole",),),
         "assume a stronger role whose trust policy allows it", "assume"),
)  # fmt: skip
_STRONG_LEVELS = (WRITE, PERMISSIONS, TAGGING)


def find_escalations(
    identity_policies: object,
    boundary_policies: object | None = None,
    principal_arn: str | None = None,
    context: dict[str, object] | None = None,
    roles: Mapping[str, RoleTarget] | None = None,
    functions: Mapping[str, str] | None = None,
    targets: EscalationTargets | None = None,
) -> list[Escalation]:
    """Every catalogue combination the principal's policies allow, with enabling statements.

    Checking many principals against the same roles and functions, pass one `targets` built
    from them (it then stands for `roles` and `functions`): its indexes and verdicts are
    worked out once, not once per principal."""
    principal = _principal(identity_policies, boundary_policies, principal_arn)
    found_in = targets or EscalationTargets(roles or {}, functions or {})
    finder = _Finder(principal, context, found_in)
    return [found for rule in CATALOGUE for found in finder.check(rule)]


class EscalationTargets:
    """The roles and functions escalations may aim at, indexed once for every principal.

    A principal is decided only on the targets its grants may cover, found for all of them at
    once by the bulk evaluator (plus, for AssumeRole, the roles whose trust policy admits it),
    not on every target: that was quadratic in the size of the account."""

    def __init__(self, roles: Mapping[str, RoleTarget], functions: Mapping[str, str]) -> None:
        self.roles = roles
        self.functions = functions
        self._indexes = {"role": ResourceIndex(roles), "function": ResourceIndex(functions)}
        self._order = {of: {arn: i for i, arn in enumerate(targets)}
                       for of, targets in (("role", roles), ("function", functions))}  # fmt: skip
        self._by_account = {of: _by_account(index.resources) for of, index in self._indexes.items()}
        self._trusts = TrustPolicies({arn: t.trust_policy for arn, t in roles.items()})
        self._strength: dict[str, tuple[bool, frozenset[tuple[str, str]]]] = {}

    def candidates(
        self,
        principal: PrincipalPolicies,
        action: str,
        of: str,
        context: dict | None,
        trust: bool = False,
    ) -> list[str]:
        """Targets (`of`: "role" or "function") the principal may be allowed `action` on, in the
        order they were given: those its grants cover and every target in another account (the
        bulk pass decides only the principal's own). With `trust` (the role's trust policy must
        allow too, as for sts:AssumeRole), a role with a trust policy is one that admits it."""
        index = self._indexes[of]
        decision = evaluate_resources(principal, action, index, context)
        found = {index.resources[p] for p in decision.allowed | decision.conditional}
        own = principal.caller.account
        for account, arns in self._by_account[of].items():
            if account != own:
                found.update(arns)
        if trust:
            found = {arn for arn in found if self.roles[arn].trust_policy is None}
            found.update(self._trusts.admitting(principal))
        return sorted(found, key=self._order[of].__getitem__)

    def strength(self, target: RoleTarget) -> tuple[bool, frozenset[tuple[str, str]]]:
        """(admin-equivalent, write-level capabilities) of a target, worked out once."""
        if target.arn not in self._strength:
            admin = is_admin_equivalent(
                target.identity_policies, target.boundary_policies, target.arn
            ).admin
            policies = PrincipalPolicies(
                target.arn, target.identity_policies, target.boundary_policies, tolerant=True
            )
            capabilities = frozenset() if admin else _capabilities(EffectivePermissions(policies))
            self._strength[target.arn] = (admin, capabilities)
        return self._strength[target.arn]


def _by_account(arns: list[str]) -> dict[str | None, list[str]]:
    """ARNs by the account field (None for text that is not an ARN with one)."""
    found: dict[str | None, list[str]] = {}
    for arn in arns:
        parts = arn.split(":")
        found.setdefault(parts[4] if len(parts) > 5 else None, []).append(arn)
    return found


def _principal(identity: object, boundary: object | None, arn: str | None) -> PrincipalPolicies:
    if isinstance(identity, PrincipalPolicies):
        return identity
    arn = arn or "arn:aws:iam::000000000000:role/principal"
    return PrincipalPolicies(arn, identity, boundary, tolerant=True)


class _Finder:
    """Checks rules for one principal, caching permissions and strength comparisons."""

    def __init__(
        self, principal: PrincipalPolicies, context: dict | None, targets: EscalationTargets
    ) -> None:
        self.principal = principal
        self.context = context
        self.targets = targets
        self.roles = targets.roles
        self.functions = targets.functions
        self.permissions = EffectivePermissions(principal, context)
        self._mine: frozenset[tuple[str, str]] | None = None

    def check(self, rule: Rule) -> list[Escalation]:
        """The escalations one rule yields (one per target where it has targets)."""
        groups = [self._any_resource(group) for group in rule.groups]
        if any(found is None for found in groups):
            return []
        targets = self._targets(rule)
        out = []
        for target, decision in targets:
            picked = [found for found in groups if found is not None]
            if decision is not None:  # the target-specific action replaces the generic check
                picked[0] = (rule.groups[0][0], decision)
            out.append(self._escalation(rule, picked, target))
        return out

    def _any_resource(self, actions: tuple[str, ...]) -> tuple[str, Decision] | None:
        """The first action of the group allowed on some resource, with its decision."""
        for action in actions:
            for grant in self.permissions.grants(action):
                probe = grant.resources[0] if not grant.not_resources else "*"
                decision = self.principal.evaluate(action, probe, context=self.context)
                if decision.result in (ALLOWED, CONDITIONAL):
                    return action, decision
        return None

    def _targets(self, rule: Rule) -> list[tuple[str | None, Decision | None]]:
        """(target, decision for the rule's first action on it) pairs; None = not targeted."""
        if rule.target == "any":
            return [(None, None)]
        if rule.target == "self":
            return self._self_target(rule.groups[0][0])
        if rule.target == "pass":
            return self._stronger_roles("iam:PassRole", True, trusted_by=rule.service)
        if rule.target == "assume":
            return self._stronger_roles("sts:AssumeRole", False, trust=True)
        if rule.target == "rewrite":
            return self._stronger_roles("iam:UpdateAssumeRolePolicy", False)
        return self._stronger_functions(rule.groups[0][0])

    def _self_target(self, action: str) -> list[tuple[str | None, Decision | None]]:
        """The principal's own role or user, when the action is allowed on it."""
        me = self.principal.caller.role_arn or self.principal.caller.raw
        decision = self._allowed(action, me) if me else None
        return [(me, decision)] if decision is not None else []

    def _stronger_roles(
        self, action: str, wildcard_ok: bool, trust: bool = False, trusted_by: str | None = None
    ) -> list[tuple[str | None, Decision | None]]:
        """Known stronger roles the action reaches; else a wildcard grant stands for them."""
        out: list[tuple[str | None, Decision | None]] = []
        for arn in self.targets.candidates(self.principal, action, "role", self.context, trust):
            target = self.roles[arn]
            decision = self._allowed(action, arn, target.trust_policy if trust else None)
            if decision is None or not self._stronger(target):
                continue
            if trusted_by is None or _trusts(target, trusted_by):
                out.append((arn, decision))
        if not self.roles and (wildcard_ok or self._wildcard(action)):
            out.append((None, None))
        return out

    def _stronger_functions(self, action: str) -> list[tuple[str | None, Decision | None]]:
        """Functions whose role is stronger and whose code or configuration may be changed."""
        out: list[tuple[str | None, Decision | None]] = []
        for function in self.targets.candidates(self.principal, action, "function", self.context):
            role = self.functions[function]
            target = self.roles.get(role)
            decision = self._allowed(action, function)
            if decision is not None and target is not None and self._stronger(target):
                out.append((function, decision))
        if not self.functions and self._wildcard(action):
            out.append((None, None))
        return out

    def _allowed(self, action: str, resource: str, trust: object | None = None) -> Decision | None:
        """The decision when allowed or conditional, else None."""
        policy = resource_policy_of(trust) if trust is not None else None
        decision = self.principal.evaluate(action, resource, policy, self.context)
        return decision if decision.result in (ALLOWED, CONDITIONAL) else None

    def _wildcard(self, action: str) -> bool:
        """Whether some grant of the action covers many resources (a wildcard in the name)."""
        grants = self.permissions.grants(action)
        return any(g.resource_wildcard or any(_wide(r) for r in g.resources) for g in grants)

    def _stronger(self, target: RoleTarget) -> bool:
        """A target is stronger if it is admin-equivalent (and we are not), or it holds a
        write-level (service, level) capability we lack."""
        admin, capabilities = self.targets.strength(target)
        if admin:
            return not is_admin_equivalent(self.principal).admin
        mine = self._my_capabilities()
        return ALL not in mine and not capabilities <= mine

    def _my_capabilities(self) -> frozenset[tuple[str, str]]:
        if self._mine is None:
            self._mine = _capabilities(self.permissions)
        return self._mine

    def _escalation(self, rule: Rule, picked: list, target: str | None) -> Escalation:
        """Assemble the record from the actions and decisions that enable it."""
        refs = dict.fromkeys(r for _, d in picked for r in d.reasons if r.effect == "Allow")
        conditional = any(d.result == CONDITIONAL for _, d in picked)
        where = f" ({target})" if target else ""
        actions = tuple(action for action, _ in picked)
        return Escalation(
            rule.kind, actions, tuple(refs), rule.description + where, target, conditional
        )


ALL = ("*", "*")


def _wide(pattern: str) -> bool:
    """Whether a resource pattern has a wildcard in its resource part."""
    parts = pattern.split(":", 5)
    return "*" in (parts[5] if len(parts) == 6 else pattern)


def _trusts(target: RoleTarget, service: str) -> bool:
    """Whether the role's trust policy (if known) lets the service assume it."""
    if target.trust_policy is None:
        return True
    policy = resource_policy_of(target.trust_policy)
    service_caller = PrincipalPolicies(service)
    decision = service_caller.evaluate("sts:AssumeRole", target.arn, policy)
    return decision.result in (ALLOWED, CONDITIONAL)


def _capabilities(permissions: EffectivePermissions) -> frozenset[tuple[str, str]]:
    """(service, level) pairs with some Write, Permissions management or Tagging grant."""
    if permissions.all_services:
        return frozenset({ALL})
    found = set()
    for service in permissions.services():
        for level, actions in permissions.service(service).items():
            if level in _STRONG_LEVELS and actions:
                found.add((service, level))
    return frozenset(found)
