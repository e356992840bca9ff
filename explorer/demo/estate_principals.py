"""The demo's people and automation as data: users, groups, the roles escalations aim at.

Admin-equivalent targets (an admin user with a password, one without, an admin group, roles
that AWS services run as) and the policies that make them so; the users who can reach them
live with their expectations in `estate_paths` and `estate_near_misses`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from explorer.demo.estate_iam import (
    Document,
    PolicySpec,
    RoleSpec,
    allow,
    deny,
    doc,
    trust_principal,
    trust_service,
)
from explorer.demo.manifest import EscalationPath, NearMiss
from explorer.demo.naming import Arns

ADMIN_POLICY = "pixmart-administrator"
EDITOR_POLICY = "pixmart-editor-tools"
LEGACY_POLICY = "pixmart-legacy-tools"
CI_BOUNDARY = "pixmart-ci-boundary"

STAFF, SERVICE = "/staff/", "/service/"
ALICE, AUTOMATION = "pixmart-admin-alice", "pixmart-automation-admin"
ADMINS, DEVELOPERS, CONTRACTORS = "pixmart-admins", "pixmart-developers", "pixmart-contractors"
SUPPORT, TRAINEES = "pixmart-support", "pixmart-trainees"
USER_PATHS = {ALICE: STAFF, AUTOMATION: SERVICE}
GROUP_PATHS = {ADMINS: STAFF, SUPPORT: STAFF}

CFN_ROLE, EC2_ROLE = "pixmart-cfn-admin-role", "pixmart-ec2-admin-role"
GLUE_ROLE, SAGEMAKER_ROLE = "pixmart-glue-admin-role", "pixmart-sagemaker-admin-role"
CODEBUILD_ROLE, PIPELINE_ROLE = "pixmart-codebuild-admin-role", "pixmart-datapipeline-admin-role"
ECS_ROLE, BREAKGLASS_ROLE = "pixmart-ecs-task-admin-role", "pixmart-breakglass-role"
SUPPORT_ROLE, AUDIT_ROLE = "pixmart-support-role", "pixmart-audit-export-role"
CI_RUNNER_ROLE = "pixmart-ci-runner-role"
SSO_ROLE = "AWSReservedSSO_PixmartSupport_5f1e2d3c4b5a6978"
SSO_PATH = "/aws-reserved/sso.amazonaws.com/"
AUTOSCALING = "autoscaling.amazonaws.com"
SCALING_ROLE = "AWSServiceRoleForAutoScaling"
SCALING_PATH = f"/aws-service-role/{AUTOSCALING}/"

ONCALL, AUDITOR = "pixmart-oncall", "pixmart-auditor"
INSTANCE_PROFILE = "pixmart-build-runner-profile"
INSTANCE, STACK, DEV_ENDPOINT = "pixmart-build-runner", "pixmart-platform", "pixmart-etl-dev"

DEMO_PASSWORD = "Pixmart-demo-only-Passw0rd!"
"""Every demo console password: the crawler never reads one, and no snapshot may hold it."""


@dataclass(frozen=True)
class UserSpec:
    """An IAM user: its policies, groups, console password and access keys (their statuses,
    in creation order)."""

    name: str
    inline: Mapping[str, Document] = field(default_factory=dict)
    managed: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    path: str = "/"
    password: bool = False
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupSpec:
    """An IAM group with its inline and attached managed policies."""

    name: str
    inline: Mapping[str, Document] = field(default_factory=dict)
    managed: tuple[str, ...] = ()
    path: str = "/"


@dataclass(frozen=True)
class Case:
    """A user made for one escalation case (None when the principal is made elsewhere) and
    what the analysis must say about its principal: a seeded path or a near miss."""

    user: UserSpec | None
    expect: EscalationPath | NearMiss


def user_arn(a: Arns, name: str) -> str:
    """A demo user's ARN (with its path)."""
    return a.user(name, USER_PATHS.get(name, "/"))


def group_arn(a: Arns, name: str) -> str:
    """A demo group's ARN (with its path)."""
    return a.group(name, GROUP_PATHS.get(name, "/"))


def inline_user(
    name: str,
    *statements: Document,
    groups: tuple[str, ...] = (),
    managed: tuple[str, ...] = (),
    password: bool = False,
    keys: tuple[str, ...] = (),
) -> UserSpec:
    """A user whose one inline policy (`<name>-inline`) holds the statements."""
    inline = {f"{name}-inline": doc(*statements)} if statements else {}
    path = USER_PATHS.get(name, "/")
    return UserSpec(name, inline, managed, groups, path, password, keys)


def principal_policies(a: Arns) -> tuple[PolicySpec, ...]:
    """Managed policies of the principals: full access, two tool policies, a CI boundary."""
    dashboards = ["cloudwatch:GetDashboard", "cloudwatch:ListDashboards"]
    logs = f"arn:aws:logs:{a.region}:{a.account}:*"
    legacy_v1 = doc(allow("*", "*", Sid="MigrationTemporaryFullAccess"))
    legacy_v2 = doc(allow(["logs:GetLogEvents", "logs:FilterLogEvents"], logs))
    return (
        PolicySpec(ADMIN_POLICY, (doc(allow("*", "*")),), "full access (stands in for AWS's)"),
        PolicySpec(EDITOR_POLICY, (doc(allow(dashboards, "*")),), "dashboards for policy editors"),
        PolicySpec(LEGACY_POLICY, (legacy_v1, legacy_v2), "log reading; v1 was full access"),
        PolicySpec(CI_BOUNDARY, (doc(allow(["lambda:*", "logs:*"], "*")),), "CI: Lambda only"),
    )


def _admin_role(name: str, services: str | list[str], description: str) -> RoleSpec:
    return RoleSpec(name, trust_service(services), managed=(ADMIN_POLICY,), description=description)


def principal_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Admin roles that services run as, and roles that may rewrite their own policies."""
    return (
        _admin_role(CFN_ROLE, "cloudformation.amazonaws.com", "deploys the platform stack"),
        _admin_role(EC2_ROLE, "ec2.amazonaws.com", "build runner instances"),
        _admin_role(GLUE_ROLE, "glue.amazonaws.com", "ETL jobs and dev endpoints"),
        _admin_role(SAGEMAKER_ROLE, "sagemaker.amazonaws.com", "notebooks and training"),
        _admin_role(CODEBUILD_ROLE, "codebuild.amazonaws.com", "image builds"),
        _admin_role(
            PIPELINE_ROLE,
            ["datapipeline.amazonaws.com", "elasticmapreduce.amazonaws.com"],
            "nightly exports",
        ),
        _admin_role(ECS_ROLE, "ecs-tasks.amazonaws.com", "batch print-file renderer"),
        _support_role(a),
        _sso_role(a),
        _ci_runner_role(),
    )


def _support_role(a: Arns) -> RoleSpec:
    """Assumable by anyone in the account allowed to; may write its own inline policy."""
    statements = doc(
        allow("dynamodb:GetItem", a.table("pixmart-orders")),
        allow("iam:PutRolePolicy", a.role(SUPPORT_ROLE)),
    )
    return RoleSpec(
        SUPPORT_ROLE,
        trust_principal(f"arn:aws:iam::{a.account}:root"),
        {f"{SUPPORT_ROLE}-inline": statements},
        managed=(),
        description="support look-ups; may extend its own policy",
    )


def _sso_role(a: Arns) -> RoleSpec:
    """An IAM Identity Center role: its permission set may put policies on such roles, which
    IAM refuses for every role under /aws-reserved/."""
    saml = f"arn:aws:iam::{a.account}:saml-provider/AWSSSO_5f1e2d3c4b5a6978_DO_NOT_DELETE"
    trust = doc(
        {
            "Effect": "Allow",
            "Principal": {"Federated": saml},
            "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
            "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
        }
    )
    permission_set = doc(
        allow("s3:GetObject", f"{a.bucket('pixmart-reports')}/*"),
        allow("iam:PutRolePolicy", a.role("*", SSO_PATH)),
    )
    return RoleSpec(
        SSO_ROLE,
        trust,
        {"AwsSSOInlinePolicy": permission_set},
        managed=(),
        path=SSO_PATH,
        description="IAM Identity Center permission set PixmartSupport",
    )


def _ci_runner_role() -> RoleSpec:
    """The deployer role's grant again, with a boundary that leaves only Lambda and logs."""
    grant = allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*")
    return RoleSpec(
        CI_RUNNER_ROLE,
        trust_service("codebuild.amazonaws.com"),
        {f"{CI_RUNNER_ROLE}-inline": doc(grant)},
        boundary=CI_BOUNDARY,
        description="CI runner: deploys functions, held to Lambda by a boundary",
    )


def trusting_roles(a: Arns) -> tuple[RoleSpec, ...]:
    """Roles whose trust names a user (AWS checks the user exists: made after the users)."""
    audit = doc(
        allow("s3:GetObject", f"{a.bucket('pixmart-reports')}/*"),
        allow("iam:AttachRolePolicy", a.role(AUDIT_ROLE)),
    )
    return (
        RoleSpec(
            BREAKGLASS_ROLE,
            trust_principal(user_arn(a, ONCALL)),
            managed=(ADMIN_POLICY,),
            description="break-glass access for the on-call engineer",
        ),
        RoleSpec(
            AUDIT_ROLE,
            trust_principal(user_arn(a, AUDITOR)),
            {f"{AUDIT_ROLE}-inline": audit},
            managed=(),
            description="exports audit evidence; may attach policies to itself",
        ),
    )


def groups(a: Arns) -> tuple[GroupSpec, ...]:
    """Admins; developers and contractors who may edit their own group; support; trainees."""
    credentials = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
    lookups = ["iam:GetUser", "iam:ListUsers", "iam:ListAccessKeys", "iam:GetLoginProfile"]
    developers = doc(
        allow(["lambda:GetFunction", "lambda:ListFunctions"], "*"),
        allow(["iam:AttachGroupPolicy", "iam:ListAttachedGroupPolicies"], group_arn(a, DEVELOPERS)),
    )
    contractors = doc(
        allow("s3:GetObject", f"{a.bucket('pixmart-uploads')}/*"),
        allow("secretsmanager:GetSecretValue", a.secret("pixmart/*"), Sid="SharedDbSecret"),
        allow(["iam:PutGroupPolicy", "iam:GetGroupPolicy"], group_arn(a, CONTRACTORS)),
    )
    return (
        GroupSpec(ADMINS, managed=(ADMIN_POLICY,), path=STAFF),
        GroupSpec(DEVELOPERS, {f"{DEVELOPERS}-self-service": developers}),
        GroupSpec(CONTRACTORS, {f"{CONTRACTORS}-access": contractors}),
        GroupSpec(SUPPORT, {f"{SUPPORT}-lookups": doc(allow(lookups, "*"))}, path=STAFF),
        GroupSpec(TRAINEES, {f"{TRAINEES}-guardrails": doc(deny(credentials, "*"))}),
    )


def target_users() -> tuple[UserSpec, ...]:
    """The admin users escalations aim at: one with a password, one with two keys and none."""
    return (
        UserSpec(ALICE, groups=(ADMINS,), path=STAFF, password=True, keys=("Active",)),
        UserSpec(AUTOMATION, managed=(ADMIN_POLICY,), path=SERVICE, keys=("Active", "Inactive")),
    )
