"""Application Load Balancers: listener rules that forward to Lambda target groups.

Per region: one paginated DescribeLoadBalancers and one DescribeTargetGroups (both bulk), then
one DescribeTargetHealth per Lambda target group (the function it holds: AWS has no bulk read),
one paginated DescribeListeners per application load balancer and one paginated DescribeRules
per listener. Only rules that forward to a Lambda target group are stored. Network and gateway
load balancers cannot target functions and are not read further.

A rule's auth is its `authenticate-oidc` or `authenticate-cognito` action; one that lets
unauthenticated requests through (`OnUnauthenticatedRequest: allow`) is recorded as no auth.
Client secrets in those actions are never stored. Security groups are recorded by id only: their
rules are not read (a noted gap), so an internet-facing balancer counts as reachable.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.schema.records import Row

SERVICE = "elbv2"

AUTH_TYPES = {"authenticate-oidc": "OIDC", "authenticate-cognito": "COGNITO"}
"""Listener rule action type -> the auth type a rule row records."""
SECRET_KEYS = frozenset({"ClientSecret"})


def describe_load_balancers(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "describe_load_balancers", "LoadBalancers")


def describe_target_groups(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "describe_target_groups", "TargetGroups")


def target_functions(ctx: CrawlContext, client: Any, group_arn: str) -> list[str] | None:
    """The function ARNs registered in a Lambda target group (None: the read failed)."""
    response = ctx.call(client, "describe_target_health", group_arn, TargetGroupArn=group_arn)
    if response is None:
        return None
    found = [
        (d.get("Target") or {}).get("Id") for d in response.get("TargetHealthDescriptions") or []
    ]
    return sorted({f for f in found if isinstance(f, str) and f.startswith("arn:")})


def transform_load_balancer(region: str, raw: dict[str, Any]) -> Row:
    return {
        "arn": raw["LoadBalancerArn"],
        "name": raw.get("LoadBalancerName"),
        "region": region,
        "scheme": raw.get("Scheme"),
        "type": raw.get("Type"),
        "dns_name": raw.get("DNSName"),
        "vpc_id": raw.get("VpcId"),
        "security_groups": list(raw.get("SecurityGroups") or []),
        "state": (raw.get("State") or {}).get("Code"),
        "raw": raw,
    }


def transform_target_group(region: str, raw: dict[str, Any], functions: list[str] | None) -> Row:
    return {
        "arn": raw["TargetGroupArn"],
        "name": raw.get("TargetGroupName"),
        "region": region,
        "target_type": raw.get("TargetType"),
        "load_balancer_arns": list(raw.get("LoadBalancerArns") or []),
        "targets_read": functions is not None,
        "function_arns": functions or [],
        "raw": raw,
    }


def rule_auth(actions: list[dict[str, Any]]) -> tuple[str, str | None, bool]:
    """(auth type, provider, unauthenticated requests let through) of a rule's actions: `NONE`
    without an authenticate action or with one set to `allow`."""
    for action in actions:
        kind = AUTH_TYPES.get(str(action.get("Type")))
        if kind is None:
            continue
        config = action.get("AuthenticateOidcConfig") or action.get("AuthenticateCognitoConfig")
        config = config if isinstance(config, dict) else {}
        provider = config.get("Issuer") or config.get("UserPoolArn")
        allowed = str(config.get("OnUnauthenticatedRequest") or "").lower() == "allow"
        return ("NONE" if allowed else kind), provider, allowed
    return "NONE", None, False


def forwarded_groups(actions: list[dict[str, Any]]) -> list[str]:
    """Target group ARNs a rule forwards to (a single group, or a weighted forward config)."""
    found = []
    for action in actions:
        if action.get("Type") != "forward":
            continue
        if action.get("TargetGroupArn"):
            found.append(action["TargetGroupArn"])
        groups = (action.get("ForwardConfig") or {}).get("TargetGroups") or []
        found += [
            g["TargetGroupArn"] for g in groups if isinstance(g, dict) and g.get("TargetGroupArn")
        ]
    return sorted(set(found))


def rule_name(balancer: dict[str, Any], listener: dict[str, Any], raw: dict[str, Any]) -> str:
    """`web HTTPS:443 /api/*`, or `... default` for a listener's default rule."""
    values = [v for c in raw.get("Conditions") or [] for v in _condition_values(c)]
    where = " ".join(values) if values else "default" if raw.get("IsDefault") else "any"
    port = f"{listener.get('Protocol')}:{listener.get('Port')}"
    return f"{balancer.get('LoadBalancerName')} {port} {where}"


def _condition_values(condition: dict[str, Any]) -> list[str]:
    values = list(condition.get("Values") or [])
    for key in ("PathPatternConfig", "HostHeaderConfig"):
        values += list((condition.get(key) or {}).get("Values") or [])
    return [str(v) for v in values]


def _without_secrets(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for action in actions:
        action = dict(action)
        for key in ("AuthenticateOidcConfig", "AuthenticateCognitoConfig"):
            if isinstance(action.get(key), dict):
                action[key] = {k: v for k, v in action[key].items() if k not in SECRET_KEYS}
        cleaned.append(action)
    return cleaned


def transform_rule(
    region: str, balancer: dict[str, Any], listener: dict[str, Any], raw: dict[str, Any]
) -> Row:
    actions = sorted(_without_secrets(raw.get("Actions") or []), key=lambda a: a.get("Order") or 0)
    auth, provider, allowed = rule_auth(actions)
    raw = {**raw, "Actions": actions}
    return {
        "arn": raw["RuleArn"],
        "name": rule_name(balancer, listener, raw),
        "region": region,
        "load_balancer_arn": balancer["LoadBalancerArn"],
        "load_balancer_name": balancer.get("LoadBalancerName"),
        "scheme": balancer.get("Scheme"),
        "listener_arn": listener["ListenerArn"],
        "protocol": listener.get("Protocol"),
        "port": listener.get("Port"),
        "priority": str(raw.get("Priority") or ""),
        "is_default": bool(raw.get("IsDefault")),
        "conditions": list(raw.get("Conditions") or []),
        "authorization_type": auth,
        "auth_provider": provider,
        "unauthenticated_allowed": allowed,
        "target_group_arns": forwarded_groups(actions),
        "security_groups": list(balancer.get("SecurityGroups") or []),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl application load balancers, their rules and Lambda target groups in one region."""
    client = ctx.client(SERVICE, region)
    balancers = [b for b in describe_load_balancers(ctx, client) if b.get("LoadBalancerArn")]
    ctx.emit("elb_load_balancers", [transform_load_balancer(region, b) for b in balancers])
    groups = [g for g in describe_target_groups(ctx, client) if g.get("TargetType") == "lambda"]

    def one_group(raw: dict[str, Any]) -> None:
        functions = target_functions(ctx, client, raw["TargetGroupArn"])
        ctx.emit("elb_target_groups", [transform_target_group(region, raw, functions)])

    def one_balancer(balancer: dict[str, Any]) -> None:
        arn = balancer["LoadBalancerArn"]
        for listener in ctx.paginate(
            client, "describe_listeners", "Listeners", arn, LoadBalancerArn=arn
        ):
            rules = ctx.paginate(
                client,
                "describe_rules",
                "Rules",
                listener["ListenerArn"],
                ListenerArn=listener["ListenerArn"],
            )
            rows = [transform_rule(region, balancer, listener, r) for r in rules]
            rows = [r for r in rows if set(r["target_group_arns"]) & lambda_groups]
            ctx.emit("elb_listener_rules", rows)

    lambda_groups = {g["TargetGroupArn"] for g in groups if g.get("TargetGroupArn")}
    ctx.map(one_group, [g for g in groups if g.get("TargetGroupArn")])
    ctx.map(one_balancer, [b for b in balancers if b.get("Type") == "application"])
