"""The orders database secret that two functions already name (`SECRET_NAME`), rotated every 30
days by its own rotation function. Secrets Manager invokes that function for each rotation step;
the secret's value is never read by the crawler."""

from __future__ import annotations

import json

from explorer.demo.clients import Clients, tag_list
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import COMMON_TAGS, DB_PASSWORD, FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns

SECRET = "pixmart/orders-db"
FUNCTION = FunctionSpec(
    "pixmart-rotate-db-secret",
    "python3.12",
    "pixmart-readonly-role",
    "Rotates the orders database password (Secrets Manager rotation)",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=10,
)


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    sm = clients("secretsmanager")
    value = {"engine": "postgres", "host": "orders-db.pixmart.internal", "port": 5432,
             "username": "pixmart", "password": DB_PASSWORD}  # fmt: skip
    secret = sm.create_secret(
        Name=SECRET, SecretString=json.dumps(value), Tags=tag_list(COMMON_TAGS),
        Description="Orders database credentials",
    )["ARN"]  # fmt: skip
    # moto tests the rotation function once here (as AWS does); its Lambda runs no code.
    sm.rotate_secret(
        SecretId=secret, RotationLambdaARN=function,
        RotationRules={"AutomaticallyAfterDays": 30}, RotateImmediately=False,
    )  # fmt: skip
    ledger.trigger("secret-rotation", secret, function, SECRET)
