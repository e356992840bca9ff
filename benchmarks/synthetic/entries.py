"""Resource adders for what starts functions: state machines, user pools, REST and HTTP APIs,
event source mappings, function URLs, async destinations and log subscriptions."""

from __future__ import annotations

import json
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import HttpApi, RestApi
from benchmarks.synthetic.roles import STATES_TRUST, RolePlan
from benchmarks.synthetic.stores import Stores

WRITE_TASKS = {
    "sqs": ("arn:aws:states:::sqs:sendMessage", "QueueUrl"),
    "sns": ("arn:aws:states:::sns:publish", "TopicArn"),
    "dynamodb": ("arn:aws:states:::dynamodb:putItem", "TableName"),
}
"""Service integrations a state machine writes through: (resource, argument naming the target)."""


class Entries(Stores):
    """Adds the resources that trigger functions."""

    # -- Step Functions --------------------------------------------------------------------

    def sfn_role(self, team: str) -> RolePlan:
        return self.shared(
            ("sfn-role", team),
            lambda: self.new_role(team, "sfn", trusts=[STATES_TRUST], attached=[]),
        )

    def add_state_machine(
        self, region: str, team: str, functions: list[str], writes: list[tuple[str, str]] = ()
    ) -> str:
        """A machine that invokes `functions` in turn, then writes (service, target ARN)."""
        name = self.name(team, "flow")
        arn = shapes.arn("states", region, f"stateMachine:{name}")
        role = self.sfn_role(team)
        states: dict[str, Any] = {}
        steps = [("lambda", fn) for fn in functions] + list(writes)
        for index, (service, target) in enumerate(steps):
            states[f"Step{index}"] = self._task(service, target, index + 1 < len(steps), index)
            action = "lambda:InvokeFunction" if service == "lambda" else _write_action(service)
            role.grant(action, target)
        definition = {"StartAt": "Step0", "States": states or {"Done": {"Type": "Succeed"}}}
        n = self.next()
        self.account.region(region).state_machines[arn] = {
            "stateMachineArn": arn,
            "name": name,
            "status": "ACTIVE",
            "type": "STANDARD",
            "definition": json.dumps(definition),
            "roleArn": role.arn,
            "creationDate": shapes.when(n),
            "loggingConfiguration": {"level": "OFF", "includeExecutionData": False},
            "tracingConfiguration": {"enabled": self.chance(0.3)},
        }
        self.others += 1
        return arn

    def _task(self, service: str, target: str, more: bool, index: int) -> dict[str, Any]:
        if service == "lambda":
            task = {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": target, "Payload.$": "$"},
            }
        else:
            resource, key = WRITE_TASKS[service]
            value = _write_target(service, target)
            task = {
                "Type": "Task",
                "Resource": resource,
                "Parameters": {key: value, "MessageBody.$": "$"},
            }
        task.update({"Next": f"Step{index + 1}"} if more else {"End": True})
        return task

    # -- Cognito ---------------------------------------------------------------------------

    def add_pool(self, region: str, team: str, triggers: dict[str, str], signup: bool) -> str:
        n = self.next()
        pool_id = f"{region}_{n:09d}"
        arn = shapes.arn("cognito-idp", region, f"userpool/{pool_id}")
        summary = {
            "Id": pool_id,
            "Name": self.name(team, "users"),
            "LambdaConfig": triggers,
            "CreationDate": shapes.when(n),
            "LastModifiedDate": shapes.when(n),
        }
        self.account.region(region).pools[pool_id] = {
            **summary,
            "Arn": arn,
            "MfaConfiguration": self.pick(("OFF", "OPTIONAL", "ON")),
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": not signup},
            "EstimatedNumberOfUsers": n,
            "DeletionProtection": "ACTIVE",
        }
        for fn in triggers.values():
            self.allow_invoke(fn, {"Service": "cognito-idp.amazonaws.com"}, arn)
        self.others += 1
        return arn

    def team_pool(self, region: str, team: str) -> str:
        return self.shared(
            ("pool", region, team), lambda: self.add_pool(region, team, {}, self.chance(0.5))
        )

    # -- API Gateway -----------------------------------------------------------------------

    def rest_api(self, region: str, team: str) -> RestApi:
        return self.shared(("rest", region, team), lambda: self._add_rest_api(region, team))

    def _add_rest_api(self, region: str, team: str) -> RestApi:
        api_id = f"r{self.next():09d}"
        private = self.chance(0.05)
        record = {
            "id": api_id,
            "name": f"{team}-api",
            "createdDate": shapes.EPOCH,
            "apiKeySource": "HEADER",
            "disableExecuteApiEndpoint": False,
            "endpointConfiguration": {"types": ["PRIVATE" if private else "REGIONAL"]},
            "tags": {"team": team},
        }
        api = RestApi(record, resources=[{"id": f"{api_id}-root", "path": "/"}])
        pool = self.team_pool(region, team)
        api.authorizers.append(
            {"id": "auth1", "name": "users", "type": "COGNITO_USER_POOLS", "providerARNs": [pool]}
        )
        stage: dict[str, Any] = {
            "stageName": "prod",
            "deploymentId": "d1",
            "tracingEnabled": self.chance(0.5),
            "variables": {},
        }
        if self.chance(0.6):
            stage["accessLogSettings"] = {
                "destinationArn": shapes.arn("logs", region, f"log-group:/apigw/{team}"),
                "format": "$context.requestId",
            }
        api.stages.append(stage)
        self.account.region(region).rest_apis[api_id] = api
        self.others += 1
        return api

    def add_rest_route(self, region: str, team: str, fn: str, auth: str) -> None:
        """A method on a new resource of the team's REST API, integrated with `fn`."""
        api = self.rest_api(region, team)
        path = f"/{fn.split(':')[6].split('-', 1)[1]}"
        method = self.pick(("GET", "POST", "PUT", "ANY"))
        spec: dict[str, Any] = {
            "httpMethod": method,
            "apiKeyRequired": auth == "KEY",
            "authorizationType": "NONE" if auth == "KEY" else auth,
            "methodIntegration": {
                "type": "AWS_PROXY",
                "httpMethod": "POST",
                "uri": shapes.invoke_uri(region, fn),
            },
        }
        if auth == "COGNITO_USER_POOLS":
            spec["authorizerId"] = "auth1"
        resource_id = f"{api.record['id']}-{len(api.resources)}"
        api.resources.append(
            {
                "id": resource_id,
                "parentId": api.resources[0]["id"],
                "pathPart": path[1:],
                "path": path,
                "resourceMethods": {method: spec},
            }
        )
        source = shapes.arn("execute-api", region, f"{api.record['id']}/*/{method}{path}")
        self.allow_invoke(fn, {"Service": "apigateway.amazonaws.com"}, source)

    def http_api(self, region: str, team: str) -> HttpApi:
        return self.shared(("http", region, team), lambda: self._add_http_api(region, team))

    def _add_http_api(self, region: str, team: str) -> HttpApi:
        api_id = f"h{self.next():09d}"
        record = {
            "ApiId": api_id,
            "Name": f"{team}-http",
            "ProtocolType": "HTTP",
            "ApiEndpoint": f"https://{api_id}.execute-api.{region}.amazonaws.com",
            "CreatedDate": shapes.EPOCH,
            "DisableExecuteApiEndpoint": False,
            "RouteSelectionExpression": "$request.method $request.path",
            "ApiKeySelectionExpression": "$request.header.x-api-key",
            "Tags": {},
        }
        api = HttpApi(record)
        api.authorizers.append(
            {
                "AuthorizerId": "jwt1",
                "AuthorizerType": "JWT",
                "Name": "users",
                "IdentitySource": ["$request.header.Authorization"],
                "JwtConfiguration": {"Issuer": f"https://issuer/{team}", "Audience": [team]},
            }
        )
        api.stages.append(
            {
                "StageName": "$default",
                "AutoDeploy": True,
                "CreatedDate": shapes.EPOCH,
                "DefaultRouteSettings": {"DetailedMetricsEnabled": False},
            }
        )
        self.account.region(region).http_apis[api_id] = api
        self.others += 1
        return api

    def add_http_route(self, region: str, team: str, fn: str, auth: str) -> None:
        api = self.http_api(region, team)
        integration = f"i{len(api.integrations):05d}"
        api.integrations.append(
            {
                "IntegrationId": integration,
                "IntegrationType": "AWS_PROXY",
                "IntegrationUri": fn,
                "PayloadFormatVersion": "2.0",
                "IntegrationMethod": "POST",
            }
        )
        key = f"{self.pick(('GET', 'POST', 'ANY'))} /{fn.split(':')[6].split('-', 1)[1]}"
        route = {
            "RouteId": f"rt{len(api.routes):05d}",
            "RouteKey": key,
            "ApiKeyRequired": False,
            "AuthorizationType": auth,
            "Target": f"integrations/{integration}",
        }
        if auth == "JWT":
            route["AuthorizerId"] = "jwt1"
        api.routes.append(route)
        source = shapes.arn("execute-api", region, f"{api.record['ApiId']}/*/*")
        self.allow_invoke(fn, {"Service": "apigateway.amazonaws.com"}, source)

    # -- Application Load Balancers ----------------------------------------------------------

    def add_alb_rule(self, region: str, team: str, fn: str, auth: str) -> None:
        """A rule on the team's load balancer forwarding to a target group holding `fn`;
        `auth` is NONE, OIDC or COGNITO (an authenticate action before the forward)."""
        data = self.account.region(region)
        listener = self.shared(("alb", region, team), lambda: self._add_balancer(region, team))
        group = shapes.arn("elasticloadbalancing", region, f"targetgroup/tg{self.next():07d}/1")
        data.target_groups[group] = {
            "TargetGroupArn": group, "TargetGroupName": group.split("/")[1],
            "TargetType": "lambda", "LoadBalancerArns": [],
        }  # fmt: skip
        data.target_health[group] = [fn]
        rules = data.lb_rules[listener]
        actions = [{"Type": "forward", "TargetGroupArn": group, "Order": 2}]
        if auth == "OIDC":
            actions.insert(0, {"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": {
                "Issuer": "https://login.example.com", "ClientId": "web"}})  # fmt: skip
        elif auth == "COGNITO":
            pool = shapes.arn("cognito-idp", region, f"userpool/{region}_{team}")
            actions.insert(0, {"Type": "authenticate-cognito", "Order": 1,
                               "AuthenticateCognitoConfig": {"UserPoolArn": pool}})  # fmt: skip
        rules.append({
            "RuleArn": f"{listener.replace(':listener/', ':listener-rule/')}/r{len(rules):05d}",
            "Priority": str(len(rules) + 1), "IsDefault": False, "Actions": actions,
            "Conditions": [{"Field": "path-pattern", "Values": [f"/{fn.split(':')[6]}/*"]}],
        })  # fmt: skip
        self.allow_invoke(fn, {"Service": "elasticloadbalancing.amazonaws.com"}, group)

    def _add_balancer(self, region: str, team: str) -> str:
        """The team's application load balancer (mostly internet-facing) and its listener."""
        data = self.account.region(region)
        name = f"{team}-alb"
        arn = shapes.arn(
            "elasticloadbalancing", region, f"loadbalancer/app/{name}/{self.next():016x}"
        )
        scheme = "internet-facing" if self.chance(0.7) else "internal"
        data.balancers[arn] = {
            "LoadBalancerArn": arn, "LoadBalancerName": name, "Scheme": scheme,
            "Type": "application", "DNSName": f"{name}.{region}.elb.amazonaws.com",
            "SecurityGroups": ["sg-0123456789abcdef0"],
        }  # fmt: skip
        listener = arn.replace(":loadbalancer/", ":listener/") + "/l1"
        data.listeners[arn] = [
            {"ListenerArn": listener, "LoadBalancerArn": arn, "Protocol": "HTTPS", "Port": 443}
        ]
        data.lb_rules[listener] = []
        return listener

    # -- Lambda triggers and outputs -------------------------------------------------------

    def add_mapping(self, source: str, fn: str, on_failure: str | None = None) -> None:
        extra = (
            {"DestinationConfig": {"OnFailure": {"Destination": on_failure}}} if on_failure else {}
        )
        record = shapes.mapping(f"{self.next():08d}-esm", source, fn, **extra)
        self.account.region(fn.split(":")[3]).mappings.append(record)

    def add_url(self, fn: str, auth: str) -> None:
        data = self.account.region(fn.split(":")[3])
        name = fn.split(":")[6]
        data.urls[name] = [shapes.url_config(fn, auth, self.next())]
        if auth == "NONE":
            policy = data.function_policies.setdefault((name, None), shapes.doc())
            policy["Statement"].append(shapes.url_statement(fn))

    def add_destinations(self, fn: str, on_success: str | None, on_failure: str | None) -> None:
        data = self.account.region(fn.split(":")[3])
        data.invoke_configs[fn.split(":")[6]] = [shapes.invoke_config(fn, on_success, on_failure)]

    def dead_letter(self, fn: str, queue: str) -> None:
        record = self.account.region(fn.split(":")[3]).functions[fn.split(":")[6]]
        record["DeadLetterConfig"] = {"TargetArn": queue}

    def subscribe_logs(self, fn: str, destination: str) -> None:
        """A subscription filter on the function's log group, shipping it to `destination`."""
        data = self.account.region(fn.split(":")[3])
        group = f"/aws/lambda/{fn.split(':')[6]}"
        data.log_filters[group] = [
            {
                "filterName": "ship",
                "logGroupName": group,
                "filterPattern": "",
                "destinationArn": destination,
                "distribution": "ByLogStream",
                "creationTime": 1_704_067_200_000,
            }
        ]
        if ":function:" in destination:
            source = shapes.arn("logs", fn.split(":")[3], f"log-group:{group}:*")
            self.allow_invoke(destination, {"Service": "logs.amazonaws.com"}, source)


def _write_action(service: str) -> str:
    return {"sqs": "sqs:SendMessage", "sns": "sns:Publish", "dynamodb": "dynamodb:PutItem"}[service]


def _write_target(service: str, target: str) -> str:
    """The task argument naming a target: a queue URL, a topic ARN, a table name."""
    parts = target.split(":")
    if service == "sqs":
        return shapes.queue_url(parts[3], parts[5])
    if service == "dynamodb":
        return parts[5].split("/", 1)[1]
    return target
