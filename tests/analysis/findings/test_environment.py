"""A3: secret-like environment values per function, and secret values shared by functions."""

from __future__ import annotations

import pytest

from explorer.analysis.findings.environment import secret_name
from tests.analysis.findings.helpers import ACCOUNT, estate, fn, function, of, run, secret


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


# -- literals outside environments: per resource, shared across kinds, kept values ----------

RULE = f"arn:aws:events:us-east-1:{ACCOUNT}:rule/placed"
MACHINE = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:orders"
API = "arn:aws:apigateway:us-east-1::/apis/h1"


def listed(field: str, name: str, record: dict) -> dict:
    """One entry of a row's `redacted_values`, as the crawler lists it."""
    return {"field": field, "name": name, **record}


def target(*records: dict, target_id: str = "call") -> dict:
    return {"rule_arn": RULE, "target_id": target_id, "target_arn": fn("a"), "region": "us-east-1",
            "redacted_values": list(records)}  # fmt: skip


def machine(*records: dict) -> dict:
    return {"arn": MACHINE, "name": "orders", "region": "us-east-1", "lambda_tasks": [],
            "service_tasks": [], "redacted_values": list(records)}  # fmt: skip


def http_route(route_key: str, *records: dict) -> dict:
    method, path = route_key.split(" ")
    return {"arn": f"arn:aws:execute-api:us-east-1:{ACCOUNT}:h1/*/{method}{path}", "api_id": "h1",
            "api_arn": API, "route_key": route_key, "integration_id": "i1",
            "redacted_values": list(records)}  # fmt: skip


def header(fingerprint: str = "fp-h", **extra) -> dict:
    return listed("HttpParameters.HeaderParameters.Authorization", "Authorization",
                  {**secret(fingerprint), **extra})  # fmt: skip


def test_secret_named_header_of_a_target_is_a_secret_config_finding():
    est = estate(event_targets=[target(header())])

    [found] = of(run(est), "secret-config")

    assert (found.owasp, found.severity, found.resource) == ("A3", "medium", RULE)
    assert "HttpParameters.HeaderParameters.Authorization (its name)" in found.detail


def test_specific_detector_on_a_state_machine_literal_is_high():
    token = listed("definition.States.Call.Parameters.Payload.x", "x",
                   secret("fp-s", detectors=("Stripe Access Key",)))  # fmt: skip

    [found] = of(run(estate(state_machines=[machine(token)])), "secret-config")

    assert (found.severity, found.resource) == ("high", MACHINE)


def test_shape_only_detector_on_a_task_literal_is_not_a_secret():
    digest = listed("definition.States.Call.Parameters.Key", "Key",
                    secret("fp-d", detectors=("Hex High Entropy String",)))  # fmt: skip

    assert of(run(estate(state_machines=[machine(digest)])), "secret-config") == []


def test_one_secret_in_an_environment_and_a_header_is_shared_across_kinds():
    est = estate(
        functions=[function("a", environment={"SETTING": secret("same")})],
        event_targets=[target(header("other", token_fingerprint="same"))],
        state_machines=[
            machine(listed("definition.States.Call.Parameters.k", "k", secret("same")))
        ],
    )

    [found] = of(run(est), "shared-secret")

    assert found.title.startswith("Same secret value in 3 places")
    assert found.path == tuple(sorted((fn("a"), RULE, MACHINE)))
    assert f"function environment {fn('a')}: Environment.Variables.SETTING" in found.detail
    assert (f"EventBridge target {RULE} target call: "
            "HttpParameters.HeaderParameters.Authorization") in found.detail  # fmt: skip
    assert (
        f"state machine definition {MACHINE}: definition.States.Call.Parameters.k" in found.detail
    )


def test_an_integration_shared_by_two_routes_is_one_holder_not_a_shared_secret():
    auth = listed('Integration.RequestParameters["append:header.authorization"]',
                  "append:header.authorization", secret("fp-i"))  # fmt: skip
    est = estate(http_routes=[http_route("GET /a", auth), http_route("GET /b", auth)])

    assert of(run(est), "shared-secret") == []
    [found] = of(run(est), "secret-config")
    assert found.title.count("secret-like") == 1 and "holds 1 secret-like" in found.title


def test_a_snapshot_holding_values_says_so_in_an_info_finding():
    kept = {**secret("fp-k"), "redacted": False, "value": "hunter2"}
    est = estate(meta={"secret_values_kept": True},
                 functions=[function("a", environment={"DB_PASSWORD": kept})])  # fmt: skip

    [found] = of(run(est), "secret-values-kept")

    assert (found.severity, found.owasp, found.resource) == ("info", "A3", "snapshot")
    assert "1 value(s), 1 of them secret-like" in found.detail
    assert "hunter2" not in found.detail


def test_a_redacted_snapshot_raises_no_kept_values_finding():
    est = estate(meta={"secret_values_kept": False}, functions=[function("a")])

    assert of(run(est), "secret-values-kept") == []


def _decided(verdict: str, *detectors: str, **extra) -> dict:
    """A redaction record of a crawl that decides, as the crawler writes it now."""
    return {**secret(detectors=detectors), "verdict": verdict, **extra}


def test_the_crawls_verdict_decides_and_a_secret_name_alone_never_does():
    store = {"store": "secretsmanager", "name": "arn:aws:secretsmanager:us-east-1:1:secret:x"}
    environment = {
        "USER_POOL_CLIENT_ID": _decided("identifier", "Base64 High Entropy String"),
        "SECRET_NAME": _decided("identifier", "Secret Keyword"),
        "DB_SECRET_ARN": _decided("reference", "Secret Keyword", secret_store=store),
        "DB_PASSWORD": _decided("value"),
        "STRIPE_KEY": _decided("secret", "Stripe Access Key"),
    }
    est = estate(functions=[function("api", environment=environment)])

    [found] = of(run(est), "secret-env")

    assert (found.severity, found.detail.count("(")) == ("high", 1)
    assert "STRIPE_KEY (Stripe Access Key)" in found.detail


def test_identifiers_and_references_are_never_shared_secrets():
    same = _decided("identifier", "Base64 High Entropy String")
    est = estate(functions=[function("a", environment={"CLIENT_ID": same}),
                            function("b", environment={"CLIENT_ID": same})])  # fmt: skip

    assert of(run(est), "shared-secret") == []
