"""The detail of a function: triggers, untrusted inputs, outputs, permissions, exposure,
findings, configuration, tags and every relation."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from explorer.analysis import kinds
from explorer.analysis.cognito import SELF_SIGN_UP
from explorer.analysis.entry_auth import entry_auth
from explorer.tui import text
from explorer.tui.details.common import (
    Line,
    Lines,
    edges_in,
    edges_out,
    evidence,
    findings_section,
    header,
    heading,
    link,
    narrowed,
    none_line,
    path_lines,
    plain,
    relations,
    tags_section,
    unknown_exposure,
    value,
)
from explorer.tui.details.permissions import permission_lines
from explorer.tui.details.who_can import who_can_section
from explorer.tui.shapes import mapping, sequence, shown, strings
from explorer.tui.view_model import Model


def function_detail(model: Model, node: str) -> Lines:
    """Every section of a function's detail, most asked-for first."""
    return [
        *header(model, node),
        *triggers(model, node),
        *inputs(model, node),
        *outputs(model, node),
        *exposure(model, node),
        *permissions(model, node),
        *findings_section(model, node),
        *configuration(model, node),
        *tags_section(model, node),
        *relations(model, node),
    ]


def triggers(model: Model, node: str) -> Lines:
    found = edges_in(model, node, kinds.TRIGGERS)
    lines = [heading("Triggers", f"{len(found)}")]
    for source, data in found:
        lines.append(link(model, source, suffix=evidence(data)))
        lines += _entry_exposure(model, source)
    return lines + ([none_line("nothing triggers it (invoked directly, if at all)")]
                    if not found else [])  # fmt: skip


def _entry_exposure(model: Model, entry: str) -> Lines:
    """How a trigger's source is exposed: its auth (and whether anyone may sign up to get
    past it) and who may send to it."""
    auth, lines = entry_auth(model.row(entry)), []
    if auth.recorded:
        key = " + API key" if auth.api_key else ""
        lines.append(plain(text.join([("auth: ", text.DIM), text.literal(f"{auth.type}{key}"),
                                      *_sign_up(model, entry)]), 3))  # fmt: skip
    for origin, data in edges_in(model, entry, kinds.EXPOSES):
        lines.append(link(model, origin, ("exposed to ", text.DIM), 3,
                          text.join(["  ", text.trust_badge(data.get("trust")),
                                     narrowed(data.get("only"))])))  # fmt: skip
    return lines + unknown_exposure(model, entry, 3)


def _sign_up(model: Model, entry: str) -> list[Content | str | tuple[str, str]]:
    """`  self sign-up: anyone may sign up to <pool>` for a route whose Cognito pool lets
    anyone in (or that whether it does is unknown)."""
    for _, data in edges_in(model, entry, kinds.EXPOSES):
        said = data.get("evidence") or {}
        if said.get("reason") == SELF_SIGN_UP and isinstance(said.get("user_pool"), str):
            return [("  self sign-up: ", "bold #ff5f5f"), ("anyone may sign up to ", text.DIM),
                    text.literal(model.name(said["user_pool"]))]  # fmt: skip
        if said.get("sign_up_unknown"):
            return [("  whether anyone may sign up to its user pool is unknown", "#ffd75f")]
    return []


def inputs(model: Model, node: str) -> Lines:
    found = model.analysis.inputs.get(node, [])
    lines = [heading("Untrusted inputs", f"{len(found)}")]
    for item in found:
        title = text.join(["  ", text.trust_badge(item.trust), narrowed(item.only),
                           (" from ", text.DIM), text.literal(model.name(item.origin)),
                           (" via ", text.DIM), text.literal(model.name(item.entry))])  # fmt: skip
        lines.append(Line(title, target=item.entry, copy=item.entry))
        lines += path_lines(model, item.path, item.edges, 3)
    return lines + ([none_line("no untrusted origin reaches it")] if not found else [])


def outputs(model: Model, node: str) -> Lines:
    """Where its data goes: its own edges, then what its execution role may write or invoke."""
    lines = [heading("Outputs", "writes, invokes, destinations")]
    own = [(v, d) for kind in (kinds.TRIGGERS, kinds.WRITES, kinds.INVOKES)
           for v, d in edges_out(model, node, kind)]  # fmt: skip
    for target, data in own:
        lines.append(
            link(model, target, (f"{data.get('kind')} → ", text.DIM), suffix=evidence(data))
        )
    for role, _ in edges_out(model, node, kinds.ASSUMES):
        for kind in (kinds.WRITES, kinds.INVOKES):
            for target, data in edges_out(model, role, kind):
                note = text.join([evidence(data), ("  via ", text.DIM),
                                  text.literal(model.name(role), text.DIM)])  # fmt: skip
                lines.append(link(model, target, (f"{kind} → ", text.DIM), suffix=note))
    return lines + ([none_line("it writes and invokes nothing")] if len(lines) == 1 else [])


def exposure(model: Model, node: str) -> Lines:
    """Who outside the account may invoke it (its URL included); principals inside the
    account that may invoke or change it follow in their own section."""
    lines = [heading("Exposure", "who outside the account may invoke it")]
    for target in (node, f"{node}#url"):
        for origin, data in edges_in(model, target, kinds.EXPOSES) if target in model.g else []:
            lines.append(link(model, origin, suffix=text.join(
                ["  ", text.trust_badge(data.get("trust")), narrowed(data.get("only")),
                 evidence(data)])))  # fmt: skip
    lines += unknown_exposure(model, node)
    lines += [none_line("nobody outside the account")] if len(lines) == 1 else []
    return lines + who_can_section(model, node)


def permissions(model: Model, node: str) -> Lines:
    roles = [role for role, _ in edges_out(model, node, kinds.ASSUMES)]
    if not roles:
        return [heading("Effective permissions"), none_line("no execution role")]
    lines = [heading("Execution role")] + [link(model, role) for role in roles]
    for role in roles:
        lines += permission_lines(model, role)
    return lines


def configuration(model: Model, node: str) -> Lines:
    row = model.row(node)
    lines = [heading("Configuration")]
    for key in ("description", "runtime", "handler", "package_type", "architectures", "timeout",
                "memory", "tracing_mode", "vpc_id", "kms_key_arn", "last_modified"):  # fmt: skip
        if row.get(key) not in (None, "", []):
            lines.append(value(key, row[key]))
    lines += _layers(model, row) + _destinations(model, node, row) + _log_group(model, row)
    return lines + environment(model, row)


def _layers(model: Model, row: dict[str, Any]) -> Lines:
    layers = sequence(row.get("layers"))
    lines = [value("layers", f"{len(layers)}")] if layers else []
    return lines + [plain(text.literal(shown(arn)), 2) for arn in layers]


def _destinations(model: Model, node: str, row: dict[str, Any]) -> Lines:
    lines = []
    if row.get("dead_letter_target"):
        lines.append(_maybe_link(model, str(row["dead_letter_target"]), "dead-letter queue"))
    for config in model.invoke_configs.get(node, []):
        for key in ("on_success_arn", "on_failure_arn"):
            if config.get(key):
                lines.append(_maybe_link(model, str(config[key]), key.removesuffix("_arn")))
    if not lines:
        lines.append(plain(Content.styled("no dead-letter queue or on-failure destination",
                                          "#ffd75f")))  # fmt: skip
    return lines


def _maybe_link(model: Model, arn: str, label: str) -> Line:
    if arn in model.g:
        return link(model, arn, (f"{label}: ", text.DIM))
    return value(label, arn)


def _log_group(model: Model, row: dict[str, Any]) -> Lines:
    arns = [v for v, d in edges_out(model, row.get("arn", ""), kinds.WRITES)
            if model.kind(v) == kinds.LOG_GROUP]  # fmt: skip
    return [link(model, arn, ("log group: ", text.DIM)) for arn in arns]


def environment(model: Model, row: dict[str, Any]) -> Lines:
    """Variable names only, each with its redaction marker; values are not in the snapshot."""
    env = mapping(row.get("environment"))
    keys = sorted({*map(shown, sequence(row.get("env_keys"))), *map(str, env)})
    lines = [heading("Environment", f"{len(keys)} variables · names only, values never shown")]
    for key in keys:
        lines.append(_env_line(model, key, env.get(key)))
    return lines


def _env_line(model: Model, key: str, record: Any) -> Line:
    parts: list[Content | str | tuple[str, str]] = ["  ", text.literal(key, "bold"), "  "]
    if isinstance(record, dict) and record.get("redacted"):
        parts.append(text.literal(f"[redacted, {record.get('length', '?')} chars]", text.DIM))
        parts += _verdict(record)
        fingerprint = record.get("fingerprint")
        shared = model.fingerprints.get(fingerprint, 0) if isinstance(fingerprint, str) else 0
        if shared > 1:
            parts += [" ", Content.styled(f"same value in {shared} functions", "#ffd75f")]
    elif record is not None:
        kept = "value kept in the snapshot (--unsafe-keep-secret-values), not shown"
        parts.append(Content.styled(kept, "bold #ff5f5f"))
    return Line(text.join(parts), copy=key, note=SECRET_NOTE)


SECRET_NOTE = "the variable's name only: values are never copied (the snapshot holds none)"
STORES = {"secretsmanager": "Secrets Manager", "ssm": "SSM Parameter Store"}


def _verdict(record: dict) -> list[Content | str]:
    """What the crawl decided the value is: a secret (and what it looks like), a reference to a
    secret store (good practice: where the secret is read from), or an identifier. A snapshot
    from before verdicts shows what the detectors said."""
    decided, detectors = record.get("verdict"), strings(record.get("detectors"))
    store = record.get("secret_store")
    if decided == "reference" and isinstance(store, dict):
        where = STORES.get(str(store.get("store")), "a secret store")
        return [" ", Content.styled("reads its secret from ", "#5fd787"),
                text.literal(f"{where}: {store.get('name')}", "#5fd787")]  # fmt: skip
    if decided == "identifier":
        return [" ", Content.styled("an identifier, not a secret", text.DIM)]
    if detectors and decided in (None, "secret"):
        return [" ", Content.styled(f"looks like: {', '.join(detectors)}", "bold #ff5f5f")]
    if decided == "secret":
        return [" ", Content.styled("looks like a secret (its name and shape)", "bold #ff5f5f")]
    return []
