"""The reports on the demo estate, through the CLI's JSON contract (DESIGN §9).

The demo is deployed into a fresh moto account and crawled; then one change is made (a function
gets a public URL, with the permission that lets everyone call it) and it is crawled again, so
`diff` has something real to find.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions
from explorer.demo.account import DemoManifest, deploy
from explorer.demo.estate_flaws import ANONYMOUS_INPUTS, AUTHENTICATED_INPUTS, CROSS_ACCOUNT_INPUTS
from tests.conftest import session_credentials
from tests.demo.test_account import account_session

ACCOUNT = "500000000001"


@dataclass(frozen=True)
class Demo:
    manifest: DemoManifest
    before: Path
    after: Path


@pytest.fixture(scope="module")
def demo(moto_endpoint, tmp_path_factory) -> Iterator[Demo]:
    session = account_session(moto_endpoint, ACCOUNT)
    manifest = deploy(session, moto_endpoint, "us-east-1")
    target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
    options = CrawlOptions(target=target, regions=("us-east-1",), workers=4)
    before = crawl_to_snapshot(options, tmp_path_factory.mktemp("before"), quiet=True).path
    lam = session.client("lambda", endpoint_url=moto_endpoint, region_name="us-east-1")
    lam.create_function_url_config(FunctionName="pixmart-reports", AuthType="NONE")
    lam.add_permission(
        FunctionName="pixmart-reports", StatementId="PublicUrl", Principal="*",
        Action="lambda:InvokeFunctionUrl", FunctionUrlAuthType="NONE",
    )  # fmt: skip
    after = crawl_to_snapshot(options, tmp_path_factory.mktemp("after"), quiet=True).path
    yield Demo(manifest, before, after)


def run_json(capsys, *args: str) -> dict:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def inputs_of(capsys, demo: Demo, name: str) -> dict[str, list[dict]]:
    report = run_json(capsys, "inputs", name, "--snapshot", str(demo.before))
    found: dict[str, list[dict]] = {}
    for entry in report["inputs"]:
        found.setdefault(entry["trust"], []).append(entry)
    return found


@pytest.mark.parametrize(
    ("names", "trust"),
    [(ANONYMOUS_INPUTS, "anonymous"), (CROSS_ACCOUNT_INPUTS, "cross-account"),
     (AUTHENTICATED_INPUTS, "authenticated")],
)  # fmt: skip
def test_every_seeded_untrusted_input_is_found(capsys, demo, names, trust):
    missing = [name for name in names if trust not in inputs_of(capsys, demo, name)]

    assert missing == []


def test_input_paths_start_at_their_origin_and_end_at_the_function(capsys, demo):
    report = run_json(capsys, "inputs", "pixmart-gallery-publisher", "--snapshot", str(demo.before))

    for entry in report["inputs"]:
        assert entry["path"][0] == entry["origin"]
        assert entry["path"][-1] == report["function"]
        assert len(entry["edges"]) == len(entry["path"]) - 1


def test_showcase_chain_is_listed(capsys, demo):
    report = run_json(capsys, "chains", "--snapshot", str(demo.before), "--from", "internet")
    gallery = demo.manifest.functions["pixmart-gallery-publisher"]
    upload = demo.manifest.functions["pixmart-upload-api"]

    assert any(upload in c["path"] and gallery in c["path"] for c in report["chains"])


def test_compromised_log_watcher_reaches_the_admin_role(capsys, demo):
    report = run_json(capsys, "blast-radius", "pixmart-log-watcher", "--snapshot", str(demo.before))
    reached = {r["node"]: r for r in report["reachable"]}
    admin = demo.manifest.roles["pixmart-admin-role"]

    assert demo.manifest.functions["pixmart-nightly-report"] in reached
    assert "controls" in reached[demo.manifest.functions["pixmart-nightly-report"]]["access"]
    assert admin in reached and reached[admin]["path"][0] == report["node"]


def test_diff_reports_the_new_internet_reachable_path(capsys, demo):
    report = run_json(capsys, "diff", str(demo.before), str(demo.after))
    reports_fn = demo.manifest.functions["pixmart-reports"]

    added = [i for i in report["added"]["inputs"] if i["function"] == reports_fn]
    assert [(i["origin"], i["trust"]) for i in added] == [("internet", "anonymous")]
    assert report["removed"]["inputs"] == []


def test_unknown_function_is_one_line_with_close_matches(capsys, demo):
    assert main(["inputs", "pixmart-thumbnail", "--snapshot", str(demo.before)]) == 2

    err = capsys.readouterr().err
    assert "pixmart-thumbnailer" in err and len(err.strip().splitlines()) == 1


def test_findings_cover_every_seeded_flaw_kind(capsys, demo):
    report = run_json(capsys, "findings", "--snapshot", str(demo.before))
    rules = {f["rule"] for f in report["findings"]}
    seeded = {flaw.kind for flaw in demo.manifest.flaws if flaw.observable}
    expected = {kind for kind in seeded if kind != "hostile-text"}

    assert report["snapshot"]["account"] == ACCOUNT
    assert expected - rules == set()
    assert all(
        f["owasp"].startswith("A") and f["path"]
        for f in report["findings"]
        if f["rule"].startswith("untrusted")
    )


def test_findings_as_sarif_carry_paths_as_code_flows(capsys, demo):
    assert main(["findings", "--snapshot", str(demo.before), "--format", "sarif"]) == 0
    sarif = json.loads(capsys.readouterr().out)

    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert results and any(r.get("codeFlows") for r in results)
