"""A rule family that fails on some snapshot leaves a coverage gap naming it, and every other
family's findings stand. The failing family is a test's own, added to the real catalogue (no
real family fails on any shape the tests know: tests/analysis/test_hostile_shapes.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.analysis.findings import rules, runner
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import Finding
from explorer.store.reader import SnapshotError
from tests.analysis.findings.helpers import allow, estate, function, iam_role, of, run


def _broken(ctx: Context) -> Iterator[Finding]:
    yield from ()
    raise TypeError("sequence item 0: expected str instance, list found")


def _damaged(ctx: Context) -> Iterator[Finding]:
    yield from ()
    raise SnapshotError("x.sqlite is damaged (table functions holds invalid JSON).")


def _flawed() -> object:
    return estate(
        functions=[function("a", tracing_mode="PassThrough")],
        iam_roles=[iam_role("a-role", allow("*"))],
    )


@pytest.fixture
def with_family(monkeypatch):
    def add(family) -> None:
        monkeypatch.setattr(runner, "FAMILIES", (family, *runner.FAMILIES))

    monkeypatch.delenv("EXPLORER_DEBUG", raising=False)
    return add


def test_a_failing_rule_family_leaves_a_coverage_gap_and_the_other_findings(with_family):
    expected = run(_flawed())
    with_family(_broken)

    found = run(_flawed())

    [gap] = [f for f in found if f not in expected]
    assert gap.rule == rules.COVERAGE_GAP.id and gap.severity == "info"
    assert gap.title == "Rule family test_family_guard._broken could not run on this snapshot"
    assert gap.detail.startswith(
        "TypeError: sequence item 0: expected str instance, list found; its findings are missing."
    )
    assert set(expected) <= set(found) and of(found, rules.NO_TRACING.id)


def test_with_explorer_debug_a_failing_rule_family_raises(with_family, monkeypatch):
    with_family(_broken)
    monkeypatch.setenv("EXPLORER_DEBUG", "1")

    with pytest.raises(TypeError, match="expected str instance"):
        run(_flawed())


def test_a_damaged_file_met_by_a_rule_family_is_the_verdict_not_a_gap(with_family):
    with_family(_damaged)

    with pytest.raises(SnapshotError, match="is damaged"):
        run(_flawed())
