"""PolicyError: the one exception the IAM engine lets out, naming policy, statement and field."""

from __future__ import annotations


class PolicyError(Exception):
    """A policy document that AWS would reject, or that the engine cannot read.

    `policy` is the policy's name, `statement` its zero-based statement index (None for the
    document as a whole) and `field` the element at fault (`Action`, `Condition`, ...).
    """

    def __init__(
        self,
        message: str,
        *,
        policy: str = "",
        statement: int | None = None,
        field: str = "",
        sid: str | None = None,
    ) -> None:
        self.policy = policy
        self.statement = statement
        self.field = field
        self.sid = sid
        self.reason = message
        super().__init__(self._describe())

    def _describe(self) -> str:
        """One sentence: where the fault is, then what it is."""
        where = [f"policy {self.policy!r}"] if self.policy else []
        if self.statement is not None:
            label = f"statement {self.statement}"
            if self.sid:
                label += f" (Sid {self.sid!r})"
            where.append(label)
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def located(self, policy: str, statement: int | None, sid: str | None) -> PolicyError:
        """The same error with its policy and statement filled in."""
        return PolicyError(
            self.reason,
            policy=policy or self.policy,
            statement=statement if statement is not None else self.statement,
            field=self.field,
            sid=sid or self.sid,
        )
