"""A5: public and cross-account resource policies, ACLs, trust policies, Block Public Access."""

from __future__ import annotations

from explorer.analysis import kinds
from tests.analysis.findings.helpers import (
    ACCOUNT,
    FOREIGN,
    bucket,
    document,
    estate,
    fn,
    function,
    iam_role,
    of,
    queue,
    role,
    run,
)

EVERYONE = "*"
PARTNER = {"AWS": f"arn:aws:iam::{FOREIGN}:root"}
BLOCK_FLAGS = ("block_public_acls", "ignore_public_acls", "block_public_policy",
               "restrict_public_buckets")  # fmt: skip


def grant(principal: object, action: object, resource: str, **condition) -> dict:
    statement = {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return statement


def s3_bucket(name: str, *statements: dict, **extra) -> dict:
    flags = dict.fromkeys(BLOCK_FLAGS, False)
    policy = document(*statements) if statements else None
    return {"arn": bucket(name), "name": name, "policy": policy, **flags, **extra}


def account_settings(**flags) -> list[dict]:
    return [{"account": ACCOUNT, **dict.fromkeys(BLOCK_FLAGS, False), **flags}]


def public_read(name: str) -> dict:
    return grant(EVERYONE, "s3:GetObject", f"{bucket(name)}/*")


def test_public_read_bucket_policy_is_high_with_path_from_the_internet():
    est = estate(s3_buckets=[s3_bucket("gallery", public_read("gallery"))],
                 s3_account_settings=account_settings())  # fmt: skip

    [found] = of(run(est), "public-resource-policy")

    assert (found.owasp, found.severity, found.resource) == ("A5", "high", bucket("gallery"))
    assert found.path == (kinds.INTERNET, bucket("gallery"))
    assert "everyone" in found.title


def test_public_write_bucket_policy_is_critical():
    statement = grant(EVERYONE, "s3:PutObject", f"{bucket('drop')}/*")
    est = estate(s3_buckets=[s3_bucket("drop", statement)], s3_account_settings=account_settings())

    [found] = of(run(est), "public-resource-policy")

    assert found.severity == "critical"


def test_block_public_access_suppresses_public_bucket_policy():
    est = estate(s3_buckets=[s3_bucket("gallery", public_read("gallery"))],
                 s3_account_settings=account_settings(restrict_public_buckets=True))  # fmt: skip

    found = run(est)

    assert of(found, "public-resource-policy") == []
    [blocked] = of(found, "public-access-blocked")
    assert blocked.severity == "info"


def test_bucket_level_block_public_access_also_suppresses():
    row = s3_bucket("gallery", public_read("gallery"), restrict_public_buckets=True)
    est = estate(s3_buckets=[row], s3_account_settings=account_settings())

    assert of(run(est), "public-resource-policy") == []


def test_unknown_block_public_access_keeps_the_finding_and_says_so():
    row = s3_bucket("gallery", public_read("gallery"), restrict_public_buckets=None)
    est = estate(s3_buckets=[row])

    [found] = of(run(est), "public-resource-policy")

    assert "could not be read" in found.detail


def test_condition_narrowing_who_lowers_severity():
    statement = grant(EVERYONE, "s3:GetObject", f"{bucket('b')}/*",
                      IpAddress={"aws:SourceIp": "203.0.113.0/24"})  # fmt: skip
    est = estate(s3_buckets=[s3_bucket("b", statement)], s3_account_settings=account_settings())

    [found] = of(run(est), "public-resource-policy")

    assert found.severity == "medium"
    assert "aws:SourceIp" in found.detail


def test_queue_policy_for_a_foreign_account_is_cross_account_from_that_account():
    policy = document(grant(PARTNER, "sqs:SendMessage", queue("orders")))
    est = estate(sqs_queues=[{"arn": queue("orders"), "name": "orders", "policy": policy}])

    [found] = of(run(est), "cross-account-resource-policy")

    assert (found.severity, found.resource) == ("high", queue("orders"))
    assert found.path == (f"account:{FOREIGN}", queue("orders"))


def test_cross_account_read_is_medium():
    policy = document(grant(PARTNER, "s3:GetObject", f"{bucket('reports')}/*"))
    est = estate(s3_buckets=[s3_bucket("reports", *policy["Statement"])],
                 s3_account_settings=account_settings())  # fmt: skip

    [found] = of(run(est), "cross-account-resource-policy")

    assert found.severity == "medium"


def test_own_account_principal_is_not_reported():
    own = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
    policy = document(grant(own, "sqs:*", queue("orders")))
    est = estate(sqs_queues=[{"arn": queue("orders"), "name": "orders", "policy": policy}])

    found = run(est)

    assert of(found, "cross-account-resource-policy") == []
    assert of(found, "public-resource-policy") == []


def test_service_principal_without_source_condition_is_an_unscoped_service_principal():
    statement = grant({"Service": "s3.amazonaws.com"}, "sqs:SendMessage", queue("q"))
    est = estate(sqs_queues=[{"arn": queue("q"), "name": "q", "policy": document(statement)}])

    [found] = of(run(est), "unscoped-service-principal")

    assert found.severity == "low"


def test_service_principal_with_source_arn_is_fine():
    statement = grant({"Service": "s3.amazonaws.com"}, "sqs:SendMessage", queue("q"),
                      ArnLike={"aws:SourceArn": bucket("inbox")})  # fmt: skip
    est = estate(sqs_queues=[{"arn": queue("q"), "name": "q", "policy": document(statement)}])

    assert of(run(est), "unscoped-service-principal") == []


def trust(principal: object) -> dict:
    return document({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


def test_trust_policy_for_a_foreign_account_is_cross_account_on_the_role():
    est = estate(iam_roles=[iam_role("partner", trust=trust(PARTNER))])

    [found] = of(run(est), "cross-account-resource-policy")

    assert found.resource == role("partner")
    assert found.title.startswith("Trust policy of partner")


def test_trust_policy_for_a_service_is_not_reported():
    est = estate(iam_roles=[iam_role("exec", trust=trust({"Service": "lambda.amazonaws.com"}))])

    found = run(est)

    assert of(found, "cross-account-resource-policy") == []
    assert of(found, "unscoped-service-principal") == []


def function_policy(*statements: dict) -> dict:
    return {"function_arn": fn("admin"), "qualifier": "$LATEST", "policy": document(*statements)}


def test_function_policy_letting_any_account_invoke_is_critical():
    policy = function_policy(grant(EVERYONE, "lambda:InvokeFunction", fn("admin")))
    est = estate(functions=[function("admin")], function_policies=[policy])

    [found] = of(run(est), "public-resource-policy")

    assert found.severity == "critical"
    assert found.path == (kinds.ANY_ACCOUNT, fn("admin"))


def test_public_url_permission_is_left_to_the_function_url_rule():
    statement = grant(EVERYONE, "lambda:InvokeFunctionUrl", fn("admin"),
                      StringEquals={"lambda:FunctionUrlAuthType": "NONE"})  # fmt: skip
    est = estate(functions=[function("admin")], function_policies=[function_policy(statement)])

    assert of(run(est), "public-resource-policy") == []


def test_public_policy_of_a_regional_rest_api_adds_nothing():
    policy = document(grant(EVERYONE, "execute-api:Invoke", "execute-api:/*"))
    api = {"arn": "arn:aws:apigateway:us-east-1::/restapis/a", "name": "a",
           "endpoint_types": ["REGIONAL"], "policy": policy}  # fmt: skip

    assert of(run(estate(rest_apis=[api])), "public-resource-policy") == []


def test_public_policy_of_a_private_rest_api_is_reported():
    policy = document(grant(EVERYONE, "execute-api:Invoke", "execute-api:/*"))
    api = {"arn": "arn:aws:apigateway:us-east-1::/restapis/a", "name": "a",
           "endpoint_types": ["PRIVATE"], "policy": policy}  # fmt: skip

    [found] = of(run(estate(rest_apis=[api])), "public-resource-policy")

    assert found.resource == api["arn"]


def test_dynamodb_stream_policy_is_read_too():
    table = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/photos"
    stream = f"{table}/stream/2026-01-01T00:00:00.000"
    row = {"arn": table, "name": "photos", "stream_arn": stream,
           "stream_policy": document(grant(PARTNER, "dynamodb:GetRecords", stream))}  # fmt: skip

    [found] = of(run(estate(dynamodb_tables=[row])), "cross-account-resource-policy")

    assert found.resource == table
    assert "Stream policy" in found.title


def test_acl_read_for_all_users_is_a_public_bucket_acl():
    row = s3_bucket("old", acl_all_users=["READ"])
    est = estate(s3_buckets=[row], s3_account_settings=account_settings())

    [found] = of(run(est), "public-bucket-acl")

    assert (found.severity, found.path) == ("high", (kinds.INTERNET, bucket("old")))


def test_acl_write_for_any_aws_account_is_critical():
    row = s3_bucket("old", acl_authenticated_users=["WRITE"])
    est = estate(s3_buckets=[row], s3_account_settings=account_settings())

    [found] = of(run(est), "public-bucket-acl")

    assert found.severity == "critical"
    assert found.path[0] == kinds.ANY_ACCOUNT


def test_ignore_public_acls_turns_the_acl_finding_into_info():
    row = s3_bucket("old", acl_all_users=["FULL_CONTROL"])
    est = estate(s3_buckets=[row], s3_account_settings=account_settings(ignore_public_acls=True))

    found = run(est)

    assert of(found, "public-bucket-acl") == []
    assert [f.severity for f in of(found, "public-access-blocked")] == ["info"]


def test_private_bucket_raises_no_policy_finding():
    est = estate(s3_buckets=[s3_bucket("private")], s3_account_settings=account_settings())

    assert [f for f in run(est) if f.owasp == "A5"] == []


def test_grant_pinned_to_the_own_account_is_not_public():
    topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:events"
    default = grant({"AWS": "*"}, ["SNS:Publish", "SNS:Subscribe"], topic,
                    StringEquals={"AWS:SourceOwner": ACCOUNT})  # fmt: skip
    est = estate(sns_topics=[{"arn": topic, "name": "events", "policy": document(default)}])

    assert [f for f in run(est) if f.owasp == "A5"] == []


def test_grant_to_everyone_pinned_to_another_account_is_that_accounts():
    topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:events"
    statement = grant(
        {"AWS": "*"}, "SNS:Publish", topic, StringEquals={"aws:SourceAccount": FOREIGN}
    )
    est = estate(sns_topics=[{"arn": topic, "name": "events", "policy": document(statement)}])

    assert of(run(est), "public-resource-policy") == []
    [found] = of(run(est), "cross-account-resource-policy")
    assert f"account {FOREIGN}" in found.title
    assert found.path == (kinds.account_origin(FOREIGN), topic)

    assert found.severity == "high"
