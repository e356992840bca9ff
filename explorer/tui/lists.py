"""Rows of the five list tabs, built once per snapshot.

Findings arrive later: rather than rebuild every row, each list gets one shared `Marks` table
(item -> worst severity, count) that its Findings column reads when drawn and sorted. Rows are
slotted and share their strings, since the Findings tab alone can hold 50,000 of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from explorer.analysis import kinds
from explorer.analysis.entry_auth import entry_auth
from explorer.tui import text
from explorer.tui.credentials import NOT_RECORDED, credentials, yes_no
from explorer.tui.levels import SEVERITY_ORDER, severity_rank, trust_rank
from explorer.tui.view_model import (
    ENTRIES,
    FINDING_PREFIX,
    FINDINGS,
    FUNCTIONS,
    PRINCIPAL_TAB_KINDS,
    PRINCIPALS,
    RESOURCE_TAB_KINDS,
    RESOURCES,
    Model,
)

Cell = tuple[str, str]
"""A cell's text (from the account: made safe when rendered) and its style."""
Mark = tuple[str, int, int]
"""(worst severity, number of findings, its rank) for one item."""
Marks = dict[str, Mark]
PENDING: Cell = ("…", text.DIM)
NONE: Cell = ("-", text.DIM)


@dataclass(frozen=True, slots=True)
class Column:
    """A list column: its label, whether it holds numbers, and whether it shows findings."""

    label: str
    numeric: bool = False
    findings: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One list row: the item it stands for, its cells, a sort key per column, filter text
    (empty: the cells' text), and whether it has a problem before findings are counted."""

    item: str
    cells: tuple[Cell, ...]
    keys: tuple[Any, ...]
    haystack: str
    problem: bool


@dataclass(frozen=True, slots=True, repr=False)
class ListData:
    """The rows of one tab, and the findings marks once they exist."""

    tab: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pending: bool = False
    """True while findings are being computed."""
    marks: Marks | None = None

    def __repr__(self) -> str:
        return f"ListData({self.tab!r}, {len(self.rows)} rows)"

    def cell(self, row: Row, index: int) -> Cell:
        """A cell as drawn: the Findings column from the marks, a finding's from its keys."""
        if not row.cells:
            return finding_cell(row, index)
        if not self.columns[index].findings:
            return row.cells[index]
        if self.marks is None:
            return PENDING if self.pending else NONE
        mark = self.marks.get(row.item)
        if mark is None:
            return NONE
        worst, count, _ = mark
        return (f"{worst} ×{count}" if count > 1 else worst, text.SEVERITY_STYLE.get(worst, ""))

    def key(self, row: Row, index: int) -> Any:
        if not self.columns[index].findings:
            return row.keys[index]
        mark = self.marks.get(row.item) if self.marks else None
        return mark[2] if mark else severity_rank(None)

    def problem(self, row: Row) -> bool:
        if row.problem:
            return True
        mark = self.marks.get(row.item) if self.marks else None
        return mark is not None and mark[0] != "info"


def build_lists(model: Model) -> dict[str, ListData]:
    """Every tab's rows (the Findings tab empty until findings exist)."""
    builders: dict[str, Callable[[Model], ListData]] = {
        FUNCTIONS: function_list, ENTRIES: entry_list, RESOURCES: resource_list,
        PRINCIPALS: principal_list, FINDINGS: finding_list,
    }  # fmt: skip
    return {tab: build(model) for tab, build in builders.items()}


def with_findings(model: Model, lists: dict[str, ListData]) -> dict[str, ListData]:
    """The same rows, now marked with findings, and the Findings tab filled."""
    marks = marks_of(model)
    out = {tab: replace(data, pending=False, marks=marks) for tab, data in lists.items()}
    out[FINDINGS] = finding_list(model)
    return out


def marks_of(model: Model) -> Marks:
    marks: Marks = {}
    for node, found in model.by_node.items():
        worst = min((f.severity for f in found), key=severity_rank)
        marks[node] = (worst, len(found), severity_rank(worst))
    return marks


def _nodes(model: Model, wanted: Callable[[str, dict], bool]) -> Iterable[tuple[str, dict]]:
    return ((n, a) for n, a in model.g.nodes(data=True) if a.get("known") and wanted(n, a))


def _trust(trust: str | None) -> Cell:
    return (trust or "-", text.TRUST_STYLE.get(trust or "", text.DIM))


def _number(count: int) -> Cell:
    return (str(count), "")


def _untrusted(model: Model, node: str) -> bool:
    return model.trust.get(node, kinds.INTERNAL) != kinds.INTERNAL or node in model.stats.exposed


def _data(tab: str, columns: tuple[Column, ...], rows: list[Row], model: Model) -> ListData:
    return ListData(tab, columns, tuple(rows), pending=model.findings is None)


def function_list_columns() -> tuple[Column, ...]:
    return (Column("Name"), Column("Untrusted"), Column("Findings", findings=True),
            Column("Trig", True), Column("Runtime"), Column("Region"))  # fmt: skip


def function_list(model: Model) -> ListData:
    rows = []
    for node, attrs in _nodes(model, lambda n, a: a.get("kind") == kinds.FUNCTION):
        row, name = attrs.get("row") or {}, str(attrs.get("name"))
        trust = model.trust.get(node, kinds.INTERNAL)  # only the account itself sends it data
        runtime = str(row.get("runtime") or row.get("package_type") or "-")
        region = str(row.get("region") or "-")
        triggers = model.stats.count_in(node, kinds.TRIGGERS)
        cells = ((name, ""), _trust(trust), PENDING, _number(triggers), (runtime, ""),
                 (region, ""))  # fmt: skip
        keys = (name.lower(), trust_rank(trust), 0, -triggers, runtime, region)
        rows.append(Row(node, cells, keys, "", _untrusted(model, node)))
    return _data(FUNCTIONS, function_list_columns(), rows, model)


def _auth(model: Model, node: str) -> str:
    auth = entry_auth(model.row(node))
    if auth.recorded:
        return auth.label
    vias = {
        str(d.get("evidence", {}).get("via", ""))
        for _, _, d in model.g.in_edges(node, data=True)
        if d.get("kind") == kinds.EXPOSES
    }
    return ", ".join(sorted(v for v in vias if v)) or "-"


def entry_list(model: Model) -> ListData:
    columns = (Column("Name"), Column("Exposed to"), Column("Findings", findings=True),
               Column("Auth"), Column("Kind"), Column("Feeds", True))  # fmt: skip
    rows = []
    for node, attrs in _nodes(model, lambda n, a: n in model.entries):
        name, kind = str(attrs.get("name")), str(attrs.get("kind"))
        auth, exposed = _auth(model, node), model.stats.exposed.get(node)
        feeds = model.stats.count_out(node, kinds.TRIGGERS)
        cells = ((name, ""), _trust(exposed), PENDING, (auth, ""), (kind, text.DIM),
                 _number(feeds))  # fmt: skip
        keys = (name.lower(), trust_rank(exposed), 0, auth, kind, -feeds)
        rows.append(Row(node, cells, keys, "", _untrusted(model, node)))
    return _data(ENTRIES, columns, rows, model)


def resource_list(model: Model) -> ListData:
    columns = (Column("Name"), Column("Kind"), Column("Exposed to"),
               Column("Findings", findings=True), Column("Writers", True),
               Column("Region"))  # fmt: skip
    rows = []
    for node, attrs in _nodes(model, lambda n, a: a.get("kind") in RESOURCE_TAB_KINDS):
        name, kind = str(attrs.get("name")), str(attrs.get("kind"))
        region = str((attrs.get("row") or {}).get("region") or "-")
        exposed = model.stats.exposed.get(node)
        writers = model.stats.count_in(node, kinds.WRITES)
        cells = ((name, ""), (kind, text.DIM), _trust(exposed), PENDING, _number(writers),
                 (region, ""))  # fmt: skip
        keys = (name.lower(), kind, trust_rank(exposed), 0, -writers, region)
        rows.append(Row(node, cells, keys, "", _untrusted(model, node)))
    return _data(RESOURCES, columns, rows, model)


def principal_list(model: Model) -> ListData:
    """Users, groups, roles and the account's administrator; for users, their credentials."""
    columns = (Column("Name"), Column("Kind"), Column("Escalation"),
               Column("Findings", findings=True), Column("Used by", True),
               Column("Keys", True), Column("Key used"), Column("Password"))  # fmt: skip
    rows = [
        _principal_row(model, node, attrs)
        for node, attrs in _nodes(model, lambda n, a: a.get("kind") in PRINCIPAL_TAB_KINDS)
    ]
    return _data(PRINCIPALS, columns, rows, model)


ESCALATION_CELLS: dict[str, Cell] = {
    "admin": ("admin", "bold #ff5f5f"),
    "admin?": ("admin?", "#ffd75f"),
    "to-admin": ("→ admin", "bold #ff5f5f"),
}
"""How a principal stands: admin-equivalent (or maybe), can become an administrator."""
UNKNOWN: Cell = (NOT_RECORDED, "#ffd75f")
WORDS = ("never", "-", NOT_RECORDED)
"""A last key use that is no date, in sort order after the dates (the stalest first)."""


def escalation(model: Model, node: str, attrs: dict) -> tuple[Cell, int]:
    """The Escalation cell and its sort rank (the most powerful first)."""
    admin = attrs.get("admin")
    if attrs.get("kind") == kinds.ADMIN or admin == "yes":
        return ESCALATION_CELLS["admin"], 0
    if admin == "conditional":
        return ESCALATION_CELLS["admin?"], 1
    if node in model.admin_reach:
        return ESCALATION_CELLS["to-admin"], 2
    count = sum(d.get("kind") == kinds.BECOMES for _, _, d in model.g.out_edges(node, data=True))
    return ((f"becomes {count}", "#ffd75f"), 3) if count else (NONE, 4)


def _used_by(model: Model, node: str, kind: str) -> int | None:
    """Workloads running as a role; members of a group."""
    if kind == kinds.ROLE:
        return model.stats.count_in(node, kinds.ASSUMES)
    if kind == kinds.GROUP:
        return model.stats.count_in(node, kinds.IN_GROUP)
    return None


def _credential_cells(attrs: dict) -> tuple[tuple[Cell, Cell, Cell], tuple[Any, Any, Any]]:
    """Keys (active count), last key use (date), console password: a user's, else "-"."""
    if attrs.get("kind") != kinds.USER:
        return (NONE, NONE, NONE), (1, (9, ""), "~")
    found = credentials(attrs.get("row"))
    active = found.active_keys
    keys = UNKNOWN if active is None else _number(active)
    used = found.key_last_use()
    last = UNKNOWN if used == NOT_RECORDED else (used[:10], text.DIM if used in WORDS else "")
    password = yes_no(found.password)
    pwd = UNKNOWN if found.password is None else (password, "")
    order = (WORDS.index(used) + 1 if used in WORDS else 0, used)
    return (keys, last, pwd), (-(active if active is not None else -1), order, password)


def _principal_row(model: Model, node: str, attrs: dict) -> Row:
    name, kind = str(attrs.get("name")), str(attrs.get("kind"))
    power, rank = escalation(model, node, attrs)
    used = _used_by(model, node, kind)
    (keys, last, pwd), (key_rank, last_key, pwd_key) = _credential_cells(attrs)
    cells = ((name, ""), (kind, text.DIM), power, PENDING,
             _number(used) if used is not None else NONE, keys, last, pwd)  # fmt: skip
    sort = (name.lower(), kind, rank, 0, -(used or 0), key_rank, last_key, pwd_key)
    return Row(node, cells, sort, "", rank <= 2)


def finding_cell(row: Row, index: int) -> Cell:
    """A Findings-tab cell, from the row's sort keys (the row stores no cells: 50,000 rows)."""
    value = row.keys[index]
    if index == 0:
        severity = SEVERITY_ORDER[value] if value < len(SEVERITY_ORDER) else "?"
        return (severity, text.SEVERITY_STYLE.get(severity, ""))
    if index == 1:
        return (f"A{value}" if value != 99 else "?", "")
    return (str(value), text.DIM if index == 4 else "")


def finding_list(model: Model) -> ListData:
    """One lean row per finding: keys only (cells derive from them), strings shared."""
    columns = (Column("Severity"), Column("OWASP"), Column("Resource"), Column("Title"),
               Column("Rule"))  # fmt: skip
    names: dict[str, str] = {}
    rows = []
    for index, f in enumerate(model.findings or []):
        resource = names.get(f.resource) or names.setdefault(f.resource, model.name(f.resource))
        keys = (severity_rank(f.severity), _owasp_key(f.owasp), resource, f.title, f.rule)
        rows.append(Row(f"{FINDING_PREFIX}{index}", (), keys, "", f.severity != "info"))
    return ListData(FINDINGS, columns, tuple(rows), pending=model.findings is None,
                    marks={} if model.findings is not None else None)  # fmt: skip


def _owasp_key(owasp: str) -> int:
    digits = owasp.removeprefix("A")
    return int(digits) if digits.isdigit() else 99
