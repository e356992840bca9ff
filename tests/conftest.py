"""Shared fixtures: one moto server per test session, a fresh AWS account per test, and the
demo crawled once per session."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(autouse=True)
def private_config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep the fingerprint key of tests out of the real user config folder."""
    monkeypatch.setenv("EXPLORER_CONFIG_DIR", str(tmp_path_factory.getbasetemp() / "config"))


def session_credentials(session: boto3.Session) -> dict[str, str]:
    """A session's credentials in the keyword form boto3.Session takes."""
    creds = session.get_credentials().get_frozen_credentials()
    return {
        "aws_access_key_id": creds.access_key,
        "aws_secret_access_key": creds.secret_key,
        "aws_session_token": creds.token,
    }


@pytest.fixture
def crawl_account(account_session: boto3.Session, moto_endpoint: str, tmp_path):
    """Crawl the test's account for real (over HTTP) into a snapshot; returns the open Snapshot.

    Keyword arguments choose regions, workers, services, and extra botocore hooks.
    """
    from explorer.cli.crawling import crawl_to_snapshot
    from explorer.crawl.client import Target
    from explorer.crawl.runner import CrawlOptions
    from explorer.store.reader import open_snapshot

    opened = []

    def run(
        regions: tuple[str, ...] = ("us-east-1",),
        workers: int = 4,
        services: tuple[str, ...] = (),
        hooks: tuple = (),
        max_attempts: int = 8,
    ):
        target = Target(
            endpoint_url=moto_endpoint,
            credentials=session_credentials(account_session),
            hooks=hooks,
            max_attempts=max_attempts,
        )
        options = CrawlOptions(target=target, regions=regions, workers=workers, services=services)
        outcome = crawl_to_snapshot(options, tmp_path / "cache", quiet=True)
        snapshot = open_snapshot(outcome.path)
        opened.append(snapshot)
        return snapshot

    yield run
    for snapshot in opened:
        snapshot.close()


DEMO_ACCOUNT = "400000000001"


@pytest.fixture(scope="session")
def demo_path(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo deployed into a fresh moto account and crawled for real, once per session."""
    from explorer.cli.crawling import crawl_to_snapshot
    from explorer.crawl.client import Target
    from explorer.crawl.runner import CrawlOptions
    from explorer.demo.account import deploy
    from tests.demo.test_account import account_session

    patch = pytest.MonkeyPatch()
    patch.setenv("EXPLORER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    try:
        session = account_session(moto_endpoint, DEMO_ACCOUNT)
        deploy(session, moto_endpoint, "us-east-1")
        target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
        options = CrawlOptions(target=target, regions=("us-east-1",), workers=4)
        outcome = crawl_to_snapshot(options, tmp_path_factory.mktemp("demo"), quiet=True)
        yield outcome.path
    finally:
        patch.undo()
