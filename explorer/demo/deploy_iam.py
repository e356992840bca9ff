"""Create the demo's managed policies and roles."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients, dumps, tag_list
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_iam import PolicySpec, RoleSpec, managed_policies, roles
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns


def deploy_iam(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Managed policies first (roles attach them), then roles."""
    iam = clients("iam")
    for policy in managed_policies(a):
        ledger.policies[policy.name] = _create_policy(iam, policy)
    for role in roles(a):
        ledger.roles[role.name] = _create_role(iam, a, role)


def _create_policy(iam: Any, spec: PolicySpec) -> str:
    """Create a policy from its first version, then add the others as new defaults."""
    arn = iam.create_policy(
        PolicyName=spec.name,
        PolicyDocument=dumps(spec.versions[0]),
        Description=spec.description,
        Tags=tag_list(COMMON_TAGS),
    )["Policy"]["Arn"]
    for document in spec.versions[1:]:
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=dumps(document), SetAsDefault=True)
    return arn


def _create_role(iam: Any, a: Arns, spec: RoleSpec) -> str:
    """Create a role with its trust, boundary, inline and attached policies."""
    extra = {"PermissionsBoundary": a.policy(spec.boundary)} if spec.boundary else {}
    arn = iam.create_role(
        RoleName=spec.name,
        AssumeRolePolicyDocument=dumps(spec.trust),
        Description=spec.description,
        Tags=tag_list(COMMON_TAGS),
        **extra,
    )["Role"]["Arn"]
    for name, document in spec.inline.items():
        iam.put_role_policy(RoleName=spec.name, PolicyName=name, PolicyDocument=dumps(document))
    for policy in spec.managed:
        iam.attach_role_policy(RoleName=spec.name, PolicyArn=a.policy(policy))
    return arn
