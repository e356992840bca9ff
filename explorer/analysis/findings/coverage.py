"""Info findings for what could not be read, so that missing data never reads as safety."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import INFO, Finding, listed, make

MAX_LISTED = 20
"""Affected resources named in one finding's path (the detail gives the full count)."""


def failed_calls(ctx: Context) -> Iterator[Finding]:
    """One finding per (service, operation, error code, region) of the `errors` table."""
    groups: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for error in ctx.estate.errors:
        key = tuple(str(error.get(k) or "-") for k in ("service", "operation", "code", "region"))
        groups[key].append(error)  # type: ignore[index]
    for (service, operation, code, region), errors in sorted(groups.items()):
        yield _gap(service, operation, code, region, errors)


def _gap(service: str, operation: str, code: str, region: str, errors: list[Row]) -> Finding:
    resources = sorted({str(e["resource"]) for e in errors if e.get("resource")})
    resource = f"gap:{service}:{operation}@{region}"
    named = f" Affected: {listed(resources, MAX_LISTED)}" if resources else ""
    return make(
        rules.COVERAGE_GAP,
        INFO,
        resource,
        f"Could not read {service} {operation} in {region} ({code}, {len(errors)} call(s))",
        f"First message: {errors[0].get('message') or '-'}.{named}. Findings that "
        "depend on this data may be missing.",
        path=tuple(resources[:MAX_LISTED]) or (resource,),
    )


def incomplete_snapshot(ctx: Context) -> Iterator[Finding]:
    """What the snapshot's meta says the crawl left out: all of it after the crawl did not
    finish, or the services `--service` did not name (`meta["not_read"]`)."""
    if ctx.estate.meta.get("complete") is False:
        yield make(
            rules.COVERAGE_GAP,
            INFO,
            "snapshot",
            "The snapshot is incomplete",
            "The crawl that wrote this snapshot did not finish; any table may be partial.",
        )
    entries = ctx.estate.meta.get("not_read")
    left_out = sorted(
        str(e.get("service") or e.get("what"))
        for e in (entries if isinstance(entries, list) else [])
        if isinstance(e, dict) and e.get("cause") == "--service"
    )
    if left_out:
        yield make(
            rules.COVERAGE_GAP,
            INFO,
            "snapshot",
            f"Services left out of the crawl: {', '.join(left_out)}",
            "The crawl was told to read only some services (--service); nothing of these is "
            "in the snapshot, so findings about them and paths through them are missing.",
        )


PRINCIPAL_NOUN = {kinds.ROLE: "role", kinds.USER: "user", kinds.GROUP: "group"}


def policy_gaps(ctx: Context) -> Iterator[Finding]:
    """Roles, users and groups whose policies could not be evaluated in full (missing or
    malformed documents, a user's group the snapshot lacks)."""
    for node, attrs in sorted(ctx.g.nodes(data=True)):
        noun = PRINCIPAL_NOUN.get(attrs.get("kind"))
        if noun and attrs.get("policy_gaps"):
            yield make(
                rules.COVERAGE_GAP,
                INFO,
                node,
                f"Policies of {noun} {ctx.label(node)} could not be read in full",
                "; ".join(str(g) for g in attrs["policy_gaps"])
                + ". Its edges and role findings may be incomplete.",
            )
