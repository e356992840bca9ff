"""One hand-built estate per `becomes` technique: an attacker, the target it may become, and the
resource the technique's action is decided on; the tests grant, deny, bound and condition that
action and check the edge (`tests/analysis/test_becomes.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from explorer.analysis import kinds
from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate
from explorer.iam.techniques import BY_ID, Technique
from tests.analysis.builders import (
    ACCOUNT,
    dev_endpoint,
    fn,
    group,
    instance,
    instance_profile,
    policy,
    role,
    stack,
    user,
)
from tests.analysis.estates import (
    allow,
    boundary_policy,
    cloudformation_stack,
    ec2_instance,
    estate,
    function,
    glue_dev_endpoint,
    iam_group,
    iam_role,
    iam_user,
    managed_policy,
    service_trust,
    trust,
)

ADMIN = kinds.admin_node(ACCOUNT)
MFA = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
"""A condition no snapshot can decide: the edge holds only if it does."""

Tables = dict[str, list[dict]]


@dataclass(frozen=True)
class Scenario:
    """An estate in which `attacker` becomes `target` by `technique` once granted `resource`."""

    technique: str
    attacker: str
    target: str
    resource: str
    """What the technique's action is decided on (the grant names it)."""
    other: str
    """A resource of the same kind that leads nowhere (the mismatched grant names it)."""
    tables: Callable[[], Tables]
    """Every row but the attacker's."""
    via: str | None = None
    sure: bool = True
    attacker_extra: dict = field(default_factory=dict)

    @property
    def of(self) -> Technique:
        return BY_ID[self.technique]

    def __str__(self) -> str:
        return self.technique


def grant(technique: Technique, resource: str, **extra) -> list[dict]:
    """The technique's action on `resource`, and the first action of each group it also needs
    on every resource."""
    return [allow(technique.action, resource, **extra)] + [
        allow(group[0]) for group in technique.needs
    ]


def build(s: Scenario, *statements: dict, boundary: tuple[dict, ...] = ()) -> Estate:
    """The scenario's estate with the attacker holding `statements` (and a boundary allowing
    only `boundary`, when given)."""
    tables = s.tables()
    bound = None
    if boundary:
        bound = policy("boundary")
        tables.setdefault("iam_policies", []).append(boundary_policy("boundary", *boundary))
    name = s.attacker.rsplit("/", 1)[-1]
    if ":user/" in s.attacker:
        row = iam_user(name, *statements, boundary=bound, **s.attacker_extra)
        tables.setdefault("iam_users", []).append(row)
    else:
        row = iam_role(name, *statements, boundary=bound, **s.attacker_extra)
        tables.setdefault("iam_roles", []).append(row)
    return estate(**tables)


def becomes_edges(est: Estate, source: str) -> dict[str, list[dict]]:
    """target -> the data of each `becomes` edge from `source`."""
    found: dict[str, list[dict]] = {}
    for _, target, data in build_graph(est).g.out_edges(source, data=True):
        if data["kind"] == kinds.BECOMES:
            found.setdefault(target, []).append(data)
    return found


def _admin_role(name: str, service_or_trust: str | dict | None = None, **extra) -> dict:
    """A role allowed everything, trusting a service (by name) or as given."""
    policy_trust = service_or_trust
    if isinstance(service_or_trust, str):
        policy_trust = service_trust(service_or_trust)
    return iam_role(name, allow("*"), trust_policy=policy_trust, **extra)


def _pass_role(name: str, service: str) -> Scenario:
    def tables() -> Tables:
        extra = {"instance_profiles": [instance_profile("target")]} if service == "ec2" else {}
        other = _admin_role("other", "sagemaker" if service == "ec2" else "ec2")
        if service == "datapipeline":  # one role as the pipeline's and as its resource role
            both = trust(Service=["ec2.amazonaws.com", "datapipeline.amazonaws.com"])
            extra = {"instance_profiles": [instance_profile("target")]}
            return {"iam_roles": [_admin_role("target", both, **extra), other]}
        return {"iam_roles": [_admin_role("target", service, **extra), other]}

    return Scenario(f"iam:PassRole+{name}", role("attacker"), role("target"), role("target"),
                    role("other"), tables)  # fmt: skip


PASS_ROLE = [
    _pass_role("lambda", "lambda"),
    _pass_role("cloudformation", "cloudformation"),
    _pass_role("ec2", "ec2"),
    _pass_role("glue-dev-endpoint", "glue"),
    _pass_role("glue-job", "glue"),
    _pass_role("sagemaker-notebook", "sagemaker"),
    _pass_role("sagemaker-training", "sagemaker"),
    _pass_role("sagemaker-processing", "sagemaker"),
    _pass_role("codebuild", "codebuild"),
    _pass_role("datapipeline", "datapipeline"),
    _pass_role("ecs", "ecs-tasks"),
]


def _functions() -> Tables:
    return {"functions": [function("victim", "target"), function("spare", "spare")],
            "iam_roles": [_admin_role("target", "lambda"), iam_role("spare")]}  # fmt: skip


def _stacks() -> Tables:
    stacks = [cloudformation_stack(stack("victim"), role("target")),
              cloudformation_stack(stack("plain"), None)]  # fmt: skip
    return {"cloudformation_stacks": stacks, "iam_roles": [_admin_role("target", "cloudformation")]}


def _endpoints() -> Tables:
    endpoints = [glue_dev_endpoint(dev_endpoint("victim"), role("target")),
                 glue_dev_endpoint(dev_endpoint("spare"), role("spare"))]  # fmt: skip
    roles = [_admin_role("target", "glue"), iam_role("spare", trust_policy=service_trust("glue"))]
    return {"glue_dev_endpoints": endpoints, "iam_roles": roles}


def _instances() -> Tables:
    profile = instance_profile("target")
    target = _admin_role("target", "ec2", instance_profiles=[profile])
    instances = [ec2_instance("i-0victim", profile), ec2_instance("i-0spare", None)]
    return {"ec2_instances": instances, "iam_roles": [target]}


def _takeover(technique: str, resource: Callable[[str], str], tables: Callable) -> Scenario:
    victim = "i-0victim" if resource is instance else "victim"
    spare = "i-0spare" if resource is instance else "spare"
    return Scenario(technique, role("attacker"), role("target"), resource(victim),
                    resource(spare), tables, via=resource(victim))  # fmt: skip


TAKEOVER = [
    _takeover("lambda:UpdateFunctionCode", fn, _functions),
    _takeover("lambda:UpdateFunctionConfiguration", fn, _functions),
    _takeover("glue:UpdateDevEndpoint", dev_endpoint, _endpoints),
    _takeover("cloudformation:UpdateStack", stack, _stacks),
    _takeover("cloudformation:ChangeSet", stack, _stacks),
    _takeover("ssm:SendCommand", instance, _instances),
    _takeover("ssm:StartSession", instance, _instances),
    _takeover("ec2-instance-connect:SendSSHPublicKey", instance, _instances),
]


def _account_trusting_role() -> Tables:
    """A role whose trust names the account: its principals need an identity grant too."""
    root = f"arn:aws:iam::{ACCOUNT}:root"
    return {"iam_roles": [_admin_role("target", trust(AWS=root)), _admin_role("other", "ec2")]}


def _users() -> Tables:
    victim = iam_user("victim", allow("*"), password_enabled=True, access_keys=[])
    return {"iam_users": [victim, iam_user("spare")]}


def _no_password_users() -> Tables:
    return {"iam_users": [iam_user("victim", allow("*")), iam_user("spare")]}


def _groups() -> Tables:
    return {"iam_groups": [iam_group("admins", allow("*")), iam_group("readers")]}


IDENTITY = [
    Scenario("sts:AssumeRole", role("attacker"), role("target"), role("target"),
             role("other"), _account_trusting_role),
    Scenario("iam:UpdateAssumeRolePolicy", role("attacker"), role("target"), role("target"),
             role("other"), lambda: {"iam_roles": [_admin_role("target", "ec2"),
                                                   _admin_role("other", "ec2")]}),
    Scenario("iam:CreateAccessKey", user("attacker"), user("victim"), user("victim"),
             user("spare"), _users),
    Scenario("iam:CreateLoginProfile", user("attacker"), user("victim"), user("victim"),
             user("spare"), _no_password_users),
    Scenario("iam:UpdateLoginProfile", user("attacker"), user("victim"), user("victim"),
             user("spare"), _users),
    Scenario("iam:AddUserToGroup", user("attacker"), group("admins"), group("admins"),
             group("readers"), _groups),
]  # fmt: skip


def _user_groups() -> Tables:
    return {"iam_groups": [iam_group("devs", allow("s3:GetObject")), iam_group("others")]}


def _attached() -> Tables:
    policies = [managed_policy(policy("shared"), allow("s3:GetObject")),
                managed_policy(policy("elsewhere"), allow("s3:GetObject"))]  # fmt: skip
    bystander = iam_role("bystander", attached_policy_arns=[policy("elsewhere")])
    return {"iam_policies": policies, "iam_roles": [bystander]}


ATTACHED = {"attached_policy_arns": [policy("shared")]}
IN_DEVS = {"groups": ["devs"]}

POLICY_EDITS = [
    Scenario("iam:PutUserPolicy", user("attacker"), ADMIN, user("attacker"), user("other"),
             dict, via=user("attacker")),
    Scenario("iam:AttachUserPolicy", user("attacker"), ADMIN, user("attacker"), user("other"),
             dict, via=user("attacker")),
    Scenario("iam:PutGroupPolicy", user("attacker"), ADMIN, group("devs"), group("others"),
             _user_groups, via=group("devs"), attacker_extra=IN_DEVS),
    Scenario("iam:AttachGroupPolicy", user("attacker"), ADMIN, group("devs"), group("others"),
             _user_groups, via=group("devs"), attacker_extra=IN_DEVS),
    Scenario("iam:PutRolePolicy", role("attacker"), ADMIN, role("attacker"), role("other"),
             dict, via=role("attacker")),
    Scenario("iam:AttachRolePolicy", role("attacker"), ADMIN, role("attacker"), role("other"),
             dict, via=role("attacker")),
    Scenario("iam:CreatePolicyVersion", role("attacker"), ADMIN, policy("shared"),
             policy("elsewhere"), _attached, via=policy("shared"), attacker_extra=ATTACHED),
    Scenario("iam:SetDefaultPolicyVersion", role("attacker"), ADMIN, policy("shared"),
             policy("elsewhere"), _attached, via=policy("shared"), sure=False,
             attacker_extra=ATTACHED),
]  # fmt: skip

SCENARIOS = PASS_ROLE + TAKEOVER + IDENTITY + POLICY_EDITS
