"""Building blocks for the table-driven IAM cases: a Case record and policy shorthands."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from explorer.iam import simulate

ACCOUNT = "111122223333"
OTHER = "444455556666"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/sess"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"
FOREIGN_ROLE = f"arn:aws:iam::{OTHER}:role/partner"
FOREIGN_USER = f"arn:aws:iam::{OTHER}:user/bob"
BUCKET = "arn:aws:s3:::data-bucket"
OBJECT = "arn:aws:s3:::data-bucket/reports/2024.csv"
QUEUE = f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs"
FOREIGN_QUEUE = f"arn:aws:sqs:us-east-1:{OTHER}:jobs"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:alerts"
FUNCTION = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:worker"
TABLE = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders"

ALLOWED = "allowed"
IMPLICIT = "implicitly_denied"
EXPLICIT = "explicitly_denied"
COND = "conditional"

# Citations: the AWS IAM User Guide page, then the rule the case checks.
EVAL = "IAM UG 'Policy evaluation logic'"
DENYALLOW = "IAM UG 'How AWS enforcement code logic evaluates requests'"
CROSS = "IAM UG 'Cross-account policy evaluation logic'"
BOUNDARY = "IAM UG 'Permissions boundaries for IAM entities'"
OPS = "IAM UG 'IAM JSON policy elements: Condition operators'"
MULTI = "IAM UG 'Single-valued vs. multivalued context keys' (set operators)"
CONDITION = "IAM UG 'IAM JSON policy elements: Condition'"
VARS = "IAM UG 'IAM policy elements: Variables and tags'"
ACTION = "IAM UG 'IAM JSON policy elements: Action'"
NOTACTION = "IAM UG 'IAM JSON policy elements: NotAction'"
RESOURCE = "IAM UG 'IAM JSON policy elements: Resource'"
NOTRESOURCE = "IAM UG 'IAM JSON policy elements: NotResource'"
PRINCIPAL = "IAM UG 'AWS JSON policy elements: Principal'"
NOTPRINCIPAL = "IAM UG 'AWS JSON policy elements: NotPrincipal'"
VERSION = "IAM UG 'IAM JSON policy elements: Version'"
S3ARN = "S3 UG 'Policy resources for Amazon S3' (bucket vs object ARNs)"
GLOBALKEYS = "IAM UG 'AWS global condition context keys'"


@dataclass(frozen=True)
class Case:
    """One request, the policies in force, the expected result and the rule it checks."""

    id: str
    rule: str
    expect: str
    action: str
    resource: str
    principal: str | None = ROLE
    identity: list = field(default_factory=list)
    resource_policy: dict | None = None
    boundary: list | None = None
    context: dict | None = field(default_factory=dict)
    resource_account: str | None = None

    def run(self) -> str:
        """The engine's result for this case."""
        return simulate(
            action=self.action,
            resource=self.resource,
            principal=self.principal,
            identity_policies=self.identity,
            resource_policy=self.resource_policy,
            boundary_policies=self.boundary,
            context=self.context,
            resource_account=self.resource_account,
        ).result


def doc(*statements: dict, version: str | None = "2012-10-17") -> dict:
    """A policy document."""
    document: dict = {"Statement": list(statements)}
    if version is not None:
        document["Version"] = version
    return document


def allow(action: object = "*", resource: object = "*", **extra: object) -> dict:
    """An Allow statement (Condition=, Principal=, NotAction= ... via keywords)."""
    return _statement("Allow", action, resource, extra)


def deny(action: object = "*", resource: object = "*", **extra: object) -> dict:
    """A Deny statement."""
    return _statement("Deny", action, resource, extra)


def _statement(effect: str, action: object, resource: object, extra: dict) -> dict:
    statement: dict = {"Effect": effect}
    if "NotAction" not in extra and action is not None:
        statement["Action"] = action
    if "NotResource" not in extra and resource is not None:
        statement["Resource"] = resource
    statement.update(extra)
    return statement


def identity(*statements: dict, version: str | None = "2012-10-17") -> list[dict]:
    """A one-document identity policy list."""
    return [doc(*statements, version=version)]


def when(operator: str, key: str, value: object) -> dict:
    """A one-clause Condition element."""
    return {operator: {key: value}}


def parametrize(cases: list[Case]):
    """Parametrise a test over cases, each named by its id."""
    ids = [case.id for case in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return pytest.mark.parametrize("case", cases, ids=ids)
