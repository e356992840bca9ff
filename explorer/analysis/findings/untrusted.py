"""Taint-based rules: untrusted input reaching a function (A1), and a chain's output coming
to rest where outsiders can read it (A3).

A1 severity: anonymous input is critical when the function's role may write, invoke or
control something (it can carry the attack further), else high; cross-account input is high;
an organisation's accounts and authenticated input medium; internal origins are not findings.
One finding per function and trust level, explained by the shortest path at that level that
nothing narrows, if there is one. Input from every principal of the account is one finding on
the resource whose policy lets it in: medium, low when the grant leaves the decision to IAM
(the account's root). A condition that narrows the input (source IP, VPC endpoint) lowers the
severity one step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from explorer.analysis import kinds
from explorer.analysis.cognito import GUESTS, PUBLIC_SIGN_IN, SELF_SIGN_UP, identity_pool_of
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import (
    CRITICAL,
    HIGH,
    LOW,
    MEDIUM,
    Finding,
    listed,
    lower,
    make,
)
from explorer.analysis.findings.policies import outside_readers
from explorer.analysis.narrowing import only_text
from explorer.analysis.paths import concrete
from explorer.analysis.taint import UntrustedInput, flow_adjacency
from explorer.analysis.traverse import Parents, search, walk_forward

RULE_OF_TRUST = {
    kinds.ANONYMOUS: rules.UNTRUSTED_ANONYMOUS,
    kinds.CROSS_ACCOUNT: rules.UNTRUSTED_CROSS_ACCOUNT,
    kinds.ORGANIZATION: rules.UNTRUSTED_ORGANIZATION,
    kinds.AUTHENTICATED: rules.UNTRUSTED_AUTHENTICATED,
}
"""Levels judged per function; account-wide input is judged once per resource whose policy
lets it in (`account_wide_entries`)."""
MAX_LISTED = 8
VERB = {kinds.WRITES: "write", kinds.INVOKES: "invoke", kinds.CONTROLS: "control"}


def untrusted_inputs(ctx: Context) -> Iterator[Finding]:
    """One finding per (function, untrusted trust level), and one per (principal that may
    invoke or change many functions, level) for what reaches those functions only so."""
    functions, hubs = ctx.by_cause
    for function in sorted(functions):
        by_trust: dict[str, list[UntrustedInput]] = {}
        for found in functions[function]:
            if found.trust in RULE_OF_TRUST:
                by_trust.setdefault(found.trust, []).append(found)
        for trust, found in sorted(by_trust.items(), key=lambda t: kinds.TRUST_ORDER.index(t[0])):
            yield _input_finding(ctx, function, trust, found)
    for hub in sorted(hubs):
        yield from _hub_findings(ctx, hub, hubs[hub])


def _hub_findings(ctx: Context, hub: str, found: Sequence[UntrustedInput]) -> Iterator[Finding]:
    """One finding per level for the principal through which untrusted input reaches a grant
    on many functions ("every function")."""
    holders = sorted({u for u, _, d in ctx.g.in_edges(hub, data=True) if d.get("kind") in VERB})
    for trust in sorted(
        {i.trust for i in found} & RULE_OF_TRUST.keys(), key=kinds.TRUST_ORDER.index
    ):
        best = min((i for i in found if i.trust == trust),
                   key=lambda i: (bool(i.only), len(i.path), i.origin))  # fmt: skip
        principal = best.path[-2]
        path, edges = _concrete(ctx, best.path[:-1], best.edges[:-1])
        verb = VERB.get(_edge_kind(ctx, principal, hub), "invoke")
        many = f"{ctx.label(hub)} ({ctx.g.nodes[hub].get('size', '?')})"
        narrowed = f" ({only_text(best.only)})" if best.only else ""
        names = listed(holders, MAX_LISTED, ctx.label)
        yield make(
            RULE_OF_TRUST[trust],
            _severity(trust, best, powers=True),  # it may invoke many functions: powers enough
            principal,
            f"{_origin_text(best.origin, trust)}{_why(ctx, best)}{narrowed} reaches "
            f"{ctx.label(principal)}, which may {verb} {many}",
            f"Through {ctx.label(best.entry)}: {_hops(ctx, path)}. From there it may {verb} "
            f"{many}: one cause, reported here once rather than on every function. "
            f"{len(holders)} principals may write to, invoke or change {ctx.label(hub)}: "
            f"{names}.",
            path=path,
            edges=edges,
        )


def _edge_kind(ctx: Context, source: str, target: str) -> str | None:
    kinds_ = [d.get("kind") for d in (ctx.g.get_edge_data(source, target) or {}).values()]
    return next((k for k in (kinds.CONTROLS, kinds.INVOKES, kinds.WRITES) if k in kinds_), None)


def account_wide_entries(ctx: Context) -> Iterator[Finding]:
    """One finding per resource whose policy lets every principal of the account put data in,
    naming the functions that data reaches (not one per function: the cause is the policy)."""
    by_entry: dict[tuple[str, str], list[UntrustedInput]] = {}
    for found in ctx.by_cause[0].values():
        for item in found:
            if item.trust == kinds.ACCOUNT_WIDE:
                by_entry.setdefault((item.entry, item.origin), []).append(item)
    for (entry, origin), found in sorted(by_entry.items()):
        yield _account_wide_finding(ctx, entry, origin, found)


def _account_wide_finding(
    ctx: Context, entry: str, origin: str, found: list[UntrustedInput]
) -> Finding:
    found.sort(key=lambda i: (len(i.path), i.path[-1]))
    best = found[0]
    path, edges = _concrete(ctx, best.path, best.edges)
    delegated = _delegated(ctx, best)
    names = [ctx.label(i.path[-1]) for i in found]
    shown = listed(names, MAX_LISTED)
    who = ("principals of the account whose IAM policies allow it (the policy names the "
           "account's root)" if delegated else "every principal of the account, without any "
           "IAM grant")  # fmt: skip
    narrowed = f" ({only_text(best.only)})" if best.only else ""
    severity = LOW if delegated else MEDIUM
    return make(
        rules.UNTRUSTED_ACCOUNT_WIDE,
        lower(severity) if best.only else severity,
        entry,
        f"Every principal of account {origin.removeprefix('account:')}{narrowed} may put data "
        f"into {ctx.label(entry)}, which reaches {_count(names)}",
        f"The policy of {ctx.label(entry)} lets {who} send to it. Its data reaches: {shown}. "
        f"Chain: {_hops(ctx, path)}.",
        path=path,
        edges=edges,
    )


def _input_finding(
    ctx: Context, function: str, trust: str, found: Sequence[UntrustedInput]
) -> Finding:
    best = min(found, key=lambda i: (bool(i.only), len(i.path), i.origin))
    path, edges = _concrete(ctx, best.path, best.edges)
    powers = ctx.role_powers(function)
    severity = _severity(trust, best, bool(powers))
    others = sorted({i.origin for i in found} - {best.origin})
    narrowed = f" ({only_text(best.only)})" if best.only else ""
    return make(
        RULE_OF_TRUST[trust],
        severity,
        function,
        f"{_origin_text(best.origin, trust)}{_why(ctx, best)}{narrowed} reaches "
        f"{ctx.label(function)}",
        f"Through {ctx.label(best.entry)}: {_hops(ctx, path)}.{_also(ctx, others)}"
        f"{_powers_text(ctx, powers)}",
        path=path,
        edges=edges,
    )


def _severity(trust: str, best: UntrustedInput, powers: bool) -> str:
    """By trust level (and, for anonymous input, by what the function may do next); one step
    lower when a condition narrows even the best input."""
    if trust == kinds.ANONYMOUS:
        severity = CRITICAL if powers else HIGH
    elif trust == kinds.CROSS_ACCOUNT:
        severity = HIGH
    else:
        severity = MEDIUM
    return lower(severity) if best.only else severity


def _delegated(ctx: Context, found: UntrustedInput) -> bool:
    """Whether every grant from the origin to the entry leaves the decision to IAM."""
    edges = (ctx.g.get_edge_data(found.origin, found.entry) or {}).values()
    grants = [d for d in edges if d.get("kind") == kinds.EXPOSES]
    return bool(grants) and all(d["evidence"].get("delegated") for d in grants)


def _count(names: list[str]) -> str:
    more = len(names) - 1
    return names[0] if not more else f"{names[0]} and {more} more function{'s' * (more > 1)}"


def _origin_text(origin: str, trust: str) -> str:
    if trust == kinds.ANONYMOUS:
        return "Anonymous input from the internet"
    if trust == kinds.AUTHENTICATED:
        return "Authenticated users' input"
    if trust == kinds.ORGANIZATION:
        return f"Input from any account of organisation {origin.removeprefix('org:')}"
    if trust == kinds.ACCOUNT_WIDE:
        return f"Input from every principal of account {origin.removeprefix('account:')}"
    if origin == kinds.ANY_ACCOUNT:
        return "Input from any AWS account"
    return f"Input from account {origin.removeprefix('account:')}"


def _why(ctx: Context, found: UntrustedInput) -> str:
    """Why an authenticated-looking entry is open to anyone: " (anyone may sign up to X)"."""
    edges = (ctx.g.get_edge_data(found.origin, found.entry) or {}).values()
    for data in edges:
        if data.get("kind") != kinds.EXPOSES or data.get("trust") != found.trust:
            continue
        evidence = data.get("evidence") or {}
        if evidence.get("reason") == SELF_SIGN_UP and evidence.get("user_pool"):
            return f" (anyone may sign up to {ctx.label(evidence['user_pool'])})"
        if evidence.get("reason") == PUBLIC_SIGN_IN:
            providers = ", ".join(str(p) for p in evidence.get("providers") or ())
            pool = ctx.label(identity_pool_of(found.entry))
            return f" (anyone may sign in to {pool} with {providers})"
        if evidence.get("via") == GUESTS:
            pool = ctx.label(found.entry)
            return f" (identity pool {pool} gives anyone its unauthenticated role)"
    return ""


def _concrete(ctx: Context, path: Sequence[str], edges: Sequence[str]) -> tuple[list, list]:
    """Hubs folded into the resources behind them (when the path is in the graph)."""
    if all(node in ctx.g for node in path) and len(edges) == len(path) - 1:
        return concrete(ctx.g, tuple(path), tuple(edges))
    return list(path), list(edges)


def _hops(ctx: Context, path: Sequence[str]) -> str:
    return " -> ".join(ctx.label(node) for node in path)


def _also(ctx: Context, others: list[str]) -> str:
    return f" Also reached from: {', '.join(others)}." if others else ""


def _powers_text(ctx: Context, powers: list[tuple[str, str]]) -> str:
    if not powers:
        return " Its role may not write, invoke or control anything."
    shown = listed(powers, MAX_LISTED, lambda p: f"{VERB[p[0]]} {ctx.label(p[1])}")
    return f" Its role may {shown}."


def public_outputs(ctx: Context) -> Iterator[Finding]:
    """Resources readable from outside (read from their policies and ACLs, as the A5 rules
    read them) that functions' output flows into. Explicit writes explain the chain when
    there are any; grants on every resource of a type ("every bucket") only otherwise."""
    readable = outside_readers(ctx)
    if not readable:
        return
    reverse = _reverse_flow(ctx)
    explicit = {n: [s for s in steps if s[1] != kinds.MEMBER] for n, steps in reverse.items()}
    for node, readers in sorted(readable.items()):
        every, parents = _writers(ctx, reverse, node) if node in ctx.g else ([], {})
        if every:
            near, near_parents = _writers(ctx, explicit, node)
            first, links = (near[0], near_parents) if near else (every[0], parents)
            best = (first, *walk_forward(links, first))
            yield _output_finding(ctx, node, readers, best, every)


def _reverse_flow(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """node -> [(previous node, edge kind)] over data-flow edges."""
    reverse: dict[str, list[tuple[str, str]]] = {}
    for node, steps in flow_adjacency(ctx.g).items():
        for nxt, kind in steps:
            reverse.setdefault(nxt, []).append((node, kind))
    return reverse


WRITERS_SHOWN = 100
"""Upstream functions named per output finding; the search stops past this many."""


def _writers(
    ctx: Context, reverse: dict[str, list[tuple[str, str]]], target: str
) -> tuple[list[str], Parents]:
    """Upstream functions, nearest first (at most WRITERS_SHOWN + 1: one more says "more"),
    and the parent links that give each one's path (built only for the function shown)."""
    found: list[str] = []
    nodes = ctx.g.nodes

    def enough(node: str) -> bool:
        if len(found) > WRITERS_SHOWN:
            return True
        if node != target and nodes[node].get("kind") == kinds.FUNCTION:
            found.append(node)
        return False

    return found, search([target], reverse, stop=enough)


def _output_finding(
    ctx: Context, node: str, readers: list[tuple[str, str]], best: tuple, writers: list[str]
) -> Finding:
    function, tail, tail_edges = best
    head = min(ctx.inputs.get(function, ()), key=_danger, default=None)
    if head is not None and head.trust in RULE_OF_TRUST:
        path, edges = [*head.path, *tail[1:]], [*head.edges, *tail_edges]
    else:
        path, edges = tail, tail_edges
    path, edges = _concrete(ctx, path, edges)
    public = any(origin in (kinds.INTERNET, kinds.ANY_ACCOUNT) for origin, _ in readers)
    who = ", ".join(_reader_text(origin) for origin, _ in readers)
    names = ", ".join(ctx.label(f) for f in writers[:MAX_LISTED])
    if len(writers) > WRITERS_SHOWN:
        names += f" and at least {WRITERS_SHOWN - MAX_LISTED} more"
    elif len(writers) > MAX_LISTED:
        names += f" and {len(writers) - MAX_LISTED} more"
    return make(
        rules.PUBLIC_OUTPUT,
        HIGH if public else MEDIUM,
        node,
        f"Output of {ctx.label(function)} comes to rest in {ctx.label(node)}, readable by {who}",
        f"Chain: {_hops(ctx, path)}. Functions whose output flows here: {names}.",
        path=path,
        edges=edges,
    )


def _danger(found: UntrustedInput) -> tuple[int, int]:
    return kinds.TRUST_ORDER.index(found.trust), len(found.path)


def _reader_text(origin: str) -> str:
    if origin == kinds.INTERNET:
        return "everyone"
    if origin == kinds.ANY_ACCOUNT:
        return "any AWS account"
    return origin.replace("account:", "account ")
