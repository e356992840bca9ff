"""Dated Lambda runtime deprecation data, from a maintained source, never a silent hand list.

Two sources, the newer one wins:
- the `LmbdRuntimeLifecycle.json` that AWS maintains inside cfn-lint (installed here with
  moto[server]); its date is when that cfn-lint release was installed, since the file carries
  none, and the file is located without importing cfn-lint;
- `data/lambda_runtimes.json`, shipped with this package, transcribed with an explicit `as_of`.
Either way the findings say which source and which date they used, and say how old it is.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

STALE_AFTER_DAYS = 180
CFN_LINT_FILE = ("data", "AdditionalSpecs", "LmbdRuntimeLifecycle.json")
DOCS_URL = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"


@dataclass(frozen=True)
class Lifecycle:
    """One runtime's dates: deprecated (no more patches), then create and update blocked."""

    runtime: str
    deprecated: date | None
    create_blocked: date | None
    update_blocked: date | None
    successor: str | None


@dataclass(frozen=True)
class RuntimeData:
    """Deprecation dates per runtime identifier, with where and when they come from."""

    source: str
    url: str
    as_of: date
    runtimes: Mapping[str, Lifecycle]

    def age(self, on: date) -> int:
        """Days between the data's date and `on`."""
        return (on - self.as_of).days

    def stale(self, on: date) -> bool:
        return self.age(on) > STALE_AFTER_DAYS


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _lifecycle(runtime: str, item: Mapping[str, object]) -> Lifecycle:
    """Read either spelling: ours (`create_blocked`) or cfn-lint's (`create-block`)."""
    return Lifecycle(
        runtime,
        _day(item.get("deprecated")),
        _day(item.get("create_blocked") or item.get("create-block")),
        _day(item.get("update_blocked") or item.get("update-block")),
        str(item["successor"]) if item.get("successor") else None,
    )


def parse(document: Mapping[str, object], source: str, url: str, as_of: date) -> RuntimeData:
    """RuntimeData from a mapping runtime -> dates (malformed entries are skipped)."""
    runtimes = {
        str(name): _lifecycle(str(name), item)
        for name, item in document.items()
        if isinstance(item, Mapping)
    }
    return RuntimeData(source, url, as_of, runtimes)


def bundled() -> RuntimeData:
    """The shipped, dated transcription."""
    data = resources.files(__package__).joinpath("data")
    text = data.joinpath("lambda_runtimes.json").read_text()
    document = json.loads(text)
    source = f"bundled lambda_runtimes.json ({document.get('transcribed_from', 'AWS docs')})"
    as_of = _day(document.get("as_of")) or date.min
    return parse(document.get("runtimes") or {}, source, document.get("source", DOCS_URL), as_of)


def from_cfn_lint(path: Path | None = None) -> RuntimeData | None:
    """cfn-lint's maintained copy, or None when cfn-lint or the file is absent or unreadable."""
    path = path or _cfn_lint_path()
    if path is None:
        return None
    try:
        document = json.loads(path.read_text())
        installed = datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    source = f"cfn-lint {_version()} LmbdRuntimeLifecycle.json (maintained by AWS)"
    return parse(document, source, DOCS_URL, installed)


def _cfn_lint_path() -> Path | None:
    spec = importlib.util.find_spec("cfnlint")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder).joinpath(*CFN_LINT_FILE)
        if candidate.is_file():
            return candidate
    return None


def _version() -> str:
    try:
        return metadata.version("cfn-lint")
    except metadata.PackageNotFoundError:
        return "(unknown version)"


@lru_cache(maxsize=1)
def runtime_data() -> RuntimeData:
    """The newer of cfn-lint's copy and the bundled file."""
    shipped = bundled()
    maintained = from_cfn_lint()
    if maintained is not None and maintained.as_of >= shipped.as_of and maintained.runtimes:
        return maintained
    return shipped
