"""Details of IAM users and groups, and of the account's administrator node: credentials,
membership, escalation, what they reach and their policies."""

from __future__ import annotations

from textual.content import Content

from explorer.analysis import kinds
from explorer.tui import text
from explorer.tui.credentials import NOT_RECORDED, AccessKey, credentials, yes_no
from explorer.tui.details.becoming import become_by, becoming_sections
from explorer.tui.details.common import (
    INDENT,
    Line,
    Lines,
    edges_in,
    edges_out,
    findings_section,
    header,
    heading,
    link,
    none_line,
    plain,
    relations,
    tags_section,
)
from explorer.tui.details.permissions import permission_lines
from explorer.tui.details.role import policies, reaches
from explorer.tui.view_model import Model

UNKNOWN_STYLE = "#ffd75f"
MEMBERS_SHOWN = 500


def user_detail(model: Model, node: str) -> Lines:
    return [*header(model, node), *credential_lines(model, node), *groups(model, node),
            *becoming_sections(model, node), *reaches(model, node),
            *permission_lines(model, node), *findings_section(model, node),
            *policies(model, node), *tags_section(model, node),
            *relations(model, node)]  # fmt: skip


def group_detail(model: Model, node: str) -> Lines:
    return [*header(model, node), *members(model, node), *become_by(model, node),
            *reaches(model, node), *permission_lines(model, node),
            *findings_section(model, node), *policies(model, node),
            *relations(model, node)]  # fmt: skip


def admin_detail(model: Model, node: str) -> Lines:
    """`admin:<account>`: who can take full control of the account, and how."""
    said = none_line("reached by rewriting one's own permissions (or those of one it becomes)")
    return [*header(model, node), said, *become_by(model, node), *relations(model, node)]


def _said(label: str, shown: str, style: str = "") -> Line:
    """`label: shown`, "not recorded" in the warning colour."""
    style = UNKNOWN_STYLE if shown == NOT_RECORDED else style
    return plain(text.join([(f"{label}: ", text.DIM), text.literal(shown, style)]))


def credential_lines(model: Model, node: str) -> Lines:
    """Console password (and its last use), MFA, and every access key with its last use."""
    found = credentials(model.row(node))
    lines = [heading("Credentials", "console password and access keys")]
    lines.append(_said("console password", yes_no(found.password)))
    if found.password:
        lines.append(_said("password last used", found.password_last_used or NOT_RECORDED))
    no_mfa = found.mfa is False and bool(found.password)
    lines.append(_said("MFA", yes_no(found.mfa), "bold #ff5f5f" if no_mfa else ""))
    if found.keys is None:
        return [*lines, _said("access keys", NOT_RECORDED)]
    lines.append(_said("access keys", f"{found.active_keys} active of {len(found.keys)}"))
    return lines + [_key_line(key) for key in found.keys]


def _key_line(key: AccessKey) -> Line:
    """`AKIA…  Active  created 2024-01-02  last used 2024-05-06 s3 us-east-1`."""
    status = ("Active", "bold") if key.active else (key.status, text.DIM)
    used = key.last_use()
    parts: list[Content | str | tuple[str, str]] = [
        INDENT * 2, text.literal(key.id), "  ", text.literal(*status),
        ("  created ", text.DIM), text.literal(key.created or NOT_RECORDED),
        ("  last used ", text.DIM),
        text.literal(used, UNKNOWN_STYLE if used == NOT_RECORDED else ""),
    ]  # fmt: skip
    if key.last_used:
        where = " ".join(part for part in (key.service, key.region) if part)
        parts += ["  ", text.literal(where or "(service and region not recorded)", text.DIM)]
    return Line(text.join(parts), copy=key.id, note="the key's id (never its secret)")


def groups(model: Model, node: str) -> Lines:
    """The groups the user belongs to (it holds their policies)."""
    found = [group for group, _ in edges_out(model, node, kinds.IN_GROUP)]
    lines = [heading("Groups", f"{len(found)} · it holds their policies")]
    lines += [link(model, group, ("member of ", text.DIM)) for group in found]
    return lines + ([none_line("in no group")] if not found else [])


def members(model: Model, node: str) -> Lines:
    """The users in the group."""
    found = [user for user, _ in edges_in(model, node, kinds.IN_GROUP)]
    lines = [heading("Members", f"{len(found)}")]
    lines += [link(model, user) for user in found[:MEMBERS_SHOWN]]
    if len(found) > MEMBERS_SHOWN:
        lines.append(none_line(f"… {len(found) - MEMBERS_SHOWN} more"))
    return lines + ([none_line("no users")] if not found else [])
