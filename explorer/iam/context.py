"""The request context: who is calling, on what, and which condition keys are known.

What a caller passes as `context` (to `simulate`, `PrincipalPolicies.evaluate`,
`evaluate_resources`, `EffectivePermissions`, `is_admin_equivalent`):
- None: the request is unknown; only keys derived from the principal and resource are known.
- a dict: the complete request context; a key not in it is absent.
- a `Partial`: these keys are known (a key mapped to None is known absent), every other key is
  unknown. `Partial.at(when) | {"iam:PassedToService": "lambda.amazonaws.com"}` is a request
  made at `when` that passes a role to Lambda, everything else about it unknown.
In every case the keys AWS derives from the request itself (aws:PrincipalArn, aws:PrincipalAccount,
aws:ResourceAccount, ...) are filled in unless the context sets them.

Time (IAM UG, "AWS global condition context keys"): given aws:CurrentTime (ISO 8601, epoch
seconds or a datetime) or aws:EpochTime, the other is the same instant. A `Partial` that gives
the time also bounds aws:TokenIssueTime: some instant at or before it (a `Span`), present for
roles and their sessions (always temporary credentials), perhaps absent for users and the root
user (long-term keys carry no token). A condition that holds for every such value is true, for
none false, else unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from explorer.iam.dates import Span, iso_text, parse_date
from explorer.iam.patterns import UNKNOWN

_ACCOUNT = re.compile(r"^\d{12}$")
_SERVICE_SUFFIXES = (".amazonaws.com", ".amazonaws.com.cn", ".amazon.com")
_FEDERATED_SERVICES = {"cognito-identity.amazonaws.com", "www.amazon.com"}

ROLE, SESSION, USER, ROOT = "role", "session", "user", "root"
FEDERATED_USER, SERVICE, FEDERATED, ANONYMOUS, OTHER = (
    "federated-user", "service", "federated", "anonymous", "other",
)  # fmt: skip
IAM_KINDS = frozenset({ROLE, SESSION, USER, ROOT, FEDERATED_USER})
"""Callers that belong to an AWS account and carry identity-based policies."""


@dataclass(frozen=True, slots=True)
class Caller:
    """The principal making a request, parsed from its ARN (or service name)."""

    raw: str | None
    kind: str
    account: str | None = None
    name: str | None = None
    """Role or user name (without path), federated user name, or service principal."""
    partition: str = "aws"

    @property
    def role_arn(self) -> str | None:
        """For a role or one of its sessions, the role's ARN (path unknown for sessions)."""
        if self.kind == ROLE:
            return self.raw
        if self.kind == SESSION:
            return f"arn:{self.partition}:iam::{self.account}:role/{self.name}"
        return None


def parse_caller(principal: str | None) -> Caller:
    """Classify a principal ARN, account id, service principal or None (anonymous)."""
    if principal is None:
        return Caller(None, ANONYMOUS)
    text = str(principal).strip()
    if _ACCOUNT.match(text):
        return Caller(f"arn:aws:iam::{text}:root", ROOT, text)
    if text.startswith("arn:"):
        return _arn_caller(text)
    lowered = text.lower()
    is_service = lowered.endswith(_SERVICE_SUFFIXES)
    if lowered in _FEDERATED_SERVICES or ("." in lowered and not is_service):
        return Caller(text, FEDERATED, name=text)
    if is_service:
        return Caller(text, SERVICE, name=lowered)
    return Caller(text, OTHER)


def _arn_caller(arn: str) -> Caller:
    """Classify an IAM or STS principal ARN."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return Caller(arn, OTHER)
    _, partition, service, _, account, resource = parts
    account = account or None
    kind_of = {
        ("iam", "root"): ROOT, ("iam", "role"): ROLE, ("iam", "user"): USER, ("iam", "group"): USER,
        ("sts", "assumed-role"): SESSION, ("sts", "federated-user"): FEDERATED_USER,
        ("iam", "saml-provider"): FEDERATED, ("iam", "oidc-provider"): FEDERATED,
    }  # fmt: skip
    head = resource.split("/", 1)[0]
    kind = kind_of.get((service, head), OTHER)
    if kind == SESSION:
        pieces = resource.split("/")
        name = pieces[1] if len(pieces) > 1 else None
    else:
        name = resource.rsplit("/", 1)[-1] if "/" in resource else None
    return Caller(arn, kind, account, name, partition)


def resource_account_of(resource: str) -> str | None:
    """The account field of a resource ARN, None when it has none (S3 buckets, `*`)."""
    parts = resource.split(":", 5)
    if len(parts) == 6 and _ACCOUNT.match(parts[4]):
        return parts[4]
    return None


@dataclass(frozen=True, slots=True)
class RequestContext:
    """Condition-key values for one request, with the rule for keys it does not hold."""

    values: dict[str, list[object]]
    complete: bool
    """True when a key not in `values` is absent; False when it is unknown."""
    absent: frozenset[str] = field(default_factory=frozenset)
    """Keys known to be absent even when the context is otherwise unknown."""

    def lookup(self, key: str) -> object:
        """A key's values (a list), None when absent, UNKNOWN when not known."""
        found = self.values.get(key)
        if found is not None:
            return found
        if self.complete or key in self.absent:
            return None
        if key.startswith(_TAG_PREFIX) and _TAG_PREFIX in self.absent:
            return None
        return UNKNOWN


_TAG_PREFIX = "aws:principaltag/"


@dataclass(frozen=True, slots=True)
class Known:
    """A context's keys read once: the values given (lower-case keys, lists of scalars, with
    aws:CurrentTime and aws:EpochTime derived from each other), the keys known absent, and the
    request time in epoch seconds if one is given."""

    values: dict[str, list[object]]
    absent: frozenset[str]
    now: float | None


def read_keys(context: Mapping[str, object]) -> Known:
    """The keys of a context dict or Partial, converted."""
    values: dict[str, list[object]] = {}
    absent: set[str] = set()
    for key, value in context.items():
        converted = _values(value)
        lowered = str(key).lower()
        if converted is None:
            values.pop(lowered, None)
            absent.add(lowered)
        else:
            values[lowered] = converted
            absent.discard(lowered)
    return Known(values, frozenset(absent), _clock(values, absent))


class Partial(Mapping[str, object]):
    """Condition keys known about a request; every key not in it is unknown (neither present
    nor absent). A key mapped to None is known to be absent. Immutable and hashable, so an
    evaluator may keep the request context it builds from one."""

    __slots__ = ("_hash", "_items", "_known")

    def __init__(self, items: Mapping[str, object] | None = None) -> None:
        self._items: dict[str, object] = {
            str(key): tuple(value) if isinstance(value, list | set | frozenset) else value
            for key, value in (items or {}).items()
        }
        self._hash = hash(frozenset((k.lower(), _hashable(v)) for k, v in self._items.items()))
        self._known: Known | None = None

    @classmethod
    def at(cls, when: str | float | datetime) -> Partial:
        """A request made at `when` (the snapshot's time), nothing else known about it."""
        return cls({"aws:CurrentTime": when})

    def known(self) -> Known:
        """The keys converted (once: evaluators ask for every principal and service)."""
        if self._known is None:
            self._known = read_keys(self._items)
        return self._known

    def __getitem__(self, key: str) -> object:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Partial) and self._items == other._items

    def __or__(self, other: Mapping[str, object]) -> Partial:
        """These keys and those of `other` (which win)."""
        return Partial({**self._items, **other})

    def __repr__(self) -> str:
        return f"Partial({self._items!r})"


def _hashable(value: object) -> object:
    """A value as something hashable (its repr when it is not)."""
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


ContextArg = dict[str, object] | Partial | None
"""What callers pass as a request context (see the module docstring)."""


def build_context(
    context: Mapping[str, object] | None, caller: Caller, resource_account: str | None, service: str
) -> RequestContext:
    """The request context: the caller's keys (if any) over the keys derived from the request."""
    derived, absent = derived_keys(caller, resource_account, service)
    values: dict[str, list[object]] = {key: [value] for key, value in derived.items()}
    if context is None:
        return RequestContext(values, False, frozenset(absent))
    partial = isinstance(context, Partial)
    known = context.known() if isinstance(context, Partial) else read_keys(context)
    values.update(known.values)
    for key in known.absent:
        values.pop(key, None)
    absent = (absent - known.values.keys()) | known.absent
    if partial and known.now is not None:
        _add_token_time(values, absent, caller.kind, known.now)
    return RequestContext(values, not partial, frozenset(absent))


_TEMPORARY = frozenset({"role", "session", "federated-user"})
"""Callers that always hold temporary credentials (a role is only ever used as a session)."""


def _clock(values: dict[str, list[object]], absent: set[str]) -> float | None:
    """The request time from aws:CurrentTime or aws:EpochTime, each derived from the other
    when missing; None when neither is a date."""
    now = _instant(values.get("aws:currenttime"))
    if now is None:
        now = _instant(values.get("aws:epochtime"))
    text = iso_text(now) if now is not None else None
    if now is None or text is None:
        return None
    for key, value in (("aws:currenttime", text), ("aws:epochtime", str(int(now)))):
        if key not in absent:
            values.setdefault(key, [value])
    return now


def _add_token_time(
    values: dict[str, list[object]], absent: set[str], caller_kind: str, now: float
) -> None:
    """aws:TokenIssueTime, unless given: some instant at or before `now`, present for callers
    with temporary credentials, perhaps absent for users and the root user."""
    token = "aws:tokenissuetime"
    if token in values or token in absent:
        return
    if caller_kind in _TEMPORARY:
        values[token] = [Span(float("-inf"), now)]
    elif caller_kind in (USER, ROOT):
        values[token] = [Span(float("-inf"), now, optional=True)]


def _instant(found: list[object] | None) -> float | None:
    """Epoch seconds of a one-value time key, None when it is missing or no date."""
    if not found or len(found) != 1 or isinstance(found[0], bool):
        return None
    return parse_date(str(found[0]))


def _values(value: object) -> list[object] | None:
    """A context value as a list of scalars (None when the key should be absent)."""
    if value is None:
        return None
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    return [_scalar(item) for item in items]


def _scalar(item: object) -> object:
    """Strings, booleans, numbers and bytes stay as they are; dates become ISO 8601 text,
    nested structures JSON text, and anything else its str()."""
    if isinstance(item, str | bool | int | float | bytes):
        return item
    if isinstance(item, datetime | date):
        return item.isoformat()
    if isinstance(item, dict | list | tuple):
        try:
            return json.dumps(item, default=str, sort_keys=True)
        except (ValueError, TypeError, RecursionError):
            return repr(item)
    return str(item)


def derived_keys(
    caller: Caller, resource_account: str | None, service: str
) -> tuple[dict[str, str], set[str]]:
    """Keys AWS puts in every request context for this caller and resource, and keys it never
    includes for this kind of caller."""
    values: dict[str, str] = {}
    absent = {"aws:username"} if caller.kind != USER else set()
    if caller.kind != SERVICE:
        absent |= {"aws:principalservicename", "aws:principalservicenameslist"}
    if caller.kind in IAM_KINDS:
        values.update(_iam_principal_keys(caller))
    elif caller.kind == SERVICE and caller.name:
        values.update(
            {"aws:principalisawsservice": "true", "aws:principalservicename": caller.name}
        )
        values["aws:principalservicenameslist"] = caller.name
    if caller.kind == ANONYMOUS:
        values["aws:principaltype"] = "Anonymous"
    if caller.kind not in IAM_KINDS:
        absent |= {"aws:principalarn", "aws:principalaccount", "aws:principaltag/", "aws:userid"}
    if resource_account:
        values["aws:resourceaccount"] = resource_account
        if service == "s3":
            values["s3:resourceaccount"] = resource_account
    return values, absent


def _iam_principal_keys(caller: Caller) -> dict[str, str]:
    """aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType and friends for IAM callers."""
    types = {ROLE: "AssumedRole", SESSION: "AssumedRole", USER: "User", ROOT: "Account"}
    types[FEDERATED_USER] = "FederatedUser"
    values = {"aws:principaltype": types[caller.kind], "aws:principalisawsservice": "false"}
    arn = caller.role_arn or caller.raw
    if arn:
        values["aws:principalarn"] = arn
    if caller.account:
        values["aws:principalaccount"] = caller.account
    if caller.kind == USER and caller.name:
        values["aws:username"] = caller.name
    if caller.kind == ROOT and caller.account:
        values["aws:userid"] = caller.account
    return values
