"""Every rule of the catalogue over one estate: `find_all` is the entry point."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import networkx as nx

from explorer.analysis.estate import Estate
from explorer.analysis.findings import (
    components,
    coverage,
    entry,
    environment,
    operations,
    policies,
    roles,
    unreadable,
    untrusted,
)
from explorer.analysis.findings.context import Context, Inputs, judgement_day
from explorer.analysis.findings.lifecycle import RuntimeData, runtime_data
from explorer.analysis.findings.model import Finding, sort_key
from explorer.analysis.graph import EstateGraph
from explorer.analysis.taint import untrusted_inputs

RuleFamily = Callable[[Context], Iterable[Finding]]

FAMILIES: tuple[RuleFamily, ...] = (
    untrusted.untrusted_inputs,
    entry.unauthenticated_routes,
    entry.public_function_urls,
    environment.secret_env,
    environment.secret_config,
    environment.shared_secrets,
    untrusted.public_outputs,
    policies.resource_policies,
    policies.public_acls,
    roles.role_findings,
    components.foreign_layers,
    operations.no_tracing,
    operations.no_log_retention,
    operations.no_failure_destination,
    operations.no_api_access_logging,
    coverage.failed_calls,
    coverage.incomplete_snapshot,
    coverage.policy_gaps,
    environment.kept_values,
    unreadable.unreadable_policies,
)
"""Rule families in catalogue order (the runtime family also needs its dated data)."""


def find_all(
    estate: Estate,
    graph: EstateGraph | nx.MultiDiGraph,
    *,
    inputs: Inputs | None = None,
    today: date | None = None,
    runtimes: RuntimeData | None = None,
) -> list[Finding]:
    """Every finding, most severe first, then by resource.

    `inputs` are the untrusted inputs per function (computed from the graph when not given);
    `today` the day runtimes are judged at (default: the snapshot's finish date);
    `runtimes` the deprecation data (default: the newest maintained source).
    """
    g = graph.g if isinstance(graph, EstateGraph) else graph
    ctx = Context(
        estate=estate,
        g=g,
        inputs=untrusted_inputs(g) if inputs is None else inputs,
        today=judgement_day(estate.meta, today),
    )
    found = [finding for family in FAMILIES for finding in family(ctx)]
    found += components.deprecated_runtimes(ctx, runtimes or runtime_data())
    return sorted(set(found), key=sort_key)
