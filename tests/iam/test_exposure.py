"""Resource-policy exposure: who may act on a resource, what narrows it, and Block Public
Access overriding public grants."""

from __future__ import annotations

from explorer.iam import Exposure, resource_exposure
from tests.iam.cases import ACCOUNT, FUNCTION, OTHER, QUEUE, TOPIC, allow, deny, doc

BUCKET_OBJECT = "arn:aws:s3:::site/index.html"


def expose(
    *statements: dict, actions: list[str] | None = None, resource: str = QUEUE, **kw: object
) -> list[Exposure]:
    """Exposures of QUEUE (or `resource`) in ACCOUNT under a policy of these statements."""
    return resource_exposure(doc(*statements), actions, resource, ACCOUNT, **kw)  # type: ignore[arg-type]


def test_public_bucket_policy() -> None:
    found = expose(
        allow("s3:GetObject", "arn:aws:s3:::site/*", Principal="*"),
        actions=["s3:GetObject"],
        resource=BUCKET_OBJECT,
    )

    assert [(e.who, e.narrowed, e.cross_account) for e in found] == [("public", False, True)]


def test_star_on_lambda_is_any_account() -> None:
    found = expose(allow("lambda:InvokeFunction", FUNCTION, Principal="*"), resource=FUNCTION)

    assert found[0].who == "any-account"


def test_foreign_account_named() -> None:
    found = expose(allow("sqs:SendMessage", QUEUE, Principal={"AWS": f"arn:aws:iam::{OTHER}:root"}))

    assert (found[0].who, found[0].account, found[0].cross_account) == (
        f"account:{OTHER}",
        OTHER,
        True,
    )


def test_same_account_named() -> None:
    found = expose(allow("sqs:SendMessage", QUEUE, Principal={"AWS": ACCOUNT}))

    assert found[0].who == "same-account" and not found[0].cross_account


def test_foreign_role_named_by_arn() -> None:
    role = f"arn:aws:iam::{OTHER}:role/reader"

    found = expose(allow("sqs:ReceiveMessage", QUEUE, Principal={"AWS": [role]}))

    assert (found[0].who, found[0].kind, found[0].account) == (role, "principal", OTHER)


def test_service_without_source_condition_is_not_narrowed() -> None:
    found = expose(allow("sqs:SendMessage", QUEUE, Principal={"Service": "sns.amazonaws.com"}))

    assert found[0].who == "service:sns.amazonaws.com" and not found[0].narrowed


def test_service_with_source_arn_is_narrowed() -> None:
    condition = {"ArnEquals": {"aws:SourceArn": TOPIC}}

    found = expose(
        allow(
            "sqs:SendMessage",
            QUEUE,
            Principal={"Service": "sns.amazonaws.com"},
            Condition=condition,
        )
    )

    assert found[0].narrowed and found[0].conditions[0].key == "aws:SourceArn"


def test_public_narrowed_by_org_id() -> None:
    condition = {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}

    found = expose(allow("sqs:SendMessage", QUEUE, Principal="*", Condition=condition))

    assert found[0].who == "public" and found[0].narrowed


def test_wildcard_value_does_not_narrow() -> None:
    condition = {"StringLike": {"aws:SourceAccount": "*"}}

    assert not expose(allow("sqs:*", QUEUE, Principal="*", Condition=condition))[0].narrowed


def test_unrelated_condition_does_not_narrow() -> None:
    condition = {"Bool": {"aws:SecureTransport": "true"}}

    found = expose(allow("sqs:*", QUEUE, Principal="*", Condition=condition))

    assert not found[0].narrowed and found[0].conditions


def test_actions_filter() -> None:
    found = expose(allow("sqs:ReceiveMessage", QUEUE, Principal="*"), actions=["sqs:SendMessage"])

    assert found == []


def test_statement_for_other_resource_ignored() -> None:
    assert expose(allow("sqs:*", QUEUE + "-other", Principal="*")) == []


def test_unconditional_deny_removes_exposure() -> None:
    found = expose(allow("sqs:*", QUEUE, Principal="*"), deny("sqs:*", QUEUE, Principal="*"))

    assert found == []


def test_deny_unless_vpce_narrows() -> None:
    vpce_only = deny(
        "sqs:*",
        QUEUE,
        Principal="*",
        Condition={"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b"}},
    )

    found = expose(allow("sqs:*", QUEUE, Principal="*"), vpce_only)

    assert found[0].narrowed and found[0].conditions[-1].source == "Deny"


def test_block_public_access_overrides_public_grant() -> None:
    found = expose(
        allow("s3:GetObject", "*", Principal="*"),
        actions=["s3:GetObject"],
        resource=BUCKET_OBJECT,
        block_public_access=True,
    )

    assert found[0].blocked_by_public_access is True


def test_block_public_access_also_blocks_accounts_of_a_public_policy() -> None:
    found = expose(
        allow("s3:GetObject", "*", Principal="*"),
        allow("s3:GetObject", "*", Principal={"AWS": OTHER}),
        actions=["s3:GetObject"],
        resource=BUCKET_OBJECT,
        block_public_access=True,
    )

    assert [e.blocked_by_public_access for e in found] == [True, True]


def test_block_public_access_spares_non_public_policy() -> None:
    found = expose(
        allow("s3:GetObject", "*", Principal={"AWS": OTHER}),
        actions=["s3:GetObject"],
        resource=BUCKET_OBJECT,
        block_public_access=True,
    )

    assert found[0].blocked_by_public_access is False


def test_block_public_access_unknown() -> None:
    found = expose(
        allow("s3:GetObject", "*", Principal="*"), actions=["s3:GetObject"], resource=BUCKET_OBJECT
    )

    assert found[0].blocked_by_public_access is None


def test_malformed_policy_yields_no_exposure() -> None:
    assert resource_exposure("{not json", ["s3:GetObject"], BUCKET_OBJECT, ACCOUNT) == []


def test_notprincipal_allow_is_public() -> None:
    found = expose(allow("sns:Publish", TOPIC, NotPrincipal={"AWS": OTHER}), resource=TOPIC)

    assert found[0].who == "public"
