"""What every rule reads: the estate, the graph, untrusted inputs, and the day of judgement."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.estate import Estate, Row
from explorer.analysis.identities import CompiledPrincipal, compile_principals
from explorer.analysis.paths import label
from explorer.analysis.taint import UntrustedInput, function_nodes, untrusted_inputs

Inputs = Mapping[str, Sequence[UntrustedInput]]


@dataclass
class Context:
    """Plain inputs plus a few indexes built once and shared by the rules."""

    estate: Estate
    g: nx.MultiDiGraph
    inputs: Inputs
    today: date

    @property
    def account(self) -> str:
        return self.estate.account

    @cached_property
    def functions(self) -> dict[str, Row]:
        """function ARN -> its `functions` row."""
        return {row["arn"]: row for row in self.estate.rows("functions")}

    @cached_property
    def _gaps(self) -> dict[object, list[Row]]:
        """service -> failed calls, and (service, operation, resource) -> failed calls."""
        index: dict = defaultdict(list)
        for error in self.estate.errors:
            index[error.get("service")].append(error)
            index[(error.get("service"), error.get("operation"), error.get("resource"))].append(
                error
            )
        return index

    @cached_property
    def function_policies(self) -> dict[tuple[str, str], list[Row]]:
        """(function ARN, qualifier) -> its resource policy rows."""
        index: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in self.estate.rows("function_policies"):
            index[(row.get("function_arn"), row.get("qualifier"))].append(row)
        return index

    @cached_property
    def by_cause(self) -> tuple[Inputs, Inputs]:
        """(untrusted inputs per function that do not pass through a grant on many functions,
        untrusted inputs per such grant's hub): a role that may invoke every function is one
        cause, reported once, not once per function (`inputs` still lists every path)."""
        hubs = frozenset(
            n
            for n, a in self.g.nodes(data=True)
            if a.get("kind") == kinds.HUB and a.get("stands_for") == kinds.FUNCTION
        )
        through = any(not hubs.isdisjoint(i.path) for found in self.inputs.values() for i in found)
        if not through:
            return self.inputs, {}
        found = untrusted_inputs(self.g, function_nodes(self.g) | hubs, stop=hubs)
        return ({n: v for n, v in found.items() if n not in hubs},
                {n: v for n, v in found.items() if n in hubs})  # fmt: skip

    @cached_property
    def principals(self) -> dict[str, CompiledPrincipal]:
        """Every role, user and group with its policies compiled, once for every rule family."""
        return compile_principals(self.estate)

    def label(self, node: str) -> str:
        """A node's display name (account text, as-is)."""
        return label(self.g, node)

    def gap(
        self, service: str, region: str | None = None, *operations: str, resource: str | None = None
    ) -> bool:
        """Whether a failed call may have hidden data of this service (region, operation,
        resource narrow the question when given; a failed call naming no resource may have
        hidden any)."""
        if resource and operations:
            candidates = [
                e
                for op in operations
                for key in ((service, op, resource), (service, op, None))
                for e in self._gaps.get(key, ())
            ]
        else:
            candidates = self._gaps.get(service, [])
        return any(_matches(e, service, region, operations, resource) for e in candidates)

    def crawled(self, table: str, service: str) -> bool:
        """Whether this snapshot's crawl read a service's table: the file holds the table
        (older ones lack tables added later) and `--service` did not leave the service out."""
        entries = self.estate.meta.get("not_read")
        left_out = any(
            isinstance(e, dict) and e.get("cause") == "--service" and e.get("service") == service
            for e in (entries if isinstance(entries, list) else [])
        )
        return not left_out and self.estate.recorded(table)

    def execution_role(self, function: str) -> str | None:
        """The role a function runs as, from its `assumes` edge (or its row)."""
        for _, role, data in self.g.out_edges(function, data=True):
            if data.get("kind") == kinds.ASSUMES:
                return role
        return (self.functions.get(function) or {}).get("role_arn")

    def role_powers(self, function: str) -> list[tuple[str, str]]:
        """(edge kind, target) the function's role may write, invoke or control."""
        role = self.execution_role(function)
        if role is None or role not in self.g:
            return []
        wanted = (kinds.WRITES, kinds.INVOKES, kinds.CONTROLS)
        return sorted(
            {(d["kind"], t) for _, t, d in self.g.out_edges(role, data=True) if d["kind"] in wanted}
        )


def _matches(
    error: Row, service: str, region: str | None, operations: tuple[str, ...], resource: str | None
) -> bool:
    if error.get("service") != service:
        return False
    if region and error.get("region") not in (region, None, ""):
        return False
    if operations and error.get("operation") not in operations:
        return False
    return not (resource and error.get("resource") and error["resource"] != resource)


def judgement_day(meta: Mapping[str, Any], today: date | None = None) -> date:
    """The date findings are judged at: given, else the snapshot's finish time, else today."""
    if today is not None:
        return today
    stamp = str(meta.get("finished") or meta.get("started") or "")
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except ValueError:
        return date.today()
