"""An internet-facing Application Load Balancer in front of a store locator: one rule forwards
anyone's request to the function (anonymous input), another signs callers in with OIDC first
(authenticated input)."""

from __future__ import annotations

from typing import Any

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function, grant_invoke
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

BALANCER = "pixmart-web"
FUNCTION = FunctionSpec(
    "pixmart-store-locator",
    "python3.12",
    "pixmart-readonly-role",
    "Finds the nearest print shop (behind the public load balancer)",
    reserved_concurrency=50,
)
TARGET_GROUP = "pixmart-store-locator"
OIDC = {
    "Issuer": "https://login.pixmart.example",
    "AuthorizationEndpoint": "https://login.pixmart.example/authorize",
    "TokenEndpoint": "https://login.pixmart.example/token",
    "UserInfoEndpoint": "https://login.pixmart.example/userinfo",
    "ClientId": "pixmart-staff",
    "ClientSecret": "demo-only-not-a-secret",
}
KIND = "alb-target-group"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    elb = clients("elbv2")
    group = elb.create_target_group(Name=TARGET_GROUP, TargetType="lambda")["TargetGroups"][0]
    group_arn = group["TargetGroupArn"]
    grant_invoke(
        clients("lambda"), FUNCTION.name, "LoadBalancer", "elasticloadbalancing.amazonaws.com",
        source_arn=group_arn,
    )  # fmt: skip
    elb.register_targets(TargetGroupArn=group_arn, Targets=[{"Id": function}])
    listener = elb.create_listener(
        LoadBalancerArn=_balancer(clients), Protocol="HTTP", Port=80,
        DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}],
    )["Listeners"][0]  # fmt: skip
    forward = {"Type": "forward", "TargetGroupArn": group_arn, "Order": 2}
    open_rule = _rule(elb, listener, 10, "/stores/*", [forward])
    signed_in = {"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": OIDC}
    staff_rule = _rule(elb, listener, 20, "/staff/*", [signed_in, forward])
    for rule in (open_rule, staff_rule):
        ledger.trigger(KIND, rule, function, TARGET_GROUP)
    ledger.flaws.append(
        Flaw("untrusted-input-anonymous", function,
             "an internet-facing load balancer rule forwards anyone's request to it")
    )  # fmt: skip


def _balancer(clients: Clients) -> str:
    """An internet-facing application load balancer over two subnets of a new VPC."""
    ec2 = clients("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.20.{i}.0/24",
                          AvailabilityZone=f"{clients.region}{zone}")["Subnet"]["SubnetId"]
        for i, zone in ((1, "a"), (2, "b"))
    ]  # fmt: skip
    return clients("elbv2").create_load_balancer(
        Name=BALANCER, Subnets=subnets, Scheme="internet-facing", Type="application"
    )["LoadBalancers"][0]["LoadBalancerArn"]


def _rule(elb: Any, listener: dict, priority: int, path: str, actions: list[dict]) -> str:
    return elb.create_rule(
        ListenerArn=listener["ListenerArn"], Priority=priority, Actions=actions,
        Conditions=[{"Field": "path-pattern", "Values": [path]}],
    )["Rules"][0]["RuleArn"]  # fmt: skip
