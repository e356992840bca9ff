"""Near misses: grants that look like a seeded escalation path but that AWS would refuse.

Each stands next to the seeded path it resembles (`NearMiss.resembles`) and says why it must
not be flagged: a condition that never holds, an explicit Deny, a permissions boundary, a policy
or role nobody in the account may change, a password that is or is not there, a trust policy
that does not admit the caller or the service.
"""

from __future__ import annotations

from explorer.demo.estate_iam import allow
from explorer.demo.estate_paths import ADMIN_ROLE
from explorer.demo.estate_principals import (
    ADMINS,
    ALICE,
    AUTOMATION,
    BREAKGLASS_ROLE,
    CFN_ROLE,
    CI_RUNNER_ROLE,
    CONTRACTORS,
    ONCALL,
    SCALING_PATH,
    SCALING_ROLE,
    SSO_PATH,
    SSO_ROLE,
    TRAINEES,
    Case,
    UserSpec,
    group_arn,
    inline_user,
    user_arn,
)
from explorer.demo.manifest import NearMiss
from explorer.demo.naming import Arns, aws_managed_policy

NEVER = {"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}
"""A condition that held only before 2020: false at any crawl time."""


def near_miss(
    a: Arns, user: UserSpec, name: str, technique: str, target: str, resembles: str, why: str
) -> Case:
    """A case: the user, and the edge the analysis must not draw from it."""
    principal = user_arn(a, user.name)
    return Case(user, NearMiss(name, principal, technique, target, resembles, why))


def near_misses(a: Arns) -> tuple[Case, ...]:
    """Every near miss, in a fixed order."""
    return (*_pass_role_misses(a), *_credential_misses(a), *_iam_misses(a))


def _pass_role_misses(a: Arns) -> tuple[Case, ...]:
    """PassRole that cannot reach Lambda: wrong service, boundary, role trusting another."""
    admin_role, cfn = a.role(ADMIN_ROLE), a.role(CFN_ROLE)
    run = allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*")
    elsewhere = {
        "StringEquals": {"iam:PassedToService": ["autoscaling.amazonaws.com", "dax.amazonaws.com"]}
    }
    scaling_bot = inline_user(
        "pixmart-scaling-bot",
        allow("iam:PassRole", admin_role, Condition=elsewhere),
        run,
        keys=("Active",),
    )
    lambda_dev = inline_user(
        "pixmart-lambda-dev", allow("iam:PassRole", cfn), run, keys=("Active",)
    )
    boundary = NearMiss(
        "boundary-removes-pass-role",
        a.role(CI_RUNNER_ROLE),
        "iam:PassRole+lambda",
        admin_role,
        "role-pass-role-lambda",
        "its permissions boundary allows only lambda:* and logs:*, so "
        "iam:PassRole is never allowed (moto keeps no boundary on a user: a role carries this)",
    )
    return (
        near_miss(
            a,
            scaling_bot,
            "passed-to-other-services",
            "iam:PassRole+lambda",
            admin_role,
            "pass-role-lambda",
            "iam:PassedToService admits only Auto Scaling and DAX; Lambda is not among them",
        ),
        Case(None, boundary),
        near_miss(
            a,
            lambda_dev,
            "role-trusts-another-service",
            "iam:PassRole+lambda",
            cfn,
            "pass-role-lambda",
            f"{CFN_ROLE} trusts only cloudformation.amazonaws.com: Lambda cannot assume it",
        ),
    )


def _credential_misses(a: Arns) -> tuple[Case, ...]:
    """Credentials of admin users that cannot be made: a Deny, a password there or missing."""
    alice, automation = user_arn(a, ALICE), user_arn(a, AUTOMATION)
    trainee = inline_user(
        "pixmart-helpdesk-trainee",
        allow("iam:CreateAccessKey", alice),
        groups=(TRAINEES,),
        password=True,
    )
    it_trainee = inline_user(
        "pixmart-it-trainee", allow("iam:UpdateLoginProfile", automation), password=True
    )
    recruiter = inline_user(
        "pixmart-recruiter", allow("iam:CreateLoginProfile", alice), password=True
    )
    return (
        near_miss(
            a,
            trainee,
            "explicit-deny",
            "iam:CreateAccessKey",
            alice,
            "create-access-key",
            f"the {TRAINEES} group denies iam:CreateAccessKey, and an explicit Deny wins",
        ),
        near_miss(
            a,
            it_trainee,
            "no-password-to-update",
            "iam:UpdateLoginProfile",
            automation,
            "update-login-profile",
            f"{AUTOMATION} has no console password: UpdateLoginProfile fails with NoSuchEntity",
        ),
        near_miss(
            a,
            recruiter,
            "password-already-set",
            "iam:CreateLoginProfile",
            alice,
            "create-login-profile",
            f"{ALICE} already has a console password: "
            "CreateLoginProfile fails with EntityAlreadyExists",
        ),
    )


def _iam_misses(a: Arns) -> tuple[Case, ...]:
    """Expired, foreign, unadmitted or unchangeable targets of IAM techniques."""
    breakglass = a.role(BREAKGLASS_ROLE)
    slr = a.role(SCALING_ROLE, SCALING_PATH)
    former = inline_user(
        "pixmart-former-contractor",
        allow("iam:AddUserToGroup", group_arn(a, ADMINS), Condition=NEVER),
        keys=("Active",),
    )
    viewer = inline_user(
        "pixmart-policy-viewer",
        allow(["iam:CreatePolicyVersion", "iam:GetPolicyVersion"], aws_managed_policy("*")),
        keys=("Active",),
    )
    backup = inline_user(
        "pixmart-oncall-backup", allow("sts:AssumeRole", breakglass), password=True
    )
    scaling = inline_user(
        "pixmart-scaling-admin",
        allow(["iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "sts:AssumeRole"], slr),
        keys=("Active",),
    )
    lead = inline_user(
        "pixmart-contractor-lead",
        allow("iam:PutGroupPolicy", group_arn(a, CONTRACTORS)),
        password=True,
    )
    sso = NearMiss(
        "reserved-role",
        a.role(SSO_ROLE, SSO_PATH),
        "iam:PutRolePolicy",
        a.admin,
        "assume-then-put-role-policy",
        "roles under /aws-reserved/ belong to IAM Identity "
        "Center: IAM refuses to change their policies",
    )
    return (
        near_miss(
            a,
            former,
            "expired-grant",
            "iam:AddUserToGroup",
            group_arn(a, ADMINS),
            "add-user-to-group",
            "the grant held only before 2020-01-01 (DateLessThan aws:CurrentTime)",
        ),
        near_miss(
            a,
            viewer,
            "aws-managed-policy",
            "iam:CreatePolicyVersion",
            a.admin,
            "create-policy-version",
            "AWS-managed policies (arn:aws:iam::aws:policy/...) "
            "belong to AWS: no account may add a version to one",
        ),
        near_miss(
            a,
            backup,
            "trust-does-not-admit",
            "sts:AssumeRole",
            breakglass,
            "trust-only-assume-role",
            f"{BREAKGLASS_ROLE} trusts only {ONCALL}: an "
            "identity grant alone does not let anyone else in",
        ),
        near_miss(
            a,
            scaling,
            "service-linked-role",
            "iam:UpdateAssumeRolePolicy",
            slr,
            "update-assume-role-policy",
            "a service-linked role belongs to its service: "
            "IAM refuses to change its trust or its policies",
        ),
        near_miss(
            a,
            lead,
            "not-in-the-group",
            "iam:PutGroupPolicy",
            a.admin,
            "put-group-policy",
            f"it is not a member of {CONTRACTORS}: what it writes "
            "there empowers others, not itself",
        ),
        Case(None, sso),
    )
