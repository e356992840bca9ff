"""Values AWS really sends where botocore's model says only "string": names, ARNs, URLs, policies.

The crawler may rely on what AWS guarantees (an ARN where AWS always writes an ARN, a queue URL
that is a URL, a unique id per item); a response AWS cannot send is a generator bug, not a crawler
bug. Everything else stays as wild as the output shape allows.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from hypothesis import strategies as st

REGION = "eu-central-1"
ACCOUNT = "123456789012"
FOREIGN = "210987654321"


def regex(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(re.compile(pattern, re.ASCII), fullmatch=True)


STEMS = st.one_of(regex(r"[A-Za-z0-9_-]{1,12}"), regex(r"[A-Za-z0-9_-]{40,50}"))
"""The drawn part of a generated name, short or near the usual 64-character limit (a serial
number appended makes it unique)."""

STATE_MACHINE_NAMES = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Cs", "Co", "Cn"),
        exclude_characters='<>{}[]?*"#%\\^|~`$&,;:/',
    ),
    min_size=1,
    max_size=40,
)
"""Step Functions names: unicode letters allowed; no whitespace, brackets, wildcards or `:/`."""

UNICODE = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)


def arn(service: str, resource: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:{service}:{region}:{account}:{resource}"


def function_arn(name: str) -> str:
    """A Lambda function's ARN from what the crawler passes as FunctionName (a name or an ARN)."""
    return name if name.startswith("arn:") else arn("lambda", f"function:{name}")


ANY_ARN = st.one_of(
    st.builds(lambda n: arn("lambda", f"function:{n}"), STEMS),
    st.builds(lambda n: arn("sqs", n), STEMS),
    st.builds(lambda n: arn("sns", n, account=FOREIGN), STEMS),
    st.builds(lambda n: f"arn:aws:iam::{ACCOUNT}:role/{n}", STEMS),
    st.builds(lambda n: f"arn:aws:s3:::{n.lower()}/{n}", STEMS),
    st.builds(lambda n, u: arn("logs", f"log-group:/aws/{n}/{u}"), STEMS, UNICODE),
)

_STATEMENT = st.fixed_dictionaries(
    {
        "Effect": st.sampled_from(["Allow", "Deny"]),
        "Action": st.one_of(st.sampled_from(["*", "s3:GetObject", "sqs:*"]), st.lists(UNICODE)),
        "Resource": st.one_of(st.just("*"), ANY_ARN),
    },
    optional={
        "Principal": st.one_of(
            st.just("*"),
            st.fixed_dictionaries(
                {"AWS": st.sampled_from([ACCOUNT, f"arn:aws:iam::{FOREIGN}:root"])}
            ),
            st.fixed_dictionaries({"Service": st.just("lambda.amazonaws.com")}),
        ),
        "Condition": st.fixed_dictionaries({"StringEquals": st.dictionaries(UNICODE, UNICODE)}),
        "Sid": UNICODE,
    },
)
POLICY_JSON = st.builds(
    lambda statements: json.dumps({"Version": "2012-10-17", "Statement": statements}),
    st.lists(_STATEMENT, max_size=2),
)
POLICY_TEXT = st.one_of(
    POLICY_JSON,
    POLICY_JSON.map(urllib.parse.quote),  # IAM sends documents URL-encoded
    POLICY_JSON.map(lambda t: json.dumps(t)[1:-1]),  # API Gateway sends them backslash-escaped
    st.text(min_size=1, max_size=20),
)
"""Resource and identity policy text as AWS sends it (or, rarely, something unreadable)."""

EVENT_PATTERNS = st.one_of(
    # AWS accepts only a JSON object of arrays and matchers here (never deep nesting), at most
    # 4,096 characters: the long branch pads one value to the limit.
    st.builds(
        lambda source, detail: json.dumps({"source": [source], "detail": {"state": [detail]}}),
        UNICODE,
        st.one_of(UNICODE, st.fixed_dictionaries({"prefix": UNICODE})),
    ),
    st.builds(lambda pad: json.dumps({"source": ["x" * pad]}), st.just(4096 - 16)),
)

STATE_MACHINE_DEFINITION = st.one_of(
    st.builds(
        lambda name, resource: json.dumps(
            {"StartAt": name, "States": {name: {"Type": "Task", "Resource": resource, "End": True}}}
        ),
        UNICODE,
        st.one_of(
            st.builds(lambda n: arn("lambda", f"function:{n}"), STEMS),
            st.just("arn:aws:states:::lambda:invoke"),
            st.just("arn:aws:states:::sqs:sendMessage"),
        ),
    ),
    st.text(min_size=1, max_size=20),
)

API_METHODS = st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"])

INTEGRATION_URI = st.one_of(
    # Documented as "the URI of the integration": a Lambda invocation ARN, an HTTP URL, or a
    # service action ARN; typed plain string, so realistic values are generated here.
    st.builds(
        lambda n: f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/"
        f"{arn('lambda', f'function:{n}')}/invocations",
        STEMS,
    ),
    st.builds(lambda n: arn("lambda", f"function:{n}"), STEMS),
    st.builds(lambda p: f"https://example.com/{urllib.parse.quote(p)}", UNICODE),
    st.just(f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/"
            f"{arn('lambda', 'function:${stageVariables.fn}')}/invocations"),
    st.just(f"arn:aws:apigateway:{REGION}:sqs:path/{ACCOUNT}/queue"),
)  # fmt: skip

DIGITS = st.integers(0, 4).map(str)
FLAGS = st.sampled_from(["true", "false"])


def attributes(known: dict[str, st.SearchStrategy[str]], extra: bool) -> st.SearchStrategy[Any]:
    """An attribute map (SNS, SQS): known names with realistic values, and unknown ones."""
    named = st.fixed_dictionaries({}, optional=known)
    others = st.dictionaries(UNICODE, st.text(max_size=8), max_size=2 if extra else 0)
    return st.builds(lambda a, b: {**b, **a}, named, others)


TOPIC_ATTRIBUTES = attributes(
    {
        "TopicArn": st.just("echo"),
        "Owner": st.just(ACCOUNT),
        "Policy": POLICY_TEXT,
        "DisplayName": st.text(max_size=10),
        "SubscriptionsConfirmed": DIGITS,
        "SubscriptionsPending": DIGITS,
        "SubscriptionsDeleted": DIGITS,
        "DeliveryPolicy": POLICY_TEXT,
        "EffectiveDeliveryPolicy": POLICY_TEXT,
        "KmsMasterKeyId": st.sampled_from(["alias/aws/sns", "alias/topics"]),
        "FifoTopic": FLAGS,
        "ContentBasedDeduplication": FLAGS,
        "TracingConfig": st.sampled_from(["Active", "PassThrough"]),
        "SignatureVersion": st.sampled_from(["1", "2"]),
    },
    extra=True,
)

SUBSCRIPTION_ATTRIBUTES = attributes(
    {
        "SubscriptionArn": st.just("echo"),
        "TopicArn": st.just("echo"),
        "Endpoint": st.just("echo"),
        "Protocol": st.just("echo"),
        "Owner": st.just(ACCOUNT),
        "RedrivePolicy": st.one_of(
            st.builds(lambda a: json.dumps({"deadLetterTargetArn": a}), ANY_ARN),
            st.text(max_size=8),
        ),
        "FilterPolicy": POLICY_TEXT,
        "FilterPolicyScope": st.sampled_from(["MessageAttributes", "MessageBody"]),
        "RawMessageDelivery": FLAGS,
        "SubscriptionRoleArn": ANY_ARN,
        "PendingConfirmation": FLAGS,
        "ConfirmationWasAuthenticated": FLAGS,
    },
    extra=True,
)

QUEUE_ATTRIBUTES = attributes(
    {
        "QueueArn": st.just("echo"),
        "Policy": POLICY_TEXT,
        "RedrivePolicy": st.one_of(
            st.builds(
                lambda a, n: json.dumps({"deadLetterTargetArn": a, "maxReceiveCount": n}),
                ANY_ARN,
                st.one_of(st.integers(1, 1000), DIGITS),
            ),
            st.text(max_size=8),
        ),
        "RedriveAllowPolicy": POLICY_TEXT,
        "KmsMasterKeyId": st.sampled_from(["alias/aws/sqs", "alias/queues"]),
        "SqsManagedSseEnabled": FLAGS,
        "FifoQueue": FLAGS,
        "VisibilityTimeout": DIGITS,
        "MessageRetentionPeriod": DIGITS,
        "DelaySeconds": DIGITS,
        "CreatedTimestamp": DIGITS,
    },
    extra=False,  # the map's keys are an enum in botocore's model
)

SNS_PROTOCOLS = st.sampled_from(
    ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose",
     "future-protocol"]
)  # fmt: skip


def endpoint(protocol: str, world: Any) -> tuple[str, str]:
    """(endpoint, as the crawler must store it) for a subscription of `protocol`.

    HTTP(S) endpoints may carry basic-auth credentials; the stored form has the password masked.
    """
    n = world.next()
    if protocol in ("http", "https"):
        user, password = world.draw(STEMS), world.draw(STEMS)
        path = urllib.parse.quote(world.draw(UNICODE))
        host = f"hook{n}.example.com"
        if world.draw(st.booleans()):
            return (
                f"{protocol}://{user}:{password}@{host}/{path}",
                f"{protocol}://{user}:****@{host}/{path}",
            )
        return f"{protocol}://{host}/{path}", f"{protocol}://{host}/{path}"
    if protocol in ("email", "email-json"):
        return (value := f"user{n}@example.com"), value
    if protocol == "sms":
        return (value := f"+4930{n:07d}"), value
    if protocol in ("sqs", "lambda", "firehose", "application"):
        service = {"application": "sns", "firehose": "firehose"}.get(protocol, protocol)
        return (value := arn(service, f"endpoint-{n}")), value
    return (value := f"{world.draw(UNICODE)}-{n}"), value
