"""Policies and roles no one in the account can change, each with the AWS page that says so."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.iam.immutable import AWS_MANAGED, IDENTITY_CENTER, SERVICE_LINKED, unmodifiable
from tests.iam.cases import ACCOUNT


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws-cn:iam::aws:policy/ReadOnlyAccess",
        "arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess",
    ],
)
def test_an_aws_managed_policy_cannot_be_changed(arn: str) -> None:
    """IAM UG, "Managed policies and inline policies", AWS managed policies
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies):
    "You cannot change the permissions defined in AWS managed policies." Their ARNs name the
    account `aws`, in every partition."""
    assert unmodifiable(arn) == AWS_MANAGED


def test_a_service_linked_role_cannot_be_changed() -> None:
    """IAM UG, "Update permissions for a role"
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-permissions.html):
    "You cannot modify the permissions policy for a service-linked role in IAM"; IAM UG, "Using
    service-linked roles" (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html):
    they live under the path /aws-service-role/<service principal>/."""
    arn = (
        f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda"
    )

    assert unmodifiable(arn) == SERVICE_LINKED


def test_an_identity_center_role_cannot_be_changed() -> None:
    """IAM Identity Center UG, "IAM roles created by IAM Identity Center"
    (https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html):
    IAM Identity Center manages the role and updates it from the permission set; "Using
    service-linked roles for IAM Identity Center"
    (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html):
    those roles are on the path /aws-reserved/sso.amazonaws.com/."""
    arn = (
        f"arn:aws:iam::{ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/"
        "AWSReservedSSO_AdministratorAccess_0123456789abcdef"
    )

    assert unmodifiable(arn) == IDENTITY_CENTER


@pytest.mark.parametrize(
    "arn",
    [
        f"arn:aws:iam::{ACCOUNT}:policy/aws-policy/AdministratorAccess",  # customer managed
        f"arn:aws:iam::{ACCOUNT}:role/app",
        f"arn:aws:iam::{ACCOUNT}:role/aws-service-role",  # a role *named* so, at the root path
        f"arn:aws:iam::{ACCOUNT}:role/team/aws-reserved/x",  # the path only contains it
        f"arn:aws:iam::{ACCOUNT}:user/aws-service-role/alice",
        "arn:aws:iam::aws:role/aws-service-role/x",
        "AdministratorAccess",
        "",
    ],
)
def test_everything_else_can_be_changed_as_far_as_its_arn_tells(arn: str) -> None:
    """IAM UG, "Managed policies and inline policies" (URL above): customer managed policies are
    the account's own, as are roles outside the reserved paths."""
    assert unmodifiable(arn) is None


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.builds(lambda tail: "arn:aws:iam::" + tail, st.text()),
        st.builds(lambda tail: f"arn:aws:iam::{ACCOUNT}:role/" + tail, st.text()),
    )
)
def test_unmodifiable_never_raises_and_answers_a_sentence_or_none(text: str) -> None:
    found = unmodifiable(text)

    assert found is None or (found.endswith(".") and found[0].isupper())
