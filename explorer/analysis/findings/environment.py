"""A3 rules on redacted values: secret-like values per function and per resource, values
shared across places of any kind, and a snapshot that holds values at all.

A value is secret-like when the crawl's verdict says so (`explorer.crawl.secret_verdict`: the
detect-secrets plugins flagged it before it was redacted, and it is no ARN, secret-store
reference, credential-free URL or identifier); in a snapshot from before verdicts, when the
detectors flagged it or the name it sits under says it holds a secret (`secret_name`). Outside
environments and stage variables (where every value is configuration),
a shape-only detector is not enough on its own: task arguments and templates are full of IDs and
hashes. Only redaction records are read: no snapshot holds the values themselves, unless it was
crawled with `--unsafe-keep-secret-values`, which `kept_values` reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from explorer.analysis import kinds
from explorer.analysis.escalation import hubs_of
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import HIGH, INFO, MEDIUM, Finding, listed, make
from explorer.analysis.findings.secret_places import ENVIRONMENT, Place, places
from explorer.analysis.shapes import mapping, strings
from explorer.crawl.secret_verdict import GENERIC_DETECTORS, SECRET, VERDICTS, secret_name
from explorer.iam import PolicyError

CONFIGURATION_MAPS = frozenset({ENVIRONMENT, "REST API stage", "HTTP API stage"})
"""Kinds whose every value is configuration: a shape-only detector suffices there."""


def why_secret(name: str, record: object, named: str = "variable name") -> list[str]:
    """The reasons a value is secret-like: its detectors (empty: it is not). The crawl's
    verdict decides (an ARN, a secret-store reference or an id is no secret, and a name alone
    never makes one); a snapshot from before verdicts falls back on the detectors and the
    name."""
    if not isinstance(record, dict) or not record.get("length"):
        return []
    reasons = strings(record.get("detectors"))
    decided = record.get("verdict")
    if decided in VERDICTS:  # no detector: the name said secret and the value looks random
        return (reasons or [named]) if decided == SECRET else []
    if secret_name(name):
        reasons.append(named)
    return reasons


def place_reasons(place: Place) -> list[str]:
    """Why the value at a place is secret-like (empty: it is not)."""
    if place.kind in CONFIGURATION_MAPS:
        return why_secret(place.name, place.record)
    reasons = why_secret(place.name, place.record, "its name")
    return reasons if set(reasons) - GENERIC_DETECTORS else []


def secret_values(row: Row) -> dict[str, list[str]]:
    """variable name -> reasons, for the function's secret-like variables."""
    found = {}
    for name, record in mapping(row.get("environment")).items():
        reasons = why_secret(str(name), record)
        if reasons:
            found[str(name)] = reasons
    return found


def secret_env(ctx: Context) -> Iterator[Finding]:
    """One finding per function holding secret-like environment values."""
    for arn, row in sorted(ctx.functions.items()):
        found = secret_values(row)
        if not found:
            continue
        specific = any(r not in GENERIC_DETECTORS | {"variable name"} for v in found.values()
                       for r in v)  # fmt: skip
        listed = "; ".join(f"{name} ({', '.join(why)})" for name, why in sorted(found.items()))
        yield make(
            rules.SECRET_ENV,
            HIGH if specific else MEDIUM,
            arn,
            f"{ctx.label(arn)} keeps {len(found)} secret-like value(s) in its environment",
            f"Variables: {listed}. Values were redacted at crawl time; the snapshot holds only "
            "their length and a keyed fingerprint.",
        )


def secret_config(ctx: Context) -> Iterator[Finding]:
    """One finding per resource holding secret-like literals outside function environments
    (an integration several routes share is one resource, found on its first route)."""
    by_holder: dict[tuple[str, str], list[tuple[Place, list[str]]]] = defaultdict(list)
    for place in places(ctx, environments=False):
        reasons = place_reasons(place)
        if reasons:
            by_holder[(place.kind, place.resource)].append((place, reasons))
    for (kind, resource), found in sorted(by_holder.items()):
        specific = any(r not in GENERIC_DETECTORS | {"its name", "variable name"}
                       for _, why in found for r in why)  # fmt: skip
        fields = dict.fromkeys(f"{p.field} ({', '.join(why)})" for p, why in found)
        first = min(p.node for p, _ in found)
        yield make(
            rules.SECRET_CONFIG,
            HIGH if specific else MEDIUM,
            first,
            f"{kind.capitalize()} {_label(ctx, found[0][0])} holds {len(fields)} secret-like "
            "literal value(s)",
            f"{kind.capitalize()} {resource}: {'; '.join(fields)}. Values were redacted at crawl "
            "time; the snapshot holds only their length and a keyed fingerprint.",
        )


def shared_secrets(ctx: Context) -> Iterator[Finding]:
    """One finding per secret-like value held in two or more places (functions, targets,
    integrations, stages, state machines, user pools), joined by keyed fingerprint."""
    found = places(ctx)
    secret = {p for place in found if place_reasons(place) for p in place.prints}
    groups: dict[str, list[Place]] = defaultdict(list)
    for place in found:
        for fingerprint in place.prints:
            if fingerprint in secret:
                groups[fingerprint].append(place)
    reported: list[frozenset[Place]] = []
    for fingerprint, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        holders = {(p.kind, p.resource) for p in group}
        if len(holders) < 2 or any(set(group) <= seen for seen in reported):
            continue  # one holder, or the same places as a value already reported
        reported.append(frozenset(group))
        yield _shared(ctx, fingerprint, group)


def _shared(ctx: Context, fingerprint: str, group: list[Place]) -> Finding:
    holders: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in group:
        holders[(place.kind, place.resource)].append(place)
    nodes = sorted({p.node for p in group})
    ordered = sorted(holders.items(), key=lambda kv: (kv[1][0].node, kv[0]))
    names = ", ".join(_label(ctx, held[0]) for _, held in ordered)
    what = "functions" if all(kind == ENVIRONMENT for kind, _ in holders) else "places"
    where = "; ".join(
        f"{kind} {resource}: {', '.join(sorted(p.field for p in held))}"
        for (kind, resource), held in ordered
    )
    return make(
        rules.SHARED_SECRET,
        HIGH,
        nodes[0],
        f"Same secret value in {len(holders)} {what}: {names}",
        f"Fingerprint {fingerprint} appears in {where}.",
        path=nodes,
    )


def _label(ctx: Context, place: Place) -> str:
    """The node's display name, plus what the resource adds to it (`/stages/prod`)."""
    suffix = place.resource[len(place.node) :] if place.resource.startswith(place.node) else ""
    return ctx.label(place.node) + suffix


def kept_values(ctx: Context) -> Iterator[Finding]:
    """The snapshot itself holds values: it was crawled with `--unsafe-keep-secret-values`."""
    if ctx.estate.meta.get("secret_values_kept") is not True:
        return
    kept = [p for p in places(ctx) if "value" in p.record]
    secret = sum(1 for p in kept if place_reasons(p))
    yield make(
        rules.SECRET_VALUES_KEPT,
        INFO,
        "snapshot",
        "This snapshot holds secret values in plain text",
        "It was crawled with --unsafe-keep-secret-values: environment variables, stage "
        "variables and every other literal configuration value (headers, integration "
        "parameters and templates, state machine literals, ...) are stored as written: "
        f"{len(kept)} value(s), {secret} of them secret-like. Anyone who can read the file can "
        "read them.",
    )


def secret_readers(ctx: Context) -> Iterator[Finding]:
    """One finding per function holding secret-like environment values that principals who
    may not change the function can still read (lambda:GetFunctionConfiguration or
    lambda:GetFunction return the environment in clear): its operators could read them anyway,
    anyone else is one credential away from the secret."""
    shared: dict[tuple[str, ...], Access] = {}
    named: dict[tuple[tuple[str, ...], Access], tuple[list[str], bool]] = {}
    for arn, row in sorted(ctx.functions.items()):
        found = secret_values(row) if arn in ctx.g else {}
        if not found:
            continue
        hubs = tuple(hubs_of(ctx.g, arn))
        if hubs not in shared:
            shared[hubs] = _access(ctx, hubs)
        direct = _access(ctx, (arn,))
        key = (hubs, direct)
        if key not in named:  # functions reached only through the same hubs share the answer
            changers = shared[hubs].changers | direct.changers
            readers = (shared[hubs].readers | direct.readers) - changers
            unsure = (shared[hubs].unsure | direct.unsure) & readers
            named[key] = sorted(readers, key=lambda n: ctx.label(n).lower()), bool(unsure)
        names, unsure = named[key]
        if names:
            yield _readers_finding(ctx, arn, sorted(found), names, unsure)


@dataclass(frozen=True)
class Access:
    """Who may read and who may change the targets (and who reads only under conditions)."""

    readers: frozenset[str]
    changers: frozenset[str]
    unsure: frozenset[str]


def _access(ctx: Context, targets: tuple[str, ...]) -> Access:
    readers, changers, sure = set(), set(), set()
    for target in targets:
        for source, _, data in ctx.g.in_edges(target, data=True):
            kind = data.get("kind")
            if kind == kinds.CONTROLS:
                changers.add(source)
            elif kind == kinds.READS:
                readers.add(source)
                if not data.get("conditional"):
                    sure.add(source)
    return Access(frozenset(readers), frozenset(changers), frozenset(readers - sure))


def _readers_finding(
    ctx: Context, arn: str, names: list[str], readers: list[str], unsure: bool
) -> Finding:
    shown = listed(readers, MAX_READERS, ctx.label)
    maybe = " (some only under conditions)" if unsure else ""
    return make(
        rules.SECRET_READERS,
        MEDIUM,
        arn,
        f"{len(readers)} principal(s) that may not change {ctx.label(arn)} may read its secrets",
        f"They may call lambda:GetFunctionConfiguration or lambda:GetFunction on it{maybe}, which "
        f"return {', '.join(names)} in clear: {shown}.",
        path=(readers[0], arn),
        edges=(kinds.READS,),
    )


MAX_READERS = 8


STORE_READ = {"secretsmanager": "secretsmanager:GetSecretValue", "ssm": "ssm:GetParameter"}
"""Secret store -> the action that returns a stored secret's value."""


def store_readers(ctx: Context) -> Iterator[Finding]:
    """One finding per function whose referenced secret (Secrets Manager, SSM Parameter Store)
    principals other than its operators and its own role may read: a reference keeps the value
    out of the configuration, not out of reach."""
    decided: dict[tuple[str, str], list[str]] = {}
    for arn, row in sorted(ctx.functions.items()):
        refs = _references(row)
        if not refs or arn not in ctx.g:
            continue
        insiders = _operators(ctx, arn) | {row.get("role_arn")}
        for store, name in refs:
            resource = _store_arn(ctx, row, store, name)
            if (store, resource) not in decided:
                decided[(store, resource)] = _holders(ctx, STORE_READ[store], resource)
            readers = [p for p in decided[(store, resource)] if p not in insiders]
            if readers:
                yield _store_finding(ctx, arn, store, name, readers)


def _references(row: Row) -> list[tuple[str, str]]:
    """(store, name) of every secret-store reference in the function's environment."""
    found = []
    for record in mapping(row.get("environment")).values():
        where = mapping(mapping(record).get("secret_store"))
        store, name = where.get("store"), where.get("name")
        if store in STORE_READ and isinstance(name, str) and name:
            found.append((str(store), name))
    return sorted(set(found))


def _store_arn(ctx: Context, row: Row, store: str, name: str) -> str:
    """The ARN to decide on: as written, or built from the name (a secret's ARN ends in six
    random characters, which policies match with `-??????` or `*`)."""
    if name.startswith("arn:"):
        return name
    region = row.get("region") or "us-east-1"
    if store == "ssm":
        return f"arn:{ctx.estate.partition}:ssm:{region}:{ctx.account}:parameter/{name.lstrip('/')}"
    return f"arn:{ctx.estate.partition}:secretsmanager:{region}:{ctx.account}:secret:{name}-??????"


def _operators(ctx: Context, function: str) -> set[str]:
    """Principals that may change the function (they could read its secrets anyway)."""
    targets = (function, *hubs_of(ctx.g, function))
    return {
        u
        for target in targets
        for u, _, d in ctx.g.in_edges(target, data=True)
        if d.get("kind") == kinds.CONTROLS
    }


def _holders(ctx: Context, action: str, resource: str) -> list[str]:
    """Every role, user and group whose own policies allow the action on the resource."""
    found = []
    for arn, compiled in sorted(ctx.principals.items()):
        try:
            decision = compiled.principal.evaluate(action, resource)
        except PolicyError:
            continue
        if decision.result in ("allowed", "conditional"):
            found.append(arn)
    return found


def _store_finding(ctx: Context, arn: str, store: str, name: str, readers: list[str]) -> Finding:
    where = {"secretsmanager": "Secrets Manager", "ssm": "SSM Parameter Store"}[store]
    shown = listed(readers, MAX_READERS, ctx.label)
    return make(
        rules.SECRET_READERS,
        MEDIUM,
        arn,
        f"{len(readers)} principal(s) besides {ctx.label(arn)}'s role and operators may read "
        f"the secret it reads from {where}",
        f"{STORE_READ[store]} on {name} is allowed to: {shown} (decided on their own "
        "policies; a resource policy on the secret may narrow or widen it).",
        path=(readers[0], arn),
        edges=(),
    )
