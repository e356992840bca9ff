"""Evaluating a request as AWS does: explicit deny first, then identity, boundary and resource
policies combined by the same-account and cross-account rules (IAM User Guide, "Policy
evaluation logic"). `PrincipalPolicies` precompiles one principal's policies, indexed by
service prefix; `simulate` is the one-call form of it.

Two AWS special cases: sts:GetCallerIdentity needs no permission (STS API Reference,
GetCallerIdentity), and a call on a KMS key also needs the key policy to allow (KMS Developer
Guide, "Key policies in AWS KMS"): without the key policy the answer is at best conditional.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from explorer.iam.context import (
    IAM_KINDS,
    ROOT,
    Caller,
    ContextArg,
    Partial,
    RequestContext,
    build_context,
    parse_caller,
)
from explorer.iam.context import resource_account_of as _account_of
from explorer.iam.errors import PolicyError
from explorer.iam.model import (
    ALLOWED,
    CONDITIONAL,
    EXPLICITLY_DENIED,
    IMPLICITLY_DENIED,
    Decision,
    Policy,
    Statement,
    StatementRef,
)
from explorer.iam.parse import parse_policy, parse_policy_tolerant
from explorer.iam.principals import ACCOUNT, DIRECT, ROLE_GRANT, match_principal
from explorer.iam.statements import UnknownKeys, statement_state

Tri = tuple[bool | None, tuple[StatementRef, ...]]
"""A three-valued outcome with the statements behind it."""
_TRUST_ACTIONS = frozenset(
    {"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
     "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"}
)  # fmt: skip
FALSE: Tri = (False, ())
TRUE: Tri = (True, ())

NO_PERMISSION_ACTIONS = frozenset({"sts:getcalleridentity"})
"""Actions any IAM caller may perform whatever its policies say, even under an explicit Deny
(STS API Reference, GetCallerIdentity: "No permissions are required to perform this
operation")."""
NEEDS_NO_PERMISSION = "sts:GetCallerIdentity needs no permission, even under an explicit Deny"
KEY_POLICY_UNKNOWN = "depends on the key policy, which the snapshot does not hold"
_KMS_KEY = re.compile(r"arn:[^:]+:kms:[^:]*:\d{12}:key/.+")


def needs_key_policy(action: str, resource: str) -> bool:
    """Whether the call is on a KMS key, whose key policy must allow it as well as any IAM
    policy (KMS DG, "Key policies in AWS KMS": "Unless the key policy explicitly allows it,
    you cannot use IAM policies to allow access to a KMS key")."""
    return action[:4].lower() == "kms:" and _KMS_KEY.fullmatch(resource) is not None


def t_or(*items: Tri) -> Tri:
    """Kleene OR, keeping the statements of the operands that decide it."""
    for state in (True, None):
        hits = [refs for value, refs in items if value is state]
        if hits:
            return state, tuple(ref for refs in hits for ref in refs)
    return FALSE


def t_and(*items: Tri) -> Tri:
    """Kleene AND, keeping the statements of the operands that decide it."""
    if any(value is False for value, _ in items):
        return FALSE
    unknown = [refs for value, refs in items if value is None]
    if unknown:
        return None, tuple(ref for refs in unknown for ref in refs)
    return True, tuple(ref for _, refs in items for ref in refs)


class StatementIndex:
    """Statements of a set of policies, indexed by service prefix, with a per-action cache."""

    def __init__(self, policies: Sequence[Policy], kind: str) -> None:
        self.policies = tuple(policies)
        self._by_service: dict[str, list[tuple[Statement, StatementRef]]] = {}
        self._any: list[tuple[Statement, StatementRef]] = []
        self._cache: dict[str, tuple[tuple[Statement, StatementRef], ...]] = {}
        self._allowing: dict[frozenset[str], frozenset[str]] = {}
        self._order: dict[int, int] = {}
        for statement in (s for policy in policies for s in policy.statements):
            entry = (statement, statement.ref.with_kind(kind))
            self._order[id(statement)] = len(self._order)
            if statement.action_services is None:
                self._any.append(entry)
            for service in statement.action_services or ():
                self._by_service.setdefault(service, []).append(entry)

    def may_cover(self, service: str) -> bool:
        """Whether any statement may cover an action of this (lower-case) service prefix."""
        return bool(self._any) or service in self._by_service

    def allowing(self, actions: frozenset[str]) -> frozenset[str]:
        """Those of the (lower-case) actions some Allow statement names: a cheap first check
        before deciding many actions (statements' action lists repeat across principals, so
        each list is matched once per process)."""
        answer = self._allowing.get(actions)
        if answer is None:
            found: set[str] = set()
            for policy in self.policies:
                for statement in policy.statements:
                    if statement.effect == "Allow":
                        found |= _covered(statement, actions)
            answer = self._allowing[actions] = frozenset(found)
        return answer

    def covering(self, actions: frozenset[str]) -> tuple[Statement, ...]:
        """The statements (Allow and Deny, in policy order) that cover some of the actions."""
        return tuple(
            statement
            for policy in self.policies
            for statement in policy.statements
            if _covered(statement, actions)
        )

    def for_action(self, action: str) -> tuple[tuple[Statement, StatementRef], ...]:
        """Statements whose Action/NotAction covers the (lower-case) action, in policy order."""
        found = self._cache.get(action)
        if found is None:
            service = action.split(":", 1)[0]
            candidates = self._by_service.get(service, []) + self._any
            hits = [entry for entry in candidates if entry[0].matches_action(action)]
            hits.sort(key=lambda entry: self._order[id(entry[0])])
            found = self._cache[action] = tuple(hits)
        return found


_COVERED: dict[tuple[tuple[str, ...], bool, frozenset[str]], frozenset[str]] = {}
"""(Action list, NotAction?, actions asked) -> those covered: a few hundred distinct lists
even in a large account."""


def _covered(statement: Statement, actions: frozenset[str]) -> frozenset[str]:
    """Which of the actions the statement's Action (or NotAction) list covers."""
    key = (statement.actions, statement.not_action, actions)
    found = _COVERED.get(key)
    if found is None:
        found = _COVERED[key] = frozenset(a for a in actions if statement.matches_action(a))
    return found


def _tolerant(
    document: object, name: str, parsed: dict | None
) -> tuple[Policy | None, list[PolicyError]]:
    """The tolerant parse, taken from `parsed` (shared by many principals: a group's policies
    are parsed once for all its members, so they hold the very same statements) when the same
    document object was parsed under the same name."""
    if parsed is None:
        return parse_policy_tolerant(document, name)
    key = (name, id(document))
    found = parsed.get(key)
    if found is None or found[0] is not document:
        found = parsed[key] = (document, *parse_policy_tolerant(document, name))
    return found[1], found[2]


class PrincipalPolicies:
    """One principal's identity policies and permissions boundary, compiled for fast checks.

    `boundary_policies=None` means no boundary; an empty list is a boundary allowing nothing.
    With `tolerant=True` malformed statements are dropped and listed in `errors` instead of
    raising PolicyError; `parsed`, a dict shared by many principals, keeps each tolerant parse
    of a (name, document object) for the next principal holding the same document.
    """

    def __init__(
        self,
        principal_arn: str | None,
        identity_policies: object = (),
        boundary_policies: object | None = None,
        *,
        tolerant: bool = False,
        parsed: dict | None = None,
    ) -> None:
        self.principal_arn = principal_arn
        self.caller: Caller = parse_caller(principal_arn)
        self.errors: list[PolicyError] = []
        self.identity = StatementIndex(
            self._load(identity_policies, "identity", tolerant, parsed), "identity"
        )
        self.boundary: StatementIndex | None = None
        if boundary_policies is not None:
            self.boundary = StatementIndex(
                self._load(boundary_policies, "boundary", tolerant, parsed), "boundary"
            )

    def _load(
        self, policies: object, prefix: str, tolerant: bool, parsed: dict | None
    ) -> list[Policy]:
        """Parse every document, naming each after its position unless it carries a name."""
        loaded = []
        for name, document in named_documents(policies, prefix):
            if not tolerant:
                loaded.append(parse_policy(document, name))
                continue
            policy, errors = _tolerant(document, name, parsed)
            self.errors.extend(errors)
            if policy is not None:
                loaded.append(policy)
        return loaded

    def own_account_context(self, service: str, known: Partial | None = None) -> RequestContext:
        """The request context of a call to `service` in the principal's own account, with
        nothing known beyond the principal and the `known` keys (kept per service and keys:
        the bulk path asks thousands of times)."""
        cache: dict[tuple[str, Partial | None], RequestContext] = self.__dict__.setdefault(
            "_contexts", {}
        )
        found = cache.get((service, known))
        if found is None:
            found = build_context(known, self.caller, self.caller.account, service)
            cache[(service, known)] = found
        return found

    def request_context(self, service: str, context: ContextArg) -> RequestContext:
        """The own-account request context for any context argument (built anew for a dict,
        which may change between calls; kept for None and a Partial)."""
        if context is None or isinstance(context, Partial):
            return self.own_account_context(service, context)
        return build_context(context, self.caller, self.caller.account, service)

    @property
    def has_boundary(self) -> bool:
        """Whether a permissions boundary is set."""
        return self.boundary is not None

    def evaluate(
        self,
        action: str,
        resource: str,
        resource_policy: object | None = None,
        context: ContextArg = None,
        resource_account: str | None = None,
    ) -> Decision:
        """The decision for this principal calling `action` on `resource` (`context`: None,
        a complete dict, or a Partial; see explorer.iam.context)."""
        policy = resource_policy_of(resource_policy)
        return Evaluation(self, action, resource, policy, context, resource_account).decide()


class Evaluation:
    """One request being decided: the context, and the outcome of each kind of policy."""

    def __init__(
        self,
        principal: PrincipalPolicies,
        action: str,
        resource: str,
        resource_policy: Policy | None,
        context: Mapping[str, object] | None,
        resource_account: str | None,
    ) -> None:
        self.principal = principal
        self.caller = principal.caller
        self.action = action.lower()
        self.resource = resource
        self.resource_policy = resource_policy
        self.resource_account = resource_account or _account_of(resource) or self._own_account()
        service = self.action.split(":", 1)[0]
        self.context = build_context(context, self.caller, self.resource_account, service)
        self.unknown: UnknownKeys = {}

    def _own_account(self) -> str | None:
        """Resources without an account in their ARN (S3) are taken as the caller's own."""
        return self.caller.account if self.caller.kind in IAM_KINDS else None

    def decide(self) -> Decision:
        """Combine explicit denies, identity, boundary and resource policy grants."""
        if self.action in NO_PERMISSION_ACTIONS and self.caller.kind in IAM_KINDS:
            return Decision(ALLOWED, notes=(NEEDS_NO_PERMISSION,))
        identity, boundary, denies = self._identity_side()
        direct, role, account, resource_denies = self._resource_side()
        deny = t_or(denies, resource_denies)
        own = t_and(identity, boundary)
        if self.caller.kind not in IAM_KINDS:
            allowed = t_or(direct, role, account)
        elif self._key_policy_unknown():
            allowed = FALSE if own[0] is False else (None, own[1])
        elif self.caller.account is None or self.caller.account != self.resource_account:
            allowed = t_and(own, t_or(direct, role, account))
        elif self._needs_resource_allow():
            allowed = t_or(direct, t_and(role, boundary), t_and(account, own))
        else:
            allowed = t_or(own, direct, t_and(role, boundary))
        return self._decision(allowed, deny)

    def _needs_resource_allow(self) -> bool:
        """Role trust policies and KMS key policies must allow even within the account (IAM UG,
        "How AWS enforcement code logic evaluates requests"), when such a policy is given."""
        return self.resource_policy is not None and (
            self.action.startswith("kms:") or self.action in _TRUST_ACTIONS
        )

    def _key_policy_unknown(self) -> bool:
        """A call on a KMS key whose key policy was not given: IAM policies alone never allow
        it, and the key policy may allow it or not."""
        return self.resource_policy is None and needs_key_policy(self.action, self.resource)

    def _identity_side(self) -> tuple[Tri, Tri, Tri]:
        """(identity allow, boundary allow, any identity or boundary deny)."""
        if self.caller.kind == ROOT:
            return TRUE, TRUE, FALSE
        if self.caller.kind not in IAM_KINDS:
            return FALSE, FALSE, FALSE
        identity, identity_deny = self._side(self.principal.identity)
        if self.principal.boundary is None:
            return identity, TRUE, identity_deny
        boundary, boundary_deny = self._side(self.principal.boundary)
        return identity, boundary, t_or(identity_deny, boundary_deny)

    def _side(self, index: StatementIndex) -> tuple[Tri, Tri]:
        """(allow, deny) over one set of policies."""
        allows: list[Tri] = []
        denies: list[Tri] = []
        for statement, ref in index.for_action(self.action):
            state = statement_state(statement, self.resource, self.context, self.unknown)
            if state is not False:
                (allows if statement.effect == "Allow" else denies).append((state, (ref,)))
        return t_or(*allows), t_or(*denies)

    def _resource_side(self) -> tuple[Tri, Tri, Tri, Tri]:
        """(direct grants, role-ARN grants, account grants, denies) of the resource policy."""
        found: dict[str, list[Tri]] = {DIRECT: [], ROLE_GRANT: [], ACCOUNT: [], "Deny": []}
        if self.resource_policy is None:
            return FALSE, FALSE, FALSE, FALSE
        for statement in self.resource_policy.statements:
            if not statement.matches_action(self.action):
                continue
            grant = self._principal_grant(statement)
            if grant is None:
                continue
            state = statement_state(statement, self.resource, self.context, self.unknown)
            if state is not False:
                slot = "Deny" if statement.effect == "Deny" else grant
                found[slot].append((state, (statement.ref.with_kind("resource"),)))
        return tuple(t_or(*found[slot]) for slot in (DIRECT, ROLE_GRANT, ACCOUNT, "Deny"))  # type: ignore[return-value]

    def _principal_grant(self, statement: Statement) -> str | None:
        """How the statement's Principal/NotPrincipal covers the caller, or None."""
        assert statement.principal is not None
        found = match_principal(statement.principal, self.caller)
        if not statement.not_principal:
            return found
        if statement.effect == "Deny" and self.principal.has_boundary:
            # IAM docs: NotPrincipal with Deny always denies principals that have a boundary.
            return DIRECT
        return None if found is not None else DIRECT

    def _decision(self, allowed: Tri, deny: Tri) -> Decision:
        """The final result with the statements that decided it."""
        if deny[0] is True:
            return Decision(EXPLICITLY_DENIED, deny[1])
        if allowed[0] is False:
            return Decision(IMPLICITLY_DENIED)
        if allowed[0] is True and deny[0] is False:
            return Decision(ALLOWED, allowed[1])
        refs = allowed[1] + (deny[1] if deny[0] is None else ())
        keys = {key for ref in refs for key in self.unknown.get((ref.policy, ref.index), ())}
        notes = (KEY_POLICY_UNKNOWN,) if self._key_policy_unknown() else ()
        return Decision(CONDITIONAL, refs, tuple(sorted(keys, key=str.lower)), notes)


def named_documents(policies: object, prefix: str) -> Iterable[tuple[str, object]]:
    """(name, document) pairs from a list of documents, Policy objects or (name, document)."""
    if policies is None:
        return []
    if isinstance(policies, dict | str | bytes | Policy):
        policies = [policies]
    if not isinstance(policies, list | tuple):
        raise PolicyError(f"{prefix} policies must be a list of documents", field="document")
    return [_named(item, f"{prefix}[{index}]") for index, item in enumerate(policies)]


def _named(item: object, default: str) -> tuple[str, object]:
    """One (name, document) pair."""
    if isinstance(item, Policy):
        return item.name, item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
        return item[0], item[1]
    if isinstance(item, dict) and isinstance(item.get("PolicyName"), str):
        return item["PolicyName"], item
    return default, item


def resource_policy_of(document: object | None, name: str = "resource") -> Policy | None:
    """A parsed resource-based policy; every statement must name a Principal or NotPrincipal."""
    if document is None:
        return None
    policy = document if isinstance(document, Policy) else parse_policy(document, name)
    for statement in policy.statements:
        if statement.principal is None:
            raise PolicyError(
                "a resource-based policy statement needs a Principal or NotPrincipal",
                policy=policy.name, statement=statement.index, field="Principal", sid=statement.sid,
            )  # fmt: skip
    return policy


def simulate(
    action: str,
    resource: str,
    principal: str | None = None,
    identity_policies: object = None,
    resource_policy: object | None = None,
    boundary_policies: object | None = None,
    context: ContextArg = None,
    resource_account: str | None = None,
) -> Decision:
    """Decide one request offline, as AWS would.

    `principal` is an IAM/STS ARN, an account id, a service principal, or None for an
    anonymous caller. `context` is the complete request context (a missing key is absent);
    None means unknown, so any condition that could change the outcome makes it `conditional`;
    a `Partial` knows some keys and leaves the rest unknown.
    `resource_account` defaults to the account in the resource ARN, or the caller's own for
    ARNs without one (S3). Raises only PolicyError.
    """
    try:
        _check_arguments(action, resource, principal, context, resource_account)
        principal_policies = PrincipalPolicies(principal, identity_policies, boundary_policies)
        return principal_policies.evaluate(
            action, resource, resource_policy, context, resource_account
        )
    except PolicyError:
        raise
    except Exception as error:  # hostile input must surface as PolicyError, never a crash
        raise PolicyError(f"cannot evaluate request: {type(error).__name__}: {error}") from error


def _check_arguments(
    action: object, resource: object, principal: object, context: object, account: object
) -> None:
    """Reject arguments of the wrong type with a PolicyError."""
    if not isinstance(action, str) or not isinstance(resource, str):
        raise PolicyError("action and resource must be strings", field="request")
    if principal is not None and not isinstance(principal, str):
        raise PolicyError("principal must be a string or None", field="request")
    if context is not None and not isinstance(context, dict | Partial):
        raise PolicyError("context must be a dict, a Partial or None", field="request")
    if account is not None and not isinstance(account, str):
        raise PolicyError("resource_account must be a string or None", field="request")
