"""Two AWS exceptions to the usual evaluation: sts:GetCallerIdentity needs no permission, and a
KMS key's own policy must allow too, so without it an IAM allow is only conditional."""

from __future__ import annotations

import pytest

from explorer.iam import (
    PrincipalPolicies,
    ResourceIndex,
    effective_permissions,
    is_admin_equivalent,
    simulate,
)
from explorer.iam.bulk import evaluate_resources
from explorer.iam.evaluate import KEY_POLICY_UNKNOWN
from tests.iam.cases import ACCOUNT, OTHER, QUEUE, ROLE, SESSION, USER, allow, deny, doc

CALLER_IDENTITY = "sts:GetCallerIdentity"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
FOREIGN_KEY = f"arn:aws:kms:us-east-1:{OTHER}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ALIAS = f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/app"
ENABLE_IAM = {
    "Version": "2012-10-17",
    "Statement": [allow("kms:*", "*", Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})],
}


@pytest.mark.parametrize("principal", [ROLE, SESSION, USER, ACCOUNT])
@pytest.mark.parametrize(
    "policies", [[], [doc(deny())], [doc(deny(CALLER_IDENTITY))]], ids=["none", "deny-all", "deny"]
)
def test_get_caller_identity_is_allowed_whatever_the_policies(
    principal: str, policies: list
) -> None:
    """STS API Reference, GetCallerIdentity
    (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html): "No
    permissions are required to perform this operation. If an administrator attaches a policy
    to your identity that explicitly denies access to the sts:GetCallerIdentity action, you can
    still perform this operation." """
    decision = simulate(CALLER_IDENTITY, "*", principal, policies)

    assert decision.result == "allowed" and decision.notes


def test_get_caller_identity_still_needs_a_caller() -> None:
    """STS API Reference, GetCallerIdentity (URL above): it returns the caller's identity, so an
    anonymous request has none to ask about."""
    assert simulate(CALLER_IDENTITY, "*", None).result == "implicitly_denied"


def test_bulk_evaluation_allows_get_caller_identity_under_a_deny() -> None:
    """STS API Reference, GetCallerIdentity (URL above), through the graph builder's bulk path."""
    principal = PrincipalPolicies(ROLE, [doc(deny())])
    index = ResourceIndex(["*", QUEUE])

    bulk = evaluate_resources(principal, CALLER_IDENTITY, index)

    assert bulk.allowed == index.every and not bulk.denied


def test_effective_permissions_never_list_get_caller_identity() -> None:
    """STS API Reference, GetCallerIdentity (URL above): needing no permission, a grant of it
    gives nothing, so it never counts as a capability (nor as denied)."""
    permissions = effective_permissions([doc(allow("sts:*"), deny(CALLER_IDENTITY))], None, ROLE)

    assert permissions.grants(CALLER_IDENTITY) == []
    assert CALLER_IDENTITY not in {
        action for level in permissions.service("sts").values() for action in level
    }
    assert all(d.action != CALLER_IDENTITY for d in permissions.denied("sts"))
    assert permissions.grants("sts:AssumeRole")


def test_a_principal_without_policies_is_not_admin_for_calling_get_caller_identity() -> None:
    """STS API Reference, GetCallerIdentity (URL above): what every caller may do adds nothing."""
    verdict = is_admin_equivalent([doc(allow(CALLER_IDENTITY))], None, ROLE)

    assert not verdict.admin and not verdict.conditional


def test_an_iam_allow_on_a_key_without_its_key_policy_is_conditional() -> None:
    """KMS Developer Guide, "Key policies in AWS KMS"
    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html): "Unless the key
    policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key." """
    decision = simulate("kms:Decrypt", KEY, ROLE, [doc(allow("kms:Decrypt", KEY))])

    assert decision.result == "conditional"
    assert decision.notes == (KEY_POLICY_UNKNOWN,)
    assert [ref.kind for ref in decision.reasons] == ["identity"]


def test_with_the_key_policy_given_the_usual_rule_applies() -> None:
    """KMS DG, "Default key policy"
    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html): the
    statement naming the account lets IAM policies allow."""
    decision = simulate("kms:Decrypt", KEY, ROLE, [doc(allow("kms:*"))], ENABLE_IAM)

    assert decision.result == "allowed" and not decision.notes


@pytest.mark.parametrize(
    ("policies", "expected"),
    [
        ([], "implicitly_denied"),
        ([doc(allow("kms:*"), deny("kms:Decrypt", KEY))], "explicitly_denied"),
        ([doc(allow("s3:*"))], "implicitly_denied"),
    ],
    ids=["no-allow", "iam-deny", "other-service"],
)
def test_without_an_iam_allow_the_missing_key_policy_changes_nothing(
    policies: list, expected: str
) -> None:
    """KMS DG, "Key policies in AWS KMS" (URL above): "You can use an IAM policy to
    deny a permission to a KMS key without permission from a key policy"."""
    assert simulate("kms:Decrypt", KEY, ROLE, policies).result == expected


@pytest.mark.parametrize(
    ("action", "resource"),
    [("kms:ListKeys", "*"), ("kms:CreateKey", "*"), ("kms:CreateAlias", ALIAS)],
)
def test_kms_actions_on_no_key_need_no_key_policy(action: str, resource: str) -> None:
    """KMS DG, "Using IAM policies with AWS KMS"
    (https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies.html): IAM policies
    control operations that involve no particular KMS key, such as CreateKey."""
    assert simulate(action, resource, ROLE, [doc(allow("kms:*"))]).result == "allowed"


def test_a_foreign_key_without_its_key_policy_is_conditional() -> None:
    """KMS DG, "Allowing users in other accounts to use a KMS key"
    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html):
    the key policy may give the other account access; the snapshot does not say."""
    decision = simulate("kms:Decrypt", FOREIGN_KEY, ROLE, [doc(allow("kms:Decrypt", "*"))])

    assert decision.result == "conditional"


def test_bulk_and_effective_permissions_hold_keys_conditional_without_key_policies() -> None:
    """KMS DG, "Key policies in AWS KMS" (URL above), through the graph builder's bulk
    path and a grant's `covers`: an alias needs no key policy, a key does."""
    principal = PrincipalPolicies(ROLE, [doc(allow("kms:*"))])
    index = ResourceIndex([KEY, ALIAS])

    bulk = evaluate_resources(principal, "kms:Decrypt", index)
    grant = effective_permissions(principal).grants("kms:Decrypt")[0]

    assert bulk.conditional == index.positions([KEY])
    assert bulk.allowed == index.positions([ALIAS])
    assert (grant.covers(KEY), grant.covers(ALIAS)) == (None, True)
