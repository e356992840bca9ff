"""What `becomes` techniques may aim at, indexed once for every principal: roles (by the
services they trust, by who their trust admits, by instance profile), users and their
credentials, groups, the roles behind functions, stacks, Glue endpoints and running instances,
and the customer-managed policies attached to principals."""

from __future__ import annotations

import re
from dataclasses import dataclass

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

    @classmethod
    def of(cls, estate: EstateRows, principals: dict[str, CompiledPrincipal]) -> BecomeTargets:
        roles = {row["arn"]: row for row in estate.rows("iam_roles")}
        users = {row["arn"]: row for row in estate.rows("iam_users")}
        groups = {row["arn"]: row for row in estate.rows("iam_groups")}
        role_of = _roles_behind(estate, roles)
        attached = _attachments(estate, principals)
        trusts = TrustPolicies({arn: row.get("trust_policy") for arn, row in roles.items()})
        indexes = {
            kinds.ROLE: ResourceIndex(roles),
            kinds.USER: ResourceIndex(users),
            kinds.GROUP: ResourceIndex(groups),
            "policy": ResourceIndex(attached),
            **{kind: ResourceIndex(found) for kind, found in role_of.items()},
        }
        versions = {row["arn"]: row["other_versions"] for row in estate.rows("iam_policies")
                    if isinstance(row.get("other_versions"), list)}  # fmt: skip
        return cls(roles, users, groups, role_of, attached, trusts, _trusted_by(roles), indexes,
                   versions)  # fmt: skip

    def trusting(self, service: str) -> set[str]:
        """Roles whose trust policy lets `service` assume them (worked out once per service)."""
        cache: dict[str, set[str]] = self.__dict__.setdefault("_trusting", {})
        if service not in cache:
            cache[service] = {arn for arn, row in self.roles.items() if _trusts(row, service)}
        return cache[service]

    def roles_behind(self, of: str, positions: frozenset[int]) -> dict[str, str]:
        """role -> the first resource (in index order) of those positions that runs as it;
        kept per set of positions, which principals sharing a team's policy share."""
        cache: dict = self.__dict__.setdefault("_behind", {})
        key = (of, positions)
        found = cache.get(key)
        if found is None:
            index, behind = self.indexes[of], self.role_of[of]
            found = {}
            for p in sorted(positions):
                arn = index.resources[p]
                found.setdefault(behind[arn], arn)
            cache[key] = found
        return found

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
        if role and row.get("state") in ("running", "pending", "stopped"):
            found[row["arn"]] = role
    return found


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
