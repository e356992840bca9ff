"""Writes one crawl into one SQLite file: temporary name while running, renamed when complete."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlite_utils

from explorer import __version__
from explorer.safetext import safe
from explorer.schema.records import CallError, Row
from explorer.store.folders import FolderError, prepare_folder, reason
from explorer.store.leftovers import partial_name
from explorer.store.schema import SCHEMA_VERSION, ensure_shape, json_columns, table_named


class SnapshotWriteError(Exception):
    """The snapshot cannot be written, or moved into place; the message is one sentence."""


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"bytes_length": len(value)}
    return str(value)


def to_json(value: Any) -> str | None:
    """JSON text for a structured value (datetimes as ISO 8601)."""
    return None if value is None else json.dumps(value, default=_json_default, sort_keys=True)


class SnapshotWriter:
    """A snapshot under construction; use as a context manager.

    Until `finish()` renames it, the file has a `.partial` name and `complete` is false, so an
    interrupted crawl never looks complete; leaving the block without `finish()` deletes it.
    Entering checks that the file can be written (SnapshotWriteError otherwise), so a crawl
    learns it before its first call; `warn` receives sentences about the folder's privacy.
    """

    def __init__(
        self, folder: Path, out: Path | None = None, warn: Callable[[str], None] = lambda _: None
    ) -> None:
        self.folder = out.parent if out else folder
        self.out = out
        self.path = self.folder / partial_name(os.getpid(), secrets.token_hex(4))
        self.warn = warn
        self._lock = threading.Lock()
        self._db: sqlite_utils.Database | None = None
        self._keep = False

    def __enter__(self) -> SnapshotWriter:
        self._prepare()
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=MEMORY")
            conn.execute("PRAGMA synchronous=OFF")
            self._db = sqlite_utils.Database(conn)
            ensure_shape(self._db)
            self._write_meta({"schema_version": SCHEMA_VERSION, "complete": False})
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _prepare(self) -> None:
        """Refuse an `out` that is a folder, ready the folder, and create the private file."""
        if self.out is not None and self.out.is_dir():
            raise SnapshotWriteError(
                f"cannot write the snapshot to {safe(self.out)}: it is a folder; "
                f"name a file in it, such as {safe(self.out / 'snapshot.sqlite')}."
            )
        try:
            warning = prepare_folder(self.folder)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FolderError as exc:
            raise SnapshotWriteError(str(exc)) from exc
        except OSError as exc:
            raise SnapshotWriteError(
                f"cannot write a snapshot in {safe(self.folder)} ({reason(exc)})."
            ) from exc
        if warning:
            self.warn(warning)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with self._lock:
            if self._db is not None:
                self._db.conn.close()
                self._db = None
        if not self._keep:
            self.path.unlink(missing_ok=True)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            raise RuntimeError("snapshot writer is closed")
        return self._db

    def add(self, table: str, rows: list[Row]) -> None:
        """Insert rows; structured columns become JSON text. Later rows replace same-key ones."""
        declared = table_named(table)
        encoded = [_encode(row, json_columns(declared)) for row in rows]
        with self._lock:
            self.db[table].insert_all(encoded, replace=True)

    def error(self, error: CallError) -> None:
        """Record a failed call."""
        with self._lock:
            self.db["errors"].insert(
                {
                    "service": error.service,
                    "region": error.region,
                    "operation": error.operation,
                    "resource": error.resource,
                    "code": error.code,
                    "message": error.message,
                }
            )

    def finish(self, meta: dict[str, Any], api_calls: list[Row]) -> Path:
        """Write meta and call counts, mark complete, and move the file to its final name."""
        self.add("api_calls", api_calls)
        self._write_meta({**meta, "tool_version": __version__, "complete": True})
        self.db.conn.commit()
        self.db.conn.close()
        self._db = None
        return self._move(self.out or self._final_name(meta), meta)

    def _move(self, final: Path, meta: dict[str, Any]) -> Path:
        """Rename into place; if that fails, beside the partial file; else keep it and say where.

        A finished crawl is never deleted because its last step failed.
        """
        try:
            os.replace(self.path, final)
            return final
        except OSError as exc:
            failure = f"could not move the snapshot to {safe(final)} ({reason(exc)})"
        fallback = self._final_name(meta)
        try:
            os.replace(self.path, fallback)
        except OSError:
            self._keep = True
            raise SnapshotWriteError(
                f"the crawl finished, but {failure}; its data is kept in {safe(self.path)}: "
                "rename that file to a name ending in .sqlite to use it."
            ) from None
        self.warn(f"{failure}; it is at {safe(fallback)} instead.")
        return fallback

    def _write_meta(self, meta: dict[str, Any]) -> None:
        rows = [{"key": k, "value": to_json(v)} for k, v in meta.items()]
        with self._lock:
            self.db["meta"].insert_all(rows, pk="key", replace=True)

    def _final_name(self, meta: dict[str, Any]) -> Path:
        stamp = str(meta.get("finished", "")).replace(":", "").replace("-", "").split("+")[0]
        base = f"{meta.get('account', 'unknown')}-{stamp or 'snapshot'}Z"
        candidate, n = self.folder / f"{base}.sqlite", 1
        while candidate.exists():
            n += 1
            candidate = self.folder / f"{base}-{n}.sqlite"
        return candidate


def _encode(row: Row, json_cols: set[str]) -> Row:
    return {k: (to_json(v) if k in json_cols else v) for k, v in row.items()}
