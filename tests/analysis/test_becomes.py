"""Every technique of the catalogue, table-driven: granted, the `becomes` edge names the
technique, the target and the resource it goes through; an explicit Deny, a permissions
boundary, a grant on another resource, or a missing companion action remove it; an undecided
condition makes it conditional (IAM UG, "Policy evaluation logic"). PassRole is decided with
iam:PassedToService set to the service the technique passes the role to (IAM UG, "IAM and AWS
STS condition context keys")."""

from __future__ import annotations

import pytest

from explorer.iam.techniques import CATALOGUE, PASS_ROLE
from tests.analysis.becomes_scenarios import (
    MFA,
    SCENARIOS,
    Scenario,
    becomes_edges,
    build,
    grant,
)
from tests.analysis.estates import allow, deny

BY_TECHNIQUE = {s.technique: s for s in SCENARIOS}
PASSING = [s for s in SCENARIOS if s.technique in {t.id for t in PASS_ROLE}]
NEEDING = [s for s in SCENARIOS if s.of.needs]


def test_every_technique_of_the_catalogue_has_a_scenario():
    assert sorted(BY_TECHNIQUE) == sorted(t.id for t in CATALOGUE)
    assert len(SCENARIOS) == len(BY_TECHNIQUE)


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_granted_technique_becomes_its_target(s: Scenario):
    est = build(s, *grant(s.of, s.resource))

    [edge] = becomes_edges(est, s.attacker)[s.target]

    evidence = edge["evidence"]
    assert (evidence["technique"], evidence["via"]) == (s.technique, s.via)
    assert evidence["actions"][0] == s.of.action
    assert edge["conditional"] is not s.sure
    assert any(ref.startswith("p#0 Allow") for ref in evidence["statements"])


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_explicit_deny_of_the_action_removes_the_edge(s: Scenario):
    est = build(s, *grant(s.of, s.resource), deny(s.of.action, s.resource))

    assert s.target not in becomes_edges(est, s.attacker)


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_boundary_without_the_action_removes_the_edge(s: Scenario):
    everything_else = {"Effect": "Allow", "NotAction": s.of.action, "Resource": "*"}
    est = build(s, *grant(s.of, s.resource), boundary=(everything_else,))

    assert s.target not in becomes_edges(est, s.attacker)


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_boundary_allowing_the_action_keeps_the_edge(s: Scenario):
    est = build(s, *grant(s.of, s.resource), boundary=(allow("*"),))

    assert s.target in becomes_edges(est, s.attacker)


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_undecided_condition_makes_the_edge_conditional(s: Scenario):
    est = build(s, *grant(s.of, s.resource, Condition=MFA))

    [edge] = becomes_edges(est, s.attacker)[s.target]

    assert edge["conditional"] is True
    assert edge["evidence"]["technique"] == s.technique


@pytest.mark.parametrize("s", SCENARIOS, ids=str)
def test_grant_on_another_resource_gives_no_edge(s: Scenario):
    est = build(s, *grant(s.of, s.other))

    assert s.target not in becomes_edges(est, s.attacker)


@pytest.mark.parametrize("s", NEEDING, ids=str)
def test_without_a_companion_action_the_technique_gives_no_edge(s: Scenario):
    for missing in s.of.needs:
        kept = [allow(group[0]) for group in s.of.needs if group is not missing]
        est = build(s, allow(s.of.action, s.resource), *kept)

        assert s.target not in becomes_edges(est, s.attacker), missing


@pytest.mark.parametrize("s", NEEDING, ids=str)
def test_any_alternative_of_a_companion_group_will_do(s: Scenario):
    last = [allow(group[-1]) for group in s.of.needs]
    est = build(s, allow(s.of.action, s.resource), *last)

    assert s.target in becomes_edges(est, s.attacker)


@pytest.mark.parametrize("s", PASSING, ids=str)
def test_passrole_to_a_role_the_service_does_not_trust_gives_no_edge(s: Scenario):
    est = build(s, *grant(s.of, s.other))  # `other` trusts another service

    assert becomes_edges(est, s.attacker) == {}


@pytest.mark.parametrize("s", PASSING, ids=str)
def test_passrole_limited_to_its_own_service_is_a_sure_edge(s: Scenario):
    only = {"StringEquals": {"iam:PassedToService": s.of.service}}
    est = build(s, *grant(s.of, s.resource, Condition=only))

    [edge] = becomes_edges(est, s.attacker)[s.target]

    assert edge["conditional"] is False


@pytest.mark.parametrize("s", PASSING, ids=str)
def test_passrole_limited_to_another_service_gives_no_edge(s: Scenario):
    elsewhere = {"StringEquals": {"iam:PassedToService": "autoscaling.amazonaws.com"}}
    est = build(s, *grant(s.of, s.resource, Condition=elsewhere))

    assert s.target not in becomes_edges(est, s.attacker)
