"""A10: regions whose Lambda invocations no CloudTrail trail records (data events).

Management events (which trails log by default) say who changed a function, never who invoked
it: invocations are data events, logged only when a trail selects them. A trail counts for a
region when DescribeTrails listed it there (a multi-region or organization trail is listed in
every region it logs), it is logging, and its selectors, read in its home region, select
`Invoke` of the function:
- a basic event selector with ReadWriteType All or WriteOnly (Invoke is a write event) and a
  data resource of type `AWS::Lambda::Function` whose value is `arn:<partition>:lambda` (every
  function) or a prefix or ARN of the function;
- an advanced event selector whose field selectors hold for a Lambda invocation of the
  function (eventCategory Data, resources.type, resources.ARN, eventName Invoke, readOnly
  false, eventSource, eventType). A field the invocation does not decide (who called, the error
  code) that only excludes (NotEquals, NotStartsWith, NotEndsWith) still logs the others'
  calls, so it counts; one that keeps only some calls (Equals, StartsWith, EndsWith) does not.

One finding per region with functions, on the region (not on each function: a missing trail
is the region's, and would otherwise mark every function of it): medium when no function's
invocations are recorded, low when only some are, naming the first few unrecorded ones.
Nothing is claimed for a region whose trails could not be listed, or that lists a trail whose
selectors or status are unknown: a failed call is a coverage gap of its own; a trail homed in
a region the crawl did not cover is an info gap here. CloudTrail Lake event data stores, which
can record data events without a trail, are not read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import INFO, LOW, MEDIUM, Finding, listed, make

LAMBDA = "AWS::Lambda::Function"
MAX_NAMED = 5
"""Unrecorded functions named in a finding's detail when only some are (the count says all)."""

INCLUDES = {
    "Equals": lambda value, given: value in given,
    "StartsWith": lambda value, given: any(value.startswith(g) for g in given),
    "EndsWith": lambda value, given: any(value.endswith(g) for g in given),
}
EXCLUDES = {
    "NotEquals": lambda value, given: value not in given,
    "NotStartsWith": lambda value, given: not any(value.startswith(g) for g in given),
    "NotEndsWith": lambda value, given: not any(value.endswith(g) for g in given),
}


def lambda_data_events(ctx: Context) -> Iterator[Finding]:
    """One finding (or info gap) per region with functions whose invocations go unrecorded."""
    if not ctx.crawled("trails", "cloudtrail"):
        return
    listed: dict[str, list[Row]] = defaultdict(list)
    home: dict[str, Row] = {}
    for trail in ctx.estate.rows("trails"):
        listed[trail.get("region") or ""].append(trail)
        if trail.get("region") == trail.get("home_region"):
            home[trail["arn"]] = trail
    for region, functions in sorted(_functions_by_region(ctx).items()):
        if not ctx.gap("cloudtrail", region, "DescribeTrails", "sync"):
            yield from _judge(ctx, region, functions, listed[region], home)


def _functions_by_region(ctx: Context) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for arn, row in sorted(ctx.functions.items()):
        found[row.get("region") or arn.split(":")[3]].append(arn)
    return found


def _judge(
    ctx: Context, region: str, functions: list[str], trails: list[Row], home: dict[str, Row]
) -> Iterator[Finding]:
    recorded: set[str] = set()
    unknown, notes = [], []
    for trail in sorted(trails, key=lambda t: t["arn"]):
        logged = _logged(home.get(trail["arn"]), functions, ctx.estate.partition)
        if logged is None:
            unknown.append(trail)
        else:
            recorded |= logged
            notes.append(_note(home[trail["arn"]], len(logged), len(functions)))
    missing = [f for f in functions if f not in recorded]
    if not missing:
        return
    if unknown:
        yield from _unknown(ctx, region, unknown, home)
        return
    yield _unrecorded(ctx, region, functions, missing, notes)


def _logged(trail: Row | None, functions: list[str], partition: str) -> set[str] | None:
    """The functions whose invocations this trail records; None when that is unknown (its home
    row is missing, or its selectors or status were not read). A stopped trail records none."""
    if trail is None:
        return None
    if trail.get("is_logging") is False:
        return set()
    basic, advanced = trail.get("event_selectors"), trail.get("advanced_event_selectors")
    if trail.get("is_logging") is None or (basic is None and advanced is None):
        return None
    return {
        f for f in functions
        if any(_basic(s, f, partition) for s in basic or [])
        or any(_advanced(s, f) for s in advanced or [])
    }  # fmt: skip


def _basic(selector: Any, function: str, partition: str) -> bool:
    if not isinstance(selector, dict) or selector.get("ReadWriteType", "All") == "ReadOnly":
        return False
    values = [
        str(v)
        for resource in selector.get("DataResources") or []
        if isinstance(resource, dict) and resource.get("Type") == LAMBDA
        for v in resource.get("Values") or []
    ]
    return any(_names(v, function, partition) for v in values)


def _names(value: str, function: str, partition: str) -> bool:
    """`arn:<partition>:lambda` names every function; otherwise an ARN or a prefix of one."""
    if value in ("arn:aws:lambda", f"arn:{partition}:lambda"):
        return True
    return function == value or function.startswith(value if value.endswith(":") else value + ":")


def _advanced(selector: Any, function: str) -> bool:
    invocation = {
        "eventCategory": "Data",
        "resources.type": LAMBDA,
        "resources.ARN": function,
        "eventName": "Invoke",
        "readOnly": "false",
        "eventSource": "lambda.amazonaws.com",
        "eventType": "AwsApiCall",
    }
    fields = selector.get("FieldSelectors") if isinstance(selector, dict) else None
    return bool(fields) and all(_field_holds(f, invocation) for f in fields)


def _field_holds(field: Any, invocation: dict[str, str]) -> bool:
    if not isinstance(field, dict):
        return False
    value = invocation.get(str(field.get("Field")))
    tests = {**INCLUDES, **EXCLUDES}
    if value is None:  # decided by the call, not the function: only exclusions keep the rest
        return not any(field.get(op) for op in INCLUDES)
    return all(tests[op](value, [str(g) for g in field[op]]) for op in tests if field.get(op))


def _note(trail: Row, logged: int, total: int) -> str:
    name = trail.get("name") or trail["arn"]
    if trail.get("is_logging") is False:
        return f"{name} (logging stopped)"
    if not logged:
        return f"{name} (no Lambda data events)"
    return f"{name} ({logged} of {total} functions)"


def _unrecorded(
    ctx: Context, region: str, functions: list[str], missing: list[str], notes: Iterable[str]
) -> Finding:
    trails = "; ".join(notes) or "none"
    count = f"{len(missing)} of the {len(functions)} functions"
    if len(missing) == len(functions):
        severity, title = MEDIUM, f"No trail records Lambda invocations in {region}"
        count = f"the {len(functions)} function(s)"
    else:
        severity = LOW
        title = (
            f"Invocations of {len(missing)} of {len(functions)} functions in {region} unrecorded"
        )
    what = f"No trail records invocations of {count} in {region}{_named(ctx, missing, functions)}"
    return make(
        rules.NO_LAMBDA_DATA_EVENTS,
        severity,
        _region_node(ctx, region),
        title,
        f"{what}: who invoked them, and when, is not logged. Trails logging the region: "
        f"{trails}. (CloudTrail Lake event data stores are not read.)",
    )


def _named(ctx: Context, missing: list[str], functions: list[str]) -> str:
    if len(missing) == len(functions):
        return ""
    return f" ({listed(missing, MAX_NAMED, ctx.label)})"


def _unknown(
    ctx: Context, region: str, unknown: list[Row], home: dict[str, Row]
) -> Iterator[Finding]:
    """Only trails homed in a region this crawl did not cover: failed reads of the others are
    coverage gaps already (`coverage.failed_calls`)."""
    elsewhere = [t for t in unknown if t["arn"] not in home]
    if len(elsewhere) < len(unknown):
        return
    names = ", ".join(
        f"{t.get('name') or t['arn']} (home {t.get('home_region')})" for t in elsewhere
    )
    yield make(
        rules.COVERAGE_GAP,
        INFO,
        _region_node(ctx, region),
        f"Whether Lambda invocations in {region} are recorded is unknown",
        f"Trails logging {region} are homed in regions this crawl did not read, where AWS "
        f"answers for their event selectors: {names}. Crawl those regions too.",
    )


def _region_node(ctx: Context, region: str) -> str:
    """The id a region's finding carries: every trail of the region, as an ARN pattern."""
    return f"arn:{ctx.estate.partition}:cloudtrail:{region}:{ctx.account}:trail/*"
