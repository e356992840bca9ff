"""Shared fixtures: one moto server per test session, and a fresh AWS account per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import boto3
import pytest

from explorer.demo.server import FAKE_CREDENTIALS, moto_server

_accounts = itertools.count(100000000001)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """The URL of a moto server that lives for the whole test session."""
    with moto_server() as url:
        yield url


@pytest.fixture
def account_session(moto_endpoint: str) -> boto3.Session:
    """A boto3 session inside a brand-new moto account, so tests never see each other's data.

    moto maps credentials from sts:AssumeRole to the account named in the role ARN.
    """
    account = f"{next(_accounts):012d}"
    sts = boto3.client(
        "sts", endpoint_url=moto_endpoint, region_name="us-east-1", **FAKE_CREDENTIALS
    )
    creds = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/explorer-test", RoleSessionName="test"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name="us-east-1",
    )
