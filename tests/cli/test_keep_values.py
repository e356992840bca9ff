"""`--unsafe-keep-secret-values` is never silent: a warning at crawl time, a finding after."""

from __future__ import annotations

import json

from explorer.cli.crawling import KEEP_VALUES_WARNING
from tests.cli.test_cli import _aws_env, explorer
from tests.crawl.test_lambda import _function


def _crawl(session, endpoint: str, folder, *flags: str):
    return explorer(
        "crawl", "--endpoint-url", endpoint, "--region", "us-east-1", "--service", "lambda",
        "--quiet", "--cache-dir", str(folder), *flags, env=_aws_env(session),
    )  # fmt: skip


def _rules(folder) -> set[str]:
    result = explorer("findings", "--cache-dir", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_keeping_values_warns_even_when_quiet_and_raises_a_finding(
    account_session, moto_endpoint, tmp_path
):
    _function(account_session, moto_endpoint, "kept", Environment={"Variables": {"K": "v4lue"}})

    result = _crawl(account_session, moto_endpoint, tmp_path, "--unsafe-keep-secret-values")

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == KEEP_VALUES_WARNING
    assert "secret-values-kept" in _rules(tmp_path)


def test_a_redacting_crawl_neither_warns_nor_raises_the_finding(
    account_session, moto_endpoint, tmp_path
):
    _function(account_session, moto_endpoint, "plain", Environment={"Variables": {"K": "v4lue"}})

    result = _crawl(account_session, moto_endpoint, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "unsafe" not in result.stderr
    assert "secret-values-kept" not in _rules(tmp_path)


def test_help_says_the_flag_covers_every_literal_configuration_value():
    result = explorer("crawl", "--help")

    assert "every other literal configuration value" in " ".join(result.stdout.split())
