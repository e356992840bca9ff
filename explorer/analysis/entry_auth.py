"""How an entry point authenticates its callers, read from its row in one place: an API route
(`authorization_type`, `api_key_required`) or a function URL (`auth_type`). Exposure, the
findings and the app all ask here, so a new entry kind teaches them its auth once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NONE = "NONE"


@dataclass(frozen=True)
class EntryAuth:
    """An entry's auth type (upper case, `NONE` when it has none) and whether it wants an API
    key; `recorded` is False for a row that names no auth at all (not an entry point)."""

    type: str
    api_key: bool
    recorded: bool

    @property
    def open(self) -> bool:
        """No authentication and no API key: anyone may call it."""
        return self.type == NONE and not self.api_key

    @property
    def label(self) -> str:
        """`COGNITO_USER_POOLS`, `NONE+key`: how lists and details show it."""
        return f"{self.type}+key" if self.api_key else self.type


def entry_auth(row: dict[str, Any], url: bool | None = None) -> EntryAuth:
    """The auth of a route row, or of a function URL row (`url`; None: told by the row's
    columns). A row that names no auth: `recorded` False."""
    if url is None:
        url = "auth_type" in row
    written = row.get("auth_type") if url else row.get("authorization_type")
    api_key = False if url else bool(row.get("api_key_required"))
    return EntryAuth(str(written or NONE).upper(), api_key, written is not None)
