"""Table-driven cases for matching: actions, resource ARNs, S3 bucket and object ARNs, policy
variables in Resource, and the policy language Version."""

from __future__ import annotations

from tests.iam.cases import (
    ACCOUNT,
    ACTION,
    ALLOWED,
    BUCKET,
    FUNCTION,
    IMPLICIT,
    OBJECT,
    QUEUE,
    RESOURCE,
    ROLE,
    S3ARN,
    TABLE,
    USER,
    VARS,
    VERSION,
    Case,
    allow,
    identity,
    parametrize,
)


def act(case_id: str, rule: str, pattern: object, action: str, expect: bool) -> Case:
    """An Allow of `pattern` on every resource, checked for `action`."""
    return Case(
        case_id,
        rule,
        ALLOWED if expect else IMPLICIT,
        action,
        "*",
        identity=identity(allow(pattern, "*")),
    )


def res(
    case_id: str,
    rule: str,
    pattern: object,
    resource: str,
    expect: bool,
    action: str = "s3:GetObject",
    **kwargs: object,
) -> Case:
    """An Allow of every action on `pattern`, checked for `resource`."""
    version = kwargs.pop("version", "2012-10-17")
    return Case(
        case_id,
        rule,
        ALLOWED if expect else IMPLICIT,
        action,
        resource,
        identity=identity(allow("*", pattern), version=version),
        **kwargs,
    )  # type: ignore[arg-type]


T, F = True, False

ACTIONS = [
    act("action-exact", ACTION, "s3:GetObject", "s3:GetObject", T),
    act(
        "action-case-insensitive-name",
        f"{ACTION}: action names are case-insensitive",
        "s3:getobject",
        "s3:GetObject",
        T,
    ),
    act(
        "action-case-insensitive-prefix",
        f"{ACTION}: service prefixes are case-insensitive",
        "S3:GetObject",
        "s3:GetObject",
        T,
    ),
    act(
        "action-request-case",
        f"{ACTION}: the requested action's case does not matter",
        "s3:GetObject",
        "S3:GETOBJECT",
        T,
    ),
    act("action-star", f"{ACTION}: '*' is every action", "*", "iam:CreateUser", T),
    act(
        "action-service-star",
        f"{ACTION}: 'service:*' is every action of the service",
        "s3:*",
        "s3:DeleteBucket",
        T,
    ),
    act("action-service-star-other-service", ACTION, "s3:*", "sqs:SendMessage", F),
    act(
        "action-prefix-star",
        f"{ACTION}: wildcards within the action name",
        "s3:Get*",
        "s3:GetObjectAcl",
        T,
    ),
    act("action-prefix-star-miss", ACTION, "s3:Get*", "s3:PutObject", F),
    act("action-middle-star", ACTION, "iam:*AccessKey*", "iam:CreateAccessKey", T),
    act("action-qmark", f"{ACTION}: '?' is one character", "sqs:?etQueueUrl", "sqs:GetQueueUrl", T),
    act("action-qmark-miss", ACTION, "sqs:?QueueUrl", "sqs:GetQueueUrl", F),
    act(
        "action-list",
        f"{ACTION}: a list of actions is ORed",
        ["sqs:SendMessage", "s3:GetObject"],
        "s3:GetObject",
        T,
    ),
    act("action-list-miss", ACTION, ["sqs:SendMessage", "s3:PutObject"], "s3:GetObject", F),
    act(
        "action-prefix-not-substring",
        f"{ACTION}: the whole name must match",
        "s3:Get",
        "s3:GetObject",
        F,
    ),
    act(
        "action-service-not-prefix",
        f"{ACTION}: the service prefix is matched whole",
        "s3:GetObject",
        "s3x:GetObject",
        F,
    ),
    act(
        "action-star-service",
        f"{ACTION}: a wildcard in the service prefix",
        "*:GetObject",
        "s3:GetObject",
        T,
    ),
    act("action-suffix", ACTION, "lambda:*Function", "lambda:InvokeFunction", T),
    act("action-suffix-miss", ACTION, "lambda:*Function", "lambda:InvokeAsync", F),
    act(
        "action-unknown-action-name",
        f"{ACTION}: unknown action names still match patterns",
        "s3:*",
        "s3:MadeUpAction",
        T,
    ),
]

_S3_ALL = "arn:aws:s3:::*"
RESOURCES = [
    res("res-exact", RESOURCE, QUEUE, QUEUE, T),
    res("res-star", f"{RESOURCE}: '*' is every resource", "*", QUEUE, T),
    res("res-other", RESOURCE, QUEUE, QUEUE + "x", F),
    res("res-prefix-not-enough", f"{RESOURCE}: the whole ARN must match", QUEUE, QUEUE + "-dlq", F),
    res(
        "res-region-wildcard",
        f"{RESOURCE}: wildcard in the region segment",
        f"arn:aws:sqs:*:{ACCOUNT}:jobs",
        QUEUE,
        T,
    ),
    res(
        "res-account-wildcard",
        f"{RESOURCE}: wildcard in the account segment",
        "arn:aws:sqs:us-east-1:*:jobs",
        QUEUE,
        T,
    ),
    res(
        "res-region-wildcard-not-into-account",
        f"{RESOURCE}: a segment wildcard does not swallow the next segment",
        "arn:aws:sqs:*:999999999999:jobs",
        QUEUE,
        F,
    ),
    res(
        "res-segment-partial",
        f"{RESOURCE}: wildcards within a segment",
        "arn:aws:sqs:us-*:*:jobs",
        QUEUE,
        T,
    ),
    res(
        "res-segment-qmark",
        f"{RESOURCE}: '?' within a segment",
        "arn:aws:sqs:us-east-?:*:jobs",
        QUEUE,
        T,
    ),
    res(
        "res-resource-part-star",
        f"{RESOURCE}: '*' in the resource part",
        "arn:aws:sqs:*:*:*",
        QUEUE,
        T,
    ),
    res("res-resource-part-prefix", RESOURCE, f"arn:aws:sqs:us-east-1:{ACCOUNT}:j*", QUEUE, T),
    res(
        "res-resource-part-crosses-slash",
        f"{RESOURCE}: '*' in the resource part spans '/'",
        f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/*",
        TABLE + "/index/by-date",
        T,
    ),
    res(
        "res-resource-part-crosses-colon",
        f"{RESOURCE}: '*' in the resource part spans ':'",
        f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:*",
        FUNCTION + ":prod",
        T,
    ),
    res(
        "res-function-exact-not-alias",
        f"{RESOURCE}: an unqualified function ARN is not its alias",
        FUNCTION,
        FUNCTION + ":prod",
        F,
    ),
    res("res-service-mismatch", RESOURCE, f"arn:aws:sns:us-east-1:{ACCOUNT}:jobs", QUEUE, F),
    res("res-partition-mismatch", RESOURCE, f"arn:aws-cn:sqs:us-east-1:{ACCOUNT}:jobs", QUEUE, F),
    res(
        "res-case-sensitive",
        f"{RESOURCE}: resource ARNs are case sensitive",
        f"arn:aws:sqs:us-east-1:{ACCOUNT}:JOBS",
        QUEUE,
        F,
    ),
    res("res-list", f"{RESOURCE}: a list of resources is ORed", [BUCKET, QUEUE], QUEUE, T),
    res(
        "res-trailing-segment-star",
        f"{RESOURCE}: a trailing '*' can expand past colons",
        "arn:aws:sqs:*",
        QUEUE,
        T,
    ),
    res(
        "res-star-only-not-arn",
        f"{RESOURCE}: an ARN pattern does not match the '*' resource of "
        "actions without resource-level permissions",
        "arn:aws:s3:::*",
        "*",
        F,
        action="s3:ListAllMyBuckets",
    ),
    res("res-star-matches-star", RESOURCE, "*", "*", T, action="s3:ListAllMyBuckets"),
    res(
        "res-iam-role-path",
        RESOURCE,
        f"arn:aws:iam::{ACCOUNT}:role/*",
        ROLE,
        T,
        action="iam:PassRole",
    ),
    res(
        "res-iam-role-path-specific",
        RESOURCE,
        f"arn:aws:iam::{ACCOUNT}:role/service/*",
        ROLE,
        F,
        action="iam:PassRole",
    ),
]

S3 = [
    res(
        "s3-bucket-arn-not-object",
        f"{S3ARN}: a bucket ARN does not cover its objects",
        BUCKET,
        OBJECT,
        F,
    ),
    res(
        "s3-object-arn-not-bucket",
        f"{S3ARN}: an object ARN pattern does not cover the bucket",
        BUCKET + "/*",
        BUCKET,
        F,
        action="s3:ListBucket",
    ),
    res("s3-object-wildcard", S3ARN, BUCKET + "/*", OBJECT, T),
    res("s3-bucket-exact", S3ARN, BUCKET, BUCKET, T, action="s3:ListBucket"),
    res(
        "s3-all-buckets-and-objects",
        f"{S3ARN}: arn:aws:s3:::* covers buckets and objects",
        _S3_ALL,
        OBJECT,
        T,
    ),
    res("s3-all-buckets-bucket", S3ARN, _S3_ALL, BUCKET, T, action="s3:ListBucket"),
    res("s3-prefix-folder", S3ARN, BUCKET + "/reports/*", OBJECT, T),
    res("s3-prefix-other-folder", S3ARN, BUCKET + "/images/*", OBJECT, F),
    res(
        "s3-bucket-name-prefix",
        f"{S3ARN}: bucket-name wildcard then objects",
        "arn:aws:s3:::data-*/*",
        OBJECT,
        T,
    ),
    res(
        "s3-bucket-star-no-slash",
        f"{S3ARN}: 'data-bucket*' also covers objects (no segment boundary in the resource part)",
        BUCKET + "*",
        OBJECT,
        T,
    ),
    res("s3-other-bucket", S3ARN, "arn:aws:s3:::other-bucket/*", OBJECT, F),
    res("s3-similar-bucket-name", S3ARN, BUCKET + "/*", "arn:aws:s3:::data-bucket-2/x", F),
    res("s3-object-key-with-spaces", S3ARN, BUCKET + "/*", BUCKET + "/my file.txt", T),
    res("s3-object-exact-key", S3ARN, OBJECT, OBJECT, T),
]

_HOME = "arn:aws:s3:::home-bucket/home/"
VARIABLES = [
    res(
        "var-username",
        f"{VARS}: ${{aws:username}} is the user's friendly name",
        _HOME + "${aws:username}/*",
        _HOME + "alice/notes.txt",
        T,
        principal=USER,
    ),
    res(
        "var-username-other-user",
        f"{VARS}: another user's folder",
        _HOME + "${aws:username}/*",
        _HOME + "bob/notes.txt",
        F,
        principal=USER,
    ),
    res(
        "var-username-role-absent",
        f"{VARS}: aws:username is not present for roles, so the statement does not apply",
        _HOME + "${aws:username}/*",
        _HOME + "app/notes.txt",
        F,
    ),
    res(
        "var-username-default",
        f"{VARS}: a default value for a variable",
        _HOME + "${aws:username, 'shared'}/*",
        _HOME + "shared/notes.txt",
        T,
    ),
    res(
        "var-principal-tag",
        f"{VARS}: a principal tag as a variable",
        _HOME + "${aws:PrincipalTag/team}/*",
        _HOME + "blue/x",
        T,
        context={"aws:PrincipalTag/team": "blue"},
    ),
    res(
        "var-principal-tag-missing",
        f"{VARS}: an absent tag makes the variable unresolvable",
        _HOME + "${aws:PrincipalTag/team}/*",
        _HOME + "blue/x",
        F,
    ),
    res(
        "var-principal-tag-case",
        f"{VARS}: variable key names are case-insensitive",
        _HOME + "${AWS:PrincipalTag/team}/*",
        _HOME + "blue/x",
        T,
        context={"aws:principaltag/team": "blue"},
    ),
    res(
        "var-value-literal-star",
        f"{VARS}: a value substituted for a variable is literal text",
        _HOME + "${aws:PrincipalTag/team}/x",
        _HOME + "blue/x",
        F,
        context={"aws:PrincipalTag/team": "*"},
    ),
    res(
        "var-escaped-star",
        f"{VARS}: ${{*}} stands for a literal asterisk",
        _HOME + "${*}",
        _HOME + "anything",
        F,
    ),
    res("var-escaped-star-literal", f"{VARS}: ${{*}} matches '*'", _HOME + "${*}", _HOME + "*", T),
    res(
        "var-escaped-qmark",
        f"{VARS}: ${{?}} stands for a literal question mark",
        _HOME + "a${?}",
        _HOME + "ab",
        F,
    ),
    res(
        "var-escaped-dollar",
        f"{VARS}: ${{$}} stands for a literal dollar",
        _HOME + "${$}x",
        _HOME + "$x",
        T,
    ),
    res(
        "var-principal-account",
        f"{VARS}: aws:PrincipalAccount",
        "arn:aws:sqs:*:${aws:PrincipalAccount}:*",
        QUEUE,
        T,
        action="sqs:SendMessage",
    ),
    res(
        "var-sqs-username-queue",
        f"{VARS}: the documented ${{aws:username}}-queue example",
        "arn:aws:sqs:us-east-2:*:${aws:username}-queue",
        f"arn:aws:sqs:us-east-2:{ACCOUNT}:alice-queue",
        T,
        action="sqs:SendMessage",
        principal=USER,
    ),
    res(
        "var-old-version-literal",
        f"{VARS}: without Version 2012-10-17 variables are literal text",
        _HOME + "${aws:username}/*",
        _HOME + "alice/notes.txt",
        F,
        principal=USER,
        version=None,
    ),
    res(
        "var-old-version-literal-match",
        f"{VERSION}: 2008-10-17 treats ${{...}} literally",
        _HOME + "${aws:username}/*",
        _HOME + "${aws:username}/notes.txt",
        T,
        principal=USER,
        version="2008-10-17",
    ),
    res(
        "var-no-version-literal-match",
        f"{VARS}: no Version element, variables stay literal",
        _HOME + "${aws:username}/*",
        _HOME + "${aws:username}/notes.txt",
        T,
        principal=USER,
        version=None,
    ),
    res(
        "var-malformed-literal",
        f"{VARS}: an unclosed ${{ is plain text",
        _HOME + "${aws:username",
        _HOME + "${aws:username",
        T,
        principal=USER,
    ),
    res(
        "var-multivalued-key",
        "IAM UG 'Single-valued vs. multivalued context keys': multivalued "
        "keys cannot be policy variables",
        _HOME + "${aws:TagKeys}/*",
        _HOME + "a/x",
        F,
        context={"aws:TagKeys": ["a", "b"]},
    ),
]

ALL = ACTIONS + RESOURCES + S3 + VARIABLES


@parametrize(ALL)
def test_matching_case(case: Case) -> None:
    assert case.run() == case.expect, case.rule
