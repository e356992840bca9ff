"""What `becomes` techniques may aim at, indexed once for every principal: roles (by the
services they trust, by who their trust admits, by instance profile), users and their
credentials, groups, the roles behind functions, stacks, Glue endpoints and running instances,
and the customer-managed policies attached to principals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.analysis import kinds
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.identities import CompiledPrincipal
from explorer.analysis.shapes import sequence, text, texts_within
from explorer.iam import PrincipalPolicies, ResourceIndex
from explorer.iam.admin import is_admin_equivalent
from explorer.iam.evaluate import resource_policy_of
from explorer.iam.immutable import unmodifiable
from explorer.iam.model import ALLOWED, CONDITIONAL
from explorer.iam.trust import TrustPolicies

STRANGER = "arn:aws:iam::000000000000:user/stranger"
"""A principal no trust policy names: admitted only by a trust open to anyone."""

ROLE_ARN = re.compile(r"arn:aws[\w-]*:iam::\d{12}:(?:role|user)/[\w+=,.@/-]+")


@dataclass
class BecomeTargets:
    """The estate's targets, indexed for bulk evaluation."""

    roles: dict[str, Row]
    users: dict[str, Row]
    groups: dict[str, Row]
    role_of: dict[str, dict[str, str]]
    """target kind (function, stack, dev endpoint, instance) -> resource ARN -> role ARN."""
    attached: dict[str, list[str]]
    """customer-managed policy ARN -> principals it is attached to."""
    trusts: TrustPolicies
    trusted_by: dict[str, set[str]]
    """principal ARN -> roles whose trust policy names it."""
    indexes: dict[str, ResourceIndex]
    versions: dict[str, list]
    """customer-managed policy ARN -> its non-default versions (absent: not recorded)."""
    stopped: set[str]
    """Instances that are stopped (or stopping)."""
    decisions: dict[tuple, tuple] = field(default_factory=dict)
    """Bulk decisions kept by the statements that made them (see `_Finder.decide`)."""

    @classmethod
    def of(
        cls,
        estate: EstateRows,
        principals: dict[str, CompiledPrincipal],
        role_index: ResourceIndex | None = None,
    ) -> BecomeTargets:
        """The estate's targets; roles indexed by `role_index` when it holds exactly the
        estate's roles (the graph's hubs of roles then share its positions)."""
        roles = {row["arn"]: row for row in estate.rows("iam_roles")}
        if role_index is None or role_index.resources != sorted(roles):
            role_index = ResourceIndex(roles)
        users = {row["arn"]: row for row in estate.rows("iam_users")}
        groups = {row["arn"]: row for row in estate.rows("iam_groups")}
        role_of = _roles_behind(estate, roles)
        attached = _attachments(estate, principals)
        trusts = TrustPolicies({arn: row.get("trust_policy") for arn, row in roles.items()})
        indexes = {
            kinds.ROLE: role_index,
            kinds.USER: ResourceIndex(users),
            kinds.GROUP: ResourceIndex(groups),
            "policy": ResourceIndex(attached),
            **{kind: ResourceIndex(found) for kind, found in role_of.items()},
        }
        versions = {row["arn"]: row["other_versions"] for row in estate.rows("iam_policies")
                    if isinstance(row.get("other_versions"), list)}  # fmt: skip
        stopped = {row["arn"] for row in estate.rows("ec2_instances")
                   if row.get("state") in STOPPED}  # fmt: skip
        return cls(roles, users, groups, role_of, attached, trusts, _trusted_by(roles), indexes,
                   versions, stopped)  # fmt: skip

    def trusting(self, service: str) -> frozenset[int]:
        """Positions of the roles whose trust policy lets `service` assume them (worked out
        once per service)."""
        cache: dict[str, frozenset[int]] = self.__dict__.setdefault("_trusting", {})
        if service not in cache:
            plain = self.__dict__.get("_plain")
            if plain is None:  # each trust policy read once, whatever the service
                plain = self.__dict__["_plain"] = {
                    arn: _plain_services(row.get("trust_policy")) for arn, row in self.roles.items()
                }
            cache[service] = self.indexes[kinds.ROLE].positions(
                arn for arn, row in self.roles.items()
                if service in (plain[arn] or ()) or _trusts(row, service)
            )  # fmt: skip
        return cache[service]

    def profiled(self) -> tuple[frozenset[int], frozenset[int]]:
        """Positions of the roles in some instance profile, and of those whose instance
        profiles the snapshot does not record (EC2 runs a role only through a profile)."""
        cache = self.__dict__.get("_profiled")
        if cache is None:
            index, known, unknown = self.indexes[kinds.ROLE], [], []
            for arn, row in self.roles.items():
                profiles = row.get("instance_profiles")
                if profiles is None:
                    unknown.append(arn)
                elif sequence(profiles):
                    known.append(arn)
            cache = self.__dict__["_profiled"] = (index.positions(known), index.positions(unknown))
        return cache

    def fixed_roles(self) -> frozenset[int]:
        """Positions of the roles no one can modify (AWS-owned)."""
        cache = self.__dict__.get("_fixed")
        if cache is None:
            fixed = (arn for arn in self.roles if not self.modifiable(arn))
            cache = self.__dict__["_fixed"] = self.indexes[kinds.ROLE].positions(fixed)
        return cache

    def dormant(self, of: str) -> frozenset[int]:
        """Positions (in the `of` index) of resources that run nothing until started: stopped
        instances."""
        cache: dict[str, frozenset[int]] = self.__dict__.setdefault("_dormant", {})
        if of not in cache:
            stopped = self.stopped if of == "instance" else set()
            cache[of] = self.indexes[of].positions(stopped)
        return cache[of]

    def roles_behind(
        self, of: str, positions: frozenset[int]
    ) -> tuple[frozenset[int], dict[int, str], dict[str, str]]:
        """The roles those resources (positions in the `of` index) run as: their positions
        in the role index, role position -> the first such resource (in index order), and
        role ARN -> first resource for roles the snapshot does not hold. Kept per set of
        positions, which principals sharing a team's policy share."""
        cache: dict = self.__dict__.setdefault("_behind", {})
        key = (of, positions)
        found = cache.get(key)
        if found is None:
            resources, role_at = self.indexes[of].resources, self._role_at(of)
            via: dict[int, str] = {}
            outside: dict[str, str] = {}
            for p in sorted(positions):
                role = role_at[p]
                if role is None:
                    outside.setdefault(self.role_of[of][resources[p]], resources[p])
                elif role not in via:
                    via[role] = resources[p]
            found = cache[key] = (frozenset(via), via, outside)
        return found

    def _role_at(self, of: str) -> list[int | None]:
        """Position in the `of` index -> position of its role in the role index (None: a role
        the snapshot does not hold), worked out once per kind."""
        cache: dict[str, list[int | None]] = self.__dict__.setdefault("_role_at_cache", {})
        if of not in cache:
            behind, roles = self.role_of[of], self.indexes[kinds.ROLE]
            cache[of] = [roles.position(behind[arn]) for arn in self.indexes[of].resources]
        return cache[of]

    def older_admin(self, policy: str) -> bool | None:
        """Whether a stored non-default version of the policy is admin-equivalent (None: the
        snapshot does not record other versions)."""
        versions = self.versions.get(policy)
        if versions is None:
            return None
        documents = [v.get("document") for v in versions if isinstance(v, dict)]
        return any(is_admin_equivalent([("version", d)]).admin for d in documents if d)

    def modifiable(self, arn: str) -> bool:
        """Whether the role's (or user's, or group's) policies and trust can be changed: not
        an AWS-owned role, by its ARN or by the path the crawl recorded."""
        row = self.roles.get(arn)
        if unmodifiable(arn) is not None:
            return False
        if row is None or ":role/" not in arn:
            return True
        spelled = f"{arn.split(':role/', 1)[0]}:role{row.get('path') or '/'}{row.get('name')}"
        return unmodifiable(spelled) is None

    def open_to_anyone(self) -> frozenset[str]:
        """Roles whose trust policy admits every principal (`"AWS": "*"`): within the account it
        lets anyone in with no grant of their own, so every caller is a candidate."""
        cache = self.__dict__.get("_open")
        if cache is None:
            stranger = PrincipalPolicies(STRANGER)
            cache = self.__dict__["_open"] = frozenset(
                role for role in self.trusts.assumable() if self.trusts.admits(stranger, role)
            )
        return cache

    def assumable(self) -> frozenset[int]:
        """Positions (in the role index) of roles whose trust admits some principal."""
        cache = self.__dict__.get("_assumable")
        if cache is None:
            cache = self.__dict__["_assumable"] = self.indexes[kinds.ROLE].positions(
                self.trusts.assumable()
            )
        return cache


def _trusts(row: Row, service: str) -> bool:
    """Whether the role's trust policy names the service and lets it assume the role."""
    document = row.get("trust_policy")
    if not any(service in within for within in texts_within(document)):
        return False
    try:
        policy = resource_policy_of(document)
    except Exception:
        return False
    decision = PrincipalPolicies(service).evaluate("sts:AssumeRole", row["arn"], policy)
    return decision.result in (ALLOWED, CONDITIONAL)


def _plain_services(document: object) -> frozenset[str] | None:
    """The common trust policy, read without the engine: when every statement is a plain Allow
    (a Principal, an Action, nothing else to weigh), the services it lets call sts:AssumeRole by
    name (nothing can then refuse them); None for any other policy, left to the engine."""
    statements = document.get("Statement") if isinstance(document, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not all(_plain(s) for s in statements):
        return None
    return frozenset(
        name
        for s in statements
        if _assumes(s["Action"]) and isinstance(s["Principal"], dict)
        for name in _service_names(s["Principal"])
    )


def _service_names(principal: dict) -> list[str]:
    named = principal.get("Service")
    return [named] if isinstance(named, str) else list(named or ())


def _plain(statement: object) -> bool:
    """An Allow statement with only a Sid, a Principal of strings and an Action of strings."""
    if not isinstance(statement, dict) or not _PLAIN_KEYS.issuperset(statement):
        return False
    principal = statement.get("Principal")
    return (
        statement.get("Effect") == "Allow"
        and isinstance(statement.get("Sid", ""), str)
        and _strings(statement.get("Action"))
        and (principal == "*" or (isinstance(principal, dict) and _principal_map(principal)))
    )


def _principal_map(principal: dict) -> bool:
    return bool(principal) and all(isinstance(k, str) and _strings(v) for k, v in principal.items())


def _strings(value: object) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)
    )


def _assumes(action: str | list[str]) -> bool:
    return action == "sts:AssumeRole" or (isinstance(action, list) and "sts:AssumeRole" in action)


_PLAIN_KEYS = frozenset({"Sid", "Effect", "Principal", "Action"})
"""The elements a plain statement may have."""


def _roles_behind(estate: EstateRows, roles: dict[str, Row]) -> dict[str, dict[str, str]]:
    """Function, stack, Glue endpoint and running instance -> the role it runs as."""
    found: dict[str, dict[str, str]] = {}
    found[kinds.FUNCTION] = {r["arn"]: r["role_arn"] for r in estate.rows("functions")
                             if isinstance(r.get("role_arn"), str)}  # fmt: skip
    found["stack"] = {r["arn"]: r["role_arn"] for r in estate.rows("cloudformation_stacks")
                      if isinstance(r.get("role_arn"), str)}  # fmt: skip
    found["dev-endpoint"] = {r["arn"]: r["role_arn"] for r in estate.rows("glue_dev_endpoints")
                             if isinstance(r.get("role_arn"), str)}  # fmt: skip
    found["instance"] = _instance_roles(estate, roles)
    return found


def _instance_roles(estate: EstateRows, roles: dict[str, Row]) -> dict[str, str]:
    """Running instance -> the role of its instance profile (one role per profile)."""
    by_profile = {
        profile: arn
        for arn, row in roles.items()
        for profile in sequence(row.get("instance_profiles"))
        if isinstance(profile, str)
    }
    found = {}
    for row in estate.rows("ec2_instances"):
        role = by_profile.get(text(row.get("instance_profile_arn")))
        if role and row.get("state") in (*RUNNING, *STOPPED):
            found[row["arn"]] = role
    return found


RUNNING = ("running", "pending")
STOPPED = ("stopped", "stopping")
"""A stopped instance runs no command and takes no SSH key (SSM UG, "Run Command"; EC2 UG,
"Connect using EC2 Instance Connect") until someone starts it: its role is only maybe
reached."""


def _attachments(
    estate: EstateRows, principals: dict[str, CompiledPrincipal]
) -> dict[str, list[str]]:
    """Customer-managed policy -> the principals it is attached to (AWS-managed policies
    cannot be changed: IAM UG, "AWS managed policies")."""
    customer = {row["arn"] for row in estate.rows("iam_policies") if not row.get("aws_managed")}
    found: dict[str, list[str]] = {}
    for table in ("iam_roles", "iam_users", "iam_groups"):
        for row in estate.rows(table):
            for arn in sequence(row.get("attached_policy_arns")):
                if isinstance(arn, str) and arn in customer and row["arn"] in principals:
                    found.setdefault(arn, []).append(row["arn"])
    return found


def _trusted_by(roles: dict[str, Row]) -> dict[str, set[str]]:
    """Principal ARN -> roles whose trust policy names it (read once, not once per pair)."""
    found: dict[str, set[str]] = {}
    for target, row in roles.items():
        for within in texts_within(row.get("trust_policy")):
            for named in ROLE_ARN.findall(within):
                found.setdefault(named, set()).add(target)
    return found
