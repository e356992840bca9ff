"""Create the demo's managed policies and roles, the service-linked role and instance profile."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients, dumps, tag_list
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_iam import PolicySpec, RoleSpec, managed_policies, roles
from explorer.demo.estate_principals import (
    AUTOSCALING,
    EC2_ROLE,
    INSTANCE_PROFILE,
    principal_policies,
    principal_roles,
)
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns


def deploy_iam(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Managed policies first (roles attach them), then roles; roles whose trust names a user
    come later, with the users (`deploy_principals`)."""
    iam = clients("iam")
    for policy in (*managed_policies(a), *principal_policies(a)):
        ledger.policies[policy.name] = _create_policy(iam, policy)
    for role in (*roles(a), *principal_roles(a)):
        ledger.roles[role.name] = create_role(iam, a, role)
    linked = iam.create_service_linked_role(AWSServiceName=AUTOSCALING)["Role"]
    ledger.roles[linked["RoleName"]] = linked["Arn"]
    ledger.instance_profiles[INSTANCE_PROFILE] = _create_instance_profile(iam, INSTANCE_PROFILE)


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


def create_role(iam: Any, a: Arns, spec: RoleSpec) -> str:
    """Create a role with its path, trust, boundary, inline and attached policies."""
    extra = {"PermissionsBoundary": a.policy(spec.boundary)} if spec.boundary else {}
    arn = iam.create_role(
        RoleName=spec.name,
        Path=spec.path,
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


def _create_instance_profile(iam: Any, name: str) -> str:
    """The build runners' instance profile, holding the EC2 admin role."""
    arn = iam.create_instance_profile(InstanceProfileName=name, Tags=tag_list(COMMON_TAGS))
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=EC2_ROLE)
    return arn["InstanceProfile"]["Arn"]
