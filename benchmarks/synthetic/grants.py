"""The grants that seed escalations and near-misses: one small function per technique.

Each seed gives a principal (a user or a role plan) one grant and returns the target it
reaches, or None when the account has no such target. The escalations reach an administrator:
another user's access keys or login profile, a policy on themselves or their group, a new
version of their group's policy, PassRole into Lambda with a way to run it, the code of a
function that runs as an admin role (directly, or through a role that may pass an admin role:
two hops), the break-glass role whose trust names them (no identity grant) or the account (with
one), the administrators group, an admin role's trust policy. The near-misses must not be
reported: the pass limited to another service by `iam:PassedToService`, a role that does not
trust Lambda, an explicit Deny, a permissions boundary, a resource that is only themselves, a
time window long closed, an AWS managed policy, an AWS-reserved or service-linked role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from benchmarks.synthetic import shapes
from benchmarks.synthetic.builder import Builder
from benchmarks.synthetic.roles import BASIC_EXECUTION, READ_ONLY, RolePlan
from benchmarks.synthetic.shapes import ACCOUNT, Doc
from benchmarks.synthetic.users import BOUNDARY, GUARDRAIL, People, UserPlan

SELF = f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}"
RESERVED = f"arn:aws:iam::{ACCOUNT}:role/aws-reserved/*"
CLOSED = {"DateLessThan": {"aws:CurrentTime": "2023-06-30T00:00:00Z"}}
"""A temporary grant whose window closed before any snapshot of this account."""

Principal = UserPlan | RolePlan


class Targets(Protocol):
    """What a seed reads of `escalations.Escalations`, which applies these catalogues: the
    builder, the people and the targets made for them (so this module does not import it)."""

    b: Builder
    people: People
    passers: list[RolePlan]
    by_role: dict[str, list[str]]
    breakglass: RolePlan
    reserved: tuple[RolePlan, RolePlan]

    def admin_user(self, other_than: Any, password: bool | None = None) -> UserPlan | None: ...

    def admin_role(self) -> RolePlan: ...

    def admin_function(self) -> str | None: ...


Seed = Callable[[Any, Any], "str | None"]
"""Gives a principal one grant; returns the target it reaches (None: not possible here)."""
Catalogue = tuple[tuple[str, Seed, str], ...]
"""(technique id, seed, what it does or what stops it)."""


def grant(principal: Principal, *statements: Doc) -> None:
    """Add statements to the principal's own policy (a user's `ops-tooling` inline policy)."""
    if isinstance(principal, UserPlan):
        principal.allow("ops-tooling", *statements)
    else:
        principal.extra.extend(statements)


def passed_to(service: str) -> dict[str, Any]:
    return {"StringEquals": {"iam:PassedToService": f"{service}.amazonaws.com"}}


# -- escalations: (technique id, seed, what it does) ---------------------------------------------


def _access_key(e: Targets, p: Principal) -> str | None:
    target = e.admin_user(p)
    if target is None:
        return None
    grant(p, shapes.allow(["iam:CreateAccessKey", "iam:ListAccessKeys"], target.arn))
    return target.arn


def _login_profile(action: str) -> Seed:
    """Create a password for an administrator who has none, or change the one they have."""

    def seed(e: Targets, p: Principal) -> str | None:
        has_password = action == "iam:UpdateLoginProfile"
        target = e.admin_user(p, has_password)
        if target is None:
            return None
        grant(p, shapes.allow(action, target.arn))
        return target.arn

    return seed


def _attach_self(e: Targets, p: Principal) -> str:
    """A managed policy on itself (`${aws:username}` names a user at the root path)."""
    if isinstance(p, UserPlan):
        grant(p, shapes.allow("iam:AttachUserPolicy", SELF if p.path == "/" else p.arn))
    else:
        grant(p, shapes.allow("iam:AttachRolePolicy", p.arn))
    return p.arn


def _put_self(e: Targets, p: Principal) -> str:
    action = "iam:PutUserPolicy" if isinstance(p, UserPlan) else "iam:PutRolePolicy"
    grant(p, shapes.allow(action, p.arn))
    return p.arn


def _pass_lambda(e: Targets, p: Principal) -> str:
    """Pass an admin role to a new function, then invoke it (a user) or map a source to it."""
    role = e.admin_role()
    run = "lambda:InvokeFunction" if isinstance(p, UserPlan) else "lambda:CreateEventSourceMapping"
    grant(p, shapes.allow("iam:PassRole", role.arn))
    grant(p, shapes.allow(["lambda:CreateFunction", run], "*"))
    if isinstance(p, RolePlan):
        e.passers.append(p)
    return role.arn


def _update_code(e: Targets, p: Principal) -> str | None:
    fn = e.admin_function()
    if fn is None:
        return None
    grant(p, shapes.allow(["lambda:UpdateFunctionCode", "lambda:GetFunction"], fn))
    return fn


def _update_code_two_hops(e: Targets, p: Principal) -> str | None:
    """The code of a function whose role may pass an admin role to a new function."""
    functions = [fn for role in e.passers for fn in e.by_role.get(role.arn, [])]
    if not functions:
        return None
    fn = e.b.pick(sorted(functions))
    grant(p, shapes.allow("lambda:UpdateFunctionCode", fn))
    return fn


def _trust_only(e: Targets, p: Principal) -> str:
    e.breakglass.trusts.append({"AWS": p.arn})
    return e.breakglass.arn


def _assume_by_policy(e: Targets, p: Principal) -> str:
    grant(p, shapes.allow("sts:AssumeRole", e.breakglass.arn))
    return e.breakglass.arn


def _join_admins(e: Targets, p: Principal) -> str:
    grant(p, shapes.allow("iam:AddUserToGroup", e.people.admins.arn))
    return e.people.admins.arn


def _group_policy_version(e: Targets, p: UserPlan) -> str | None:
    own = [a for g in p.groups for a in g.attached if f":{ACCOUNT}:policy/" in a]
    if not own:
        return None
    grant(p, shapes.allow("iam:CreatePolicyVersion", own[0]))
    return own[0]


def _group_policy(action: str) -> Seed:
    def seed(e: Targets, p: UserPlan) -> str | None:
        if not p.groups:
            return None
        grant(p, shapes.allow(action, p.groups[0].arn))
        return p.groups[0].arn

    return seed


def _rewrite_trust(e: Targets, p: Principal) -> str:
    role = e.admin_role()
    grant(p, shapes.allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], role.arn))
    return role.arn


USER_ESCALATIONS: Catalogue = (
    ("iam:CreateAccessKey", _access_key, "keys of an administrator"),
    ("iam:AttachUserPolicy", _attach_self, "any policy on itself"),
    ("iam:PassRole+lambda", _pass_lambda, "a function running as an admin role"),
    ("lambda:UpdateFunctionCode", _update_code, "the code of an admin role's function"),
    ("sts:AssumeRole", _trust_only, "the break-glass role's trust names it"),
    ("iam:AddUserToGroup", _join_admins, "joins the administrators"),
    ("iam:CreateLoginProfile", _login_profile("iam:CreateLoginProfile"), "an admin's password"),
    ("lambda:UpdateFunctionCode", _update_code_two_hops, "code, then PassRole: two hops"),
    ("iam:PutUserPolicy", _put_self, "any inline policy on itself"),
    ("iam:UpdateLoginProfile", _login_profile("iam:UpdateLoginProfile"), "an admin's password"),
    ("iam:CreatePolicyVersion", _group_policy_version, "rewrites its group's policy"),
    ("sts:AssumeRole", _assume_by_policy, "the break-glass role trusts the account"),
    ("iam:AttachGroupPolicy", _group_policy("iam:AttachGroupPolicy"), "a policy on its group"),
    ("iam:PutGroupPolicy", _group_policy("iam:PutGroupPolicy"), "an inline policy on its group"),
)
ROLE_ESCALATIONS: Catalogue = (
    ("iam:PassRole+lambda", _pass_lambda, "a mapped function running as an admin role"),
    ("iam:AttachRolePolicy", _attach_self, "any policy on itself"),
    ("lambda:UpdateFunctionCode", _update_code, "the code of an admin role's function"),
    ("iam:CreateAccessKey", _access_key, "keys of an administrator"),
    ("iam:UpdateAssumeRolePolicy", _rewrite_trust, "rewrites an admin role's trust"),
    ("iam:PutRolePolicy", _put_self, "any inline policy on itself"),
)


# -- near-misses ---------------------------------------------------------------------------------


def _pass_elsewhere(e: Targets, p: Principal) -> str:
    role = e.admin_role()
    grant(
        p,
        shapes.allow("iam:PassRole", role.arn, Condition=passed_to("ec2")),
        shapes.allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"),
    )
    return role.arn


def _pass_untrusting(e: Targets, p: Principal) -> str:
    """PassRole of the break-glass role, which Lambda may not assume."""
    grant(
        p,
        shapes.allow("iam:PassRole", e.breakglass.arn),
        shapes.allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"),
    )
    return e.breakglass.arn


def _key_guarded(e: Targets, p: UserPlan) -> str | None:
    target = _access_key(e, p)
    if target is not None:
        p.attached.append(GUARDRAIL)
    return target


def _attach_bounded(e: Targets, p: Principal) -> str:
    target = _attach_self(e, p)
    p.boundary = BOUNDARY if isinstance(p, UserPlan) else e.b.boundary(p.team)
    return target


def _own_keys_only(e: Targets, p: UserPlan) -> str:
    grant(p, shapes.allow(["iam:CreateAccessKey", "iam:UpdateLoginProfile"], SELF))
    return p.arn


def _trust_denied(e: Targets, p: UserPlan) -> str:
    e.breakglass.trusts.append({"AWS": p.arn})
    p.allow("security-guardrail", shapes.deny("sts:AssumeRole", e.breakglass.arn))
    return e.breakglass.arn


def _attach_expired(e: Targets, p: UserPlan) -> str:
    grant(p, shapes.allow("iam:AttachUserPolicy", SELF, Condition=CLOSED))
    return p.arn


def _aws_managed_version(e: Targets, p: Principal) -> str:
    policy = READ_ONLY if isinstance(p, UserPlan) else BASIC_EXECUTION
    if policy not in p.attached:
        p.attached.append(policy)
    grant(p, shapes.allow(["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], policy))
    return policy


def _join_denied(e: Targets, p: UserPlan) -> str:
    target = _join_admins(e, p)
    p.allow("security-guardrail", shapes.deny("iam:AddUserToGroup", target))
    return target


def _reserved_role(e: Targets, p: Principal) -> str:
    grant(p, shapes.allow(["iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy"], RESERVED))
    return e.reserved[0].arn


def _service_linked(e: Targets, p: Principal) -> str:
    grant(p, shapes.allow(["iam:AttachRolePolicy", "iam:PutRolePolicy"], e.reserved[1].arn))
    return e.reserved[1].arn


def _code_bounded(e: Targets, p: UserPlan) -> str | None:
    target = _update_code(e, p)
    if target is not None:
        p.boundary = BOUNDARY
    return target


def _code_denied(e: Targets, p: Principal) -> str | None:
    target = _update_code(e, p)
    if target is not None:
        grant(p, shapes.deny("lambda:UpdateFunctionCode", "*"))
    return target


USER_NEAR_MISSES: Catalogue = (
    ("iam:PassRole+lambda", _pass_elsewhere, "iam:PassedToService is ec2"),
    ("iam:CreateAccessKey", _key_guarded, "the guardrail denies it"),
    ("iam:AttachUserPolicy", _attach_bounded, "the boundary allows no IAM change"),
    ("iam:CreateAccessKey", _own_keys_only, "only its own keys"),
    ("sts:AssumeRole", _trust_denied, "trusted, but its own policy denies it"),
    ("iam:AttachUserPolicy", _attach_expired, "the window closed in 2023"),
    ("iam:CreatePolicyVersion", _aws_managed_version, "an AWS managed policy"),
    ("iam:AddUserToGroup", _join_denied, "explicitly denied on the administrators"),
    ("iam:UpdateAssumeRolePolicy", _reserved_role, "an AWS-reserved role"),
    ("lambda:UpdateFunctionCode", _code_bounded, "the boundary allows no code change"),
    ("iam:PassRole+lambda", _pass_untrusting, "the role does not trust Lambda"),
)
ROLE_NEAR_MISSES: Catalogue = (
    ("iam:PassRole+lambda", _pass_elsewhere, "iam:PassedToService is ec2"),
    ("iam:AttachRolePolicy", _attach_bounded, "the boundary allows no IAM change"),
    ("lambda:UpdateFunctionCode", _code_denied, "explicitly denied"),
    ("iam:UpdateAssumeRolePolicy", _reserved_role, "an AWS-reserved role"),
    ("iam:AttachRolePolicy", _service_linked, "a service-linked role"),
    ("iam:CreatePolicyVersion", _aws_managed_version, "an AWS managed policy"),
)
