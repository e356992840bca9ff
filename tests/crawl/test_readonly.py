"""The crawler cannot change an account or read data: only the operations it uses are sent."""

from __future__ import annotations

import ast
from pathlib import Path

import botocore.session
import pytest

import explorer.crawl
from explorer.crawl import registry
from explorer.crawl.client import ClientFactory, Target
from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.permissions import OPERATIONS
from explorer.crawl.readonly import ReadOnlyViolation, is_allowed
from explorer.demo.server import FAKE_CREDENTIALS

CRAWL_SOURCE = Path(explorer.crawl.__file__).parent
SEAMS = {"client.py", "context.py"}
"""Modules that pass a caller's service name through to boto3 (`.client(service, ...)`)."""


def services_with_clients() -> set[str]:
    """Every service the crawl code asks a client for, read from its source.

    A `.client(...)` call names its service as a string, or as a module constant (`SERVICE`);
    only the seams pass a variable through.
    """
    found: set[str] = set()
    for path in sorted(CRAWL_SOURCE.glob("*.py")):
        tree = ast.parse(path.read_text())
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "client"):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                found.add(arg.value)
            elif isinstance(arg, ast.Name) and arg.id in constants:
                found.add(constants[arg.id])
            else:
                assert path.name in SEAMS, f"{path.name}:{node.lineno}: service name not literal"
    return found


class _Sent(Exception):
    """Raised by a `before-send` hook instead of sending: the call got past the guard."""


def _offline_client(service: str, sent: list[str]):
    """A real client whose requests never leave the process (their operations go in `sent`)."""

    def note(event_name: str, **_):
        sent.append(event_name.rsplit(".", 1)[1])
        raise _Sent

    target = Target(
        endpoint_url="http://127.0.0.1:9",
        credentials=FAKE_CREDENTIALS,
        max_attempts=1,
        hooks=(("before-send.*.*", note),),
    )
    return ClientFactory(target, ApiCallStats(), workers=1).client(service, "us-east-1")


def _passes_guard(client, operation: str) -> bool:
    method = {op: name for name, op in client.meta.method_to_api_mapping.items()}[operation]
    try:
        getattr(client, method)()
    except ReadOnlyViolation:
        return False
    except Exception:  # parameter validation, or _Sent: either way, past the guard
        return True
    return True


def test_crawler_asks_for_clients_of_listed_services_only():
    services = services_with_clients()

    assert services and services <= set(OPERATIONS)
    assert {module.SERVICE for module in registry.modules()} <= set(OPERATIONS)


@pytest.mark.parametrize("service", sorted(services_with_clients() | set(OPERATIONS)))
def test_only_the_listed_operations_of_a_service_pass_the_guard(service):
    sent: list[str] = []
    client = _offline_client(service, sent)
    operations = client.meta.service_model.operation_names

    passed = {op for op in operations if _passes_guard(client, op)}

    assert passed == set(OPERATIONS[service])
    assert set(sent) <= passed


@pytest.mark.parametrize(
    ("service", "operation"), sorted((s, op) for s, ops in OPERATIONS.items() for op in ops)
)
def test_every_listed_operation_exists_in_botocore(service, operation):
    model = botocore.session.get_session().get_service_model(service)

    assert operation in model.operation_names


@pytest.mark.parametrize(
    ("service", "operation"),
    [("ssm", "GetParameterHistory"), ("apigateway", "GetApiKeys"), ("logs", "GetLogEvents"),
     ("dynamodb", "GetItem"), ("ecr", "GetAuthorizationToken"), ("ec2", "GetPasswordData"),
     ("cognito-identity", "GetId"), ("stepfunctions", "GetActivityTask"),
     ("s3", "GetObject"), ("lambda", "GetFunction"), ("iam", "CreateAccessKey"),
     ("secretsmanager", "GetSecretValue"), ("secretsmanager", "BatchGetSecretValue"),
     ("firehose", "PutRecord")],
)  # fmt: skip
def test_reads_of_secrets_and_data_are_refused(service, operation):
    assert not is_allowed(service, operation)


@pytest.mark.parametrize("service", ["ssm", "ecr", "cognito-sync"])
def test_no_client_is_built_for_a_service_the_crawler_does_not_read(service):
    factory = ClientFactory(Target(credentials=FAKE_CREDENTIALS), ApiCallStats(), workers=1)

    with pytest.raises(ReadOnlyViolation, match=service):
        factory.client(service, "us-east-1")


def test_paginators_are_guarded_like_calls():
    sent: list[str] = []
    iam = _offline_client("iam", sent)

    with pytest.raises(ReadOnlyViolation, match="iam:ListRoles"):
        list(iam.get_paginator("list_roles").paginate())

    assert sent == []


def test_write_call_is_refused_before_any_request_is_sent():
    # Nothing listens on port 9: a request that was sent would fail with a connection error.
    target = Target(endpoint_url="http://127.0.0.1:9", credentials=FAKE_CREDENTIALS)
    stats = ApiCallStats()
    s3 = ClientFactory(target, stats, workers=1).client("s3", "us-east-1")

    with pytest.raises(ReadOnlyViolation, match="s3:CreateBucket"):
        s3.create_bucket(Bucket="must-not-exist")

    assert stats.total() == 0


def test_refused_write_leaves_the_account_unchanged(moto_endpoint, account_session):
    creds = account_session.get_credentials().get_frozen_credentials()
    target = Target(
        endpoint_url=moto_endpoint,
        credentials={
            "aws_access_key_id": creds.access_key,
            "aws_secret_access_key": creds.secret_key,
            "aws_session_token": creds.token,
        },
    )
    sqs = ClientFactory(target, ApiCallStats(), workers=1).client("sqs", "us-east-1")

    with pytest.raises(ReadOnlyViolation):
        sqs.create_queue(QueueName="must-not-exist")

    assert sqs.list_queues().get("QueueUrls", []) == []
