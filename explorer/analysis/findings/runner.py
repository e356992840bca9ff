"""Every rule of the catalogue over one estate: `find_all` is the entry point."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial

import networkx as nx

from explorer.analysis.estate import Estate
from explorer.analysis.findings import (
    buckets,
    cognito,
    concurrency,
    coverage,
    entry,
    environment,
    escalations,
    operations,
    policies,
    roles,
    rules,
    scoped,
    trails,
    unknown_actions,
    unreadable,
    untrusted,
    vulnerable_components,
    waf,
)
from explorer.analysis.findings.context import Context, Inputs, judgement_day
from explorer.analysis.findings.finding import INFO, Finding, make, sort_key
from explorer.analysis.findings.runtime_lifecycle import RuntimeData, runtime_data
from explorer.analysis.graph import EstateGraph
from explorer.analysis.taint import untrusted_inputs
from explorer.store.errors import SnapshotError

RuleFamily = Callable[[Context], Iterable[Finding]]
SAID_CHARS = 300
"""Characters of a failed family's exception quoted in its coverage gap."""

FAMILIES: tuple[RuleFamily, ...] = (
    untrusted.untrusted_inputs,
    untrusted.account_wide_entries,
    entry.unauthenticated_routes,
    entry.public_function_urls,
    cognito.self_sign_up_apis,
    cognito.mfa_off,
    cognito.user_existence_errors,
    environment.secret_env,
    environment.secret_readers,
    environment.store_readers,
    environment.secret_config,
    environment.shared_secrets,
    untrusted.public_outputs,
    buckets.insecure_transport,
    policies.resource_policies,
    policies.public_acls,
    roles.role_findings,
    scoped.scoped_permission_grants,
    escalations.escalation_findings,
    cognito.identity_pool_guests,
    buckets.public_access_blocks,
    buckets.acls_enabled,
    unknown_actions.unknown_actions,
    concurrency.reserved_concurrency,
    waf.public_stages_without_waf,
    vulnerable_components.foreign_layers,
    operations.no_tracing,
    operations.no_log_retention,
    operations.no_failure_destination,
    operations.no_api_access_logging,
    trails.lambda_data_events,
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
    found = [finding for family in FAMILIES for finding in guarded(family, ctx)]
    found += guarded(
        partial(vulnerable_components.deprecated_runtimes, data=runtimes or runtime_data()), ctx
    )
    return sorted(set(found), key=sort_key)


def guarded(family: RuleFamily, ctx: Context) -> list[Finding]:
    """A family's findings; if it fails on this snapshot, one coverage gap saying its findings
    are missing, so one family's bug never takes the others down (EXPLORER_DEBUG re-raises).
    A damaged file is the verdict's to report, never a gap."""
    try:
        return list(family(ctx))
    except SnapshotError:
        raise
    except Exception as exc:
        if os.environ.get("EXPLORER_DEBUG"):
            raise
        return [could_not_run(family, exc)]


def could_not_run(family: RuleFamily, exc: Exception) -> Finding:
    """The coverage gap a failed rule family leaves."""
    name = getattr(family, "func", family)
    named = f"{name.__module__.rsplit('.', 1)[-1]}.{name.__name__}"
    said = f"{type(exc).__name__}: {exc}"[:SAID_CHARS]
    return make(
        rules.COVERAGE_GAP,
        INFO,
        "snapshot",
        f"Rule family {named} could not run on this snapshot",
        f"{said}; its findings are missing. This is a bug of the explorer: please report it "
        "(EXPLORER_DEBUG=1 shows where it failed).",
    )
