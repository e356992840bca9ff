"""A role's effective permissions as detail lines: service, then access level, then action.

Wildcard and conditional grants are marked; Enter on an action opens the statements that
decided it. A role allowed every service (`*`, NotAction) is not expanded service by service
(22,000 actions): its sweeping statements are listed, then the services it names explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content

from explorer.analysis import kinds
from explorer.analysis.estate import Estate
from explorer.analysis.identities import compile_principals
from explorer.analysis.identities import principal_policies as role_policies
from explorer.iam import ACCESS_LEVELS, EffectivePermissions, Grant, effective_permissions
from explorer.iam.model import StatementRef
from explorer.tui import text
from explorer.tui.details.common import INDENT, Line, Lines, heading, none_line, plain
from explorer.tui.shapes import strings
from explorer.tui.shapes import text as text_of
from explorer.tui.view_model import Model

PER_LEVEL = 25
"""Actions listed per service and level before the rest are summarised."""


Documents = list[tuple[str, Any]]


def principal_documents(model: Model, node: str) -> tuple[Documents, Documents | None, list[str]]:
    """(identity documents, boundary documents or None, what the snapshot lacks: a sentence
    per policy or group) of a role, group or user; a user's include its groups' (named
    `group/policy`, as the analysis names them), compiled by the analysis's own
    `compile_principals` on just that user."""
    row = model.row(node)
    if model.kind(node) != kinds.USER:
        identity, boundary, missing = role_policies(row, model.managed)
        return identity, boundary, [f"policy not in the snapshot: {arn}" for arn in missing]
    names = set(strings(row.get("groups")))
    rows = model.analysis.estate.rows("iam_groups")
    groups = [group for group in rows if text_of(group.get("name")) in names]
    tables = {"iam_users": [row], "iam_groups": groups,
              "iam_policies": list(model.managed.values())}  # fmt: skip
    compiled = compile_principals(Estate(meta=model.meta, tables=tables))[node]
    gaps = [f"policy not in the snapshot: {arn}" for arn in compiled.missing]
    gaps += [f"group not in the snapshot: {name}" for name in compiled.missing_groups]
    return list(compiled.identity or []), compiled.boundary, gaps


def role_permissions(model: Model, role: str) -> EffectivePermissions | None:
    """A principal's effective permissions (None when the snapshot lacks it); cached."""
    if not model.row(role):
        return None
    if role not in model.principal_cache:
        identity, boundary, _ = principal_documents(model, role)
        model.principal_cache[role] = effective_permissions(identity, boundary, role)
    return model.principal_cache[role]


def statement_refs(model: Model, node: str, cited: Iterable[Any]) -> tuple[StatementRef, ...]:
    """The statements of the principal's own policies that `cited` names by their text (an
    edge's evidence), so that Enter can show them; others (a trust policy's) are left out."""
    perms = role_permissions(model, node)
    if perms is None:
        return ()
    principal = perms.principal
    indexes = [principal.identity, *([principal.boundary] if principal.boundary else [])]
    known = {str(s.ref): s.ref for index in indexes for p in index.policies for s in p.statements}
    return tuple(known[c] for c in dict.fromkeys(cited) if isinstance(c, str) and c in known)


def permission_lines(model: Model, role: str) -> Lines:
    """Effective permissions, grouped; cached on the model per role."""
    cache = model.permission_cache
    if role not in cache:
        cache[role] = _build(model, role)
    return cache[role]


def _build(model: Model, role: str) -> Lines:
    perms = role_permissions(model, role)
    if perms is None:
        return [heading("Effective permissions"), none_line("it is not in the snapshot")]
    lines = [heading("Effective permissions", "Enter on an action: the deciding statement")]
    lines += _gaps(model, role, perms)
    services = perms.services()
    if perms.all_services:
        lines += _sweeping(role, perms)
        services = sorted(_named_services(perms))
    for service in services:
        lines += _service(role, service, perms.service(service))
    if len(lines) == 1:
        lines.append(none_line("nothing is allowed"))
    return lines


def _gaps(model: Model, role: str, perms: EffectivePermissions) -> Lines:
    _, _, missing = principal_documents(model, role)
    lines = [plain(text.literal(gap, "#ffd75f")) for gap in missing]
    lines += [plain(text.literal(f"skipped malformed statement: {err}", "#ffd75f"))
              for err in perms.principal.errors]  # fmt: skip
    return lines


def _sweeping(role: str, perms: EffectivePermissions) -> Lines:
    """The allow statements that may cover every service."""
    lines = []
    for policy in perms.principal.identity.policies:
        for statement in policy.statements:
            if statement.effect == "Allow" and statement.action_services is None:
                label = text.join([INDENT, ("every service  ", "bold"), _mark("WILDCARD", True),
                                   "  ", text.literal(str(statement.ref), text.DIM)])  # fmt: skip
                lines.append(Line(label, statement=(role, (statement.ref,))))
    return lines


def _named_services(perms: EffectivePermissions) -> set[str]:
    return {svc for policy in perms.principal.identity.policies for s in policy.statements
            if s.effect == "Allow" for svc in s.action_services or ()}  # fmt: skip


def _service(role: str, service: str, levels: dict[str, dict[str, list[Grant]]]) -> Lines:
    if not levels:
        return []
    lines = [plain(text.literal(service, "bold"))]
    for level in (*ACCESS_LEVELS, *sorted(set(levels) - set(ACCESS_LEVELS))):
        actions = levels.get(level) or {}
        for index, (action, grants) in enumerate(sorted(actions.items())):
            if index == PER_LEVEL:
                more = f"… {len(actions) - PER_LEVEL} more {level} actions of {service}"
                lines.append(plain(text.literal(more, text.DIM), 3))
                break
            lines.append(_action(role, level, action, grants))
    return lines


def _action(role: str, level: str, action: str, grants: list[Grant]) -> Line:
    wildcard = any(g.wildcard for g in grants)
    conditional = all(g.conditional for g in grants)
    partial = any(g.partial for g in grants)
    resources = sorted({r for g in grants for r in (g.resources or ("*",))})
    body = text.join([INDENT * 2, (f"{level:<12}", text.DIM), text.literal(action.split(":")[-1]),
                      "  ", text.literal(", ".join(resources[:3]) + (" …" if len(resources) > 3
                                                                     else ""), text.DIM),
                      _mark("WILDCARD", wildcard), _mark("CONDITIONAL", conditional),
                      _mark("PARTLY DENIED", partial)])  # fmt: skip
    refs = tuple(ref for g in grants for ref in (*g.statements, *g.deny_statements))
    return Line(body, statement=(role, refs), copy=action)


def _mark(label: str, on: bool) -> Content | str:
    style = {"WILDCARD": "bold #ff5f5f", "CONDITIONAL": "#ffd75f"}.get(label, "#d787ff")
    return Content.styled(f"  {label}", style) if on else ""


def statement_documents(model: Model, role: str) -> dict[str, Any]:
    """Policy name -> document for a principal (identity and boundary), to show a statement."""
    identity, boundary, _ = principal_documents(model, role)
    return {name: doc for name, doc in [*identity, *(boundary or [])]}
