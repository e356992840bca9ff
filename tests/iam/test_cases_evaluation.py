"""Table-driven cases for AWS's evaluation logic: deny precedence, same- and cross-account
rules, permissions boundaries, NotAction/NotResource/NotPrincipal and principal matching."""

from __future__ import annotations

from tests.iam.cases import (
    ACCOUNT,
    ALLOWED,
    BOUNDARY,
    BUCKET,
    COND,
    CONDITION,
    CROSS,
    DENYALLOW,
    EVAL,
    EXPLICIT,
    FOREIGN_QUEUE,
    FOREIGN_ROLE,
    FOREIGN_USER,
    FUNCTION,
    IMPLICIT,
    NOTACTION,
    NOTPRINCIPAL,
    NOTRESOURCE,
    OBJECT,
    OPS,
    OTHER,
    PRINCIPAL,
    QUEUE,
    ROLE,
    SESSION,
    TABLE,
    TOPIC,
    USER,
    Case,
    allow,
    deny,
    doc,
    identity,
    parametrize,
    when,
)

FULL = identity(allow("*", "*"))
S3_ALL = identity(allow("s3:*", "*"))
SQS_SEND = identity(allow("sqs:SendMessage", QUEUE))
OWN_ROOT = f"arn:aws:iam::{ACCOUNT}:root"
OTHER_ROOT = f"arn:aws:iam::{OTHER}:root"
GLOBALKEYS_REF = "IAM UG 'AWS global condition context keys'"
VARS_REF = "IAM UG 'IAM policy elements: Variables and tags'"


def rp(*statements: dict) -> dict:
    """A resource policy document."""
    return doc(*statements)


BASICS = [
    Case(
        "default-deny-no-policies",
        f"{DENYALLOW}: by default all requests are implicitly denied",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
    ),
    Case(
        "allow-exact-action",
        f"{EVAL}: an identity-based Allow grants the action",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow("s3:GetObject", OBJECT)),
    ),
    Case(
        "allow-other-action-only",
        f"{DENYALLOW}: no applicable Allow is an implicit deny",
        IMPLICIT,
        "s3:PutObject",
        OBJECT,
        identity=identity(allow("s3:GetObject", OBJECT)),
    ),
    Case(
        "explicit-deny-beats-allow",
        f"{DENYALLOW}: an explicit deny overrides an allow",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(), deny("s3:GetObject")),
    ),
    Case(
        "deny-in-second-policy",
        f"{DENYALLOW}: a Deny in any applicable policy wins",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=[doc(allow("s3:*")), doc(deny("s3:Get*", OBJECT))],
    ),
    Case(
        "deny-other-resource-no-effect",
        f"{DENYALLOW}: a Deny applies only to matching requests",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow("s3:*"), deny("s3:*", BUCKET)),
    ),
    Case(
        "deny-other-action-no-effect",
        f"{DENYALLOW}: a Deny for other actions does not apply",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow("s3:*"), deny("s3:Put*")),
    ),
    Case(
        "deny-alone-is-still-deny",
        f"{DENYALLOW}: an explicit deny without any allow",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(deny("s3:GetObject")),
    ),
    Case(
        "allow-in-any-of-several-policies",
        f"{DENYALLOW}: any identity policy may allow",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=[doc(allow("s3:*")), doc(allow("sqs:SendMessage", QUEUE))],
    ),
    Case(
        "allow-statement-list-second",
        f"{EVAL}: every statement of a policy is evaluated",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        identity=identity(allow("s3:*"), allow("sns:Publish", TOPIC)),
    ),
    Case(
        "empty-statement-list",
        f"{DENYALLOW}: a policy with no statements allows nothing",
        IMPLICIT,
        "sns:Publish",
        TOPIC,
        identity=[{"Version": "2012-10-17", "Statement": []}],
    ),
    Case(
        "deny-with-false-condition",
        f"{DENYALLOW}: a Deny whose condition is false is ignored",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(), deny(Condition=when("Bool", "aws:SecureTransport", "false"))),
        context={"aws:SecureTransport": "true"},
    ),
    Case(
        "deny-with-true-condition",
        f"{DENYALLOW}: a Deny whose condition holds denies",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(), deny(Condition=when("Bool", "aws:SecureTransport", "false"))),
        context={"aws:SecureTransport": "false"},
    ),
    Case(
        "allow-with-false-condition",
        f"{DENYALLOW}: an Allow whose condition fails is no allow",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(
            allow(Condition=when("StringEquals", "aws:RequestedRegion", "eu-west-1"))
        ),
        context={"aws:RequestedRegion": "us-east-1"},
    ),
    Case(
        "root-user-full-access",
        f"{DENYALLOW}: the account root user has full access",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=OWN_ROOT,
    ),
    Case(
        "root-denied-by-bucket-policy",
        f"{DENYALLOW}: an explicit deny applies even to root",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        principal=OWN_ROOT,
        resource_policy=rp(deny("s3:*", "arn:aws:s3:::data-bucket/*", Principal="*")),
    ),
    Case(
        "session-uses-role-policies",
        f"{DENYALLOW}: a role session has its role's permissions",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=SESSION,
        identity=S3_ALL,
    ),
    Case(
        "user-identity-allow",
        f"{EVAL}: identity policies of a user",
        ALLOWED,
        "dynamodb:PutItem",
        TABLE,
        principal=USER,
        identity=identity(allow("dynamodb:*", TABLE)),
    ),
]

SAME_ACCOUNT = [
    Case(
        "same-account-resource-policy-alone-user",
        f"{EVAL}: same account, identity OR resource "
        "policy suffices (resource policy grants the user ARN)",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=USER,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": USER})),
    ),
    Case(
        "same-account-resource-policy-alone-role",
        f"{EVAL}: same account, a resource policy naming the role ARN suffices without a boundary",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "same-account-resource-policy-session-of-role",
        f"{DENYALLOW}: a role ARN in Principal matches the role's sessions",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=SESSION,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "same-account-resource-policy-session-arn",
        f"{DENYALLOW}: a resource policy may grant a role session ARN directly",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=SESSION,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": SESSION})),
    ),
    Case(
        "same-account-identity-alone",
        f"{EVAL}: same account, identity allow suffices with a resource policy that is silent",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=SQS_SEND,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": USER})),
    ),
    Case(
        "same-account-resource-deny-wins",
        f"{EVAL}: an explicit deny in a resource policy overrides an identity allow",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        identity=SQS_SEND,
        resource_policy=rp(deny("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "same-account-resource-deny-star",
        f"{EVAL}: a resource policy Deny for * applies to every caller",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        identity=SQS_SEND,
        resource_policy=rp(deny("sqs:*", "*", Principal="*")),
    ),
    Case(
        "same-account-resource-deny-other-principal",
        f"{PRINCIPAL}: a Deny for another principal does not apply",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=SQS_SEND,
        resource_policy=rp(deny("sqs:*", "*", Principal={"AWS": USER})),
    ),
    Case(
        "same-account-resource-policy-other-principal",
        f"{PRINCIPAL}: a grant to another principal grants nothing to this one",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": USER})),
    ),
    Case(
        "same-account-public-resource-policy",
        f"{PRINCIPAL}: Principal * grants every caller",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        resource_policy=rp(allow("sns:Publish", TOPIC, Principal="*")),
    ),
    Case(
        "same-account-aws-star-resource-policy",
        f"{PRINCIPAL}: {{'AWS': '*'}} equals '*'",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        resource_policy=rp(allow("sns:Publish", TOPIC, Principal={"AWS": "*"})),
    ),
    Case(
        "same-account-account-principal-delegates",
        f"{PRINCIPAL}: naming the account delegates to "
        "its identity policies, which must still allow",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ACCOUNT})),
    ),
    Case(
        "same-account-account-principal-with-identity",
        f"{PRINCIPAL}: account principal plus an identity allow",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=SQS_SEND,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": OWN_ROOT})),
    ),
    Case(
        "same-account-resource-policy-wrong-action",
        f"{EVAL}: resource policy grants a different action",
        IMPLICIT,
        "sqs:DeleteQueue",
        QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "same-account-resource-policy-wrong-resource",
        f"{EVAL}: resource policy statement for another resource",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE + "-other", Principal={"AWS": ROLE})),
    ),
    Case(
        "same-account-user-path-principal",
        f"{PRINCIPAL}: user ARN with a path names the user",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=f"arn:aws:iam::{ACCOUNT}:user/team/alice",
        resource_policy=rp(
            allow(
                "sqs:SendMessage",
                QUEUE,
                Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:user/team/alice"},
            )
        ),
    ),
    Case(
        "same-account-s3-bucket-policy-role",
        f"{EVAL}: bucket policy grant, same account "
        "(S3 ARNs carry no account: the caller's own is assumed)",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        resource_policy=rp(
            allow("s3:GetObject", "arn:aws:s3:::data-bucket/*", Principal={"AWS": ROLE})
        ),
    ),
]

CROSS_ACCOUNT = [
    Case(
        "cross-identity-only",
        f"{CROSS}: identity allow alone is not enough across accounts",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
    ),
    Case(
        "cross-resource-only",
        f"{CROSS}: resource policy allow alone is not enough",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "cross-both-allow",
        f"{CROSS}: both the identity and resource policy allow",
        ALLOWED,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "cross-both-allow-account-principal",
        f"{CROSS}: the trusting account may name the trusted account",
        ALLOWED,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal={"AWS": ACCOUNT})),
    ),
    Case(
        "cross-both-allow-root-principal",
        f"{CROSS}: account given as its root ARN",
        ALLOWED,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal={"AWS": OWN_ROOT})),
    ),
    Case(
        "cross-public-policy-still-needs-identity",
        f"{CROSS}: a public resource policy still needs the caller's identity allow",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal="*")),
    ),
    Case(
        "cross-public-policy-with-identity",
        f"{CROSS}: public resource policy plus identity allow",
        ALLOWED,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        resource_policy=rp(allow("sqs:SendMessage", FOREIGN_QUEUE, Principal="*")),
    ),
    Case(
        "cross-resource-deny",
        f"{CROSS}: explicit deny in the resource policy",
        EXPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        resource_policy=rp(
            allow("sqs:*", "*", Principal="*"),
            deny("sqs:SendMessage", "*", Principal={"AWS": ACCOUNT}),
        ),
    ),
    Case(
        "cross-identity-deny",
        f"{CROSS}: explicit deny in the caller's identity policy",
        EXPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*"), deny("sqs:SendMessage")),
        resource_policy=rp(allow("sqs:*", "*", Principal={"AWS": ROLE})),
    ),
    Case(
        "cross-no-resource-policy",
        f"{CROSS}: without a resource policy there is no access",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=FULL,
    ),
    Case(
        "cross-wrong-account-named",
        f"{CROSS}: resource policy names a third account",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=FULL,
        resource_policy=rp(allow("sqs:*", "*", Principal={"AWS": "999988887777"})),
    ),
    Case(
        "cross-foreign-caller-into-our-queue",
        f"{CROSS}: a foreign role calling into our account needs our resource policy",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=FOREIGN_ROLE,
        identity=FULL,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": FOREIGN_ROLE})),
    ),
    Case(
        "cross-foreign-user-named-other-user",
        f"{PRINCIPAL}: a user ARN names only that user",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=FOREIGN_USER,
        identity=FULL,
        resource_policy=rp(
            allow("sqs:SendMessage", QUEUE, Principal={"AWS": f"arn:aws:iam::{OTHER}:user/carol"})
        ),
    ),
    Case(
        "cross-resource-account-param",
        f"{CROSS}: resource_account overrides the S3 default of the caller's account",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        resource_account=OTHER,
    ),
    Case(
        "cross-resource-account-param-both",
        f"{CROSS}: cross-account S3 with bucket policy",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        resource_account=OTHER,
        resource_policy=rp(
            allow("s3:GetObject", "arn:aws:s3:::data-bucket/*", Principal={"AWS": ACCOUNT})
        ),
    ),
    Case(
        "cross-boundary-limits",
        f"{CROSS} + {BOUNDARY}: the boundary limits the identity side of a cross-account request",
        IMPLICIT,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(allow("sqs:*", "*", Principal={"AWS": ROLE})),
    ),
    Case(
        "cross-boundary-allows",
        f"{CROSS} + {BOUNDARY}: boundary allowing the action",
        ALLOWED,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        identity=identity(allow("sqs:*")),
        boundary=[doc(allow("sqs:*"))],
        resource_policy=rp(allow("sqs:*", "*", Principal={"AWS": ROLE})),
    ),
]

ANONYMOUS_AND_SERVICES = [
    Case(
        "anonymous-public-bucket",
        f"{PRINCIPAL}: '*' includes anonymous callers",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=None,
        resource_policy=rp(allow("s3:GetObject", "arn:aws:s3:::data-bucket/*", Principal="*")),
    ),
    Case(
        "anonymous-aws-star",
        f"{PRINCIPAL}: {{'AWS': '*'}} includes anonymous callers",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=None,
        resource_policy=rp(
            allow("s3:GetObject", "arn:aws:s3:::data-bucket/*", Principal={"AWS": "*"})
        ),
    ),
    Case(
        "anonymous-no-resource-policy",
        f"{EVAL}: anonymous callers have no identity policies",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        principal=None,
        identity=FULL,
    ),
    Case(
        "anonymous-account-principal",
        f"{PRINCIPAL}: an account principal is not anonymous",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        principal=None,
        resource_policy=rp(allow("s3:GetObject", "*", Principal={"AWS": ACCOUNT})),
    ),
    Case(
        "anonymous-denied-explicitly",
        f"{DENYALLOW}: explicit deny for '*'",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        principal=None,
        resource_policy=rp(allow("s3:*", "*", Principal="*"), deny("s3:*", "*", Principal="*")),
    ),
    Case(
        "service-principal-allowed",
        f"{PRINCIPAL}: a service principal named in a resource policy",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        resource_policy=rp(
            allow("sqs:SendMessage", QUEUE, Principal={"Service": "sns.amazonaws.com"})
        ),
    ),
    Case(
        "service-principal-list",
        f"{PRINCIPAL}: Service given as a list",
        ALLOWED,
        "lambda:InvokeFunction",
        FUNCTION,
        principal="events.amazonaws.com",
        resource_policy=rp(
            allow(
                "lambda:InvokeFunction",
                FUNCTION,
                Principal={"Service": ["s3.amazonaws.com", "events.amazonaws.com"]},
            )
        ),
    ),
    Case(
        "service-principal-other-service",
        f"{PRINCIPAL}: another service is not named",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal="s3.amazonaws.com",
        resource_policy=rp(
            allow("sqs:SendMessage", QUEUE, Principal={"Service": "sns.amazonaws.com"})
        ),
    ),
    Case(
        "service-principal-source-arn-match",
        f"{PRINCIPAL} + aws:SourceArn: service call on behalf of the named topic",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        resource_policy=rp(
            allow(
                "sqs:SendMessage",
                QUEUE,
                Principal={"Service": "sns.amazonaws.com"},
                Condition=when("ArnEquals", "aws:SourceArn", TOPIC),
            )
        ),
        context={"aws:SourceArn": TOPIC},
    ),
    Case(
        "service-principal-source-arn-mismatch",
        f"{PRINCIPAL} + aws:SourceArn: another topic",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        resource_policy=rp(
            allow(
                "sqs:SendMessage",
                QUEUE,
                Principal={"Service": "sns.amazonaws.com"},
                Condition=when("ArnEquals", "aws:SourceArn", TOPIC),
            )
        ),
        context={"aws:SourceArn": TOPIC + "-x"},
    ),
    Case(
        "service-principal-identity-policies-irrelevant",
        f"{EVAL}: a service principal has no identity policies here",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        identity=FULL,
    ),
    Case(
        "service-principal-aws-star",
        f"{PRINCIPAL}: '*' covers service principals",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        principal="events.amazonaws.com",
        resource_policy=rp(allow("sns:Publish", TOPIC, Principal="*")),
    ),
    Case(
        "federated-principal",
        f"{PRINCIPAL}: Federated principal in a role trust policy",
        ALLOWED,
        "sts:AssumeRoleWithWebIdentity",
        ROLE,
        principal="cognito-identity.amazonaws.com",
        resource_policy=rp(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            }
        ),
    ),
    Case(
        "trust-policy-assume-role",
        f"{PRINCIPAL}: role trust policy (no Resource element) naming the caller's account",
        ALLOWED,
        "sts:AssumeRole",
        f"arn:aws:iam::{OTHER}:role/target",
        identity=identity(allow("sts:AssumeRole")),
        resource_policy=rp(
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ACCOUNT}}
        ),
    ),
]


def _nb(statement_principal: dict) -> dict:
    return rp(
        deny("sqs:*", "*", NotPrincipal=statement_principal), allow("sqs:*", "*", Principal="*")
    )


NOT_ELEMENTS = [
    Case(
        "notaction-allow-covers-others",
        f"{NOTACTION}: Allow with NotAction allows every other action",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=identity(allow(NotAction="iam:*")),
    ),
    Case(
        "notaction-allow-excludes-listed",
        f"{NOTACTION}: the listed actions are not allowed",
        IMPLICIT,
        "iam:CreateUser",
        "*",
        identity=identity(allow(NotAction="iam:*")),
    ),
    Case(
        "notaction-allow-list",
        f"{NOTACTION}: NotAction given as a list",
        IMPLICIT,
        "s3:DeleteBucket",
        BUCKET,
        identity=identity(allow(NotAction=["iam:*", "s3:Delete*"])),
    ),
    Case(
        "notaction-allow-case-insensitive",
        f"{NOTACTION}: action names are case-insensitive",
        IMPLICIT,
        "IAM:createuser",
        "*",
        identity=identity(allow(NotAction="iam:CreateUser")),
    ),
    Case(
        "notaction-deny-blocks-others",
        f"{NOTACTION}: Deny with NotAction denies all others",
        EXPLICIT,
        "ec2:RunInstances",
        "*",
        identity=identity(allow(), deny(NotAction=["s3:*", "sqs:*"])),
    ),
    Case(
        "notaction-deny-spares-listed",
        f"{NOTACTION}: Deny with NotAction spares listed actions",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(), deny(NotAction=["s3:*", "sqs:*"])),
    ),
    Case(
        "notaction-with-resource",
        f"{NOTACTION}: NotAction still honours Resource",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        identity=identity(allow(NotAction="iam:*", resource=TOPIC)),
    ),
    Case(
        "notresource-allow-other",
        f"{NOTRESOURCE}: Allow with NotResource covers other resources",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=identity(allow("sqs:*", None, NotResource=QUEUE + "-secret")),
    ),
    Case(
        "notresource-allow-excluded",
        f"{NOTRESOURCE}: the excluded resource is not allowed",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE + "-secret",
        identity=identity(allow("sqs:*", None, NotResource=QUEUE + "-secret")),
    ),
    Case(
        "notresource-deny-others",
        f"{NOTRESOURCE}: Deny with NotResource denies all other resources",
        EXPLICIT,
        "s3:GetObject",
        "arn:aws:s3:::elsewhere/x",
        identity=identity(
            allow(),
            deny(
                "s3:*", None, NotResource=["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]
            ),
        ),
    ),
    Case(
        "notresource-deny-spares-listed",
        f"{NOTRESOURCE}: Deny with NotResource spares the listed resources",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(
            allow(),
            deny(
                "s3:*", None, NotResource=["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]
            ),
        ),
    ),
    Case(
        "notresource-wildcard",
        f"{NOTRESOURCE}: wildcards in NotResource",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow("s3:*", None, NotResource="arn:aws:s3:::data-*")),
    ),
    Case(
        "notaction-notresource-together",
        f"{NOTACTION} + {NOTRESOURCE}: both Not forms",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        identity=identity(allow(NotAction="iam:*", NotResource=QUEUE)),
    ),
    Case(
        "notprincipal-deny-exempts-named",
        f"{NOTPRINCIPAL}: Deny with NotPrincipal does not deny the named principal",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=USER,
        resource_policy=_nb({"AWS": [USER, OWN_ROOT]}),
    ),
    Case(
        "notprincipal-deny-denies-others",
        f"{NOTPRINCIPAL}: Deny with NotPrincipal denies everyone else",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=f"arn:aws:iam::{ACCOUNT}:user/eve",
        resource_policy=_nb({"AWS": [USER]}),
    ),
    Case(
        "notprincipal-deny-exempts-account",
        f"{NOTPRINCIPAL}: naming the account exempts its principals",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=_nb({"AWS": ACCOUNT}),
    ),
    Case(
        "notprincipal-deny-anonymous",
        f"{NOTPRINCIPAL}: anonymous callers are not exempt",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=None,
        resource_policy=_nb({"AWS": ACCOUNT}),
    ),
    Case(
        "notprincipal-deny-with-boundary",
        f"{BOUNDARY}: NotPrincipal with Deny always denies "
        "principals that have a permissions boundary",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        identity=identity(allow("sqs:*")),
        boundary=[doc(allow("sqs:*"))],
        resource_policy=_nb({"AWS": [ROLE, ACCOUNT]}),
    ),
    Case(
        "notprincipal-allow-others",
        f"{NOTPRINCIPAL}: Allow with NotPrincipal allows all others",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        resource_policy=rp(allow("sns:Publish", TOPIC, NotPrincipal={"AWS": USER})),
    ),
    Case(
        "notprincipal-allow-excludes-named",
        f"{NOTPRINCIPAL}: Allow with NotPrincipal excludes the named principal",
        IMPLICIT,
        "sns:Publish",
        TOPIC,
        principal=USER,
        resource_policy=rp(allow("sns:Publish", TOPIC, NotPrincipal={"AWS": USER})),
    ),
    Case(
        "notprincipal-service-exempt",
        f"{NOTPRINCIPAL}: a service principal may be exempted",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        resource_policy=rp(
            allow("sqs:*", "*", Principal="*"),
            deny("sqs:*", "*", NotPrincipal={"Service": "sns.amazonaws.com"}),
        ),
    ),
]

BOUNDARIES = [
    Case(
        "boundary-intersection-allows",
        f"{BOUNDARY}: allowed by identity and boundary",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        boundary=[doc(allow("s3:GetObject"))],
    ),
    Case(
        "boundary-blocks-identity-grant",
        f"{BOUNDARY}: the boundary does not allow the action",
        IMPLICIT,
        "s3:PutObject",
        OBJECT,
        identity=S3_ALL,
        boundary=[doc(allow("s3:GetObject"))],
    ),
    Case(
        "boundary-grants-nothing-alone",
        f"{BOUNDARY}: a boundary does not grant permissions",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        boundary=[doc(allow())],
    ),
    Case(
        "boundary-explicit-deny",
        f"{BOUNDARY}: an explicit deny in the boundary denies",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        boundary=[doc(allow(), deny("s3:Get*"))],
    ),
    Case(
        "boundary-resource-scope",
        f"{BOUNDARY}: the boundary's Resource limits too",
        IMPLICIT,
        "s3:GetObject",
        "arn:aws:s3:::other/x",
        identity=S3_ALL,
        boundary=[doc(allow("s3:*", "arn:aws:s3:::data-bucket/*"))],
    ),
    Case(
        "boundary-empty-list",
        f"{BOUNDARY}: a boundary that allows nothing",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        boundary=[],
    ),
    Case(
        "boundary-two-documents",
        f"{BOUNDARY}: any boundary statement may allow",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        identity=FULL,
        boundary=[doc(allow("s3:*")), doc(allow("sqs:SendMessage"))],
    ),
    Case(
        "boundary-user-resource-policy-not-limited",
        f"{BOUNDARY}: resource policies granting an IAM user ARN are not limited by the boundary",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=USER,
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": USER})),
    ),
    Case(
        "boundary-role-arn-resource-policy-limited",
        f"{DENYALLOW}: resource policies granting an "
        "IAM role ARN are limited by an implicit deny in the boundary",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "boundary-role-arn-resource-policy-session",
        f"{DENYALLOW}: role ARN grant, caller is the role session, boundary limits it",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=SESSION,
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "boundary-role-arn-resource-policy-boundary-allows",
        f"{DENYALLOW}: role ARN grant with a boundary that allows the action",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        boundary=[doc(allow("sqs:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "boundary-session-arn-resource-policy-not-limited",
        f"{DENYALLOW}: grants to a role session ARN are not limited by the boundary",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=SESSION,
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": SESSION})),
    ),
    Case(
        "boundary-wildcard-principal-not-limited",
        f"{DENYALLOW}: grants through Principal '*' "
        "(e.g. with aws:PrincipalArn) are not limited by the boundary",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        boundary=[doc(allow("s3:*"))],
        resource_policy=rp(
            allow(
                "sqs:SendMessage",
                QUEUE,
                Principal={"AWS": "*"},
                Condition=when("ArnEquals", "aws:PrincipalArn", ROLE),
            )
        ),
    ),
    Case(
        "boundary-explicit-deny-beats-resource-grant",
        f"{BOUNDARY}: an explicit deny in the boundary blocks even a resource policy grant",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=USER,
        boundary=[doc(allow(), deny("sqs:*"))],
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": USER})),
    ),
    Case(
        "boundary-conditional",
        f"{BOUNDARY}: boundary conditions apply like any condition",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=S3_ALL,
        boundary=[doc(allow(Condition=when("StringEquals", "aws:RequestedRegion", "eu-west-1")))],
        context={"aws:RequestedRegion": "us-east-1"},
    ),
    Case(
        "boundary-notaction",
        f"{BOUNDARY} + {NOTACTION}: boundary allowing all but IAM",
        IMPLICIT,
        "iam:PassRole",
        "*",
        identity=FULL,
        boundary=[doc(allow(NotAction="iam:*"))],
    ),
    Case(
        "boundary-notaction-other",
        f"{BOUNDARY} + {NOTACTION}: other actions pass the boundary",
        ALLOWED,
        "lambda:InvokeFunction",
        FUNCTION,
        identity=FULL,
        boundary=[doc(allow(NotAction="iam:*"))],
    ),
]

UNKNOWN_CONTEXT = [
    Case(
        "unknown-context-allow-condition",
        f"{OPS}: an unknown key leaves the allow conditional",
        COND,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(Condition=when("IpAddress", "aws:SourceIp", "10.0.0.0/8"))),
        context=None,
    ),
    Case(
        "unknown-context-deny-condition",
        f"{DENYALLOW}: a deny that may apply makes an allow conditional",
        COND,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(), deny(Condition=when("Bool", "aws:SecureTransport", "false"))),
        context=None,
    ),
    Case(
        "unknown-context-deny-no-allow",
        f"{DENYALLOW}: nothing allows, so it is denied either way",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(deny(Condition=when("Bool", "aws:SecureTransport", "false"))),
        context=None,
    ),
    Case(
        "unknown-context-unconditional-allow-wins",
        f"{DENYALLOW}: an unconditional allow beside a conditional one",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        context=None,
        identity=identity(
            allow("s3:*"), allow(Condition=when("Bool", "aws:MultiFactorAuthPresent", "true"))
        ),
    ),
    Case(
        "unknown-context-unconditional-deny-wins",
        f"{DENYALLOW}: explicit deny regardless of unknown allows",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        context=None,
        identity=identity(
            allow(Condition=when("Bool", "aws:MultiFactorAuthPresent", "true")),
            deny("s3:GetObject"),
        ),
    ),
    Case(
        "unknown-context-derived-principal-arn",
        f"{GLOBALKEYS_REF}: aws:PrincipalArn is derived "
        "from the principal even when the context is unknown",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        context=None,
        identity=identity(
            allow(Condition=when("ArnLike", "aws:PrincipalArn", f"arn:aws:iam::{ACCOUNT}:role/*"))
        ),
    ),
    Case(
        "unknown-context-derived-principal-arn-false",
        f"{GLOBALKEYS_REF}: a derived key can rule a statement out",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        context=None,
        identity=identity(allow(Condition=when("StringEquals", "aws:PrincipalAccount", OTHER))),
    ),
    Case(
        "unknown-context-derived-resource-account",
        f"{GLOBALKEYS_REF}: aws:ResourceAccount from the resource ARN",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        context=None,
        identity=identity(allow(Condition=when("StringEquals", "aws:ResourceAccount", ACCOUNT))),
    ),
    Case(
        "unknown-context-false-clause-decides",
        f"{CONDITION}: clauses are ANDed, so one known false clause decides",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        context=None,
        identity=identity(
            allow(
                Condition={
                    "StringEquals": {"aws:PrincipalAccount": OTHER},
                    "IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
                }
            )
        ),
    ),
    Case(
        "unknown-context-resource-policy-condition",
        f"{EVAL}: unknown condition on the only grant",
        COND,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        context=None,
        resource_policy=rp(
            allow(
                "sqs:SendMessage",
                QUEUE,
                Principal={"Service": "sns.amazonaws.com"},
                Condition=when("ArnEquals", "aws:SourceArn", TOPIC),
            )
        ),
    ),
    Case(
        "unknown-context-variable",
        f"{VARS_REF}: an unknown variable makes the match conditional",
        COND,
        "s3:GetObject",
        "arn:aws:s3:::home/team-a/x",
        context=None,
        identity=identity(allow("s3:*", "arn:aws:s3:::home/${aws:PrincipalTag/team}/*")),
    ),
    Case(
        "unknown-context-variable-cannot-match",
        f"{VARS_REF}: no value of the variable could match this resource",
        IMPLICIT,
        "s3:GetObject",
        "arn:aws:s3:::elsewhere/x",
        context=None,
        identity=identity(allow("s3:*", "arn:aws:s3:::home/${aws:PrincipalTag/team}/*")),
    ),
    Case(
        "unknown-context-username-of-role",
        f"{VARS_REF}: aws:username is absent for roles, so the statement cannot apply",
        IMPLICIT,
        "s3:GetObject",
        "arn:aws:s3:::home/app/x",
        context=None,
        identity=identity(allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")),
    ),
    Case(
        "unknown-context-cross-account-conditional",
        f"{CROSS}: conditional resource grant across accounts",
        COND,
        "sqs:SendMessage",
        FOREIGN_QUEUE,
        context=None,
        identity=FULL,
        resource_policy=rp(
            allow(
                "sqs:*",
                "*",
                Principal={"AWS": ACCOUNT},
                Condition=when("StringEquals", "aws:PrincipalOrgID", "o-123"),
            )
        ),
    ),
]

ALL = BASICS + SAME_ACCOUNT + CROSS_ACCOUNT + ANONYMOUS_AND_SERVICES + NOT_ELEMENTS + BOUNDARIES
ALL += UNKNOWN_CONTEXT


@parametrize(ALL)
def test_evaluation_case(case: Case) -> None:
    assert case.run() == case.expect, case.rule


KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TARGET_ROLE = f"arn:aws:iam::{ACCOUNT}:role/target"
EXCEPTIONS = [
    Case(
        "trust-policy-required-same-account",
        f"{DENYALLOW}: role trust policies must explicitly allow, even within the account",
        IMPLICIT,
        "sts:AssumeRole",
        TARGET_ROLE,
        identity=identity(allow("sts:AssumeRole")),
        resource_policy=rp(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"Service": "lambda.amazonaws.com"},
            }
        ),
    ),
    Case(
        "trust-policy-names-role",
        f"{DENYALLOW}: a trust policy naming the caller's role ARN",
        ALLOWED,
        "sts:AssumeRole",
        TARGET_ROLE,
        resource_policy=rp(
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ROLE}}
        ),
    ),
    Case(
        "trust-policy-account-needs-identity",
        f"{PRINCIPAL}: a trust policy naming the account delegates to identity policies",
        IMPLICIT,
        "sts:AssumeRole",
        TARGET_ROLE,
        resource_policy=rp(
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ACCOUNT}}
        ),
    ),
    Case(
        "trust-policy-account-with-identity",
        f"{PRINCIPAL}: account in trust policy plus an identity allow",
        ALLOWED,
        "sts:AssumeRole",
        TARGET_ROLE,
        identity=identity(allow("sts:AssumeRole", TARGET_ROLE)),
        resource_policy=rp(
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": ACCOUNT}}
        ),
    ),
    Case(
        "kms-key-policy-required",
        f"{DENYALLOW}: KMS key policies must explicitly allow",
        IMPLICIT,
        "kms:Decrypt",
        KEY,
        identity=identity(allow("kms:*")),
        resource_policy=rp(allow("kms:*", "*", Principal={"AWS": USER})),
    ),
    Case(
        "kms-key-policy-enables-iam",
        "KMS DG 'Default key policy': the account principal lets IAM policies grant access",
        ALLOWED,
        "kms:Decrypt",
        KEY,
        identity=identity(allow("kms:*")),
        resource_policy=rp(allow("kms:*", "*", Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})),
    ),
    Case(
        "kms-key-policy-names-role",
        f"{DENYALLOW}: key policy naming the role",
        ALLOWED,
        "kms:Decrypt",
        KEY,
        resource_policy=rp(allow("kms:Decrypt", "*", Principal={"AWS": ROLE})),
    ),
]


@parametrize(EXCEPTIONS)
def test_explicit_resource_allow_case(case: Case) -> None:
    assert case.run() == case.expect, case.rule


FEDERATED_USER = f"arn:aws:sts::{ACCOUNT}:federated-user/carol"
PRINCIPAL_KEYS = [
    Case(
        "derived-principal-type-role",
        f"{GLOBALKEYS_REF}: aws:PrincipalType is AssumedRole for role sessions",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        identity=identity(
            allow(Condition=when("StringEquals", "aws:PrincipalType", "AssumedRole"))
        ),
    ),
    Case(
        "derived-principal-type-user",
        f"{GLOBALKEYS_REF}: aws:PrincipalType is User for IAM users",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=USER,
        identity=identity(allow(Condition=when("StringEquals", "aws:PrincipalType", "User"))),
    ),
    Case(
        "derived-principal-type-anonymous",
        f"{GLOBALKEYS_REF}: aws:PrincipalType is Anonymous for unsigned requests",
        EXPLICIT,
        "s3:GetObject",
        OBJECT,
        principal=None,
        resource_policy=rp(
            allow("s3:*", "*", Principal="*"),
            deny(
                "s3:*",
                "*",
                Principal="*",
                Condition=when("StringEquals", "aws:PrincipalType", "Anonymous"),
            ),
        ),
    ),
    Case(
        "derived-principal-arn-session",
        f"{GLOBALKEYS_REF}: for a role session aws:PrincipalArn is the role's ARN",
        ALLOWED,
        "s3:GetObject",
        OBJECT,
        principal=SESSION,
        identity=identity(allow(Condition=when("ArnEquals", "aws:PrincipalArn", ROLE))),
    ),
    Case(
        "derived-principal-account-deny-outsiders",
        f"{GLOBALKEYS_REF}: a resource policy denying other accounts via aws:PrincipalAccount",
        EXPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=FOREIGN_ROLE,
        identity=FULL,
        resource_policy=rp(
            allow("sqs:*", "*", Principal="*"),
            deny(
                "sqs:*",
                "*",
                Principal="*",
                Condition=when("StringNotEquals", "aws:PrincipalAccount", ACCOUNT),
            ),
        ),
    ),
    Case(
        "derived-principal-account-insider",
        f"{GLOBALKEYS_REF}: the same Deny spares insiders",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(
            allow("sqs:*", "*", Principal="*"),
            deny(
                "sqs:*",
                "*",
                Principal="*",
                Condition=when("StringNotEquals", "aws:PrincipalAccount", ACCOUNT),
            ),
        ),
    ),
    Case(
        "derived-service-principal-flag",
        f"{GLOBALKEYS_REF}: aws:PrincipalIsAWSService is true for service principals",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        resource_policy=rp(
            allow(
                "sqs:*",
                "*",
                Principal="*",
                Condition=when("Bool", "aws:PrincipalIsAWSService", "true"),
            )
        ),
    ),
    Case(
        "derived-service-principal-flag-role",
        f"{GLOBALKEYS_REF}: and false for IAM roles",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(
            allow(
                "sqs:*",
                "*",
                Principal="*",
                Condition=when("Bool", "aws:PrincipalIsAWSService", "true"),
            )
        ),
    ),
    Case(
        "derived-context-overrides",
        f"{GLOBALKEYS_REF}: a key set in the context wins over the derived value",
        IMPLICIT,
        "s3:GetObject",
        OBJECT,
        identity=identity(allow(Condition=when("StringEquals", "aws:PrincipalAccount", ACCOUNT))),
        context={"aws:PrincipalAccount": OTHER},
    ),
    Case(
        "derived-source-account-not-derived",
        f"{GLOBALKEYS_REF}: aws:SourceAccount comes only "
        "from service requests, so an unknown context leaves it open",
        COND,
        "sqs:SendMessage",
        QUEUE,
        principal="sns.amazonaws.com",
        context=None,
        resource_policy=rp(
            allow(
                "sqs:*",
                "*",
                Principal={"Service": "sns.amazonaws.com"},
                Condition=when("StringEquals", "aws:SourceAccount", ACCOUNT),
            )
        ),
    ),
    Case(
        "federated-user-session-granted",
        f"{DENYALLOW}: resource policies may grant an STS federated user session directly",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=FEDERATED_USER,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": FEDERATED_USER})),
    ),
    Case(
        "account-id-caller",
        f"{PRINCIPAL}: an account id as the caller is its root user",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=ACCOUNT,
    ),
    Case(
        "foreign-root-caller-needs-resource-policy",
        f"{CROSS}: even a root user needs the other account's resource policy",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        principal=OTHER_ROOT,
    ),
    Case(
        "foreign-root-caller-with-resource-policy",
        f"{CROSS}: root of the trusted account",
        ALLOWED,
        "sqs:SendMessage",
        QUEUE,
        principal=OTHER_ROOT,
        resource_policy=rp(allow("sqs:SendMessage", QUEUE, Principal={"AWS": OTHER})),
    ),
    Case(
        "resource-policy-notaction-allow",
        f"{NOTACTION}: NotAction in a resource policy",
        ALLOWED,
        "sns:Publish",
        TOPIC,
        resource_policy=rp(allow(None, TOPIC, NotAction="sns:Delete*", Principal={"AWS": ROLE})),
    ),
    Case(
        "resource-policy-notaction-excluded",
        f"{NOTACTION}: the excluded action is not granted",
        IMPLICIT,
        "sns:DeleteTopic",
        TOPIC,
        resource_policy=rp(allow(None, TOPIC, NotAction="sns:Delete*", Principal={"AWS": ROLE})),
    ),
    Case(
        "resource-policy-notresource",
        f"{NOTRESOURCE}: NotResource in a resource policy",
        IMPLICIT,
        "sqs:SendMessage",
        QUEUE,
        resource_policy=rp(allow("sqs:*", None, NotResource=QUEUE, Principal={"AWS": ROLE})),
    ),
    Case(
        "table-index-wildcard",
        f"{EVAL}: DynamoDB index ARN under a table wildcard",
        ALLOWED,
        "dynamodb:Query",
        TABLE + "/index/by-date",
        identity=identity(allow("dynamodb:Query", TABLE + "/*")),
    ),
    Case(
        "bucket-object-both-listed",
        f"{EVAL} + S3: bucket and object ARNs listed together",
        ALLOWED,
        "s3:ListBucket",
        BUCKET,
        identity=identity(allow(["s3:ListBucket", "s3:GetObject"], [BUCKET, BUCKET + "/*"])),
    ),
]


@parametrize(PRINCIPAL_KEYS)
def test_principal_key_case(case: Case) -> None:
    assert case.run() == case.expect, case.rule
