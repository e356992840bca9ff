"""The Application Load Balancer crawl, against moto's server over HTTP: rules that forward to a
Lambda target group are stored with their auth; client secrets never are."""

from __future__ import annotations

import io
import json
import zipfile

import boto3

OIDC = {
    "Issuer": "https://login.example", "AuthorizationEndpoint": "https://login.example/a",
    "TokenEndpoint": "https://login.example/t", "UserInfoEndpoint": "https://login.example/u",
    "ClientId": "web", "ClientSecret": "hunter2-client-secret",
}  # fmt: skip


def _function(session: boto3.Session, endpoint: str) -> str:
    role = session.client("iam", endpoint_url=endpoint).create_role(
        RoleName="locator", AssumeRolePolicyDocument="{}"
    )["Role"]["Arn"]
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("index.py", "def handler(e, c): pass\n")
    return session.client("lambda", endpoint_url=endpoint).create_function(
        FunctionName="locator", Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": package.getvalue()},
    )["FunctionArn"]  # fmt: skip


def _balancer(session: boto3.Session, endpoint: str, name: str, scheme: str) -> dict:
    ec2 = session.client("ec2", endpoint_url=endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")[
            "Subnet"
        ]["SubnetId"]
        for i, z in ((1, "a"), (2, "b"))
    ]
    elb = session.client("elbv2", endpoint_url=endpoint)
    lb = elb.create_load_balancer(Name=name, Subnets=subnets, Scheme=scheme)["LoadBalancers"][0]
    return elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
        DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}],
    )["Listeners"][0]  # fmt: skip


def _rule(elb, listener: dict, priority: int, path: str, actions: list[dict]) -> str:
    return elb.create_rule(
        ListenerArn=listener["ListenerArn"], Priority=priority, Actions=actions,
        Conditions=[{"Field": "path-pattern", "Values": [path]}],
    )["Rules"][0]["RuleArn"]  # fmt: skip


def test_lambda_rules_are_stored_with_their_auth_and_target_functions(
    account_session, moto_endpoint, crawl_account
):
    function = _function(account_session, moto_endpoint)
    elb = account_session.client("elbv2", endpoint_url=moto_endpoint)
    group = elb.create_target_group(Name="locator", TargetType="lambda")["TargetGroups"][0]
    elb.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": function}])
    instances = elb.create_target_group(
        Name="web", Protocol="HTTP", Port=80, VpcId=_vpc(account_session, moto_endpoint)
    )["TargetGroups"][0]
    listener = _balancer(account_session, moto_endpoint, "web", "internet-facing")
    forward = {"Type": "forward", "TargetGroupArn": group["TargetGroupArn"], "Order": 3}
    open_rule = _rule(elb, listener, 10, "/stores/*", [forward])
    oidc = {"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": OIDC}
    staff = _rule(elb, listener, 20, "/staff/*", [oidc, forward])
    let_through = {**oidc, "AuthenticateOidcConfig": {**OIDC, "OnUnauthenticatedRequest": "allow"}}
    maybe = _rule(elb, listener, 30, "/maybe/*", [let_through, forward])
    other = {"Type": "forward", "TargetGroupArn": instances["TargetGroupArn"]}
    _rule(elb, listener, 40, "/site/*", [other])

    snapshot = crawl_account(services=("elbv2",))

    rules = {r["arn"]: r for r in snapshot.rows("elb_listener_rules")}
    assert set(rules) == {open_rule, staff, maybe}  # the instance rule is not a Lambda entry
    assert rules[open_rule]["name"] == "web HTTP:80 /stores/*"
    assert rules[open_rule]["scheme"] == "internet-facing"
    assert {a: r["authorization_type"] for a, r in rules.items()} == {
        open_rule: "NONE", staff: "OIDC", maybe: "NONE"
    }  # fmt: skip
    assert rules[maybe]["unauthenticated_allowed"] is True
    assert rules[staff]["auth_provider"] == OIDC["Issuer"]
    assert rules[open_rule]["target_group_arns"] == [group["TargetGroupArn"]]
    [row] = snapshot.rows("elb_target_groups")
    assert (row["function_arns"], row["targets_read"]) == ([function], True)
    assert [b["name"] for b in snapshot.rows("elb_load_balancers")] == ["web"]
    assert "hunter2-client-secret" not in json.dumps(snapshot.rows("elb_listener_rules"))
    assert snapshot.rows("errors") == []


def _vpc(session: boto3.Session, endpoint: str) -> str:
    return session.client("ec2", endpoint_url=endpoint).create_vpc(CidrBlock="10.9.0.0/16")["Vpc"][
        "VpcId"
    ]
