"""Policies and roles no one in the account can change through IAM, and why.

An escalation that edits a policy or a role (CreatePolicyVersion, AttachRolePolicy,
UpdateAssumeRolePolicy, ...) is impossible on these, whatever the caller's permissions:
- AWS-managed policies, `arn:<partition>:iam::aws:policy/...` (IAM UG, "AWS managed
  policies": "You cannot change the permissions defined in AWS managed policies");
- service-linked roles, path `/aws-service-role/` (IAM UG, "Update permissions for a role":
  "You cannot modify the permissions policy for a service-linked role in IAM"; IAM API
  Reference, UnmodifiableEntityException);
- roles under `/aws-reserved/`, which IAM Identity Center creates from permission sets and
  alone manages (IAM Identity Center UG, "IAM roles created by IAM Identity Center"; IAM
  refuses with "this role is only modifiable by AWS").
"""

from __future__ import annotations

import re

_AWS_MANAGED = re.compile(r"arn:aws[a-z-]*:iam::aws:policy/.*", re.DOTALL)
_ROLE = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role(/.*)", re.DOTALL)

AWS_MANAGED = (
    "It is an AWS-managed policy: AWS alone defines its permissions, and no one in the "
    "account can change them."
)
SERVICE_LINKED = (
    "It is a service-linked role: the AWS service it is linked to defines its trust and "
    "permissions, and IAM refuses to change them."
)
IDENTITY_CENTER = (
    "It is a role under /aws-reserved/, which IAM Identity Center creates from a permission "
    "set and alone may change; IAM refuses to."
)


def unmodifiable(arn: str) -> str | None:
    """One sentence saying why the policy or role `arn` cannot be changed from within its
    account, or None when it can be (as far as its ARN tells)."""
    if not isinstance(arn, str):
        return None
    if _AWS_MANAGED.fullmatch(arn):
        return AWS_MANAGED
    role = _ROLE.fullmatch(arn)
    if role is None:
        return None
    path = role.group(1)
    if path.startswith("/aws-service-role/"):
        return SERVICE_LINKED
    if path.startswith("/aws-reserved/"):
        return IDENTITY_CENTER
    return None
