"""The request context: who is calling, on what, and which condition keys are known.

A context dict is the complete request context (a key not in it is absent); None means the
request is unknown, so only keys derived from the principal and resource are known. Either way
the keys AWS derives from the request itself (aws:PrincipalArn, aws:PrincipalAccount,
aws:ResourceAccount, ...) are filled in unless the dict sets them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

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


def build_context(
    context: dict[str, object] | None, caller: Caller, resource_account: str | None, service: str
) -> RequestContext:
    """The request context: the caller's dict (if any) over the keys derived from the request."""
    derived, absent = derived_keys(caller, resource_account, service)
    values: dict[str, list[object]] = {key: [value] for key, value in derived.items()}
    if context is not None:
        for key, value in context.items():
            converted = _values(value)
            lowered = str(key).lower()
            if converted is None:
                values.pop(lowered, None)
            else:
                values[lowered] = converted
    return RequestContext(values, context is not None, frozenset(absent))


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
