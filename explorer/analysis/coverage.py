"""Per-answer coverage: which of a snapshot's gaps touch one answer of `inputs`, `chains` or
`blast-radius`, so that an answer built on missing data never reads as complete.

A gap is a failed call (the `errors` table), a service `--service` left out of the crawl, or a
policy the analysis could not read (`exposure_unknown` on a resource, `policy_gaps` on a role).
What a gap can hide decides which answers it touches:

- A failed call that names no resource, or one this snapshot cannot place in the graph (a
  listing, a whole service or region, `GetAccountAuthorizationDetails`, a service left out)
  can hide anything of its kind. Every one of these answers can involve any kind: IAM grants
  join roles to every kind of resource, triggers join every kind to functions, and inputs,
  chains and blast radius all search through them. So it touches every answer: IAM gaps touch
  every permission-based answer, and these all are.
- A failed call that names a resource touches an answer that names that resource or one of
  its neighbours, and also, by what the call would have read:
  - its **exposure** (a resource or function policy, an authorizer, a function URL, who may
    sign up): when the resource is one the answer searched upstream of (inputs: every node
    that reaches the function; blast radius: every node that reaches the target; chains: any,
    when they start at an origin), since an origin may reach it unseen;
  - its **outgoing links** (notifications, subscriptions, targets, destinations, a state
    machine's definition, a queue's redrive, a log group's filters, a role's unreadable
    policy): for inputs, when the resource is upstream of the function, or untrusted data
    reaches it, or its own exposure is unknown, since the hidden link may carry that data to
    the function; for chains, when the resource is on a chain;
    for blast radius always, since its "reached by" half asks who reaches the target and
    the resource may, through the hidden link;
  - its settings only (encryption, stages, a stream's summary): only by naming.
- Any operation not listed here is treated as naming no resource: when in doubt, a gap
  touches. Missing data must never read as safe.

A service left out by `--service` touches every answer, as a failed listing does. An answer
is `complete` when no gap touches it.

What the crawler never reads (`meta["not_read"]`) is reported beside the gaps, limited to the
kinds that could add an edge (triggers, exposure, permissions); it does not make an answer
partial, since "complete" means only that every call made succeeded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from explorer.analysis.graph import canonical
from explorer.analysis.shapes import strings

Row = dict[str, Any]

EXPOSURE_OPS = frozenset(
    {
        ("lambda", "GetPolicy"), ("lambda", "ListAliases"), ("lambda", "ListFunctionUrlConfigs"),
        ("lambda", "GetFunctionUrlConfig"), ("s3", "GetBucketPolicy"),
        ("s3", "GetBucketPolicyStatus"), ("s3", "GetPublicAccessBlock"), ("s3", "GetBucketAcl"),
        ("s3", "GetBucketLocation"), ("sqs", "GetQueueAttributes"),
        ("sns", "GetTopicAttributes"), ("events", "DescribeEventBus"),
        ("dynamodb", "DescribeTable"), ("dynamodb", "GetResourcePolicy"),
        ("kinesis", "GetResourcePolicy"), ("apigateway", "GetAuthorizers"),
        ("apigatewayv2", "GetAuthorizers"), ("apigatewayv2", "GetAuthorizer"),
        ("cognito-idp", "DescribeUserPool"), ("cognito-identity", "DescribeIdentityPool"),
        ("cognito-identity", "GetIdentityPoolRoles"),
    }
)  # fmt: skip
"""(service, operation) whose failure hides who may call or write the named resource."""

LINK_OPS = frozenset(
    {
        ("s3", "GetBucketNotificationConfiguration"), ("sns", "ListSubscriptionsByTopic"),
        ("sns", "GetSubscriptionAttributes"), ("events", "ListTargetsByRule"),
        ("events", "DescribeEventBus"), ("logs", "DescribeSubscriptionFilters"),
        ("lambda", "ListFunctionEventInvokeConfigs"), ("stepfunctions", "DescribeStateMachine"),
        ("sqs", "GetQueueAttributes"), ("apigatewayv2", "GetIntegrations"),
    }
)  # fmt: skip
"""(service, operation) whose failure hides where the named resource sends data."""

SETTINGS_OPS = frozenset(
    {
        ("s3", "GetBucketEncryption"), ("kinesis", "DescribeStreamSummary"),
        ("apigateway", "GetStages"), ("apigatewayv2", "GetStages"),
        ("cognito-idp", "ListUserPoolClients"), ("cognito-idp", "DescribeUserPoolClient"),
    }
)  # fmt: skip
"""(service, operation) whose failure hides only settings of the named resource."""

EDGE_HIDING = frozenset({"triggers", "exposure", "permissions"})
"""What a not-read entry must be able to hide to matter to these answers (`not_read.py`)."""

LISTED = 5
"""Resources named per gap in the JSON and on stderr (the count gives the rest)."""


class Scope:
    """The parts of the graph one answer depends on, by what a gap there could hide: the nodes
    it names (with their neighbours), those whose unknown exposure could change it, and those
    whose unknown outgoing links could. None stands for "anywhere".

    This one is everywhere; an answer's own scope (`scopes.py`) computes its regions on
    first use, since most answers meet no gap that needs them."""

    named: frozenset[str] = frozenset()
    exposure: frozenset[str] | None = None
    links: frozenset[str] | None = None
    unknown_exposure_links: bool = False
    """A node whose own exposure is unknown counts among `links` (untrusted data may reach
    it unseen, and leave through its unknown links)."""


EVERYWHERE = Scope()


@dataclass(frozen=True)
class AnswerGap:
    """Gaps of one kind that touch an answer: failed calls of one operation and error code, a
    service left out of the crawl, or unreadable policies."""

    kind: str
    """`failed-call`, `not-crawled` or `unreadable-policy`."""
    service: str
    operation: str | None
    code: str | None
    count: int
    regions: tuple[str, ...]
    resources: tuple[str, ...]
    what: str

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "service": self.service, "operation": self.operation,
            "code": self.code, "count": self.count, "regions": list(self.regions),
            "resources": list(self.resources[:LISTED]), "what": self.what,
        }  # fmt: skip


@dataclass(frozen=True)
class Coverage:
    """What is missing from one answer: `complete` when no gap touches it."""

    gaps: tuple[AnswerGap, ...]
    not_read: tuple[dict[str, Any], ...] | None
    """Entries of what the crawler never reads that could change the answer; None when the
    snapshot predates that record."""

    @property
    def complete(self) -> bool:
        return not self.gaps

    def as_json(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "gaps": [gap.as_json() for gap in self.gaps],
            "not_read": None if self.not_read is None else list(self.not_read),
        }


def coverage(g: nx.MultiDiGraph, errors: list[Row], meta: dict[str, Any], scope: Scope) -> Coverage:
    """The gaps of a snapshot that touch an answer with this scope."""
    placer = _Placer(g)
    placed = [(error, placer(error)) for error in errors]
    unknown = _exposure_unknown(g, placed) if scope.unknown_exposure_links else set()
    touching = [error for error, nodes in placed if _touches(error, nodes, scope, unknown)]
    gaps = [*_failed_calls(touching), *_left_out(meta), *_unreadable(g, scope)]
    return Coverage(tuple(gaps), _relevant_not_read(meta))


def _touches(error: Row, nodes: set[str] | None, scope: Scope, unknown: set[str]) -> bool:
    """Whether one failed call touches the answer (`unknown`: nodes of unknown exposure)."""
    operation = (str(error.get("service") or ""), str(error.get("operation") or ""))
    classified = operation in EXPOSURE_OPS | LINK_OPS | SETTINGS_OPS
    if nodes is None or not classified:
        return True  # names nothing this snapshot can place: it may hide anything
    if operation in LINK_OPS and nodes & unknown:
        return True
    if operation in EXPOSURE_OPS and _within(nodes, scope.exposure):
        return True
    return (operation in LINK_OPS and _within(nodes, scope.links)) or bool(nodes & scope.named)


def _exposure_unknown(g: nx.MultiDiGraph, placed: list[tuple[Row, set[str] | None]]) -> set[str]:
    """Nodes whose exposure is unknown: named by a failed exposure read, or unreadable."""
    links = [n for e, n in placed if n and (e.get("service"), e.get("operation")) in LINK_OPS]
    if not links:
        return set()  # nothing to weigh it against
    found = {n for n, unknown in g.nodes(data="exposure_unknown") if unknown}
    for error, nodes in placed:
        if nodes and (error.get("service"), error.get("operation")) in EXPOSURE_OPS:
            found |= nodes
    return found


def _within(nodes: set[str], region: frozenset[str] | None) -> bool:
    return region is None or bool(nodes & region)


class _Placer:
    """The graph nodes a failed call's `resource` names: an ARN (or the resource it belongs
    to), or a queue URL, table name or pool id found on a node's row in that region."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self._index: dict[tuple[str, str], str] | None = None
        self._children: dict[str, set[str]] | None = None

    def __call__(self, error: Row) -> set[str] | None:
        resource = str(error.get("resource") or "")
        if not resource:
            return None
        node = self._node(resource, str(error.get("region") or ""))
        return None if node is None else {node, *self._children_of(node)}

    def _node(self, resource: str, region: str) -> str | None:
        if not resource.startswith("arn:"):
            return self._indexed().get((region, resource))
        for candidate in _owners(resource):
            node = canonical(candidate)
            if node in self.g and self.g.nodes[node].get("known", True):
                return node
        return None

    def _indexed(self) -> dict[tuple[str, str], str]:
        if self._index is None:
            self._index = {}
            for node, row in self.g.nodes(data="row"):
                for key in ("url", "name", "id"):
                    if isinstance(row, dict) and row.get(key):
                        self._index[(str(row.get("region") or ""), str(row[key]))] = node
        return self._index

    def _children_of(self, node: str) -> set[str]:
        """Routes of an API: a failed read of the API stands for them too."""
        if self._children is None:
            self._children = defaultdict(set)
            for child, row in self.g.nodes(data="row"):
                if isinstance(row, dict) and row.get("api_arn"):
                    self._children[str(row["api_arn"])].add(child)
        return self._children.get(node, set())


def _owners(arn: str) -> Iterable[str]:
    """The ARN, then the resources it may be part of: a subscription's topic, an API's
    authorizer or stage, a user pool's app client."""
    yield arn
    for marker in ("/authorizers/", "/stages/", "/client/"):
        if marker in arn:
            yield arn.split(marker, 1)[0]
    yield arn.rsplit(":", 1)[0]


def _failed_calls(errors: list[Row]) -> Iterable[AnswerGap]:
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for error in errors:
        key = tuple(str(error.get(k) or "-") for k in ("service", "operation", "code"))
        groups[key].append(error)  # type: ignore[index]
    for (service, operation, code), found in sorted(groups.items()):
        resources = tuple(sorted({str(e["resource"]) for e in found if e.get("resource")}))
        regions = tuple(sorted({str(e.get("region") or "") for e in found}))
        where = f" for {len(resources)} resource(s)" if resources else ""
        what = f"{service} {operation} failed ({code}){where}"
        yield AnswerGap(
            "failed-call", service, operation, code, len(found), regions, resources, what
        )


def _left_out(meta: dict[str, Any]) -> Iterable[AnswerGap]:
    for entry in _entries(meta):
        if entry.get("cause") == "--service":
            service = str(entry.get("service") or entry.get("what"))
            what = f"{service} not crawled (left out by --service)"
            yield AnswerGap("not-crawled", service, None, None, 1, (), (), what)


def _unreadable(g: nx.MultiDiGraph, scope: Scope) -> Iterable[AnswerGap]:
    """Resources in scope whose policy the analysis could not read."""
    for attribute in ("exposure_unknown", "policy_gaps"):
        found = sorted(n for n, gap in g.nodes(data=attribute) if gap)
        if not found:
            continue
        region = scope.exposure if attribute == "exposure_unknown" else scope.links
        if region is not None:
            found = [n for n in found if n in region or n in scope.named]
        if found:
            service = "iam" if attribute == "policy_gaps" else "policies"
            what = f"{len(found)} resource(s) with a policy that could not be read"
            yield AnswerGap("unreadable-policy", service, None, attribute, len(found), (),
                            tuple(found), what)  # fmt: skip


def _entries(meta: dict[str, Any]) -> list[dict[str, Any]]:
    entries = meta.get("not_read")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _relevant_not_read(meta: dict[str, Any]) -> tuple[dict[str, Any], ...] | None:
    if not isinstance(meta.get("not_read"), list):
        return None
    return tuple(
        {"what": e.get("what"), "why": e.get("why")}
        for e in _entries(meta)
        if e.get("cause") != "--service" and EDGE_HIDING & (_hides(e) or EDGE_HIDING)
    )


def _hides(entry: dict[str, Any]) -> set[str]:
    """The edge kinds a not-read entry says it hides (none named: it may hide any)."""
    return set(strings(entry.get("hides")))
