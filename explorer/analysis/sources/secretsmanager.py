"""Secrets Manager: a secret with rotation on has Secrets Manager invoke its rotation function,
synchronously, once per rotation step.

The event names only the secret and the step, but the function then reads the secret and acts
on what it holds (a database host, user and password; for the multi-user strategy, the ARN of
the master secret whose password it uses): whoever may write the secret's value steers the
rotation function. So the secret -> function edge carries data, and the secret's exposure is
read from its resource policy: a grant of `secretsmanager:PutSecretValue` or `UpdateSecret` to
another account (or to everyone) lets that origin put data in; one of `GetSecretValue` marks the
secret readable from outside (`readable_by`). A policy that could not be read leaves the
secret's exposure unknown (`exposure_unknown`). Principals of the account reach secrets through
their IAM grants (`writes`, `reads`: blast radius and chains).

A rotation function stays linked while rotation is off (`rotation_enabled` in the evidence): a
`RotateSecret` call without a new function turns rotation back on with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.exposure import expose_by_policy, note_unknown
from explorer.analysis.shapes import text
from explorer.analysis.sources import RESOURCES, NodeKind, Source

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

SECRET = "secret"
"""Node kind: a Secrets Manager secret."""
ROTATION = tk.TriggerKind("secret-rotation", "Secrets Manager rotation", tk.SYNC)
WRITES = ("secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret")
READS = ("secretsmanager:GetSecretValue",)
POLICY = "secret policy"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Secret -> its rotation function."""
    for row in estate.rows("secrets"):
        function = text(row.get("rotation_function_arn"))
        if function:
            graph.edge(
                row["arn"], function, kinds.TRIGGERS,
                **ROTATION.evidence(rotation_enabled=row.get("rotation_enabled")),
            )  # fmt: skip


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """Who outside may write (or read) each secret, from its resource policy."""
    for row in estate.rows("secrets"):
        if row.get("policy_read") is False:
            note_unknown(
                graph, row["arn"], f"{POLICY}: it could not be read (GetResourcePolicy failed)"
            )
            continue
        expose_by_policy(graph, estate, row["arn"], row.get("policy"), POLICY, WRITES, READS)


SOURCE = Source(
    title="Secrets Manager secrets with rotation functions and resource policies",
    crawl="secretsmanager",
    kinds=(ROTATION,),
    nodes=(
        NodeKind(
            SECRET,
            "secrets",
            "name",
            "secret",
            RESOURCES,
            ("secretsmanager", "secret"),
            writes=WRITES,
            reads=READS,
        ),
    ),
    columns={
        "secrets": ("rotation_function_arn", "rotation_enabled", "policy", "policy_read"),
    },
    triggers=triggers,
    exposure=exposure,
)
