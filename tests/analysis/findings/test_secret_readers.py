"""A3: principals who may not change a function but may read its configuration, which holds
secret-like environment values (lambda:GetFunction* returns them in clear)."""

from __future__ import annotations

from tests.analysis.findings.helpers import (
    ACCOUNT,
    allow,
    estate,
    fn,
    function,
    iam_role,
    of,
    role,
    run,
    secret,
)

RULE = "secret-readers"
READ = ["lambda:GetFunctionConfiguration"]
CHANGE = ["lambda:GetFunction", "lambda:UpdateFunctionConfiguration"]


def _estate(*roles: dict, env: dict | None = None):
    env = {"STRIPE_KEY": secret(detectors=("Stripe Access Key",))} if env is None else env
    functions = [function("pay", environment=env, role_arn=role("pay-role"))]
    return estate(functions=functions, iam_roles=[iam_role("pay-role"), *roles])


def test_a_reader_who_cannot_change_the_function_is_named():
    est = _estate(iam_role("support", allow(READ, fn("pay"))))

    [found] = of(run(est), RULE)

    assert (found.resource, found.severity, found.owasp) == (fn("pay"), "medium", "A3")
    assert found.title == "1 principal(s) that may not change pay may read its secrets"
    assert "STRIPE_KEY" in found.detail and "support" in found.detail
    assert found.path == (role("support"), fn("pay"))


def test_the_functions_own_operators_are_not_named():
    est = _estate(iam_role("deployer", allow(CHANGE, fn("pay"))))

    assert of(run(est), RULE) == []


def test_a_function_without_secrets_has_no_readers_finding():
    est = _estate(iam_role("support", allow(READ, fn("pay"))), env={})

    assert of(run(est), RULE) == []


def test_a_read_on_every_function_counts_for_each_function_with_secrets():
    est = _estate(iam_role("auditor", allow("lambda:Get*", "*")))

    [found] = of(run(est), RULE)

    assert "auditor" in found.detail


SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db-AbCdEf"


def _referencing(*roles: dict, store: str = "secretsmanager", name: str = SECRET):
    record = {**secret(), "verdict": "reference", "secret_store": {"store": store, "name": name}}
    return _estate(*roles, env={"DB_SECRET_ARN": record})


def test_a_principal_who_may_read_the_referenced_secret_is_named():
    est = _referencing(iam_role("contractor", allow("secretsmanager:GetSecretValue", "*")))

    [found] = [f for f in of(run(est), RULE) if "Secrets Manager" in f.title]

    assert found.resource == fn("pay") and "contractor" in found.detail
    assert found.path == (role("contractor"), fn("pay"))


def test_the_functions_own_role_and_operators_may_read_it_without_a_finding():
    own = iam_role("pay-role", allow("secretsmanager:GetSecretValue", SECRET))
    operator = iam_role("deployer", allow(CHANGE, fn("pay")),
                        allow("secretsmanager:GetSecretValue", "*"))  # fmt: skip
    est = _referencing(operator)
    est.tables["iam_roles"][0] = own

    assert of(run(est), RULE) == []


def test_a_parameter_name_is_decided_on_its_arn():
    est = _referencing(
        iam_role("ops", allow("ssm:GetParameter", f"arn:aws:ssm:*:{ACCOUNT}:parameter/app/*")),
        store="ssm",
        name="/app/db-password",
    )

    [found] = of(run(est), RULE)

    assert "SSM Parameter Store" in found.title and "ops" in found.detail
