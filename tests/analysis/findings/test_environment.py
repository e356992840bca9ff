"""A3: secret-like environment values per function, and secret values shared by functions."""

from __future__ import annotations

import pytest

from explorer.analysis.findings.environment import secret_name
from tests.analysis.findings.helpers import estate, fn, function, of, run, secret


@pytest.mark.parametrize(
    "name",
    ["DB_PASSWORD", "dbPassword", "API_KEY", "apiKey", "STRIPE_SECRET", "GITHUB_TOKEN",
     "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "DB_PASS", "client-secret", "CONNECTION_STRING"],
)  # fmt: skip
def test_secret_names_are_recognised(name):
    assert secret_name(name)


@pytest.mark.parametrize(
    "name",
    ["DB_SECRET_ARN", "TOKEN_URL", "API_KEY_ID", "TABLE_NAME", "CACHE_KEY", "SECRET_NAME",
     "PASSWORD_PARAM", "TOKEN_TTL", "BYPASS_CACHE", "S3_KEY_PREFIX", "TOKENIZER_MODEL"],
)  # fmt: skip
def test_names_that_point_at_secrets_or_merely_resemble_them_are_not_secret(name):
    assert not secret_name(name)


def test_secret_named_variable_raises_one_finding_for_its_function():
    est = estate(
        functions=[function("api", environment={"DB_PASSWORD": secret(), "MODE": secret()})]
    )

    [found] = of(run(est), "secret-env")

    assert (found.owasp, found.severity, found.resource) == ("A3", "medium", fn("api"))
    assert "DB_PASSWORD" in found.detail
    assert "MODE" not in found.detail


def test_detector_match_on_an_innocent_name_is_secret_and_high():
    env = {"CONFIG": secret(detectors=("AWS Access Key",))}
    est = estate(functions=[function("api", environment=env)])

    [found] = of(run(est), "secret-env")

    assert found.severity == "high"
    assert "AWS Access Key" in found.detail


def test_generic_detector_alone_is_medium():
    env = {"BLOB": secret(detectors=("Base64 High Entropy String",))}
    est = estate(functions=[function("api", environment=env)])

    [found] = of(run(est), "secret-env")

    assert found.severity == "medium"


def test_plain_configuration_raises_no_secret_finding():
    env = {"TABLE_NAME": secret(), "DB_SECRET_ARN": secret(), "EMPTY_PASSWORD": secret(length=0)}
    est = estate(functions=[function("api", environment=env)])

    assert of(run(est), "secret-env") == []


def test_shared_secret_names_every_function():
    est = estate(
        functions=[
            function("a", environment={"DB_PASSWORD": secret("same")}),
            function("b", environment={"PASSWORD": secret("same")}),
            function("c", environment={"SETTING": secret("same")}),
            function("d", environment={"DB_PASSWORD": secret("other")}),
        ]
    )

    [found] = of(run(est), "shared-secret")

    assert found.path == (fn("a"), fn("b"), fn("c"))
    assert found.resource == fn("a")
    assert all(name in found.title for name in ("a", "b", "c"))
    assert "SETTING" in found.detail


def test_one_shared_secret_finding_per_fingerprint():
    env = {"DB_PASSWORD": secret("one"), "API_TOKEN": secret("two")}
    est = estate(functions=[function("a", environment=env), function("b", environment=env)])

    assert len(of(run(est), "shared-secret")) == 2


def test_shared_value_that_is_not_secret_like_is_not_a_shared_secret():
    env = {"TABLE_NAME": secret("same")}
    est = estate(functions=[function("a", environment=env), function("b", environment=env)])

    assert of(run(est), "shared-secret") == []


def test_secret_in_one_function_only_is_not_shared():
    est = estate(functions=[function("a", environment={"DB_PASSWORD": secret("x")}), function("b")])

    assert of(run(est), "shared-secret") == []
