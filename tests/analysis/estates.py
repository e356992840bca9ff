"""Hand-built estates: just the rows a test needs, shaped like the crawler's tables."""

from __future__ import annotations

from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate
from tests.analysis.builders import ACCOUNT, fn, role


def estate(**tables: list[dict]) -> Estate:
    return Estate(meta={"account": ACCOUNT, "partition": "aws"}, tables=tables)


def function(name: str, role_name: str | None = None, **extra) -> dict:
    return {"arn": fn(name), "name": name, "role_arn": role(role_name or f"{name}-role"),
            "log_group": f"/aws/lambda/{name}", **extra}  # fmt: skip


def iam_role(name: str, *statements: dict, boundary: str | None = None) -> dict:
    document = {"Version": "2012-10-17", "Statement": list(statements)}
    inline = [{"name": "p", "document": document}]
    return {"arn": role(name), "name": name, "inline_policies": inline,
            "attached_policy_arns": [], "boundary_arn": boundary, "trust_policy": None}  # fmt: skip


def allow(action: str | list, resource: str | list = "*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: str | list, resource: str | list = "*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def edges_of(est: Estate, kind: str) -> set[tuple[str, str]]:
    g = build_graph(est).g
    return {(u, v) for u, v, d in g.edges(data=True) if d["kind"] == kind}


def edge_data(est: Estate, src: str, dst: str, kind: str) -> dict:
    g = build_graph(est).g
    [data] = [d for d in g.get_edge_data(src, dst, default={}).values() if d["kind"] == kind]
    return data
