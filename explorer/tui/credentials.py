"""An IAM user's credentials as its row records them: console password, MFA, access keys.

The columns come from the credential report and `ListAccessKeys`; a snapshot crawled before
they existed (or a call that failed) leaves them absent or null, which is "not recorded" and
must never read as "none". Pure: the list and the detail both read users through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.tui.shapes import mapping, mappings, text

NOT_RECORDED = "not recorded"
"""Said wherever the snapshot does not know (an old snapshot, a failed read)."""


@dataclass(frozen=True)
class AccessKey:
    """One access key: id, status, creation and last use (None: not recorded or never)."""

    id: str
    status: str
    created: str | None
    last_used: str | None
    service: str | None
    region: str | None
    use_known: bool
    """Whether the last use is known (a key with no date and a known use was never used)."""

    @property
    def active(self) -> bool:
        return self.status == "Active"

    def last_use(self) -> str:
        """The last use as shown: the date, "never", or "not recorded"."""
        if self.last_used:
            return self.last_used
        return "never" if self.use_known else NOT_RECORDED


@dataclass(frozen=True)
class Credentials:
    """A user's credentials; each None when the snapshot does not record it."""

    password: bool | None
    password_last_used: str | None
    mfa: bool | None
    keys: tuple[AccessKey, ...] | None

    @property
    def active_keys(self) -> int | None:
        return None if self.keys is None else sum(key.active for key in self.keys)

    def key_last_use(self) -> str:
        """The latest use of any key (a date), "never", "-" (no key) or "not recorded"."""
        if self.keys is None:
            return NOT_RECORDED
        dates = [key.last_used for key in self.keys if key.last_used]
        if dates:
            return max(dates)
        if not self.keys:
            return "-"
        return "never" if all(key.use_known for key in self.keys) else NOT_RECORDED


def credentials(row: Any) -> Credentials:
    """The credentials a user's row records (its columns may be absent, null or misshapen)."""
    row = mapping(row)
    keys = row.get("access_keys")
    return Credentials(
        password=_flag(row.get("password_enabled")),
        password_last_used=text(row.get("password_last_used")),
        mfa=_flag(row.get("mfa_active")),
        keys=tuple(map(_key, mappings(keys))) if isinstance(keys, list) else None,
    )


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _key(entry: dict[str, Any]) -> AccessKey:
    return AccessKey(
        id=str(entry.get("id") or "?"),
        status=str(entry.get("status") or "?"),
        created=text(entry.get("created")),
        last_used=text(entry.get("last_used")),
        service=text(entry.get("last_used_service")),
        region=text(entry.get("last_used_region")),
        use_known=entry.get("last_used_known") is True,
    )


def yes_no(value: bool | None) -> str:
    """ "yes", "no", or "not recorded"."""
    return NOT_RECORDED if value is None else ("yes" if value else "no")
