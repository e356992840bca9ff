"""IAM roles of the synthetic account, planned while the estate is wired and rendered at the end.

A role collects what its functions need (writes to the next hop of each chain, reads of what
they consume) and a character: shared team roles, wildcard and admin roles, roles under a
permissions boundary, roles with a Deny carving resources out, and grants under a condition
the engine cannot decide. Also the managed policies people and roles share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from benchmarks.synthetic import shapes
from benchmarks.synthetic.shapes import ACCOUNT, Doc

LAMBDA_TRUST = {"Service": "lambda.amazonaws.com"}
STATES_TRUST = {"Service": "states.amazonaws.com"}

BASIC_EXECUTION = shapes.policy_arn("service-role/AWSLambdaBasicExecutionRole", aws_managed=True)
ADMIN = shapes.policy_arn("AdministratorAccess", aws_managed=True)
S3_FULL = shapes.policy_arn("AmazonS3FullAccess", aws_managed=True)
DYNAMO_READ = shapes.policy_arn("AmazonDynamoDBReadOnlyAccess", aws_managed=True)
READ_ONLY = shapes.policy_arn("ReadOnlyAccess", aws_managed=True)
CHANGE_PASSWORD = shapes.policy_arn("IAMUserChangePassword", aws_managed=True)
SUPPORT_ROLE = shapes.policy_arn("aws-service-role/AWSSupportServiceRolePolicy", aws_managed=True)

READ_ACTIONS = [
    f"{service}:{verb}*"
    for service in ("lambda", "s3", "sqs", "sns", "dynamodb", "kinesis", "states", "events")
    for verb in ("Get", "List", "Describe")
] + ["logs:Describe*", "logs:Get*", "logs:FilterLogEvents", "iam:Get*", "iam:List*"]
"""An abridged ReadOnlyAccess: every Get, List and Describe of the services the account uses."""

AWS_MANAGED: dict[str, Doc] = {
    BASIC_EXECUTION: shapes.doc(
        shapes.allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "*")
    ),
    ADMIN: shapes.doc(shapes.allow("*", "*")),
    S3_FULL: shapes.doc(shapes.allow(["s3:*", "s3-object-lambda:*"], "*")),
    READ_ONLY: shapes.doc(shapes.allow(READ_ACTIONS, "*")),
    CHANGE_PASSWORD: shapes.doc(
        shapes.allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}"),
        shapes.allow("iam:GetAccountPasswordPolicy", "*"),
    ),
    SUPPORT_ROLE: shapes.doc(
        shapes.allow(["iam:Get*", "iam:List*", "lambda:List*", "s3:GetBucketPolicy"], "*")
    ),
    DYNAMO_READ: shapes.doc(
        shapes.allow(
            [
                "dynamodb:BatchGetItem",
                "dynamodb:Describe*",
                "dynamodb:List*",
                "dynamodb:GetItem",
                "dynamodb:Query",
                "dynamodb:Scan",
            ],
            "*",
        )
    ),
}
"""The AWS managed policies the account attaches, with their (abridged) documents."""

PREFIX_FORMS = {
    "sqs": "arn:aws:sqs:*:{account}:{team}-*",
    "sns": "arn:aws:sns:*:{account}:{team}-*",
    "s3": "arn:aws:s3:::{team}-*/*",
    "dynamodb": "arn:aws:dynamodb:*:{account}:table/{team}-*",
    "kinesis": "arn:aws:kinesis:*:{account}:stream/{team}-*",
    "events": "arn:aws:events:*:{account}:event-bus/{team}-*",
    "states": "arn:aws:states:*:{account}:stateMachine:{team}-*",
    "lambda": "arn:aws:lambda:*:{account}:function:{team}-*",
}
"""Team-wide resource patterns, for roles whose grants name a prefix instead of resources."""


@dataclass
class RolePlan:
    """One role under construction."""

    name: str
    team: str
    trusts: list[Doc] = field(default_factory=lambda: [LAMBDA_TRUST])
    """Principals allowed sts:AssumeRole (one trust statement each)."""
    trust_extra: list[Doc] = field(default_factory=list)
    """Other trust statements, as they are (SAML federation, conditions)."""
    grants: dict[str, set[str]] = field(default_factory=dict)
    """action -> resources allowed (rendered one statement per action)."""
    extra: list[Doc] = field(default_factory=list)
    """Statements added as they are: wildcards, denies, conditional grants, AssumeRole."""
    attached: list[str] = field(default_factory=lambda: [BASIC_EXECUTION])
    boundary: str | None = None
    prefixed: bool = False
    """Render grants as team-wide patterns (`orders-*`) instead of the named resources."""
    path: str = "/"

    @property
    def arn(self) -> str:
        return shapes.role_arn(self.name, self.path)

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.attached

    def grant(self, action: str, resource: str) -> None:
        self.grants.setdefault(action, set()).add(resource)

    def statements(self) -> list[Doc]:
        """The inline policy's statements."""
        rendered = [
            shapes.allow(action, self._resources(action, sorted(resources)))
            for action, resources in sorted(self.grants.items())
        ]
        return rendered + self.extra

    def _resources(self, action: str, resources: list[str]) -> list[str] | str:
        service = action.split(":", 1)[0]
        if self.prefixed and service in PREFIX_FORMS:
            return PREFIX_FORMS[service].format(account=ACCOUNT, team=self.team)
        return resources if len(resources) > 1 else resources[0]

    def render(self, n: int) -> dict:
        """The GetAccountAuthorizationDetails entry of this role."""
        statements = self.statements()
        inline = {f"{self.name}-access": shapes.doc(*statements)} if statements else {}
        trust = shapes.trust(*self.trusts)
        trust["Statement"] += self.trust_extra
        return shapes.role(
            self.name,
            trust,
            inline,
            self.attached,
            self.boundary,
            n,
            self.path,
        )


def boundary_document() -> Doc:
    """A team boundary: data-plane writes and reads only, never IAM or Lambda administration."""
    return shapes.doc(
        shapes.allow(
            [
                "sqs:*",
                "sns:*",
                "s3:GetObject",
                "s3:PutObject",
                "dynamodb:*",
                "kinesis:*",
                "events:PutEvents",
                "states:StartExecution",
                "logs:*",
                "lambda:InvokeFunction",
            ],
            "*",
        )
    )


def user_boundary_document() -> Doc:
    """The boundary of contractors and sandboxed people: data and reads, no IAM, STS or Lambda
    administration."""
    return shapes.doc(
        shapes.allow(
            ["s3:*", "sqs:*", "sns:*", "dynamodb:*", "kinesis:*", "logs:*", "cloudwatch:*"], "*"
        ),
        shapes.allow(["lambda:Get*", "lambda:List*", "lambda:InvokeFunction"], "*"),
        shapes.allow(["iam:Get*", "iam:List*", "iam:ChangePassword"], "*"),
    )


def guardrail_document() -> Doc:
    """A guardrail attached to contractors: no change to IAM, no role passing or assuming."""
    return shapes.doc(
        shapes.deny(
            [
                "iam:Create*",
                "iam:Attach*",
                "iam:Put*",
                "iam:Update*",
                "iam:AddUserToGroup",
                "iam:PassRole",
                "sts:AssumeRole",
            ],
            "*",
        )
    )


def managed_policies(
    documents: dict[str, Doc], attachments: Counter[str], boundary_uses: Counter[str]
) -> list[dict]:
    """`Policies` entries: the AWS managed policies in use, then the customer managed ones
    (`documents`, by name), each with its attachment and boundary counts."""
    entries = [
        shapes.managed_policy(arn.split(":policy/", 1)[1], document, True, n)
        for n, (arn, document) in enumerate(sorted(AWS_MANAGED.items()))
        if attachments[arn] or boundary_uses[arn]
    ]
    entries += [
        shapes.managed_policy(name, document, False, 100 + n)
        for n, (name, document) in enumerate(sorted(documents.items()))
    ]
    for entry in entries:
        entry["AttachmentCount"] = attachments[entry["Arn"]]
        entry["PermissionsBoundaryUsageCount"] = boundary_uses[entry["Arn"]]
    return entries
