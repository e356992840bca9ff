"""`info` and `snapshots` say what "complete" means, what the crawler does not read, which
services a crawl left out, and when a file holds secret values."""

from __future__ import annotations

import json

from explorer.cli import main
from explorer.store.writer import SnapshotWriter
from tests.cli.test_cli import _aws_env, explorer
from tests.crawl.test_lambda import _function

NEVER_READ = (
    "EventBridge Pipes",
    "Lambda provisioned concurrency",
    "CloudWatch alarms and their actions",
    "KMS key policies and grants",
    "AWS Organizations service and resource control policies",
)
"""Examples of what this crawler does not read (the trigger sources issue 14 adds leave the
list as their crawl modules arrive: `test_info_lists_every_trigger_kind_read_and_not_read`)."""


def _info(capsys, *args: str) -> tuple[str, dict]:
    assert main(["info", *args]) == 0
    text = capsys.readouterr().out
    assert main(["info", *args, "--format", "json"]) == 0
    return text, json.loads(capsys.readouterr().out)


def test_info_says_complete_means_only_that_every_call_succeeded(capsys, crawl_account):
    path = str(crawl_account().path)

    text, doc = _info(capsys, "--snapshot", path)

    assert "coverage: complete: every call this crawl made succeeded" in text
    assert doc["coverage"] == {
        "complete": True, "means": "every call this crawl made succeeded", "failed_calls": 0,
    }  # fmt: skip


def test_info_lists_what_the_crawler_never_reads(capsys, crawl_account):
    path = str(crawl_account().path)

    text, doc = _info(capsys, "--snapshot", path)

    whats = [entry["what"] for entry in doc["not_read"]]
    for missing in NEVER_READ:
        assert any(w.startswith(missing) for w in whats), missing
        assert missing in text
    assert all(entry["why"] and entry["cause"] == "crawler" for entry in doc["not_read"])
    assert doc["not_read"] == doc["snapshot"]["not_read"]  # as the crawl recorded it in meta


def test_info_names_the_services_a_crawl_left_out(capsys, crawl_account):
    path = str(crawl_account(services=("lambda", "iam")).path)

    text, doc = _info(capsys, "--snapshot", path)

    left_out = {e["service"] for e in doc["not_read"] if e["cause"] == "--service"}
    assert {"sqs", "s3", "sns", "events", "apigateway"} <= left_out
    assert not left_out & {"lambda", "iam"}
    [line] = [line for line in text.splitlines() if line.startswith("not crawled")]
    assert "left out by --service" in line and "sqs" in line and "lambda" not in line


def test_info_on_a_snapshot_from_before_the_list_says_not_recorded(capsys, tmp_path):
    with SnapshotWriter(tmp_path) as writer:
        path = writer.finish({"account": "123456789012", "finished": "2026-01-01T00:00:00"}, [])

    text, doc = _info(capsys, "--snapshot", str(path))

    assert "not recorded" in text
    assert doc["not_read"] is None and doc["secret_values_kept"] is False


def test_a_file_holding_secret_values_says_so_in_info_and_snapshots(
    account_session, moto_endpoint, tmp_path
):
    _function(account_session, moto_endpoint, "keeper", Environment={"Variables": {"K": "v"}})
    crawl = explorer(
        "crawl", "--endpoint-url", moto_endpoint, "--region", "us-east-1", "--quiet",
        "--unsafe-keep-secret-values", "--cache-dir", str(tmp_path), env=_aws_env(account_session),
    )  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr

    info = explorer("info", "--cache-dir", str(tmp_path))
    info_json = json.loads(
        explorer("info", "--cache-dir", str(tmp_path), "--format", "json").stdout
    )
    listing = explorer("snapshots", "--cache-dir", str(tmp_path))
    listing_json = json.loads(
        explorer("snapshots", "--cache-dir", str(tmp_path), "--format", "json").stdout
    )

    assert "SECRET VALUES" in info.stdout and info_json["secret_values_kept"] is True
    assert "HOLDS SECRET VALUES" in listing.stdout
    assert [s["secret_values_kept"] for s in listing_json["snapshots"]] == [True]


def test_a_file_without_secret_values_says_nothing_of_them(capsys, crawl_account):
    path = crawl_account().path

    text, doc = _info(capsys, "--snapshot", str(path))
    assert main(["snapshots", "--cache-dir", str(path.parent)]) == 0
    listing = capsys.readouterr().out

    assert "SECRET" not in text and doc["secret_values_kept"] is False
    assert "SECRET" not in listing


def test_info_lists_every_trigger_kind_read_and_not_read(capsys, crawl_account):
    path = str(crawl_account().path)

    text, doc = _info(capsys, "--snapshot", path)

    kinds = doc["trigger_kinds"]
    assert {"SNS subscription", "load balancer target group"} <= set(kinds["read"])
    assert kinds["not_in_snapshot"] == []
    assert "EventBridge Pipes" in kinds["not_read"]
    assert not any("Load Balancer" in what for what in kinds["not_read"])
    assert "trigger kinds read (" in text and "trigger sources not read (" in text
