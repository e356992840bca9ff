"""Who may assume a role: each trust policy parsed, and its AssumeRole exposures worked out,
once per role, so that deciding many callers against many roles skips the pairs no trust
policy admits (the graph's `assumes` edges and the escalation search both ask)."""

from __future__ import annotations

from collections.abc import Mapping

from explorer.iam.errors import PolicyError
from explorer.iam.evaluate import PrincipalPolicies
from explorer.iam.exposure import Exposure, resource_exposure
from explorer.iam.model import Policy
from explorer.iam.parse import parse_policy_tolerant

IMPLICITLY_DENIED = "implicitly_denied"


class TrustPolicies:
    """Role ARN -> trust policy document, read lazily and kept."""

    def __init__(self, documents: Mapping[str, object]) -> None:
        self._documents = documents
        self._cache: dict[str, tuple[Policy | None, list[Exposure], list[PolicyError]]] = {}
        self._assumable: list[str] | None = None

    def _of(self, role: str) -> tuple[Policy | None, list[Exposure], list[PolicyError]]:
        if role not in self._cache:
            document = self._documents.get(role)
            if document is None or services_only(document):
                self._cache[role] = (None, [], [])  # unknown, or only AWS services may assume it
                return self._cache[role]
            policy, errors = parse_policy_tolerant(document, "trust")
            account = role.split(":")[4] if role.count(":") >= 5 else None
            found = resource_exposure(policy, ["sts:AssumeRole"], role, account)
            self._cache[role] = (policy, found, errors)
        return self._cache[role]

    def errors(self, role: str) -> list[PolicyError]:
        """What could not be read of the role's trust policy (nothing for one that names only
        AWS services: no principal may assume it, whatever else it says)."""
        return self._of(role)[2]

    def policy(self, role: str) -> Policy | None:
        """The parsed trust policy (None when unknown or only services may assume the role)."""
        return self._of(role)[0]

    def assumable(self) -> list[str]:
        """Roles whose trust policy admits some principal: the only ones AssumeRole can reach
        (most roles trust only an AWS service), worked out once for every caller."""
        if self._assumable is None:
            self._assumable = [role for role in self._documents if self._of(role)[1]]
        return self._assumable

    def admits(self, principal: PrincipalPolicies, role: str) -> bool:
        """Whether the trust policy names the caller, its account or everyone: without that
        AssumeRole is denied whatever the caller's own policies say."""
        policy, exposures, _ = self._of(role)
        caller, account = principal.principal_arn or "", principal.caller.account
        return policy is not None and any(_names(e, caller, account) for e in exposures)

    def decide(self, principal: PrincipalPolicies, role: str) -> str:
        """The AssumeRole decision, which (unlike most actions) the trust policy must allow."""
        if not self.admits(principal, role):
            return IMPLICITLY_DENIED
        try:
            return principal.evaluate("sts:AssumeRole", role, self.policy(role)).result
        except PolicyError:  # a malformed trust policy allows nothing we can prove
            return IMPLICITLY_DENIED


def services_only(document: object) -> bool:
    """A trust policy whose every statement names only `Service` principals: no role can
    assume it (most execution roles; checked on the raw document, before parsing)."""
    statements = document.get("Statement") if isinstance(document, dict) else None
    if not isinstance(statements, list) or not statements:
        return False
    return all(
        isinstance(s, dict)
        and "NotPrincipal" not in s
        and isinstance(s.get("Principal"), dict)
        and set(s["Principal"]) == {"Service"}
        for s in statements
    )


def _names(e: Exposure, caller: str, account: str | None) -> bool:
    """Whether a trust-policy exposure names the caller, its account, or everyone."""
    return (
        e.who == caller
        or e.kind in ("public", "any-account")
        or (e.account == account and e.kind in ("same-account", "account"))
    )
