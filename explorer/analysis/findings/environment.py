"""A3 rules on environment variables: secret-like values per function, and values shared.

A value is secret-like when the crawler's detectors (detect-secrets plugins, run on the value
before it was redacted) flagged it, or when the variable's name says it holds a secret (see
`secret_name`). Only redaction records are read: no snapshot holds the values themselves.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.model import HIGH, MEDIUM, Finding, make

SECRET_WORDS = frozenset(
    {"PASSWORD", "PASSWD", "PWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
     "APIKEY", "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATEKEY"}
)  # fmt: skip
"""A name token that on its own says the value is a secret."""
SECRET_PAIRS = frozenset(
    {("API", "KEY"), ("PRIVATE", "KEY"), ("SECRET", "KEY"), ("ACCESS", "KEY"),
     ("SIGNING", "KEY"), ("ENCRYPTION", "KEY"), ("MASTER", "KEY"), ("SESSION", "KEY"),
     ("CLIENT", "KEY"), ("CONNECTION", "STRING")}
)  # fmt: skip
"""Two consecutive tokens that together name a secret (`KEY` alone is too common)."""
REFERENCE_ENDINGS = frozenset(
    {"ARN", "NAME", "ID", "IDS", "URL", "URI", "ENDPOINT", "HOST", "PATH", "FILE", "PARAM",
     "PARAMETER", "REF", "HEADER", "TTL", "EXPIRY", "EXPIRES", "TIMEOUT", "LENGTH", "TYPE",
     "REGION", "FIELD", "VERSION", "ENABLED", "DISABLED", "ENABLE", "ROTATION", "PREFIX"}
)  # fmt: skip
"""A last token saying the variable names *where* a secret lives or how it behaves
(`DB_SECRET_ARN`, `TOKEN_TTL`), not the secret itself."""
GENERIC_DETECTORS = frozenset(
    {"Secret Keyword", "Base64 High Entropy String", "Hex High Entropy String"}
)
"""Detectors that match on shape or keyword; any other names a concrete credential type."""

_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def name_tokens(name: str) -> list[str]:
    """`dbPassword` / `DB_PASSWORD` / `db-password` -> ["DB", "PASSWORD"]."""
    return [token.upper() for token in _TOKEN.findall(name)]


def secret_name(name: str) -> bool:
    """Whether a variable's name says it holds a secret (not a reference to one)."""
    tokens = name_tokens(name)
    if not tokens or tokens[-1] in REFERENCE_ENDINGS:
        return False
    if any(token in SECRET_WORDS for token in tokens):
        return True
    return any(pair in SECRET_PAIRS for pair in itertools.pairwise(tokens))


def why_secret(name: str, record: object) -> list[str]:
    """The reasons a value is secret-like: its detectors, and/or its name (empty: it is not)."""
    if not isinstance(record, dict) or not record.get("length"):
        return []
    reasons = [str(d) for d in record.get("detectors") or []]
    if secret_name(name):
        reasons.append("variable name")
    return reasons


def secret_values(row: Row) -> dict[str, list[str]]:
    """variable name -> reasons, for the function's secret-like variables."""
    found = {}
    for name, record in (row.get("environment") or {}).items():
        reasons = why_secret(str(name), record)
        if reasons:
            found[str(name)] = reasons
    return found


def secret_env(ctx: Context) -> Iterator[Finding]:
    """One finding per function holding secret-like environment values."""
    for arn, row in sorted(ctx.functions.items()):
        found = secret_values(row)
        if not found:
            continue
        specific = any(r not in GENERIC_DETECTORS | {"variable name"} for v in found.values()
                       for r in v)  # fmt: skip
        listed = "; ".join(f"{name} ({', '.join(why)})" for name, why in sorted(found.items()))
        yield make(
            rules.SECRET_ENV,
            HIGH if specific else MEDIUM,
            arn,
            f"{ctx.label(arn)} keeps {len(found)} secret-like value(s) in its environment",
            f"Variables: {listed}. Values were redacted at crawl time; the snapshot holds only "
            "their length and a keyed fingerprint.",
        )


def shared_secrets(ctx: Context) -> Iterator[Finding]:
    """One finding per fingerprint of a secret-like value held by two or more functions."""
    secret_prints = {
        record["fingerprint"]
        for row in ctx.functions.values()
        for name, record in (row.get("environment") or {}).items()
        if why_secret(str(name), record) and record.get("fingerprint")
    }
    holders: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for arn, row in ctx.functions.items():
        for name, record in (row.get("environment") or {}).items():
            if isinstance(record, dict) and record.get("fingerprint") in secret_prints:
                holders[record["fingerprint"]][arn].append(str(name))
    for fingerprint, by_function in sorted(holders.items()):
        if len(by_function) > 1:
            yield _shared(ctx, fingerprint, by_function)


def _shared(ctx: Context, fingerprint: str, by_function: dict[str, list[str]]) -> Finding:
    functions = sorted(by_function)
    names = ", ".join(ctx.label(f) for f in functions)
    where = "; ".join(f"{ctx.label(f)}: {', '.join(sorted(by_function[f]))}" for f in functions)
    return make(
        rules.SHARED_SECRET,
        HIGH,
        functions[0],
        f"Same secret value in {len(functions)} functions: {names}",
        f"Fingerprint {fingerprint} appears in {where}.",
        path=functions,
    )
