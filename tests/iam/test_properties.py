"""Property tests: over arbitrary JSON (and policy-shaped JSON), the engine raises nothing but
PolicyError, and its answers keep the invariants AWS's logic implies."""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.iam import (
    PolicyError,
    PrincipalPolicies,
    ResourceIndex,
    parse_policy,
    parse_policy_tolerant,
    simulate,
)
from explorer.iam.bulk import BulkDecision, evaluate_resources
from explorer.iam.context import Partial
from explorer.iam.errors import DOCUMENT, ELEMENT, STATEMENT
from explorer.iam.model import RESULTS
from explorer.iam.parse import _parse_statement, parse_statement
from explorer.iam.resources import pattern_matches
from tests.iam.cases import OBJECT, QUEUE, ROLE

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=25,
)

words = st.sampled_from(
    ["*", "s3:*", "s3:Get*", "sqs:SendMessage", "iam:PassRole", "?", "${aws:username}", "${*}",
     "arn:aws:s3:::b/*", QUEUE, "arn:aws:*", "${aws:PrincipalTag/t, 'x'}", "", "a:b:c", "${"]
)  # fmt: skip
operators = st.sampled_from(
    ["StringEquals", "StringLike", "ForAllValues:StringNotEquals", "ForAnyValue:StringLike",
     "NumericLessThan", "DateGreaterThan", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
     "ArnLike", "ArnNotEquals", "Null", "StringEqualsIfExists", "Bogus", "ForAllValues:Null"]
)  # fmt: skip
keys = st.sampled_from(
    [
        "aws:SourceIp",
        "aws:PrincipalTag/t",
        "aws:TagKeys",
        "aws:CurrentTime",
        "aws:PrincipalArn",
        "s3:prefix",
        "aws:SourceArn",
    ]
)
condition_values = st.one_of(words, st.lists(words, max_size=3), scalars)
conditions = st.dictionaries(
    operators, st.dictionaries(keys, condition_values, max_size=2), max_size=2
)
element = st.one_of(words, st.lists(words, max_size=3), json_values)
principals = st.one_of(
    st.just("*"),
    st.fixed_dictionaries({"AWS": st.one_of(words, st.just("111122223333"))}),
    st.fixed_dictionaries({"Service": st.just("sns.amazonaws.com")}),
    json_values,
)
statements = st.fixed_dictionaries(
    {"Effect": st.sampled_from(["Allow", "Deny", "allow", "Maybe"])},
    optional={
        "Action": element, "NotAction": element, "Resource": element, "NotResource": element,
        "Condition": st.one_of(conditions, json_values), "Principal": principals,
        "NotPrincipal": principals, "Sid": st.one_of(st.text(max_size=5), st.integers()),
    },
)  # fmt: skip
documents = st.fixed_dictionaries(
    {"Statement": st.one_of(statements, st.lists(statements, max_size=4))},
    optional={"Version": st.sampled_from(["2012-10-17", "2008-10-17", "bad"])},
)
context_dicts = st.dictionaries(
    st.one_of(keys, st.just("aws:EpochTime"), st.text(max_size=8)),
    st.one_of(json_values, st.sampled_from(["2026-01-15", "1" * 400, "-99999999999999"])),
    max_size=4,
)
contexts = st.one_of(st.none(), context_dicts, context_dicts.map(Partial))
principals_arg = st.sampled_from(
    [ROLE, None, "sns.amazonaws.com", "111122223333", "garbage", "arn:",
     "arn:aws:sts::111122223333:assumed-role/app/s", "arn:aws:iam::444455556666:user/x"]
)  # fmt: skip


def _only_policy_errors(call) -> object:
    """Run call; a PolicyError is an acceptable answer, anything else fails the test."""
    try:
        return call()
    except PolicyError:
        return None


@SETTINGS
@given(json_values)
def test_arbitrary_json_parses_or_raises_policy_error(document: object) -> None:
    _only_policy_errors(lambda: parse_policy(document))
    policy, errors = parse_policy_tolerant(document)
    assert policy is not None or errors


@SETTINGS
@given(st.one_of(documents, json_values, st.text(max_size=60)))
def test_the_tolerant_parser_reads_anything_and_says_what_it_left_out(document: object) -> None:
    policy, errors = parse_policy_tolerant(document, "p")  # raises nothing at all

    assert policy is not None or [e.skipped for e in errors] == [DOCUMENT]
    assert all(e.skipped in (DOCUMENT, STATEMENT, ELEMENT) and e.explain() for e in errors)


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_raises_policy_error(text: str) -> None:
    _only_policy_errors(lambda: parse_policy(text))


@SETTINGS
@given(documents, documents, contexts, principals_arg)
def test_policy_shaped_documents_never_crash_simulate(
    identity: dict, resource: dict, context: object, principal: str | None
) -> None:
    decision = _only_policy_errors(
        lambda: simulate(
            "s3:GetObject", OBJECT, principal, [identity], resource, [identity], context
        )
    )
    assert decision is None or decision.result in RESULTS  # type: ignore[attr-defined]


@SETTINGS
@given(json_values, json_values, json_values)
def test_arbitrary_json_never_crashes_simulate(
    identity: object, resource: object, extra: object
) -> None:
    _only_policy_errors(
        lambda: simulate("sqs:SendMessage", QUEUE, ROLE, [identity], resource, extra)
    )
    _only_policy_errors(lambda: simulate("sqs:SendMessage", QUEUE, ROLE, identity))


@SETTINGS
@given(documents)
def test_tolerant_principal_policies_never_raise(document: dict) -> None:
    principal = PrincipalPolicies(ROLE, [document, json.dumps(document)], None, tolerant=True)

    decision = principal.evaluate("s3:GetObject", OBJECT, context=None)

    assert decision.result in RESULTS


@SETTINGS
@given(documents, contexts)
def test_adding_a_deny_everything_statement_never_allows(document: dict, context: object) -> None:
    try:
        parse_policy(document)
    except PolicyError:
        return
    denied = {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}

    decision = simulate("s3:GetObject", OBJECT, ROLE, [document, denied], context=context)  # type: ignore[arg-type]

    assert decision.result == "explicitly_denied"


@SETTINGS
@given(documents)
def test_known_context_is_never_conditional(document: dict) -> None:
    try:
        parse_policy(document)
    except PolicyError:
        return

    decision = simulate(
        "s3:GetObject", OBJECT, ROLE, [document], context={"aws:SourceIp": "10.0.0.1"}
    )

    assert decision.result != "conditional"


BULK_RESOURCES = [
    QUEUE,
    QUEUE + "-dlq",
    "arn:aws:sqs:eu-west-1:111122223333:jobs",
    "arn:aws:sqs:us-east-1:444455556666:x",
    "arn:aws:sqs:us-east-1:111122223333:blue",
    "arn:aws:sqs:us-east-1:111122223333:app",
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:us-east-1:111122223333:alias/app",
]
bulk_resources = st.sampled_from(
    [
        "*",
        QUEUE,
        "arn:aws:sqs:*:111122223333:j*",
        "arn:aws:sqs:us-east-1:*:*",
        "arn:aws:sqs:*:*:??b*",
        "arn:aws:sqs:*:*:${aws:PrincipalTag/t}",
        "arn:aws:sqs:*:*:${aws:username}",
        "arn:aws:s3:::b/*",
        "arn:aws:sqs:us-east-1:111122223333:*",
        "arn:aws:sqs:us-*",
        "arn:aws:sqs:*",
        "arn:aws:sqs:us-east-1:111122223333:b?u*",
        "arn:aws:kms:*:*:key/*",
    ]
)
bulk_conditions = st.sampled_from(
    [
        None,
        {"Bool": {"aws:SecureTransport": "true"}},
        {"StringEquals": {"aws:PrincipalAccount": "1"}},
        {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}},
        {"StringEquals": {"iam:PassedToService": ["dax.amazonaws.com", "lambda.amazonaws.com"]}},
        {"StringLike": {"iam:PassedToService": "autoscal*"}},
        {"DateLessThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}},
        {"DateGreaterThan": {"aws:EpochTime": "1735689600"}},
        {"DateGreaterThan": {"aws:TokenIssueTime": "2026-06-01T00:00:00Z"}},
        {"DateLessThan": {"aws:TokenIssueTime": "2025-06-01T00:00:00Z"}},
        {"Null": {"aws:TokenIssueTime": "false"}},
    ]
)
bulk_statements = st.builds(
    lambda effect, actions, resources, negate, condition: {
        "Effect": effect,
        "Action": actions,
        ("NotResource" if negate else "Resource"): resources,
        **({"Condition": condition} if condition else {}),
    },
    st.sampled_from(["Allow", "Allow", "Deny"]),
    st.lists(
        st.sampled_from(
            ["sqs:SendMessage", "sqs:*", "s3:*", "*", "sqs:Send*", "kms:*", "sts:GetCaller*"]
        ),
        min_size=1,
        max_size=2,
    ),
    st.lists(bulk_resources, min_size=1, max_size=2),
    st.booleans(),
    bulk_conditions,
)
bulk_policies = st.lists(bulk_statements, min_size=1, max_size=4).map(
    lambda statements: {"Version": "2012-10-17", "Statement": statements}
)
bulk_contexts = st.sampled_from(
    [
        None,
        {},
        {"aws:SecureTransport": "true", "aws:PrincipalTag/t": "jobs"},
        {"aws:CurrentTime": "2026-01-15T12:00:00Z"},
        Partial.at("2026-01-15T12:00:00Z"),
        Partial.at("2026-01-15T12:00:00Z") | {"iam:PassedToService": "lambda.amazonaws.com"},
        Partial({"iam:PassedToService": "autoscaling.amazonaws.com", "aws:PrincipalTag/t": None}),
        Partial({"aws:SecureTransport": "true"}),
    ]
)
bulk_actions = st.sampled_from(["sqs:SendMessage", "kms:Decrypt", "sts:GetCallerIdentity"])
bulk_principals = st.sampled_from([ROLE, "arn:aws:iam::111122223333:user/alice"])


@SETTINGS
@given(
    bulk_policies,
    st.one_of(st.none(), bulk_policies),
    bulk_contexts,
    bulk_actions,
    bulk_principals,
)
def test_bulk_evaluation_agrees_with_single_evaluation(
    identity: dict, boundary: dict | None, context: object, action: str, arn: str
) -> None:
    principal = PrincipalPolicies(arn, [identity], None if boundary is None else [boundary])
    index = ResourceIndex(BULK_RESOURCES)

    bulk = evaluate_resources(principal, action, index, context)  # type: ignore[arg-type]

    for position, resource in enumerate(index.resources):
        if ":444455556666:" in resource:
            continue  # another account: needs a resource policy, outside the bulk path
        expected = principal.evaluate(action, resource, context=context).result  # type: ignore[arg-type]
        got = (
            "explicitly_denied"
            if position in bulk.denied
            else "allowed"
            if position in bulk.allowed
            else "conditional"
            if position in bulk.conditional
            else "implicitly_denied"
        )
        assert got == expected, resource


def _bulk_result(bulk: BulkDecision, position: int) -> str:
    """The result a bulk decision gives one position."""
    if position in bulk.denied:
        return "explicitly_denied"
    if position in bulk.allowed:
        return "allowed"
    return "conditional" if position in bulk.conditional else "implicitly_denied"


index_patterns = st.builds(
    lambda head, tail: head + "".join(tail),
    st.sampled_from(["", "arn:aws:", "arn:aws:sqs:", "arn:aws:sqs:us-east-1:111122223333:"]),
    st.lists(st.sampled_from(["*", "?", "j", "obs", "/", ":", "us-", "1111", "b"]), max_size=5),
)


@SETTINGS
@given(index_patterns)
def test_the_resource_index_finds_exactly_what_each_pattern_matches(pattern: str) -> None:
    index = ResourceIndex([*BULK_RESOURCES, "arn:aws:sqs:us-east-1:111122223333:j/x:y"])

    found = index.matching(pattern)

    assert found == index.matching(pattern)  # the kept answer is the same
    assert sorted(found) == [
        i for i, arn in enumerate(index.resources) if pattern_matches(pattern, arn)
    ]


REGIONS = ["us-east-1", "us-east-10", "us-east-1-x", "eu-west-1", ""]
MANY_RESOURCES = [
    f"arn:aws:sqs:{region}:{account}:{name}{n}"
    for region in REGIONS
    for account in ("111122223333", "444455556666")
    for name in ("jobs-", "jobs:", "ads-", "x")
    for n in range(6)
] + ["arn:aws:sqs:us-east-1", "arn:aws:sqs:", "arn:aws:sqs:us-east-1:"]
FIELD_HEADS = ["arn:aws:sqs:*", "arn:aws:sqs:*:111122223333:", "arn:aws:*:us-east-1:",
               "arn:aws:sqs:*:*:", "arn:*:sqs:*:444455556666:jobs"]  # fmt: skip
field_patterns = st.builds(
    lambda head, tail: head + "".join(tail),
    st.sampled_from(FIELD_HEADS),
    st.lists(st.sampled_from(["*", "?", "jobs", "-", ":", "1", "x", "ads-*"]), max_size=4),
)


@SETTINGS
@given(field_patterns)
def test_a_whole_field_wildcard_over_a_big_index_finds_exactly_what_it_matches(
    pattern: str,
) -> None:
    index = ResourceIndex(MANY_RESOURCES)  # long ranges: narrowed field by field

    assert sorted(index.matching(pattern)) == [
        i for i, arn in enumerate(index.resources) if pattern_matches(pattern, arn)
    ]


ODD_KEYS = ["resource", "sid", "notresource", "Bogus"]
RESOURCES = ["*", "arn:aws:sqs:*:*:q", "arn:aws:s3:::b/${aws:username}", 7, ["arn:aws:sqs:*:*:q"]]
raw_statements = st.builds(
    lambda base, extra: {**base, **extra},
    st.fixed_dictionaries(
        {
            "Effect": st.sampled_from(["Allow", "Deny", "allow", "Maybe"]),
            "Action": st.sampled_from(["s3:GetObject", ["sqs:*", "s3:Put*"], "*", "nocolon"]),
        },
        optional={
            "Resource": st.sampled_from(RESOURCES),
            "NotResource": st.sampled_from(RESOURCES),
            "Sid": st.sampled_from(["s1", 2, True, None]),
            "Principal": st.sampled_from(["*", {"Service": "lambda.amazonaws.com"}, {"X": "y"}]),
            "Condition": st.sampled_from([{"StringEquals": {"aws:SourceAccount": "1"}}, {"No": 1}]),
        },
    ),
    st.dictionaries(st.sampled_from(ODD_KEYS), st.just("*"), max_size=1),
)


def _outcome(parse: Callable[[], object]) -> object:
    try:
        statement = parse()
    except PolicyError as error:
        return ("error", str(error))
    extra = (statement.action_literals, statement.action_regexes, statement.action_services)
    return (statement, extra)


@SETTINGS
@given(raw_statements, st.booleans())
def test_a_statement_from_its_cached_shape_is_the_statement_parsed_in_full(
    item: dict, variables: bool
) -> None:
    fresh = _outcome(lambda: _parse_statement(item, 3, "p", variables))

    assert _outcome(lambda: parse_statement(item, 3, "p", variables)) == fresh
    assert _outcome(lambda: parse_statement(dict(item), 3, "p", variables)) == fresh  # cached


GOOD_ENTRIES = {
    "Action": st.sampled_from(["sqs:SendMessage", "s3:Get*", "iam:PassRole", "lambda:*", "*"]),
    "Resource": st.sampled_from([QUEUE, "arn:aws:s3:::b/*", "*", "arn:aws:sqs:*:*:j*"]),
    "Principal": st.sampled_from(["111122223333", ROLE, "arn:aws:iam::444455556666:root"]),
}
NOT_STRINGS = st.sampled_from([5, None, 1.5, True, ["sqs:*"], {"a": 1}])
BAD_ENTRIES = {"Action": st.one_of(NOT_STRINGS, st.sampled_from(["s3", "::", "a b:c", ""])),
               "Resource": NOT_STRINGS, "Principal": NOT_STRINGS}  # fmt: skip
entry_lists = {name: st.lists(values, min_size=1, max_size=4, unique=True)
               for name, values in GOOD_ENTRIES.items()}  # fmt: skip


@st.composite
def corrupted_statements(draw: st.DrawFn) -> tuple[dict, dict, str]:
    """(a good statement, the same with one bad entry put into one element, that element)."""
    good: dict = {"Effect": draw(st.sampled_from(["Allow", "Deny"]))}
    values = {name: draw(lists) for name, lists in entry_lists.items()}
    keys = {name: draw(st.sampled_from([name, f"Not{name}"])) for name in values}
    for name, key in keys.items():
        good[key] = {"AWS": values[name]} if name == "Principal" else values[name]
    name = draw(st.sampled_from(sorted(values)))
    broken = [*values[name]]
    broken.insert(draw(st.integers(0, len(broken))), draw(BAD_ENTRIES[name]))
    bad = {**good, keys[name]: {"AWS": broken} if name == "Principal" else broken}
    return good, bad, keys[name]


@SETTINGS
@given(corrupted_statements(), st.booleans())
def test_one_corrupted_entry_leaves_every_other_entry_read(
    case: tuple[dict, dict, str], variables: bool
) -> None:
    good, bad, field = case
    version = {"Version": "2012-10-17"} if variables else {}
    expected = parse_policy({**version, "Statement": [good]}, "p").statements[0]

    policy, errors = parse_policy_tolerant({**version, "Statement": [bad]}, "p")

    assert policy is not None and [e.field for e in errors] == [field]
    if good["Effect"] == "Deny" and field.startswith("Not"):
        assert policy.statements == () and errors[0].skipped == STATEMENT  # denies no more
    else:
        assert policy.statements == (expected,) and errors[0].skipped == ELEMENT
