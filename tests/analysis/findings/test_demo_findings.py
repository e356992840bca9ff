"""The catalogue against the demo estate: every observable seeded flaw is found, on its node.

The demo is deployed into a fresh moto account, crawled for real and analysed; each flaw of
the deploy's manifest must match a finding of the same kind (rule id) on the same resource
(for a shared secret, anywhere on the finding's path, which names every holder).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.analysis.analyze import Analysis, analyze
from explorer.analysis.findings import Finding, find_all
from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions
from explorer.demo.account import DemoManifest, deploy
from explorer.demo.manifest import Flaw
from explorer.store.reader import open_snapshot
from tests.conftest import session_credentials
from tests.demo.test_account import account_session

ACCOUNT = "300000000044"
UNMATCHED_KINDS = {"hostile-text"}
"""Flaw kinds that are not findings (hostile text is a display test)."""


@pytest.fixture(scope="module")
def demo(moto_endpoint, tmp_path_factory) -> Iterator[tuple[DemoManifest, Analysis, list]]:
    session = account_session(moto_endpoint, ACCOUNT)
    manifest = deploy(session, moto_endpoint, "us-east-1")
    target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
    options = CrawlOptions(target=target, regions=("us-east-1",), workers=4)
    outcome = crawl_to_snapshot(options, tmp_path_factory.mktemp("cache"), quiet=True)
    analysis = analyze(open_snapshot(outcome.path))
    yield manifest, analysis, find_all(analysis.estate, analysis.graph, inputs=analysis.inputs)
    analysis.estate.close()


def matches(flaw: Flaw, finding: Finding) -> bool:
    if finding.rule != flaw.kind:
        return False
    if flaw.kind == "shared-secret":
        return flaw.resource in finding.path
    return finding.resource == flaw.resource


def expected(manifest: DemoManifest) -> list[Flaw]:
    return [f for f in manifest.flaws if f.observable and f.kind not in UNMATCHED_KINDS]


def test_every_observable_demo_flaw_is_found(demo):
    manifest, _, found = demo

    missing = [f for f in expected(manifest) if not any(matches(f, x) for x in found)]

    assert missing == []


@pytest.mark.parametrize(
    "kind",
    [
        "admin-role", "secret-env", "public-function-url", "shared-secret",
        "bucket-public-access-block-off", "account-public-access-block-off",
        "bucket-allows-http", "bucket-acls-enabled", "unknown-policy-action",
        "no-reserved-concurrency", "low-reserved-concurrency", "api-stage-no-waf",
        "no-lambda-data-events",
        "self-sign-up-api", "user-pool-mfa-off", "user-existence-errors",
    ],
)  # fmt: skip
def test_findings_of_a_kind_stay_on_the_demo_flaws(demo, kind):
    manifest, _, found = demo
    flagged = {f.resource for f in manifest.flaws_of(kind)}

    assert {f.resource for f in found if f.rule == kind} <= flagged


def test_deprecated_runtimes_are_exactly_the_seeded_ones(demo):
    manifest, _, found = demo
    seeded = {f.resource for f in manifest.flaws_of("deprecated-runtime")}

    deprecated = {
        f.resource for f in found if f.rule == "deprecated-runtime" and f.severity != "low"
    }

    assert deprecated == seeded


def test_analysis_computes_the_same_findings_lazily(demo):
    _, analysis, found = demo

    assert analysis.findings == found


def test_public_function_without_reserved_concurrency_is_found_and_the_capped_one_is_not(demo):
    manifest, _, found = demo
    uncapped = {f.resource for f in found if f.rule == "no-reserved-concurrency"}
    capped = manifest.functions["pixmart-upload-api"]  # behind a public route, reserved 100

    assert manifest.functions["pixmart-catalog"] in uncapped  # GET /catalog, no authorizer
    assert capped not in uncapped
    assert manifest.functions["pixmart-thumbnailer"] not in uncapped  # behind the capped one


def test_payment_webhook_cap_is_one_callers_to_fill(demo):
    manifest, _, found = demo

    [low] = [f for f in found if f.rule == "low-reserved-concurrency"]

    assert low.resource == manifest.functions["pixmart-payment-webhook"]
    assert "reserved concurrency 2" in low.title
