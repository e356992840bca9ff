"""The crawl decides whether a configuration value is a secret while it holds the value: ids,
names, ARNs, credential-free URLs and secret-store references are not (issue 13, point 1), and
every credential the detectors recognise still is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.crawl.redact import Redactor
from explorer.crawl.secret_verdict import IDENTIFIER, REFERENCE, SECRET, VALUE, VERDICTS, verdict

KEY = b"k" * 32
SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(KEY)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        # seen reported as secrets on outside estates: none is one
        ("USER_POOL_CLIENT_ID", "1h57kf5cpq17m0eml12EXAMPLE", IDENTIFIER),
        ("SECRET_NAME", "prod/db/password", IDENTIFIER),
        ("DB_SECRET_ARN", SECRET_ARN, REFERENCE),
        ("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", IDENTIFIER),
        ("TABLE", "arn:aws:dynamodb:us-east-1:123456789012:table/orders", IDENTIFIER),
        ("DB_PASSWORD_PARAM", "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db", REFERENCE),
        ("DB_PASSWORD", "{{resolve:secretsmanager:prod/db:SecretString:password}}", REFERENCE),
        ("LOG_LEVEL", "info", VALUE),
        ("FEATURE_TOKEN", "enabled", VALUE),
        # secrets, by a credential detector, by a keyword, by name and shape, by URL
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", SECRET),
        ("DB_PASSWORD", "hunter2", SECRET),
        ("API_TOKEN", "q8Zr3vX1mT6kP0sW9yB2", SECRET),
        ("HOOK", "https://user:pa55@example.com/hook", SECRET),
        ("HOOK", "https://example.com/hook?access_token=abc123", SECRET),
    ],
)
def test_each_value_gets_the_verdict_an_expert_would_give(redactor, name, value, expected):
    record = redactor.redact_value(name, value)

    assert record["verdict"] == expected
    assert "value" not in record


def test_a_reference_keeps_what_it_names_which_is_no_secret(redactor):
    record = redactor.redact_value("DB_SECRET_ARN", SECRET_ARN)

    assert record["secret_store"] == {"store": "secretsmanager", "name": SECRET_ARN}


def test_the_parameter_path_to_a_secret_is_a_reference(redactor):
    record = redactor.redact_value("DB", "/aws/reference/secretsmanager/prod/db")

    assert record["secret_store"] == {"store": "secretsmanager", "name": "prod/db"}


def test_a_credential_detector_outweighs_an_identifier_name():
    # a name saying "id" never hides a credential some detector recognises
    assert verdict("KEY_ID", "AKIAIOSFODNN7EXAMPLE", ["AWS Access Key"]) == (SECRET, None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=80),
       st.lists(st.sampled_from(["Secret Keyword", "Base64 High Entropy String",
                                 "AWS Access Key", "Private Key"]), max_size=2))  # fmt: skip
def test_any_name_and_value_get_a_verdict_and_a_credential_stays_a_secret(name, value, found):
    decided, store = verdict(name, value, found)

    assert decided in VERDICTS
    assert (store is not None) == (decided == REFERENCE)
    if {"AWS Access Key", "Private Key"} & set(found):
        assert decided == SECRET
