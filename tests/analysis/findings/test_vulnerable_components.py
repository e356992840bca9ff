"""A9: deprecated runtimes against dated data (and its age), and layers from other accounts."""

from __future__ import annotations

import json
import os
from datetime import date

from explorer.analysis.findings import runtime_lifecycle as lifecycle
from explorer.analysis.findings.runtime_lifecycle import bundled, from_cfn_lint, parse, runtime_data
from tests.analysis.findings.helpers import DAY, FOREIGN, estate, fn, function, of, run

DATES = {
    "python3.7": {"deprecated": "2023-12-04", "create-block": "2024-01-09",
                  "update-block": "2026-03-09", "successor": "python3.13"},
    "python3.9": {"deprecated": "2025-12-15", "create_blocked": "2026-06-01",
                  "update_blocked": "2027-07-01", "successor": "python3.13"},
    "python3.12": {"deprecated": "2027-03-01"},
    "python3.13": {"deprecated": "2029-06-30"},
}  # fmt: skip


def data(as_of: date = date(2026, 10, 1)):
    return parse(DATES, "test data", "https://example.invalid/runtimes", as_of)


def runtime_findings(*runtimes: str, as_of: date = date(2026, 10, 1)):
    rows = [function(f"f{i}", runtime=r) for i, r in enumerate(runtimes)]
    return of(run(estate(functions=rows), runtimes=data(as_of)), "deprecated-runtime")


def test_runtime_past_update_block_is_high_and_names_its_successor():
    [found] = runtime_findings("python3.7")

    assert (found.owasp, found.severity, found.resource) == ("A9", "high", fn("f0"))
    assert "python3.13" in found.remediation
    assert "updates blocked since 2026-03-09" in found.detail


def test_deprecated_runtime_still_updatable_is_medium():
    [found] = runtime_findings("python3.9")

    assert found.severity == "medium"
    assert "deprecated since 2025-12-15" in found.detail


def test_runtime_deprecated_within_six_months_is_low():
    [found] = runtime_findings("python3.12")

    assert found.severity == "low"
    assert "will be deprecated on 2027-03-01" in found.title


def test_supported_runtime_and_container_image_are_not_reported():
    assert runtime_findings("python3.13", None) == []


def test_finding_states_the_data_source_and_its_as_of_date():
    [found] = runtime_findings("python3.9")

    assert "test data, as of 2026-10-01" in found.detail
    assert "days old" not in found.detail


def test_old_deprecation_data_says_how_old_it_is():
    [found] = runtime_findings("python3.9", as_of=date(2026, 1, 1))

    assert f"Deprecation data is {(DAY - date(2026, 1, 1)).days} days old" in found.detail


def test_old_deprecation_data_raises_an_info_finding_even_when_nothing_is_deprecated():
    rows = [function("new", runtime="python3.13"), function("odd", runtime="python3.99")]
    est = estate(functions=rows)

    [stale] = of(run(est, runtimes=data(date(2025, 1, 1))), "coverage-gap")

    assert stale.severity == "info"
    assert "days old" in stale.title
    assert "python3.99" in stale.detail


def test_bundled_data_is_dated_and_covers_the_common_runtimes():
    shipped = bundled()

    assert shipped.as_of > date(2026, 1, 1)
    assert shipped.url.startswith("https://docs.aws.amazon.com/lambda/")
    assert {"python3.9", "nodejs18.x", "java8", "go1.x"} <= set(shipped.runtimes)


def test_cfn_lint_copy_is_read_with_its_file_date(tmp_path):
    path = tmp_path / "LmbdRuntimeLifecycle.json"
    path.write_text(json.dumps({"nodejs20.x": {"deprecated": "2026-04-30", "successor": "x"}}))
    os.utime(path, (1_790_000_000, 1_790_000_000))

    found = from_cfn_lint(path)

    assert found is not None
    assert found.as_of == date.fromtimestamp(1_790_000_000)
    assert found.runtimes["nodejs20.x"].deprecated == date(2026, 4, 30)


def test_unreadable_cfn_lint_copy_is_ignored(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")

    assert from_cfn_lint(path) is None


def test_newer_source_wins(monkeypatch):
    newer = parse(DATES, "maintained", "u", date(2099, 1, 1))
    monkeypatch.setattr(lifecycle, "from_cfn_lint", lambda: newer)
    runtime_data.cache_clear()
    try:
        assert runtime_data() is newer
    finally:
        runtime_data.cache_clear()


def test_bundled_file_wins_when_cfn_lint_is_absent(monkeypatch):
    monkeypatch.setattr(lifecycle, "from_cfn_lint", lambda: None)
    runtime_data.cache_clear()
    try:
        assert runtime_data().source.startswith("bundled")
    finally:
        runtime_data.cache_clear()


def test_layer_from_another_account_is_foreign():
    layer = f"arn:aws:lambda:us-east-1:{FOREIGN}:layer:shared-utils:3"
    est = estate(functions=[function("api", layers=[layer])])

    [found] = of(run(est), "foreign-layer")

    assert (found.owasp, found.severity, found.resource) == ("A9", "medium", fn("api"))
    assert found.path == (layer, fn("api"))
    assert FOREIGN in found.title


def test_layer_from_the_own_account_is_not_foreign():
    layer = "arn:aws:lambda:us-east-1:123456789012:layer:own:1"
    est = estate(functions=[function("api", layers=[layer])])

    assert of(run(est), "foreign-layer") == []
