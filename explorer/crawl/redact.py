"""Secret-free snapshots: environment values become redaction records with a keyed fingerprint.

The fingerprint is an HMAC whose key lives in the user's config folder, never in a snapshot, so a
snapshot alone allows no guessing of values, while one secret reused by several functions still
shows as one fingerprint.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path
from typing import Any

import platformdirs
from detect_secrets.core.scan import get_plugins
from detect_secrets.settings import default_settings

APP_NAME = "serverless-chain-explorer"
KEY_FILE = "fingerprint.key"


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
    """Replaces secret values with `{redacted, length, detectors, fingerprint}` records."""

    def __init__(self, key: bytes, keep_values: bool = False) -> None:
        self._key = key
        self.keep_values = keep_values
        self._lock = threading.Lock()
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

    def redact_value(self, name: str, value: Any) -> Any:
        """The record that stands in for `value` (or the value itself when keeping values)."""
        text = value if isinstance(value, str) else str(value)
        record: dict[str, Any] = {
            "redacted": not self.keep_values,
            "length": len(text),
            "detectors": self.detectors(name, text),
            "fingerprint": self.fingerprint(text),
        }
        if self.keep_values:
            record["value"] = text
        return record

    def redact_mapping(self, variables: dict[str, Any] | None) -> dict[str, Any]:
        """A copy of an environment map with every value replaced by its record."""
        return {str(k): self.redact_value(str(k), v) for k, v in (variables or {}).items()}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
