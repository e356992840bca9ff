"""The catalogue as a whole: order, record shape, renderings, and the rule registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

from explorer.analysis.build import build_graph
from explorer.analysis.findings import (
    OWASP,
    RULES,
    SEVERITIES,
    find_all,
    findings_document,
    findings_table,
    rules,
)
from explorer.analysis.findings.finding import lower
from tests.analysis.findings.helpers import (
    DAY,
    allow,
    estate,
    fn,
    function,
    iam_role,
    of,
    run,
    secret,
)

HOSTILE = "[bold red]pwned[/] \x1b[2J"


def flawed() -> object:
    return estate(
        functions=[
            function("b", tracing_mode="PassThrough", environment={"DB_PASSWORD": secret("s")}),
            function("a", tracing_mode="PassThrough", environment={"DB_PASSWORD": secret("s")}),
        ],
        iam_roles=[iam_role("a-role", allow("*"))],
    )


def test_findings_are_sorted_by_severity_then_resource():
    found = run(flawed())

    keys = [(SEVERITIES.index(f.severity), f.resource) for f in found]
    assert keys == sorted(keys)
    assert found[0].rule == "admin-role"


def test_every_rule_has_a_known_owasp_category_and_a_unique_id():
    assert all(rule.owasp in OWASP for rule in RULES)
    assert len({rule.id for rule in RULES}) == len(RULES)


def test_every_finding_uses_a_catalogue_rule():
    ids = {rule.id for rule in RULES}

    assert {f.rule for f in run(flawed())} <= ids


def test_find_all_accepts_the_estate_graph_or_its_networkx_graph():
    est = flawed()
    graph = build_graph(est)

    assert find_all(est, graph, today=DAY) == find_all(est, graph.g, today=DAY)


def test_account_text_is_kept_as_is_in_titles():
    est = estate(functions=[function(HOSTILE, tracing_mode="PassThrough")])

    [found] = of(run(est), "no-tracing")

    assert HOSTILE in found.title


def test_table_makes_control_characters_visible():
    est = estate(functions=[function(HOSTILE, tracing_mode="PassThrough")])

    table = findings_table(run(est))

    assert "\x1b" not in table
    assert "\\x1b[2J" in table


def test_json_document_has_the_design_keys():
    document = findings_document(run(flawed()), {"account": "123456789012"})

    assert document["snapshot"] == {"account": "123456789012"}
    first = document["findings"][0]
    assert {"rule", "owasp", "severity", "resource", "title", "detail", "path",
            "remediation"} <= set(first)  # fmt: skip
    assert json.loads(json.dumps(document)) == document


def test_empty_estate_has_no_findings_and_a_friendly_table():
    assert run(estate()) == []
    assert findings_table([]) == "No findings."


def test_lowering_severity_stops_at_low_and_keeps_info():
    assert [lower(s) for s in SEVERITIES] == ["high", "medium", "low", "low", "info"]


def test_shared_secret_and_per_function_findings_together():
    found = run(flawed())

    assert {f.resource for f in of(found, "secret-env")} == {fn("a"), fn("b")}
    assert len(of(found, "shared-secret")) == 1


def test_readme_lists_exactly_the_rules_of_the_catalogue_with_their_owasp_category():
    readme = Path(__file__).parents[3].joinpath("README.md").read_text()
    block = re.search(r"<!-- rules -->\n(.*?)\n<!-- /rules -->", readme, re.S)

    assert block and block.group(1) == rules.markdown()
    assert all(f"`{rule.id}` | {rule.owasp} |" in block.group(1) for rule in rules.ALL)
