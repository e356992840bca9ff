"""Is a configuration value a secret? Decided at crawl time, while the value is in memory.

A value is a **secret** when a detector that recognises a concrete credential type flagged it
(an AWS key, a private key, a Slack or Stripe token...), or when a shape or keyword detector
flagged it and nothing says it is something else. It is not a secret when it is:

- a **reference** to a secret store: a Secrets Manager secret or an SSM parameter, by ARN, by
  `{{resolve:...}}` dynamic reference or by the `/aws/reference/secretsmanager/` parameter path.
  Keeping the secret there is good practice; the reference (which names the secret, never holds
  it) is kept beside the redacted record so the app can say where the secret is read from;
- an **identifier**: any other ARN, a URL that carries no credentials (one that does is a
  secret), or a value whose variable
  name says it names something (`USER_POOL_CLIENT_ID`, `SECRET_NAME`, `*_SECRET_ARN`, `*_URL`)
  and that no concrete-credential detector flagged;
- otherwise a plain **value** (configuration no detector flagged).

The variable's name alone never makes a secret: a name that says "secret" (`API_TOKEN`,
`DB_PASSWORD`) counts only with a value shaped like a generated credential; a name that says
"identifier" (`*_ID`, `*_NAME`, `*_ARN`, `*_URL`) outweighs a shape-only detector.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

SECRET = "secret"
REFERENCE = "reference"
IDENTIFIER = "identifier"
VALUE = "value"
VERDICTS = (SECRET, REFERENCE, IDENTIFIER, VALUE)

GENERIC_DETECTORS = frozenset(
    {"Secret Keyword", "Base64 High Entropy String", "Hex High Entropy String"}
)
"""Detectors that match on shape or keyword; any other names a concrete credential type."""
REFERENCE_ENDINGS = frozenset(
    {"ARN", "NAME", "ID", "IDS", "URL", "URI", "ENDPOINT", "HOST", "PATH", "FILE", "PARAM",
     "PARAMETER", "REF", "HEADER", "TTL", "EXPIRY", "EXPIRES", "TIMEOUT", "LENGTH", "TYPE",
     "REGION", "FIELD", "VERSION", "ENABLED", "DISABLED", "ENABLE", "ROTATION", "PREFIX"}
)  # fmt: skip
"""A last name token saying the variable names *where* something lives or how it behaves
(`DB_SECRET_ARN`, `TOKEN_TTL`, `USER_POOL_CLIENT_ID`), not a secret itself."""

SECRET_WORDS = frozenset(
    {"PASSWORD", "PASSWD", "PWD", "PASS", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS",
     "APIKEY", "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATEKEY", "AUTHORIZATION"}
)  # fmt: skip
"""A name token that on its own says the value is a secret."""
SECRET_PAIRS = frozenset(
    {("API", "KEY"), ("PRIVATE", "KEY"), ("SECRET", "KEY"), ("ACCESS", "KEY"),
     ("SIGNING", "KEY"), ("ENCRYPTION", "KEY"), ("MASTER", "KEY"), ("SESSION", "KEY"),
     ("CLIENT", "KEY"), ("CONNECTION", "STRING")}
)  # fmt: skip
"""Two consecutive tokens that together name a secret (`KEY` alone is too common)."""
RANDOM_FROM = 12
"""A value this long or longer, of varied characters, can be a generated credential."""

_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_ARN = re.compile(r"arn:[a-z0-9-]+:([a-z0-9-]+):[a-z0-9-]*:(\d{12})?:(\S+)")
_RESOLVE = re.compile(r"\{\{resolve:(secretsmanager|ssm|ssm-secure):([^}]+)\}\}")
SECRET_PARAMETER_PATH = "/aws/reference/secretsmanager/"
_CREDENTIAL_QUERY = re.compile(
    r"(?:^|[_-])(?:token|key|secret|password|passwd|pwd|sig|signature|auth|credential)s?$",
    re.IGNORECASE,
)


def name_tokens(name: str) -> list[str]:
    """`dbPassword` / `DB_PASSWORD` / `db-password` -> ["DB", "PASSWORD"]."""
    return [token.upper() for token in _TOKEN.findall(name)]


@functools.lru_cache(maxsize=4096)
def secret_name(name: str) -> bool:
    """Whether a variable's name says it holds a secret (not a reference to one); cached, as
    the same few names recur across thousands of functions."""
    tokens = name_tokens(name)
    if not tokens or tokens[-1] in REFERENCE_ENDINGS:
        return False
    if any(token in SECRET_WORDS for token in tokens):
        return True
    return any(pair in SECRET_PAIRS for pair in itertools.pairwise(tokens))


def random_looking(text: str) -> bool:
    """Long enough, with no spaces, and varied enough (Shannon entropy of at least 3 bits a
    character) to be a generated credential rather than a word or a setting."""
    value = text.strip()
    if len(value) < RANDOM_FROM or any(c.isspace() for c in value):
        return False
    counts = Counter(value)
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return entropy >= 3.0


def names_something(name: str) -> bool:
    """Whether the variable's name says its value names something (an id, a name, an ARN...)."""
    tokens = name_tokens(name)
    return bool(tokens) and tokens[-1] in REFERENCE_ENDINGS


def secret_store(text: str) -> dict[str, str] | None:
    """`{"store": "secretsmanager" | "ssm", "name": ...}` when the value refers to a secret
    store, else None."""
    value = text.strip()
    found = _ARN.fullmatch(value)
    if found and found.group(1) == "secretsmanager" and found.group(3).startswith("secret:"):
        return {"store": "secretsmanager", "name": value}
    if found and found.group(1) == "ssm" and found.group(3).startswith("parameter/"):
        return {"store": "ssm", "name": value}
    resolved = _RESOLVE.fullmatch(value)
    if resolved:
        store = "secretsmanager" if resolved.group(1) == "secretsmanager" else "ssm"
        return {"store": store, "name": resolved.group(2).split(":", 1)[0]}
    if value.startswith(SECRET_PARAMETER_PATH) and len(value) > len(SECRET_PARAMETER_PATH):
        return {"store": "secretsmanager", "name": value.removeprefix(SECRET_PARAMETER_PATH)}
    return None


def verdict(name: str, text: str, detectors: list[str]) -> tuple[str, dict[str, str] | None]:
    """(verdict, secret-store reference or None) for the value `text` held under `name`,
    which the detectors named in `detectors` flagged (see the module's docstring)."""
    if set(detectors) - GENERIC_DETECTORS:
        return SECRET, None
    reference = secret_store(text)
    if reference is not None:
        return REFERENCE, reference
    if _ARN.fullmatch(text.strip()):
        return IDENTIFIER, None
    url = _url_credentials(text)
    if url is not None:
        return (SECRET, None) if url else (IDENTIFIER, None)
    if names_something(name):
        return IDENTIFIER, None
    if detectors or (secret_name(name) and random_looking(text)):  # name and shape together
        return SECRET, None
    return VALUE, None


def _url_credentials(text: str) -> bool | None:
    """For a URL with a host: whether it carries credentials (a user and password, or a
    token-like query parameter); None when the value is no such URL."""
    value = text.strip()
    if "://" not in value or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if not parts.scheme or not host:
        return None
    if parts.password or parts.username:
        return True
    return any(_CREDENTIAL_QUERY.search(key) for key, _ in parse_qsl(parts.query))
