"""Secrets Manager secrets: the rotation function edge, and exposure from the secret's policy."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.sources.secretsmanager import ROTATION, SECRET
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.builders import ACCOUNT, fn
from tests.analysis.estates import document, estate, function, iam_role

SECRET_ARN = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:orders-db-Ab12Cd"
FOREIGN = "arn:aws:iam::999988887777:root"


def secret(**extra) -> dict:
    return {"arn": SECRET_ARN, "name": "orders-db", "region": "us-east-1",
            "rotation_enabled": True, "rotation_function_arn": fn("rotate"), "policy": None,
            "policy_read": True, **extra}  # fmt: skip


def graph_of(*rows: dict, **tables):
    return build_graph(estate(functions=[function("rotate")], secrets=list(rows), **tables)).g


def grant(action: str, principal: object = None) -> dict:
    return document({"Effect": "Allow", "Principal": principal or {"AWS": FOREIGN},
                     "Action": action, "Resource": "*"})  # fmt: skip


def test_a_secret_triggers_its_rotation_function_even_while_rotation_is_off():
    g = graph_of(secret(rotation_enabled=False))

    assert g.nodes[SECRET_ARN]["kind"] == SECRET
    [(_, target, data)] = g.out_edges(SECRET_ARN, data=True)
    assert target == fn("rotate")
    assert data["evidence"]["trigger_kind"] == ROTATION.key
    assert data["evidence"]["rotation_enabled"] is False


def test_a_foreign_account_that_may_write_the_secret_reaches_the_rotation_function():
    g = graph_of(secret(policy=grant("secretsmanager:PutSecretValue")))

    [found] = untrusted_inputs(g)[fn("rotate")]
    assert (found.trust, found.path) == (
        kinds.CROSS_ACCOUNT, ("account:999988887777", SECRET_ARN, fn("rotate"))
    )  # fmt: skip


def test_a_foreign_reader_marks_the_secret_readable_but_does_not_write_it():
    g = graph_of(secret(policy=grant("secretsmanager:GetSecretValue")))

    assert untrusted_inputs(g) == {}
    assert g.nodes[SECRET_ARN]["readable_by"] == [("account:999988887777", kinds.CROSS_ACCOUNT)]


def test_a_policy_that_could_not_be_read_leaves_the_exposure_unknown():
    g = graph_of(secret(policy_read=False))

    assert "could not be read" in g.nodes[SECRET_ARN]["exposure_unknown"][0]


def test_roles_that_may_read_or_write_secrets_get_edges_to_them():
    reader = iam_role("reader", {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                 "Resource": SECRET_ARN})  # fmt: skip
    g = graph_of(secret(), iam_roles=[reader])

    edges = {(s, d["kind"]) for s, _, d in g.in_edges(SECRET_ARN, data=True)}
    assert (reader["arn"], kinds.READS) in edges
    assert (reader["arn"], kinds.WRITES) not in edges
