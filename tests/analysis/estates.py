"""Hand-built estates: just the rows a test needs, shaped like the crawler's tables."""

from __future__ import annotations

from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate
from tests.analysis.builders import ACCOUNT, fn, group, instance, policy, role, user


def estate(meta: dict | None = None, **tables: list[dict]) -> Estate:
    """An estate of these tables; `meta` adds to the snapshot's meta (e.g. `finished`)."""
    return Estate(meta={"account": ACCOUNT, "partition": "aws", **(meta or {})}, tables=tables)


def function(name: str, role_name: str | None = None, **extra) -> dict:
    return {"arn": fn(name), "name": name, "role_arn": role(role_name or f"{name}-role"),
            "log_group": f"/aws/lambda/{name}", **extra}  # fmt: skip


def document(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def iam_role(name: str, *statements: dict, boundary: str | None = None, **extra) -> dict:
    """An `iam_roles` row with one inline policy `p`; `extra` sets other columns (`trust_policy`,
    `path`, `instance_profiles`, `attached_policy_arns`)."""
    inline = [{"name": "p", "document": document(*statements)}]
    return {"arn": role(name), "name": name, "path": "/", "inline_policies": inline,
            "attached_policy_arns": [], "boundary_arn": boundary, "trust_policy": None,
            **extra}  # fmt: skip


def iam_user(name: str, *statements: dict, boundary: str | None = None, **extra) -> dict:
    """An `iam_users` row with one inline policy `p` (none without statements), no password,
    MFA device or access key unless `extra` says so (`groups` lists group names, as AWS
    does)."""
    inline = [{"name": "p", "document": document(*statements)}] if statements else []
    return {"arn": user(name), "name": name, "path": "/", "inline_policies": inline,
            "attached_policy_arns": [], "groups": [], "boundary_arn": boundary,
            "password_enabled": False, "mfa_active": False, "access_keys": [],
            **extra}  # fmt: skip


def iam_group(name: str, *statements: dict, **extra) -> dict:
    """An `iam_groups` row with one inline policy `g` (none without statements)."""
    inline = [{"name": "g", "document": document(*statements)}] if statements else []
    return {"arn": group(name), "name": name, "path": "/", "inline_policies": inline,
            "attached_policy_arns": [], **extra}  # fmt: skip


def managed_policy(arn: str, *statements: dict) -> dict:
    """An `iam_policies` row (its default version's document); AWS's own when the ARN's
    account field is `aws`."""
    return {"arn": arn, "name": arn.rsplit("/", 1)[-1], "document": document(*statements),
            "aws_managed": arn.split(":")[4] == "aws"}  # fmt: skip


def boundary_policy(name: str, *statements: dict) -> dict:
    return managed_policy(policy(name), *statements)


def trust(**principal: str | list) -> dict:
    """A trust policy letting `principal` (`Service=...`, `AWS=...`) call sts:AssumeRole."""
    return document({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


def service_trust(service: str) -> dict:
    return trust(Service=f"{service}.amazonaws.com")


def cloudformation_stack(arn: str, role_arn: str | None, **extra) -> dict:
    name = arn.split("/")[1]
    return {"arn": arn, "name": name, "region": "us-east-1", "role_arn": role_arn,
            "status": "CREATE_COMPLETE", **extra}  # fmt: skip


def glue_dev_endpoint(arn: str, role_arn: str, **extra) -> dict:
    return {"arn": arn, "name": arn.rsplit("/", 1)[-1], "region": "us-east-1",
            "role_arn": role_arn, "status": "READY", **extra}  # fmt: skip


def ec2_instance(instance_id: str, profile_arn: str | None, state: str = "running") -> dict:
    return {"arn": instance(instance_id), "instance_id": instance_id, "region": "us-east-1",
            "state": state, "instance_profile_arn": profile_arn}  # fmt: skip


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
