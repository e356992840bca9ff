"""S3 bucket settings: Block Public Access off (bucket and account), plain HTTP allowed, ACLs
still enabled; unknown settings never read as off."""

from __future__ import annotations

from tests.analysis.findings.helpers import ACCOUNT, bucket, document, error, estate, of, run

FLAGS = ("block_public_acls", "ignore_public_acls", "block_public_policy",
         "restrict_public_buckets")  # fmt: skip
ACCOUNT_ID = f"arn:aws:s3::{ACCOUNT}:account"
BLOCK_OFF, ACCOUNT_OFF = "bucket-public-access-block-off", "account-public-access-block-off"
HTTP, ACLS = "bucket-allows-http", "bucket-acls-enabled"


def s3_bucket(name: str, policy: dict | None = None, block: bool | None = True, **extra) -> dict:
    """A bucket with every Block Public Access flag set to `block`, ACLs disabled."""
    return {"arn": bucket(name), "name": name, "policy": policy, **dict.fromkeys(FLAGS, block),
            "object_ownership": "BucketOwnerEnforced", "owner_id": "owner", **extra}  # fmt: skip


def account(block: bool | None = True, **flags) -> list[dict]:
    return [{"account": ACCOUNT, **dict.fromkeys(FLAGS, block), **flags}]


def tls_only(name: str, **changes) -> dict:
    """The statement AWS recommends: deny everyone every S3 action over plain HTTP."""
    statement = {
        "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
        "Resource": [bucket(name), f"{bucket(name)}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }  # fmt: skip
    return {**statement, **changes}


# -- Block Public Access ----------------------------------------------------------------------


def test_bucket_and_account_both_off_name_every_flag_and_the_bucket_relying_on_it():
    est = estate(s3_buckets=[s3_bucket("logs", block=False)], s3_account_settings=account(False))

    found = run(est)

    [on_bucket] = of(found, BLOCK_OFF)
    [on_account] = of(found, ACCOUNT_OFF)
    assert (on_bucket.owasp, on_bucket.severity, on_bucket.resource) == (
        "A6",
        "low",
        bucket("logs"),
    )
    assert "BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets" in (
        on_bucket.detail
    )
    assert (on_account.severity, on_account.resource) == ("medium", ACCOUNT_ID)
    assert "1 bucket(s) lack the setting themselves: logs" in on_account.detail


def test_account_setting_covers_a_bucket_without_its_own():
    est = estate(s3_buckets=[s3_bucket("logs", block=False)], s3_account_settings=account(True))

    assert of(run(est), BLOCK_OFF) == [] and of(run(est), ACCOUNT_OFF) == []


def test_account_off_is_low_when_every_bucket_blocks_itself():
    est = estate(s3_buckets=[s3_bucket("logs")], s3_account_settings=account(False))

    [found] = of(run(est), ACCOUNT_OFF)

    assert found.severity == "low"
    assert of(run(est), BLOCK_OFF) == []


def test_flags_combine_one_by_one_across_bucket_and_account():
    row = s3_bucket("logs", block=False, ignore_public_acls=True)
    est = estate(s3_buckets=[row], s3_account_settings=account(False, restrict_public_buckets=True))

    assert of(run(est), BLOCK_OFF) == []


def test_only_the_flags_that_refuse_new_grants_off_is_no_finding():
    refuse_new = {"block_public_acls": False, "block_public_policy": False}
    est = estate(s3_buckets=[s3_bucket("logs", **refuse_new)],
                 s3_account_settings=account(True, **refuse_new))  # fmt: skip

    found = run(est)

    assert of(found, BLOCK_OFF) == [] and of(found, ACCOUNT_OFF) == []


def test_bucket_finding_names_only_the_flags_off_at_both_levels():
    row = s3_bucket("logs", block=False, block_public_acls=True)
    est = estate(s3_buckets=[row], s3_account_settings=account(False, block_public_policy=True))

    [found] = of(run(est), BLOCK_OFF)

    assert "Off at both bucket and account level: IgnorePublicAcls, RestrictPublicBuckets." in (
        found.detail
    )
    assert "The bucket itself turns on BlockPublicAcls." in found.detail


def test_unreadable_bucket_setting_is_not_called_off():
    est = estate(s3_buckets=[s3_bucket("logs", block=None)], s3_account_settings=account(False))

    assert of(run(est), BLOCK_OFF) == []


def test_unread_account_setting_leaves_the_bucket_unjudged():
    est = estate(
        s3_buckets=[s3_bucket("logs", block=False)],
        errors=[error("s3control", "GetPublicAccessBlock", resource=ACCOUNT)],
    )

    found = run(est)

    assert of(found, BLOCK_OFF) == [] and of(found, ACCOUNT_OFF) == []
    assert any(f.rule == "coverage-gap" and "s3control" in f.title for f in found)


def test_account_flags_that_could_not_be_read_are_named_as_such():
    est = estate(s3_account_settings=account(False, block_public_policy=None))

    [found] = of(run(est), ACCOUNT_OFF)

    assert "Could not be read: BlockPublicPolicy." in found.detail
    assert "BlockPublicPolicy," not in found.detail.split("Could not be read")[0]


def test_public_policy_in_effect_raises_the_bucket_finding_to_medium():
    grant = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"{bucket('site')}/*"}  # fmt: skip
    est = estate(s3_buckets=[s3_bucket("site", document(grant), block=False)],
                 s3_account_settings=account(False))  # fmt: skip

    [found] = of(run(est), BLOCK_OFF)

    assert found.severity == "medium"
    assert "its policy lets everyone s3:GetObject" in found.detail


def test_public_acl_in_effect_raises_the_bucket_finding_to_medium():
    row = s3_bucket("site", block=False, acl_all_users=["READ"])
    est = estate(s3_buckets=[row], s3_account_settings=account(False))

    [found] = of(run(est), BLOCK_OFF)

    assert found.severity == "medium" and "its ACL grants everyone READ" in found.detail


def test_public_grant_blocked_by_the_flag_still_on_does_not_raise_severity():
    row = s3_bucket("site", block=False, restrict_public_buckets=True, acl_all_users=[])
    grant = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"{bucket('site')}/*"}  # fmt: skip
    est = estate(s3_buckets=[{**row, "policy": document(grant)}],
                 s3_account_settings=account(False))  # fmt: skip

    [found] = of(run(est), BLOCK_OFF)

    assert found.severity == "low" and "IgnorePublicAcls" in found.detail


# -- TLS-only bucket policy -------------------------------------------------------------------


def http(*rows: dict, errors: list | None = None) -> list:
    return of(
        run(estate(s3_buckets=list(rows), s3_account_settings=account(), errors=errors)), HTTP
    )


def test_bucket_without_a_policy_accepts_plain_http():
    [found] = http(s3_bucket("data"))

    assert (found.owasp, found.severity, found.resource) == ("A3", "low", bucket("data"))
    assert "no policy" in found.detail


def test_the_recommended_deny_is_enough():
    assert http(s3_bucket("data", document(tls_only("data")))) == []


def test_deny_of_object_actions_on_every_object_is_enough():
    statement = tls_only("data", Action=["s3:GetObject", "s3:PutObject"],
                         Resource=f"{bucket('data')}/*")  # fmt: skip

    assert http(s3_bucket("data", document(statement))) == []


def test_bool_if_exists_and_list_values_and_key_case_are_read_as_aws_does():
    condition = {"BoolIfExists": {"AWS:SECURETRANSPORT": ["false"]}}

    assert http(s3_bucket("data", document(tls_only("data", Condition=condition)))) == []


def test_deny_for_one_principal_only_is_not_enough():
    statement = tls_only("data", Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})

    [found] = http(s3_bucket("data", document(statement)))

    assert "no Deny on aws:SecureTransport" in found.detail


def test_deny_of_writes_only_names_what_is_still_allowed_over_http():
    [found] = http(s3_bucket("data", document(tls_only("data", Action="s3:PutObject"))))

    assert "refuses plain HTTP for s3:PutObject only, not for s3:GetObject" in found.detail


def test_deny_narrowed_by_another_condition_is_not_enough():
    condition = {"Bool": {"aws:SecureTransport": "false"},
                 "StringNotEquals": {"aws:SourceVpce": "vpce-1"}}  # fmt: skip

    assert len(http(s3_bucket("data", document(tls_only("data", Condition=condition))))) == 1


def test_deny_on_one_prefix_is_not_enough():
    statement = tls_only("data", Resource=f"{bucket('data')}/private/*")

    assert len(http(s3_bucket("data", document(statement)))) == 1


def test_deny_of_secure_requests_is_not_a_tls_deny():
    statement = tls_only("data", Condition={"Bool": {"aws:SecureTransport": "true"}})

    assert len(http(s3_bucket("data", document(statement)))) == 1


def test_policy_that_could_not_be_read_raises_no_finding():
    failed = error("s3", "GetBucketPolicy", resource=bucket("data"))

    assert http(s3_bucket("data"), errors=[failed]) == []


def test_unparseable_policy_raises_no_finding():
    assert http(s3_bucket("data", {"Statement": "not a statement list"})) == []


def test_malformed_statement_beside_a_tls_deny_does_not_hide_it():
    broken = {"Effect": "Allow", "Action": 7, "Resource": "*", "Principal": "*"}

    assert http(s3_bucket("data", document(broken, tls_only("data")))) == []


def test_malformed_statement_without_a_tls_deny_leaves_the_bucket_unjudged():
    broken = {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Principal": 7}

    assert http(s3_bucket("data", document(broken))) == []


# -- Object Ownership -------------------------------------------------------------------------


def acls(*rows: dict) -> list:
    return of(run(estate(s3_buckets=list(rows), s3_account_settings=account())), ACLS)


def test_object_writer_and_owner_preferred_still_honour_acls():
    found = acls(
        s3_bucket("old", object_ownership="ObjectWriter"),
        s3_bucket("mixed", object_ownership="BucketOwnerPreferred"),
    )

    assert {(f.resource, f.owasp, f.severity) for f in found} == {
        (bucket("old"), "A6", "low"),
        (bucket("mixed"), "A6", "low"),
    }
    assert any("Object Ownership ObjectWriter" in f.title for f in found)


def test_owner_enforced_disables_acls():
    assert acls(s3_bucket("new")) == []


def test_unknown_ownership_is_not_called_enabled():
    assert acls(s3_bucket("unread", object_ownership=None)) == []
    assert acls({k: v for k, v in s3_bucket("old").items() if k != "object_ownership"}) == []


def test_acl_grantees_besides_the_owner_are_named():
    grants = [
        {"grantee": "owner", "type": "CanonicalUser", "permission": "FULL_CONTROL"},
        {"grantee": "partner-id", "type": "CanonicalUser", "permission": "READ"},
    ]

    [found] = acls(s3_bucket("old", object_ownership="ObjectWriter", acl_grants=grants))

    assert "1 grantee(s) besides the owner: partner-id" in found.detail
