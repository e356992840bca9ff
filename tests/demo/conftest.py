"""The demo deployed and crawled once for the escalation tests: its manifest, a boto3 session
into its account, and the snapshot the crawler wrote."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions
from explorer.demo.account import DemoManifest, deploy
from explorer.store.reader import Snapshot, open_snapshot
from tests.conftest import session_credentials
from tests.demo.test_account import REGION, account_session

ESCALATION_ACCOUNT = "200000000012"


@dataclass(frozen=True)
class CrawledDemo:
    """A deployed demo, a client factory into its account, and its crawled snapshot."""

    manifest: DemoManifest
    session: boto3.Session
    endpoint: str
    snapshot: Path

    def client(self, service: str):
        return self.session.client(service, endpoint_url=self.endpoint, region_name=REGION)


@pytest.fixture(scope="session")
def crawled_demo(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> CrawledDemo:
    """One deploy and one real crawl (over HTTP) for every escalation test (the fingerprint
    key goes to a private config folder, as in `demo_path`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXPLORER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
        session = account_session(moto_endpoint, ESCALATION_ACCOUNT)
        manifest = deploy(session, moto_endpoint, REGION)
        target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
        options = CrawlOptions(target=target, regions=(REGION,), workers=4)
        outcome = crawl_to_snapshot(options, tmp_path_factory.mktemp("escalation"), quiet=True)
    return CrawledDemo(manifest, session, moto_endpoint, outcome.path)


@pytest.fixture
def snapshot(crawled_demo: CrawledDemo) -> Iterator[Snapshot]:
    """The crawled snapshot, opened for one test."""
    opened = open_snapshot(crawled_demo.snapshot)
    yield opened
    opened.close()
