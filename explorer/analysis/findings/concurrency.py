"""A6 rules on reserved concurrency: functions outsiders can run without a cap (denial of
wallet, and the account's other functions starved of the regional pool), and caps so low that
one caller can take every slot (denial of service).

Who can run a function comes from the untrusted inputs (`ctx.inputs`), so a function behind a
public queue, topic or bucket counts as well as one behind a route. An uncapped function is
reported where outside data first reaches the account's code: the first function on the
explaining path. One further down a chain runs only as often as the functions before it let
data through, so capping the first one bounds the chain (a chain whose first function is
uncapped is that function's finding). A cap one caller can fill is reported wherever untrusted
data reaches. A function whose setting was not read (the call failed, or the snapshot predates
the column) is no finding of either rule: the failed call is a coverage gap of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from explorer.analysis import kinds
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import INFO, LOW, MEDIUM, Finding, lower, make
from explorer.analysis.narrowing import only_text
from explorer.analysis.taint import UntrustedInput

LOW_LIMIT = 5
"""Reserved concurrency at or below this is one caller's to fill: a single client keeping five
requests in flight (a loop per connection) holds every slot for as long as each run lasts."""

UNCAPPED_TRUST = (kinds.ANONYMOUS, kinds.CROSS_ACCOUNT)
"""Who makes an uncapped function a finding: anyone, or another account. Authenticated users
are the account's own customers; their volume is a capacity question, not an attack."""

SEVERITY = {kinds.ANONYMOUS: MEDIUM}
"""Anonymous callers are the worse case of both rules; every other level is low."""

WHO = {
    kinds.ANONYMOUS: "anyone on the internet",
    kinds.CROSS_ACCOUNT: "another AWS account",
    kinds.AUTHENTICATED: "any signed-in user",
}


def reserved_concurrency(ctx: Context) -> Iterator[Finding]:
    """Per function whose setting was read: uncapped and outsider-reachable, or capped so
    low that one untrusted caller fills it, or switched off (0)."""
    for arn, row in sorted(ctx.functions.items()):
        if not _read(ctx, arn, row):
            continue
        reserved = row["reserved_concurrency"]
        if reserved == 0:
            yield _switched_off(ctx, arn)
        elif reserved is None:
            direct = [i for i in ctx.inputs.get(arn, ()) if _first_function(ctx, i)]
            found = _first(direct, UNCAPPED_TRUST)
            if found:
                yield _uncapped(ctx, arn, row, found)
        elif reserved <= LOW_LIMIT:
            found = _first(ctx.inputs.get(arn, ()), (*UNCAPPED_TRUST, kinds.AUTHENTICATED))
            if found:
                yield _too_low(ctx, arn, reserved, found)


def _read(ctx: Context, arn: str, row: Row) -> bool:
    """Whether the row holds the setting as read: the column exists (newer snapshots) and no
    call that would have filled it failed."""
    if "reserved_concurrency" not in row:
        return False
    region = row.get("region")
    return not ctx.gap("lambda", region, "GetFunctionConcurrency", "sync", resource=arn)


def _first(found: Sequence[UntrustedInput], levels: tuple[str, ...]) -> UntrustedInput | None:
    """The most dangerous input at one of `levels` (inputs come most dangerous first)."""
    return next((i for i in found if i.trust in levels), None)


def _first_function(ctx: Context, found: UntrustedInput) -> bool:
    """Whether no other function stands between the origin and the function on the path."""
    nodes = ctx.g.nodes
    return not any(n in nodes and nodes[n].get("kind") == kinds.FUNCTION for n in found.path[1:-1])


def _uncapped(ctx: Context, arn: str, row: Row, found: UntrustedInput) -> Finding:
    region = row.get("region") or "its region"
    return make(
        rules.NO_RESERVED_CONCURRENCY,
        _severity(found),
        arn,
        f"{ctx.label(arn)} has no reserved concurrency and {_who(found)} can run it",
        f"{_reach(ctx, found)} No reserved concurrency is set: a flood of calls scales it (and "
        f"whatever it triggers) up to the account's unreserved concurrency in {region} (1,000 by "
        "default), every run billed, and while it holds that pool the other functions there "
        "without a reservation are throttled.",
        path=found.path,
        edges=found.edges,
    )


def _too_low(ctx: Context, arn: str, reserved: int, found: UntrustedInput) -> Finding:
    return make(
        rules.LOW_RESERVED_CONCURRENCY,
        _severity(found),
        arn,
        f"{ctx.label(arn)} has reserved concurrency {reserved}: one caller can take every slot",
        f"{_reach(ctx, found)} Reserved concurrency {reserved} (at most {LOW_LIMIT}): one caller "
        f"keeping {reserved} request(s) in flight holds every slot, and every other invocation "
        "is throttled.",
        path=found.path,
        edges=found.edges,
    )


def _switched_off(ctx: Context, arn: str) -> Finding:
    return make(
        rules.LOW_RESERVED_CONCURRENCY,
        INFO,
        arn,
        f"{ctx.label(arn)} is switched off (reserved concurrency 0)",
        "Reserved concurrency 0 throttles every invocation: nothing reaching this function runs "
        "it. Often a deliberate kill switch; if not, the function is out of service.",
        remediation="Confirm the function is meant to be off; otherwise set reserved concurrency "
        "to its expected peak, or remove the setting.",
    )


def _reach(ctx: Context, found: UntrustedInput) -> str:
    entry = "" if found.entry == found.path[-1] else f" through {ctx.label(found.entry)}"
    who = _who(found)
    return f"{who[:1].upper()}{who[1:]} can run it{entry}."


def _who(found: UntrustedInput) -> str:
    """Who can run it, with what narrows them: "anyone on the internet (only from 1.2.3.4/32)"."""
    return WHO[found.trust] + (f" ({only_text(found.only)})" if found.only else "")


def _severity(found: UntrustedInput) -> str:
    """By trust level, one step lower when a condition narrows who may call."""
    severity = SEVERITY.get(found.trust, LOW)
    return lower(severity) if found.only else severity
