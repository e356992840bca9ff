"""SARIF 2.1.0: structure, rules with OWASP tags, logical locations and paths as code flows."""

from __future__ import annotations

import json

from explorer.analysis import kinds
from explorer.analysis.findings import RULES, Finding, to_sarif
from tests.analysis.builders import route
from tests.analysis.findings.helpers import fn

FINDING = Finding(
    rule="untrusted-input-anonymous",
    owasp="A1",
    severity="critical",
    resource=fn("api"),
    title="Anonymous internet input reaches api",
    detail="Through GET /api.",
    path=(kinds.INTERNET, route("api"), fn("api")),
    remediation="Validate input.",
    edges=(kinds.EXPOSES, kinds.TRIGGERS),
)
META = {"account": "123456789012", "finished": "2026-11-01T00:00:00+00:00"}


def test_log_has_version_schema_and_one_run():
    log = to_sarif([FINDING], META)

    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    assert log["runs"][0]["properties"]["snapshot"] == META


def test_driver_lists_every_rule_with_its_owasp_tag():
    driver = to_sarif([], META)["runs"][0]["tool"]["driver"]

    assert [r["id"] for r in driver["rules"]] == [r.id for r in RULES]
    injection = driver["rules"][0]
    assert "owasp-2017-a1" in injection["properties"]["tags"]
    assert injection["shortDescription"]["text"]
    assert injection["help"]["text"]


def test_result_points_at_its_rule_with_level_and_logical_location():
    log = to_sarif([FINDING], META)
    run = log["runs"][0]
    [result] = run["results"]

    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert result["level"] == "error"
    assert result["message"]["text"].startswith(FINDING.title)
    [location] = result["locations"]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == fn("api")
    assert result["properties"]["security-severity"] == "9.5"


def test_path_is_a_code_flow_of_locations_in_order():
    [result] = to_sarif([FINDING], META)["runs"][0]["results"]

    [flow] = result["codeFlows"]
    [thread] = flow["threadFlows"]
    names = [
        s["location"]["logicalLocations"][0]["fullyQualifiedName"] for s in thread["locations"]
    ]
    assert names == list(FINDING.path)
    assert thread["locations"][1]["location"]["message"]["text"] == f"exposes {route('api')}"
    assert [s["executionOrder"] for s in thread["locations"]] == [0, 1, 2]


def test_levels_follow_severity():
    levels = {
        severity: to_sarif([Finding(**{**FINDING.__dict__, "severity": severity})], META)["runs"][
            0
        ]["results"][0]["level"]
        for severity in ("critical", "high", "medium", "low", "info")
    }

    assert levels == {"critical": "error", "high": "error", "medium": "warning", "low": "note",
                      "info": "note"}  # fmt: skip


def test_fingerprints_are_stable_and_the_log_is_json():
    first = to_sarif([FINDING], META)
    second = to_sarif([FINDING], META)

    assert first == second
    assert json.loads(json.dumps(first)) == first
