"""PolicyError: the one exception the IAM engine lets out, naming policy, statement and field."""

from __future__ import annotations

DOCUMENT, STATEMENT, ELEMENT = "document", "statement", "element"
"""What a tolerant reader left out because of an error: the whole document, one statement, or
one entry of an element (an action, a resource, a principal)."""

_LEFT_OUT = {
    DOCUMENT: "nothing in it could be read",
    STATEMENT: "that statement was left out",
    ELEMENT: "that entry was left out, the rest of the statement kept",
}


class PolicyError(Exception):
    """A policy document that AWS would reject, or that the engine cannot read.

    `policy` is the policy's name, `statement` its zero-based statement index (None for the
    document as a whole) and `field` the element at fault (`Action`, `Condition`, ...).
    `skipped` says what a tolerant reader left out because of it (DOCUMENT, STATEMENT or
    ELEMENT; empty when nothing was read around it).
    """

    def __init__(
        self,
        message: str,
        *,
        policy: str = "",
        statement: int | None = None,
        field: str = "",
        sid: str | None = None,
        skipped: str = "",
    ) -> None:
        self.policy = policy
        self.statement = statement
        self.field = field
        self.sid = sid
        self.reason = message
        self.skipped = skipped
        super().__init__(self._describe())

    def _describe(self, policy: str | None = None) -> str:
        """One sentence: where the fault is, then what it is."""
        where = [policy if policy is not None else f"policy {self.policy!r}" if self.policy else ""]
        if self.statement is not None:
            label = f"statement {self.statement}"
            if self.sid:
                label += f" (Sid {self.sid!r})"
            where.append(label)
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(part for part in where if part)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def explain(self, policy: str | None = None) -> str:
        """The sentence with what was left out because of it; `policy` names the policy in
        place of `policy 'name'` (an empty string leaves it out)."""
        text = self._describe(policy)
        return f"{text} ({_LEFT_OUT[self.skipped]})" if self.skipped in _LEFT_OUT else text

    def located(
        self, policy: str, statement: int | None, sid: str | None, skipped: str = ""
    ) -> PolicyError:
        """The same error with its policy and statement (and what was left out) filled in."""
        return PolicyError(
            self.reason,
            policy=policy or self.policy,
            statement=statement if statement is not None else self.statement,
            field=self.field,
            sid=sid or self.sid,
            skipped=skipped or self.skipped,
        )


MAX_LISTED = 5
"""Faults of one policy named in its summary (the count says how many more)."""


def policy_summary(what: str, errors: list[PolicyError]) -> str:
    """One sentence for a policy read only in part: what it is, then its first few faults and
    what each left out."""
    listed = "; ".join(error.explain("") for error in errors[:MAX_LISTED])
    more = len(errors) - MAX_LISTED
    return f"{what}: {listed}" + (f"; and {more} more" if more > 0 else "")
