"""Escalation paths and near-misses among the synthetic account's users and roles.

One user in 25 and one role in 150 get one grant each by which they can become an
administrator, and as many get a near-miss that must not be reported (the catalogues are in
`grants.py`, named by issue 12's technique ids). The targets: the administrators group and its
members, the legacy admin roles Lambda may assume and their functions, a break-glass admin role
that trusts the account and its admins, an IAM Identity Center admin role and a service-linked
role that no one may change. One role in 50 also trusts one or two people of its team, most of
whom may assume it. `account.escalations` lists every seeded case.
"""

from __future__ import annotations

from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.builder import Builder
from benchmarks.synthetic.grants import (
    ROLE_ESCALATIONS,
    ROLE_NEAR_MISSES,
    USER_ESCALATIONS,
    USER_NEAR_MISSES,
    Catalogue,
)
from benchmarks.synthetic.roles import ADMIN, SUPPORT_ROLE, RolePlan
from benchmarks.synthetic.shapes import ACCOUNT
from benchmarks.synthetic.users import People, UserPlan

ROOT = f"arn:aws:iam::{ACCOUNT}:root"
SSO = "AWSSSO_0123456789abcdef_DO_NOT_DELETE"


class Escalations:
    """Seeds escalations and near-misses on the users of `people` and the builder's roles."""

    def __init__(self, builder: Builder, people: People) -> None:
        self.b, self.people = builder, people
        self.cases: list[dict[str, Any]] = []
        self.passers: list[RolePlan] = []
        """Roles given PassRole into Lambda of an admin role (second hops of multi-hop paths)."""
        self.reserved = self._reserved_roles()
        self.admin_roles = self._admin_roles()
        self.breakglass = self._breakglass()
        by_role = builder.functions_by_role()
        self.by_role = {arn: sorted(fns) for arn, fns in by_role.items()}
        admins = {plan.arn for plan in self.admin_roles}
        self.admin_functions = sorted(fn for arn in admins for fn in self.by_role.get(arn, []))

    def seed(self) -> list[dict[str, Any]]:
        """Team trusts, then role cases (users' second hops need them), then user cases."""
        self._team_trusts()
        roles = self._candidate_roles()
        count = max(1, len(self.b.roles) // 150)
        picked = self.b.rng.sample(roles, min(len(roles), 2 * count))
        self._apply(picked[:count], ROLE_ESCALATIONS, True)
        self._apply(picked[count:], ROLE_NEAR_MISSES, False)
        users = sorted((u for u in self.people.users.values() if u.plain), key=lambda u: u.name)
        count = max(2, len(self.people.users) // 25)
        picked = self.b.rng.sample(users, min(len(users), 2 * count))
        self._apply(picked[:count], USER_ESCALATIONS, True)
        self._apply(picked[count:], USER_NEAR_MISSES, False)
        return self.cases

    def _apply(self, principals: list[Any], catalogue: Catalogue, escalates: bool) -> None:
        """Each principal gets the next technique of the catalogue that is possible here."""
        turn = 0
        for principal in principals:
            for step in range(len(catalogue)):
                technique, seed, why = catalogue[(turn + step) % len(catalogue)]
                target = seed(self, principal)
                if target is not None:
                    self._record(principal, technique, target, escalates, why)
                    turn += step + 1
                    break

    def _record(self, principal: Any, technique: str, target: str, up: bool, why: str) -> None:
        self.cases.append(
            {
                "principal": principal.arn,
                "technique": technique,
                "target": target,
                "escalates": up,
                "why": why,
            }
        )

    # -- targets ---------------------------------------------------------------------------

    def _reserved_roles(self) -> tuple[RolePlan, RolePlan]:
        """An IAM Identity Center admin role and a service-linked role: neither may be changed."""
        saml = {
            "Effect": "Allow",
            "Principal": {"Federated": f"arn:aws:iam::{ACCOUNT}:saml-provider/{SSO}"},
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
        }
        team = self.b.teams[0]
        sso = RolePlan(
            "AWSReservedSSO_AdministratorAccess_0123456789abcdef",
            team,
            trusts=[],
            trust_extra=[saml],
            attached=[ADMIN],
            path="/aws-reserved/sso.amazonaws.com/",
        )
        support = RolePlan(
            "AWSServiceRoleForSupport",
            team,
            trusts=[{"Service": "support.amazonaws.com"}],
            attached=[SUPPORT_ROLE],
            path="/aws-service-role/support.amazonaws.com/",
        )
        for plan in (sso, support):
            self.b.roles[plan.name] = plan
        return sso, support

    def _admin_roles(self) -> list[RolePlan]:
        """Admin roles Lambda may assume (one is made if the estate has none)."""
        found = [
            p
            for p in self.b.roles.values()
            if p.is_admin and {"Service": "lambda.amazonaws.com"} in p.trusts
        ]
        if not found:
            found = [self.b.new_role(self.b.teams[0], "deploy", attached=[ADMIN])]
        return sorted(found, key=lambda p: p.name)

    def _breakglass(self) -> RolePlan:
        """The break-glass admin role: the account (with an identity grant) and its admins."""
        admins = [{"AWS": u.arn} for u in self.people.users.values() if u.is_admin]
        principals = [{"AWS": ROOT}, *admins]
        return self.b.new_role(self.b.teams[0], "breakglass", trusts=principals, attached=[ADMIN])

    def _candidate_roles(self) -> list[RolePlan]:
        """Chain roles that run functions, are no admin and have no boundary."""
        return sorted(
            (
                p
                for p in self.b.roles.values()
                if "-chain-role-" in p.name and not p.boundary and p.arn in self.by_role
            ),
            key=lambda p: p.name,
        )

    def admin_user(self, other_than: Any, password: bool | None = None) -> UserPlan | None:
        """An administrator (other than the escalating principal), with a password or not."""
        logins = self.b.account.logins
        admins = [
            u
            for u in self.people.users.values()
            if u.is_admin
            and u is not other_than
            and password in (None, logins[u.name]["password_enabled"])
        ]
        return self.b.pick(admins) if admins else None

    def admin_role(self) -> RolePlan:
        return self.b.pick(self.admin_roles)

    def admin_function(self) -> str | None:
        return self.b.pick(self.admin_functions) if self.admin_functions else None

    # -- ordinary trusts -------------------------------------------------------------------

    def _team_trusts(self) -> None:
        """1 role in 50 trusts one or two people of its team; most may assume it by policy."""
        plans = sorted(
            (p for p in self.b.roles.values() if p.path == "/" and not p.is_admin),
            key=lambda p: p.name,
        )
        people = sorted((u for u in self.people.users.values() if u.human), key=lambda u: u.name)
        for plan in self.b.rng.sample(plans, max(1, len(plans) // 50)):
            team = [u for u in people if u.team == plan.team] or people
            for user in self.b.rng.sample(team, min(len(team), self.b.pick((1, 2)))):
                plan.trusts.append({"AWS": user.arn})
                if self.b.chance(0.75):
                    user.allow("assume-team-roles", shapes.allow("sts:AssumeRole", plan.arn))
