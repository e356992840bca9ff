"""The app's view model: an Analysis plus everything the screens look up, prepared once in a worker.

Building it walks the graph a few times (tens of milliseconds per 10,000 functions), so the
UI thread only filters, sorts and renders rows that already exist.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.analysis import kinds, sources
from explorer.tui.levels import trust_rank
from explorer.tui.search import SearchIndex
from explorer.tui.shapes import mapping, mappings, text

if TYPE_CHECKING:  # the analysis layer loads in the worker, not before the first screen
    import networkx as nx

    from explorer.analysis.analyze import Analysis

FUNCTIONS, ENTRIES, RESOURCES, PRINCIPALS, FINDINGS = (
    "functions", "entries", "resources", "principals", "findings",
)  # fmt: skip
TABS = (FUNCTIONS, ENTRIES, RESOURCES, PRINCIPALS, FINDINGS)
"""List tabs, left to right."""

RESOURCE_TAB_KINDS = kinds.RESOURCE_KINDS | {kinds.EVENT_RULE, kinds.REST_API, kinds.HTTP_API}
RESOURCE_TAB_KINDS |= sources.resource_kinds()
PRINCIPAL_TAB_KINDS = kinds.PRINCIPAL_KINDS | {kinds.ADMIN}
"""Users, groups, roles, and the account's administrator (whom escalations reach)."""
FINDING_PREFIX = "finding:"
"""Item ids of findings in the Findings tab: `finding:<index>`."""


COUNTED_IN = (kinds.TRIGGERS, kinds.WRITES, kinds.ASSUMES, kinds.EXPOSES, kinds.IN_GROUP)
COUNTED_OUT = (kinds.TRIGGERS, kinds.WRITES)
"""Edge kinds the lists count per node (only these: the counts are kept per kind)."""


@dataclass
class EdgeStats:
    """Per-node counts of a few edge kinds, and the worst level exposing each node: all from
    one pass over the edges."""

    into: dict[str, Counter[str]] = field(default_factory=dict)
    out: dict[str, Counter[str]] = field(default_factory=dict)
    exposed: dict[str, str] = field(default_factory=dict)

    def count_in(self, node: str, kind: str) -> int:
        return self.into[kind][node]

    def count_out(self, node: str, kind: str) -> int:
        return self.out[kind][node]


def edge_stats(g: nx.MultiDiGraph) -> EdgeStats:
    into: dict[str, Counter[str]] = {kind: Counter() for kind in COUNTED_IN}
    out: dict[str, Counter[str]] = {kind: Counter() for kind in COUNTED_OUT}
    stats = EdgeStats(into, out)
    for u, v, d in g.edges(data=True):
        kind = d.get("kind", "")
        if kind in into:
            into[kind][v] += 1
        if kind in out:
            out[kind][u] += 1
        if kind == kinds.EXPOSES:
            _worse(stats.exposed, v, d.get("trust"))
    for node, attrs in g.nodes(data=True):
        for _, trust in attrs.get("readable_by") or ():
            _worse(stats.exposed, node, trust)
    return stats


def _worse(found: dict[str, str], node: str, trust: str | None) -> None:
    if trust and trust_rank(trust) < trust_rank(found.get(node)):
        found[node] = trust


@dataclass(repr=False)
class Model:
    """One loaded snapshot, ready to show. Its repr is short: Textual writes the repr of a
    worker's arguments, and the default one would spell out the whole estate."""

    path: Path
    analysis: Analysis
    trust: dict[str, str]
    search: SearchIndex
    tags: dict[str, dict[str, Any]]
    invoke_configs: dict[str, list[dict[str, Any]]]
    fingerprints: Counter[str]
    managed: dict[str, dict[str, Any]]
    entries: set[str]
    stats: EdgeStats
    findings: list[Any] | None = None
    findings_error: str | None = None
    by_node: dict[str, list[Any]] = field(default_factory=dict)
    finding_index: dict[int, int] = field(default_factory=dict)
    """id(finding) -> its position, which names it in the Findings tab (`finding:<n>`)."""
    admin_reach: set[str] = field(default_factory=set)
    """Principals that can become an administrator over `becomes` edges (any hops)."""
    permission_cache: dict[str, Any] = field(default_factory=dict)
    """principal -> its effective-permission detail lines, built on first view."""
    principal_cache: dict[str, Any] = field(default_factory=dict)
    """principal -> its effective permissions (compiled policies), built on first use."""

    def __repr__(self) -> str:
        return f"Model({self.path.name!r}, {self.g.number_of_nodes()} nodes)"

    @property
    def g(self) -> nx.MultiDiGraph:
        return self.analysis.graph

    @property
    def meta(self) -> dict[str, Any]:
        return self.analysis.meta

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.analysis.estate.errors

    def attrs(self, node: str) -> dict[str, Any]:
        """A node's attributes; {} for an id that is not a node (a finding may name one)."""
        return self.g.nodes[node] if node in self.g else {}

    def kind(self, node: str) -> str:
        return str(self.g.nodes[node].get("kind", "")) if node in self.g else ""

    def name(self, node: str) -> str:
        if node.startswith(FINDING_PREFIX):
            finding = self.finding(node)
            return finding.title if finding else node
        return str(self.g.nodes[node].get("name") or node) if node in self.g else node

    def row(self, node: str) -> dict[str, Any]:
        return mapping(self.g.nodes[node].get("row")) if node in self.g else {}

    def finding(self, item: str) -> Any | None:
        if not self.findings or not item.startswith(FINDING_PREFIX):
            return None
        index = int(item.removeprefix(FINDING_PREFIX))
        return self.findings[index] if 0 <= index < len(self.findings) else None

    def finding_item(self, finding: Any) -> str | None:
        index = self.finding_index.get(id(finding))
        return None if index is None else f"{FINDING_PREFIX}{index}"

    def node_findings(self, node: str) -> list[Any]:
        return self.by_node.get(node, [])

    def exists(self, item: str) -> bool:
        return item in self.g or self.finding(item) is not None

    def set_findings(self, findings: list[Any]) -> None:
        """Attach findings, indexed by the nodes that carry them (see `carriers`)."""
        self.findings = findings
        by_node: dict[str, list[Any]] = defaultdict(list)
        for index, finding in enumerate(findings):
            for node in self.carriers(finding):
                by_node[node].append(finding)
            self.finding_index[id(finding)] = index
        self.by_node = dict(by_node)

    def carriers(self, finding: Any) -> list[str]:
        """The nodes whose detail shows a finding: its resource; for a resource that is not a
        node (a coverage gap, an uncrawled API's stage), the nodes its path names, if any."""
        if finding.resource in self.g:
            return [finding.resource]
        return list(dict.fromkeys(n for n in finding.path if n in self.g)) or [finding.resource]


def tab_of(model: Model, item: str) -> str | None:
    """The list tab an item lives in (None: shown in the detail only, e.g. an origin)."""
    if item.startswith(FINDING_PREFIX):
        return FINDINGS
    kind = model.kind(item)
    if kind == kinds.FUNCTION:
        return FUNCTIONS
    if kind in sources.entry_kinds():
        return ENTRIES
    if kind in PRINCIPAL_TAB_KINDS:
        return PRINCIPALS
    if kind in RESOURCE_TAB_KINDS:
        return RESOURCES
    return None


def build_model(path: Path, analysis: Analysis) -> Model:
    """Every index the screens need (findings are attached later: they take longest)."""
    from explorer.analysis.escalation import admin_reachers
    from explorer.tui.trust import node_trust

    g = analysis.graph
    estate = analysis.estate
    stats = edge_stats(g)
    configs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in estate.rows("function_event_invoke_configs"):
        configs[row.get("function_arn") or row["arn"]].append(row)
    return Model(
        path=path,
        analysis=analysis,
        trust=node_trust(g),
        search=SearchIndex(_searchable(g), _key_ids(g)),
        tags={row["arn"]: mapping(row.get("tags")) for row in estate.rows("resource_tags")},
        invoke_configs=dict(configs),
        fingerprints=_fingerprints(estate.rows("functions")),
        managed={row["arn"]: row for row in estate.rows("iam_policies")},
        entries=_entries(g, stats),
        stats=stats,
        admin_reach=admin_reachers(g),
    )


def _searchable(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return [(node, str(attrs.get("name") or node)) for node, attrs in g.nodes(data=True)
            if attrs.get("known")]  # fmt: skip


def _key_ids(g: nx.MultiDiGraph) -> dict[str, str]:
    """user -> the ids of its access keys, so that a leaked key's id finds its user."""
    found = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("kind") == kinds.USER:
            ids = [text(key.get("id")) for key in mappings(mapping(attrs.get("row")).get(
                "access_keys"))]  # fmt: skip
            if any(ids):
                found[node] = " ".join(i for i in ids if i)
    return found


def _fingerprints(functions: list[dict[str, Any]]) -> Counter[str]:
    """How many functions hold each redacted value's fingerprint (a shared secret shows >1)."""
    counts: Counter[str] = Counter()
    for row in functions:
        for record in mapping(row.get("environment")).values():
            fingerprint = text(mapping(record).get("fingerprint"))
            if fingerprint:
                counts[fingerprint] += 1
    return counts


def _entries(g: nx.MultiDiGraph, stats: EdgeStats) -> set[str]:
    """Routes and function URLs, and anything an outside origin may send data to."""
    entry_kinds = sources.entry_kinds()
    found = {n for n, a in g.nodes(data=True) if a.get("kind") in entry_kinds}
    return found | set(stats.into[kinds.EXPOSES])
