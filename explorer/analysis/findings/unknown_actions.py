"""A6: policies naming actions no AWS service has (a typo grants nothing and hides intent).

Every Action and NotAction entry of the account's own policies is judged: roles', users' and
groups' inline policies, customer-managed policies (default version), and every resource and
trust policy. AWS-managed policies are AWS's to spell. One finding per policy, listing its
unknown entries with the nearest known action; low, or medium when an entry sits in a Deny's
Action or an Allow's NotAction, where the restriction it was meant to make silently fails open.
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import LOW, MEDIUM, Finding, make
from explorer.analysis.findings.policies import sources
from explorer.iam.action_names import (
    NO_MATCH,
    UNKNOWN_SERVICE,
    ActionEntry,
    UnknownAction,
    action_entries,
    unknown_action,
)
from explorer.iam.actions import data_version

PRINCIPAL_TABLES = {"iam_roles": "role", "iam_users": "user", "iam_groups": "group"}
AWS_MANAGED = ":iam::aws:policy/"
SHOWN, WIDTH = 10, 100
"""Entries listed per finding, and characters shown of each (the text is the account's)."""


def unknown_actions(ctx: Context) -> Iterator[Finding]:
    """One finding per policy with at least one unknown action."""
    for resource, what, document in _policies(ctx):
        found = _unknown(document)
        if found:
            yield _finding(ctx, resource, what, found)


def _policies(ctx: Context) -> Iterator[tuple[str, str, object]]:
    """(node the policy belongs to, what it is, its document) for every policy judged."""
    for table, noun in PRINCIPAL_TABLES.items():
        for row in ctx.estate.rows(table):
            for entry in row.get("inline_policies") or []:
                if isinstance(entry, dict):
                    name = entry.get("name")
                    what = f"Inline policy {name} of {noun} {ctx.label(row['arn'])}"
                    yield row["arn"], what, entry.get("document")
    for row in ctx.estate.rows("iam_policies"):
        if not _aws_managed(row):
            yield row["arn"], f"Managed policy {row.get('name') or row['arn']}", row.get("document")
    for source in sources(ctx):
        if source.policy:
            what = f"{source.what.capitalize()} of {ctx.label(source.node)}"
            yield source.node, what, source.policy


def _aws_managed(row: Row) -> bool:
    return row.get("aws_managed") is True or AWS_MANAGED in str(row.get("arn"))


def _unknown(document: object) -> list[tuple[ActionEntry, UnknownAction]]:
    found = []
    for entry in action_entries(document):
        verdict = unknown_action(entry.action)
        if verdict is not None:
            found.append((entry, verdict))
    return found


def fails_open(entry: ActionEntry) -> bool:
    """An unknown entry where a restriction was meant: a Deny's Action, an Allow's NotAction."""
    return (entry.effect.lower() == "deny") != entry.not_action


def _finding(
    ctx: Context, resource: str, what: str, found: list[tuple[ActionEntry, UnknownAction]]
) -> Finding:
    unique = list(dict.fromkeys(found))
    lines = [_describe(entry, verdict) for entry, verdict in unique[:SHOWN]]
    if len(unique) > SHOWN:
        lines.append(f"And {len(unique) - SHOWN} more.")
    actions = sorted({_shown(verdict.action) for _, verdict in unique})
    return make(
        rules.UNKNOWN_ACTION,
        MEDIUM if any(fails_open(entry) for entry, _ in unique) else LOW,
        resource,
        f"{what} names action(s) unknown to AWS: {', '.join(actions[:SHOWN])}",
        f"{' '.join(lines)} Judged against the IAM action data ({data_version()}): an action "
        "AWS added since then would read as unknown here.",
    )


def _describe(entry: ActionEntry, verdict: UnknownAction) -> str:
    """One sentence (or two) on one unknown entry."""
    element = "NotAction" if entry.not_action else "Action"
    service = verdict.action.partition(":")[0].lower()
    why = {
        UNKNOWN_SERVICE: f"no service has the prefix {_shown(service)}",
        NO_MATCH: "the pattern matches no action",
    }.get(verdict.reason, f"{_shown(service)} has no such action")
    text = f"{_shown(verdict.action)} ({element} of statement {entry.statement}): {why}"
    text += f"; did you mean {verdict.suggestion}?" if verdict.suggestion else "."
    if fails_open(entry):
        text += (
            " This Allow therefore allows what it meant to leave out."
            if entry.not_action
            else " This Deny does not deny it."
        )
    return text


def _shown(text: str) -> str:
    return text if len(text) <= WIDTH else f"{text[: WIDTH - 1]}…"
