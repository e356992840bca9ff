"""Secret-free snapshots: literal configuration values become records with a keyed fingerprint.

The fingerprint is an HMAC whose key lives in the user's config folder, never in a snapshot, so a
snapshot alone allows no guessing of values, while one secret reused in several places (an
environment variable, a header, a state machine literal) still shows as one fingerprint.

`Literals` redacts every literal string of one row's configuration (the references of
`explorer.crawl.references` aside) and lists the records it made, with the field each stands in
for: the row's `redacted_values` column, which the analysis reads to find shared secrets.
Numbers, booleans and null are kept: they carry structure (counts, flags), not credentials.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import platformdirs

from explorer.crawl.references import is_reference, references_in
from explorer.crawl.secret_verdict import verdict

APP_NAME = "serverless-chain-explorer"
KEY_FILE = "fingerprint.key"
AUTH_SCHEME = re.compile(r"(?:Bearer|Basic|Token|Bot|Digest|ApiKey|Api-Key)\s+(\S+)", re.IGNORECASE)
"""An HTTP credential with its scheme: the token alone is fingerprinted too, so that
`Authorization: Bearer x` and an environment variable holding `x` show as one secret."""

REDACTED = "{redacted}"
"""What stands in for a redacted part of a URL (the part's record is in the row's list)."""
Location = tuple[str | int, ...]
"""Where a value sits inside a configuration document: keys and list indexes."""
Keep = Callable[[Location, str], bool]
"""Whether the string at a path is kept as written (a reference), not redacted."""


def config_dir() -> Path:
    """The user config folder (override with EXPLORER_CONFIG_DIR, e.g. in tests)."""
    override = os.environ.get("EXPLORER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def load_key(folder: Path | None = None) -> bytes:
    """The fingerprint key, created once (0600 in a 0700 folder) on first use."""
    folder = folder or config_dir()
    path = folder / KEY_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


class Redactor:
    """Replaces secret values with `{redacted, length, detectors, fingerprint, verdict}`
    records (and the secret store a reference names: `explorer.crawl.secret_verdict`)."""

    def __init__(self, key: bytes, keep_values: bool = False) -> None:
        self._key = key
        self.keep_values = keep_values
        self._lock = threading.Lock()
        # Imported here: crawl modules import this module for `Literals`, and reading a
        # snapshot imports the crawl modules' table declarations; only a crawl needs detectors.
        from detect_secrets.core.scan import get_plugins
        from detect_secrets.settings import default_settings

        with default_settings():
            self._plugins = list(get_plugins())

    def fingerprint(self, value: str) -> str:
        """A keyed, stable, non-reversible id for a value."""
        digest = hmac.new(self._key, value.encode("utf-8", "surrogatepass"), hashlib.sha256)
        return digest.hexdigest()[:24]

    def detectors(self, name: str, value: str) -> list[str]:
        """Names of the detect-secrets plugins that flag `name: "value"` as a secret."""
        line = f"{name}: {_quoted(value)}"
        found: set[str] = set()
        with self._lock:  # plugins keep the settings they were built with; entering them is slow
            for plugin in self._plugins:
                found.update(s.type for s in plugin.analyze_line(filename="env.yaml", line=line))
        return sorted(found)

    def redact_value(self, name: str, value: Any, references: Iterable[str] = ()) -> Any:
        """The record that stands in for `value` (with the value too when keeping values).

        `references` are those a template or mixed value makes (`$input.params('id')`): they
        name data, so the record keeps them.
        """
        text = value if isinstance(value, str) else str(value)
        detectors = self.detectors(name, text)
        decided, store = verdict(name, text, detectors)
        record: dict[str, Any] = {
            "redacted": not self.keep_values,
            "length": len(text),
            "detectors": detectors,
            "fingerprint": self.fingerprint(text),
            "verdict": decided,
        }
        if store is not None:
            record["secret_store"] = store
        token = AUTH_SCHEME.fullmatch(text.strip())
        if token:
            record["token_fingerprint"] = self.fingerprint(token.group(1))
        if references:
            record["references"] = list(references)
        if self.keep_values:
            record["value"] = text
        return record

    def redact_mapping(self, variables: dict[str, Any] | None) -> dict[str, Any]:
        """A copy of an environment map with every value replaced by its record."""
        return {str(k): self.redact_value(str(k), v) for k, v in (variables or {}).items()}


def keep_references(path: Location, text: str) -> bool:
    """The default `Keep`: references (ARNs, JSONPath, mapping expressions) as a whole."""
    return is_reference(text)


class Literals:
    """Redacts the literal values of one row and remembers each record with its field."""

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self.records: list[dict[str, Any]] = []

    def value(self, path: Location, value: Any, references: Iterable[str] = ()) -> dict[str, Any]:
        """One value (a template, a constant input) as one record."""
        name = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
        record = self.redactor.redact_value(name, value, references)
        self.records.append({"field": field_name(path), "name": name, **record})
        return record

    def mapping(self, path: Location, variables: dict[str, Any] | None) -> dict[str, Any]:
        """A name -> value map (environment, stage variables) with every value redacted."""
        return {str(k): self.value((*path, str(k)), v) for k, v in (variables or {}).items()}

    def url(self, path: Location, url: Any) -> Any:
        """An HTTP(S) URL with its password and query values redacted (references kept): the
        records go to the list, and the URL keeps `{redacted}` in their place (or the values,
        when keeping values). Its host and path are kept: they say where a request goes."""
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            return url
        try:
            parts = urlsplit(url)
            password = parts.password
        except ValueError:  # not a URL after all: one value, redacted whole
            self.value(path, url)
            return url if self.redactor.keep_values else REDACTED
        netloc = parts.netloc
        if password is not None:
            self.value((*path, "@password"), unquote(password))
            netloc = f"{parts.username}:{REDACTED}@{netloc.rsplit('@', 1)[1]}"
        query = "&".join(self._query_pair(path, pair) for pair in parts.query.split("&") if pair)
        if self.redactor.keep_values:
            return url
        return urlunsplit(parts._replace(netloc=netloc, query=query))

    def _query_pair(self, path: Location, pair: str) -> str:
        name, equals, value = pair.partition("=")
        if not equals or is_reference(unquote(value)):
            return pair
        self.value((*path, f"?{unquote(name)}"), unquote(value))
        return f"{name}={REDACTED}"

    def tree(
        self,
        path: Location,
        value: Any,
        keep: Keep = keep_references,
        literal: Callable[[str], str] = str,
    ) -> Any:
        """A copy of a JSON-like document with every string `keep` refuses redacted.

        Keys, lists, numbers, booleans and null are kept (the structure); a redacted string's
        record keeps the references it makes (`Bearer $request.header.t`); `literal` gives the
        value a string stands for (a REST static `'x'` is sent as `x`). Iterative, so no
        nesting depth makes it raise.
        """
        holder: list[Any] = [None]
        pending: list[tuple[Any, Any, Location, Any]] = [(holder, 0, path, value)]
        while pending:
            parent, slot, where, item = pending.pop()
            if isinstance(item, dict):
                parent[slot] = copy = dict.fromkeys(item)
                pending += reversed([(copy, k, (*where, str(k)), v) for k, v in item.items()])
            elif isinstance(item, list):
                parent[slot] = copy = [None] * len(item)
                pending += reversed([(copy, i, (*where, i), v) for i, v in enumerate(item)])
            elif isinstance(item, str) and not keep(where, item):
                parent[slot] = self.value(where, literal(item), references_in(item))
            else:
                parent[slot] = item
        return holder[0]


def field_name(path: Location) -> str:
    """`HttpParameters.HeaderParameters.Authorization`; odd keys quoted, indexes in brackets."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif re.fullmatch(r"[A-Za-z0-9_$:-]+", step):
            parts.append(f".{step}" if parts else step)
        else:
            parts.append(f"[{json.dumps(step)}]")
    return "".join(parts)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
