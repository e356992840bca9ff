"""Seeded escalation paths through IAM itself: other users' credentials, groups, policies a
principal may rewrite on itself, roles it may assume, and the multi-hop code takeover.

Each case is the user that holds the grant and the path the analysis must find from it. Sources
for the techniques: Rhino Security Labs, "AWS IAM Privilege Escalation - Methods and
Mitigation" (methods 1-14, 17) and the AWS IAM User Guide on same-account trust policies.
"""

from __future__ import annotations

from explorer.demo.estate_iam import allow
from explorer.demo.estate_principals import (
    ADMINS,
    ALICE,
    AUDIT_ROLE,
    AUDITOR,
    AUTOMATION,
    BREAKGLASS_ROLE,
    CONTRACTORS,
    DEVELOPERS,
    EDITOR_POLICY,
    LEGACY_POLICY,
    ONCALL,
    SUPPORT,
    SUPPORT_ROLE,
    Case,
    UserSpec,
    group_arn,
    inline_user,
    user_arn,
)
from explorer.demo.manifest import EscalationPath, Hop
from explorer.demo.naming import Arns

ADMIN_ROLE = "pixmart-admin-role"
DEPLOYER_ROLE = "pixmart-deployer-role"


def seeded(a: Arns, user: UserSpec, name: str, note: str, *hops: Hop) -> Case:
    """A case: the user and the path the analysis must find from it."""
    return Case(user, EscalationPath(name, user_arn(a, user.name), hops, note))


def iam_paths(a: Arns) -> tuple[Case, ...]:
    """Every seeded path of this module, in a fixed order."""
    return (
        *_credential_paths(a),
        *_group_paths(a),
        *_policy_paths(a),
        *_assume_paths(a),
        *_code_takeover_paths(a),
    )


def _credential_paths(a: Arns) -> tuple[Case, ...]:
    """Minting a key or setting a password for an admin user (Rhino 4, 5, 6)."""
    alice, automation = user_arn(a, ALICE), user_arn(a, AUTOMATION)
    helpdesk = inline_user(
        "pixmart-helpdesk", allow("iam:CreateAccessKey", alice), groups=(SUPPORT,), password=True
    )
    it_support = inline_user(
        "pixmart-it-support",
        allow("iam:UpdateLoginProfile", alice),
        groups=(SUPPORT,),
        password=True,
    )
    onboarding = inline_user(
        "pixmart-onboarding", allow("iam:CreateLoginProfile", automation), keys=("Active",)
    )
    return (
        seeded(
            a,
            helpdesk,
            "create-access-key",
            "may mint an access key for admin alice (who has one of her two)",
            Hop("iam:CreateAccessKey", alice),
        ),
        seeded(
            a,
            it_support,
            "update-login-profile",
            "may reset admin alice's console password",
            Hop("iam:UpdateLoginProfile", alice),
        ),
        seeded(
            a,
            onboarding,
            "create-login-profile",
            "may give the password-less automation admin a console password",
            Hop("iam:CreateLoginProfile", automation),
        ),
    )


def _group_paths(a: Arns) -> tuple[Case, ...]:
    """Joining the admin group, or writing policies on one's own group (Rhino 8, 11, 13)."""
    admins = group_arn(a, ADMINS)
    team_lead = inline_user("pixmart-team-lead", allow("iam:AddUserToGroup", admins), password=True)
    carol = UserSpec("pixmart-dev-carol", groups=(DEVELOPERS,), password=True, keys=("Active",))
    dave = UserSpec("pixmart-contractor-dave", groups=(CONTRACTORS,), password=True)
    return (
        seeded(
            a,
            team_lead,
            "add-user-to-group",
            "may add itself to the admins group",
            Hop("iam:AddUserToGroup", admins),
        ),
        seeded(
            a,
            carol,
            "attach-group-policy",
            "her group may attach any managed policy to itself",
            Hop("iam:AttachGroupPolicy", a.admin, group_arn(a, DEVELOPERS)),
        ),
        seeded(
            a,
            dave,
            "put-group-policy",
            "his group may write its own inline policy",
            Hop("iam:PutGroupPolicy", a.admin, group_arn(a, CONTRACTORS)),
        ),
    )


def _policy_paths(a: Arns) -> tuple[Case, ...]:
    """Rewriting the policies that apply to oneself (Rhino 1, 2, 7, 10)."""
    editor, legacy = a.policy(EDITOR_POLICY), a.policy(LEGACY_POLICY)
    self_arn = f"arn:aws:iam::{a.account}:user/${{aws:username}}"
    intern = inline_user(
        "pixmart-intern",
        allow(["iam:PutUserPolicy", "iam:GetUserPolicy"], self_arn),
        password=True,
    )
    analyst = inline_user(
        "pixmart-analyst",
        allow("iam:AttachUserPolicy", user_arn(a, "pixmart-analyst")),
        keys=("Active",),
    )
    editor_user = inline_user(
        "pixmart-policy-editor",
        allow("iam:CreatePolicyVersion", editor),
        managed=(EDITOR_POLICY,),
        password=True,
    )
    reporting = inline_user(
        "pixmart-reporting",
        allow("iam:SetDefaultPolicyVersion", legacy),
        managed=(LEGACY_POLICY,),
        keys=("Active",),
    )
    return (
        seeded(
            a,
            intern,
            "put-user-policy",
            "may write inline policies on itself (through ${aws:username})",
            Hop("iam:PutUserPolicy", a.admin),
        ),
        seeded(
            a,
            analyst,
            "attach-user-policy",
            "may attach any managed policy to itself",
            Hop("iam:AttachUserPolicy", a.admin),
        ),
        seeded(
            a,
            editor_user,
            "create-policy-version",
            "may write a new default version of the policy attached to it",
            Hop("iam:CreatePolicyVersion", a.admin, editor),
        ),
        seeded(
            a,
            reporting,
            "set-default-policy-version",
            "may make v1 (full access) of its attached policy the default again",
            Hop("iam:SetDefaultPolicyVersion", a.admin, legacy),
        ),
    )


def _assume_paths(a: Arns) -> tuple[Case, ...]:
    """Roles entered by trust alone, by both sides, or after rewriting the trust (Rhino 9,
    12, 14)."""
    admin_role, breakglass = a.role(ADMIN_ROLE), a.role(BREAKGLASS_ROLE)
    support, audit = a.role(SUPPORT_ROLE), a.role(AUDIT_ROLE)
    oncall = inline_user(ONCALL, allow("cloudwatch:GetDashboard", "*"), password=True)
    release = inline_user(
        "pixmart-release-manager",
        allow(["iam:UpdateAssumeRolePolicy", "iam:GetRole", "sts:AssumeRole"], admin_role),
        password=True,
    )
    agent = inline_user("pixmart-support-agent", allow("sts:AssumeRole", support), password=True)
    auditor = inline_user(AUDITOR, allow("sts:AssumeRole", audit), keys=("Active",))
    return (
        seeded(
            a,
            oncall,
            "trust-only-assume-role",
            "the break-glass role's trust names it; it holds no sts:AssumeRole grant",
            Hop("sts:AssumeRole", breakglass),
        ),
        seeded(
            a,
            release,
            "update-assume-role-policy",
            "may rewrite the admin role's trust to admit itself",
            Hop("iam:UpdateAssumeRolePolicy", admin_role),
        ),
        seeded(
            a,
            agent,
            "assume-then-put-role-policy",
            "assumes the support role, which may write its own policy",
            Hop("sts:AssumeRole", support),
            Hop("iam:PutRolePolicy", a.admin),
        ),
        seeded(
            a,
            auditor,
            "assume-then-attach-role-policy",
            "assumes the audit export role, which may attach policies to itself",
            Hop("sts:AssumeRole", audit),
            Hop("iam:AttachRolePolicy", a.admin),
        ),
    )


def _code_takeover_paths(a: Arns) -> tuple[Case, ...]:
    """Code takeover, one hop and two (Rhino 15, 17): the ops tool rewrites the admin tool,
    whose deployer role may pass the admin role to a new function."""
    admin_role, deployer = a.role(ADMIN_ROLE), a.role(DEPLOYER_ROLE)
    admin_tools, nightly = a.function("pixmart-admin-tools"), a.function("pixmart-nightly-report")
    ops_tool = inline_user(
        "pixmart-ops-tool",
        allow(["lambda:UpdateFunctionCode", "lambda:GetFunction"], admin_tools),
        keys=("Active",),
    )
    deploy = Hop("iam:PassRole+lambda", admin_role)
    return (
        seeded(
            a,
            ops_tool,
            "multi-hop-code-takeover",
            "rewrites pixmart-admin-tools (the "
            "demo's webhook-handler), whose deployer role may pass the admin role to a new "
            "function",
            Hop("lambda:UpdateFunctionCode", deployer, admin_tools),
            deploy,
        ),
        Case(
            None,
            EscalationPath(
                "role-pass-role-lambda",
                deployer,
                (deploy,),
                "may create and invoke a function running as the admin role",
            ),
        ),
        Case(
            None,
            EscalationPath(
                "role-update-function-code",
                a.role("pixmart-ops-role"),
                (Hop("lambda:UpdateFunctionCode", admin_role, nightly),),
                "may rewrite the nightly report, which runs as the admin role",
            ),
        ),
    )
