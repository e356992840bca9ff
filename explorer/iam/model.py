"""The normalised policy records the engine works on: Policy, Statement, conditions, decisions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.iam.patterns import Pattern

ALLOWED = "allowed"
IMPLICITLY_DENIED = "implicitly_denied"
EXPLICITLY_DENIED = "explicitly_denied"
CONDITIONAL = "conditional"
RESULTS = (ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED, CONDITIONAL)

VERSION_2012 = "2012-10-17"
VERSION_2008 = "2008-10-17"


@dataclass(frozen=True, slots=True)
class StatementRef:
    """Which statement of which policy: what a decision cites as its reason."""

    policy: str
    index: int
    sid: str | None
    effect: str
    kind: str = ""
    """identity, boundary or resource: the role the policy played in the decision."""

    def __str__(self) -> str:
        sid = f" ({self.sid})" if self.sid else ""
        return f"{self.policy}#{self.index}{sid} {self.effect}"

    def with_kind(self, kind: str) -> StatementRef:
        """The same statement cited in another role (`dataclasses.replace` is 5x slower)."""
        return StatementRef(self.policy, self.index, self.sid, self.effect, kind)


@dataclass(frozen=True, slots=True)
class ConditionClause:
    """One key under one operator: `"StringEquals": {"aws:SourceAccount": [...]}`."""

    operator: str
    """The operator as written, e.g. `ForAnyValue:StringLikeIfExists`."""
    base: str
    """The canonical base operator, e.g. `StringLike`."""
    family: str
    """string, numeric, date, bool, binary, ip, arn or null."""
    negated: bool
    qualifier: str | None
    """ForAllValues, ForAnyValue or None."""
    if_exists: bool
    key: str
    """The context key in lower case (keys are case-insensitive)."""
    key_raw: str
    values: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    """The values parsed for wildcards and policy variables (string, ARN and Bool families)."""


@dataclass(frozen=True, slots=True)
class PrincipalSpec:
    """A Principal or NotPrincipal element, normalised."""

    wildcard: bool = False
    """`"*"` or `{"AWS": "*"}`: everyone, including anonymous callers."""
    aws: tuple[str, ...] = ()
    service: tuple[str, ...] = ()
    federated: tuple[str, ...] = ()
    canonical: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement with every element in list form."""

    ref: StatementRef
    effect: str
    actions: tuple[str, ...]
    """Action or NotAction patterns, lower case."""
    not_action: bool
    resources: tuple[Pattern, ...]
    """Resource or NotResource patterns (`*` when the element is absent)."""
    not_resource: bool
    principal: PrincipalSpec | None
    not_principal: bool
    conditions: tuple[ConditionClause, ...]
    action_literals: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """The action patterns without wildcards, matched by equality."""
    action_regexes: tuple[re.Pattern[str], ...] = field(default=(), compare=False, repr=False)
    """The action patterns with wildcards."""
    action_services: frozenset[str] | None = field(default=None, compare=False, repr=False)
    """Service prefixes the statement can match, or None when it can match any service."""
    _hash: int = field(default=0, init=False, compare=False, repr=False)

    def __hash__(self) -> int:
        """Worked out once: statements key the caches that share decisions between
        principals, and hashing one walks all its patterns and conditions."""
        if not self._hash:
            fields = (self.ref, self.effect, self.actions, self.not_action, self.resources,
                      self.principal, self.not_principal, self.conditions)  # fmt: skip
            object.__setattr__(self, "_hash", hash(fields) or 1)
        return self._hash

    @property
    def index(self) -> int:
        """The statement's position in its policy."""
        return self.ref.index

    @property
    def sid(self) -> str | None:
        """The statement's Sid, if it has one."""
        return self.ref.sid

    def matches_action(self, action: str) -> bool:
        """Whether the (lower-case) action is covered, honouring NotAction."""
        hit = action in self.action_literals or any(
            regex.fullmatch(action) for regex in self.action_regexes
        )
        return hit != self.not_action


@dataclass(frozen=True, slots=True)
class Policy:
    """A parsed policy document."""

    name: str
    version: str | None
    statements: tuple[Statement, ...]

    @property
    def variables(self) -> bool:
        """Whether policy variables are substituted (only for Version 2012-10-17)."""
        return self.version == VERSION_2012


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of evaluating one request.

    `result` is one of allowed, implicitly_denied, explicitly_denied, conditional; `reasons`
    are the statements that decided it; `unknown_keys` the context keys whose absence of a
    value made it conditional; `notes` what else decided it, a sentence each (an action that
    needs no permission, a KMS key policy the engine was not given).
    """

    result: str
    reasons: tuple[StatementRef, ...] = ()
    unknown_keys: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        """True only for a definite allow."""
        return self.result == ALLOWED
