"""Every IAM principal of the estate with its policies compiled once: roles, users, groups.

A user's effective policies are its own (inline and attached), those of every group it belongs
to, and its permissions boundary (IAM User Guide, "Policy evaluation logic": identity-based
policies of the user and its groups are evaluated together). A group is compiled on its own,
as any member would hold it, so "what does this group grant" has an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from explorer.analysis import kinds
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.shapes import sequence, text
from explorer.iam import PrincipalPolicies
from explorer.iam.context import Partial
from explorer.iam.evaluate import StatementIndex
from explorer.iam.model import Statement
from explorer.store.checks import shape_word

Documents = list[tuple[str, object]]


@dataclass(frozen=True)
class CompiledPrincipal:
    """A principal's policies compiled once, the managed policies the snapshot lacks, and
    (for users and groups) the groups whose policies it holds."""

    kind: str
    principal: PrincipalPolicies
    missing: tuple[str, ...]
    groups: tuple[str, ...] = ()
    identity: Documents | None = None
    boundary: Documents | None = None
    missing_groups: tuple[str, ...] = ()
    """Names of the user's groups the snapshot lacks (their policies are not counted)."""


def compile_principals(estate: EstateRows) -> dict[str, CompiledPrincipal]:
    """ARN -> compiled principal, for every role, user and group of the estate."""
    managed = {row["arn"]: row for row in estate.rows("iam_policies")}
    groups = {row["arn"]: row for row in estate.rows("iam_groups")}
    by_name = {text(row.get("name")): arn for arn, row in groups.items()}
    compiled: dict[str, CompiledPrincipal] = {}
    parsed: dict = {}  # each (name, document) parsed once: members hold their groups' statements
    for role in estate.rows("iam_roles"):
        compiled[role["arn"]] = _compile(kinds.ROLE, role, managed, parsed)
    for arn, group in groups.items():
        compiled[arn] = _compile(kinds.GROUP, group, managed, parsed)
    for user in estate.rows("iam_users"):
        names = _group_names(user)
        member_of = tuple(by_name[n] for n in names if n in by_name)
        extra = [groups[g] for g in member_of]
        found = _compile(kinds.USER, user, managed, parsed, member_of, extra)
        lacking = tuple(n for n in names if n not in by_name)
        compiled[user["arn"]] = replace(found, missing_groups=lacking) if lacking else found
    return compiled


PERSONAL_KEYS = ("aws:principal", "aws:username", "aws:userid", "aws:sourceidentity",
                 "aws:federatedprovider")  # fmt: skip
"""Condition keys (prefixes) whose value depends on who asks."""


def signature(compiled: CompiledPrincipal, actions: frozenset[str]) -> tuple | None:
    """What decides these (lower-case) actions for the principal besides who it is: its kind,
    account, and the statements that cover them (identity and boundary), so principals with
    the same signature (users of one group, roles of one template) get the same answers; None
    when one of those statements depends on who asks (a policy variable, aws:username)."""
    return _signed(compiled, lambda index: index.covering(actions))


def action_signature(compiled: CompiledPrincipal, action: str) -> tuple | None:
    """`signature` of one (lower-case) action, read through the statement index's per-action
    cache (asked for every action a technique decides, of every principal)."""
    return _signed(compiled, lambda index: tuple(s for s, _ in index.for_action(action)))


def _signed(
    compiled: CompiledPrincipal, covering: Callable[[StatementIndex], tuple[Statement, ...]]
) -> tuple | None:
    principal = compiled.principal
    parts: list[object] = [compiled.kind, principal.caller.account]
    for index in (principal.identity, principal.boundary):
        statements = covering(index) if index is not None else None
        if statements is not None and any(_personal(s) for s in statements):
            return None
        parts.append(statements)
    return tuple(parts)


def _personal(statement: Statement) -> bool:
    """Whether the statement's answer may differ between two callers of the same kind."""
    return any(p.has_vars for p in statement.resources) or any(
        c.key.startswith(PERSONAL_KEYS) or any(p.has_vars for p in c.patterns)
        for c in statement.conditions
    )


def snapshot_time(meta: dict) -> Partial | None:
    """The request context every grant is decided in: made when the crawl ended, nothing else
    known (so `aws:CurrentTime` conditions are decided; None when the time is not recorded)."""
    finished = meta.get("finished") or meta.get("started")
    if not isinstance(finished, str):
        return None
    try:
        return Partial.at(finished)
    except (TypeError, ValueError):
        return None


def _group_names(user: Row) -> list[str]:
    """The names of the user's groups (GetAccountAuthorizationDetails lists names)."""
    return [name for name in sequence(user.get("groups")) if isinstance(name, str)]


def _compile(
    kind: str,
    row: Row,
    managed: dict[str, Row],
    parsed: dict,
    groups: tuple[str, ...] = (),
    extra: list[Row] = (),
) -> CompiledPrincipal:
    identity, boundary, missing = principal_policies(row, managed)
    for group in extra:
        more, _, lacking = principal_policies(group, managed)
        group_name = text(group.get("name")) or group["arn"]
        identity.extend((f"{group_name}/{name}", document) for name, document in more)
        missing.extend(lacking)
    principal = PrincipalPolicies(row["arn"], identity, boundary, tolerant=True, parsed=parsed)
    return CompiledPrincipal(kind, principal, tuple(missing), groups, identity, boundary)


def principal_policies(
    row: Row, managed: dict[str, Row]
) -> tuple[Documents, Documents | None, list[str]]:
    """(identity documents, boundary documents or None, ARNs of policies the snapshot lacks)
    of one role, user or group row."""
    documents: Documents = [_inline(entry) for entry in sequence(row.get("inline_policies"))]
    missing = []
    for arn in sequence(row.get("attached_policy_arns")):
        if isinstance(arn, str) and arn in managed:
            documents.append((managed[arn].get("name") or arn, managed[arn].get("document")))
        else:
            missing.append(arn if isinstance(arn, str) else f"<{shape_word(arn)}, not an ARN>")
    boundary = None
    if row.get("boundary_arn"):
        found = managed.get(row["boundary_arn"])
        boundary = (
            [(found.get("name") or row["boundary_arn"], found.get("document"))] if found else None
        )
        if found is None:
            missing.append(row["boundary_arn"])
    return documents, boundary, missing


def _inline(entry: object) -> tuple[str, object]:
    """(name, document) of an inline policy entry; an entry that is not an object is read as
    the document itself, so the parser reports it unreadable (a policy gap), never skips it."""
    if not isinstance(entry, dict):
        return "inline", entry
    return text(entry.get("name")) or "inline", entry.get("document")
