"""Literal configuration values never reach the snapshot: one account crawled for real.

A distinct secret is seeded in every place that can hold a literal (EventBridge target HTTP
parameters and transformer, REST integration parameters and templates, HTTP API integration
parameters, WebSocket templates, stage variables, Step Functions literals, Cognito's SMS external
id), one more is shared by a function's environment and three other kinds. The moto account is
crawled over HTTP, and the snapshot file's bytes are searched for every secret in every encoding
a JSON layer could give it. References and the graph the analysis builds must not change.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from explorer.analysis.analyze import Analysis, analyze
from explorer.cli.crawling import crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions
from explorer.store.reader import Snapshot, open_snapshot
from tests.conftest import session_credentials
from tests.crawl.test_lambda import _function
from tests.demo.test_account import account_session

ACCOUNT = "500000000011"
REGION = "us-east-1"
SERVICES = ("lambda", "events", "apigateway", "apigatewayv2", "stepfunctions", "cognito-idp")
PLACES = (
    "env", "header_query", "header_path", "input_template", "sagemaker", "sql", "rest_request",
    "rest_template", "rest_response", "rest_response_template", "rest_stage", "http_request",
    "http_mixed", "http_response", "http_stage", "ws_template", "sfn_nested", "sfn_result",
    "sfn_body", "sfn_choice", "sfn_credentials", "cognito", "rest_uri_password", "rest_uri_query",
    "http_uri_query",
)  # fmt: skip


def _secret(place: str) -> str:
    """A value no JSON layer leaves alone: a quote, a backslash and a non-ASCII letter."""
    return f's3cr3t-{place}-{secrets.token_hex(8)}-é"\\'


def forms(value: str) -> set[bytes]:
    """Every way a JSON layer (or two, for definitions inside `raw`) could write `value`."""
    once = [json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]]
    twice = [json.dumps(f)[1:-1] for f in once] + [
        json.dumps(f, ensure_ascii=False)[1:-1] for f in once
    ]
    core = value.split("-")[2]  # the random part, which no escaping changes
    return {form.encode() for form in [value, *once, *twice, core]}


@dataclass(frozen=True)
class Seeded:
    values: dict[str, str]
    shared: str
    arns: dict[str, str]


def _lambda_and_events(session: boto3.Session, endpoint: str, s: dict[str, str], shared: str):
    env = {"API_TOKEN": shared, "PLAIN": s["env"]}
    fn = _function(session, endpoint, "holder", Environment={"Variables": env})
    account = fn.split(":")[4]
    role = f"arn:aws:iam::{account}:role/events"
    ev = session.client("events", endpoint_url=endpoint)
    rule = ev.put_rule(Name="placed", EventPattern=json.dumps({"source": ["shop"]}))["RuleArn"]
    ev.put_targets(Rule="placed", Targets=[
        {"Id": "call", "Arn": fn, "HttpParameters": {
            "HeaderParameters": {"Authorization": f"Bearer {shared}"},
            "QueryStringParameters": {"key": s["header_query"], "id": "$.detail.id"},
            "PathParameterValues": [s["header_path"]]},
         "InputTransformer": {"InputPathsMap": {"id": "$.detail.id"},
                              "InputTemplate": f'{{"k": "{s["input_template"]}", "id": <id>}}'}},
        {"Id": "pipeline", "Arn": f"arn:aws:sagemaker:{REGION}:{account}:pipeline/p",
         "RoleArn": role, "SageMakerPipelineParameters": {
             "PipelineParameterList": [{"Name": "apiKey", "Value": s["sagemaker"]}]}},
        {"Id": "warehouse", "Arn": f"arn:aws:redshift:{REGION}:{account}:cluster:c",
         "RoleArn": role, "RedshiftDataParameters": {
             "Database": "dev", "DbUser": "loader", "Sql": f"select '{s['sql']}'"}},
    ])  # fmt: skip
    return {"function": fn, "rule": rule, "role": role, "account": account}


def _invocation(fn: str) -> str:
    return f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{fn}/invocations"


def _rest_api(session: boto3.Session, endpoint: str, s: dict[str, str], shared: str, fn: str):
    ag = session.client("apigateway", endpoint_url=endpoint)
    api = ag.create_rest_api(name="orders")["id"]
    root = ag.get_resources(restApiId=api)["items"][0]["id"]
    res = ag.create_resource(restApiId=api, parentId=root, pathPart="orders")["id"]
    common = {"restApiId": api, "resourceId": res, "httpMethod": "GET"}
    ag.put_method(**common, authorizationType="NONE",
                  requestParameters={"method.request.header.x-id": True})  # fmt: skip
    ag.put_integration(
        **common, type="HTTP", integrationHttpMethod="GET",
        uri=f"https://svc:{s['rest_uri_password']}@backend.example.com/o"
            f"?api_key={s['rest_uri_query']}",
        requestParameters={"integration.request.header.Authorization": f"'{shared}'",
                           "integration.request.header.x-id": "method.request.header.x-id"},
        requestTemplates={"application/json":
                          f'{{"key": "{s["rest_template"]}", "id": "$input.params(\'id\')"}}'},
    )  # fmt: skip
    ag.put_method_response(**common, statusCode="200",
                           responseParameters={"method.response.header.X-Key": True})  # fmt: skip
    ag.put_integration_response(
        **common, statusCode="200",
        responseParameters={"method.response.header.X-Key": f"'{s['rest_response']}'"},
        responseTemplates={"application/json": f"{s['rest_response_template']} $input.path('$')"},
    )  # fmt: skip
    ag.put_method(restApiId=api, resourceId=res, httpMethod="POST", authorizationType="NONE")
    ag.put_integration(
        restApiId=api, resourceId=res, httpMethod="POST", type="AWS_PROXY",
        integrationHttpMethod="POST", uri=_invocation(fn),
        requestParameters={"integration.request.header.x-static": f"'{s['rest_request']}'"},
    )  # fmt: skip
    deployment = ag.create_deployment(restApiId=api)["id"]
    ag.create_stage(restApiId=api, stageName="prod", deploymentId=deployment,
                    variables={"backendKey": s["rest_stage"]})  # fmt: skip
    return api


def _http_apis(session: boto3.Session, endpoint: str, s: dict[str, str], fn: str) -> str:
    v2 = session.client("apigatewayv2", endpoint_url=endpoint)
    api = v2.create_api(Name="h", ProtocolType="HTTP")["ApiId"]
    proxy = v2.create_integration(
        ApiId=api, IntegrationType="HTTP_PROXY",
        IntegrationUri=f"https://backend.example.com/p?code={s['http_uri_query']}&v=1",
        IntegrationMethod="GET", PayloadFormatVersion="1.0",
        RequestParameters={"append:header.authorization": s["http_request"],
                           "overwrite:path": "$request.path.id",
                           "append:header.x-mixed": f"{s['http_mixed']} $context.requestId"},
        ResponseParameters={"200": {"append:header.x-k": s["http_response"]}},
    )["IntegrationId"]  # fmt: skip
    v2.create_route(ApiId=api, RouteKey="GET /proxy", Target=f"integrations/{proxy}")
    direct = v2.create_integration(
        ApiId=api, IntegrationType="AWS_PROXY", IntegrationUri=fn, PayloadFormatVersion="2.0"
    )["IntegrationId"]
    v2.create_route(ApiId=api, RouteKey="POST /orders", Target=f"integrations/{direct}")
    v2.create_stage(ApiId=api, StageName="prod", StageVariables={"k": s["http_stage"]})
    ws = v2.create_api(
        Name="w", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action"
    )["ApiId"]
    templated = v2.create_integration(
        ApiId=ws, IntegrationType="AWS", IntegrationUri=_invocation(fn),
        RequestTemplates={"application/json": f"{s['ws_template']} $input.body"},
    )["IntegrationId"]  # fmt: skip
    v2.create_route(ApiId=ws, RouteKey="$default", Target=f"integrations/{templated}")
    return api


def _definition(s: dict[str, str], shared: str, role: str, queue: str) -> dict:
    return {"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "holder", "Payload": {
                     "apiKey": shared, "nested": [{"k": s["sfn_nested"]}], "id.$": "$.id"}},
                 "Credentials": {"RoleArn": role, "ExternalId": s["sfn_credentials"]},
                 "Next": "Decide"},
        "Decide": {"Type": "Choice", "Default": "Keep", "Choices": [
            {"Variable": "$.code", "StringEquals": s["sfn_choice"], "Next": "Send"}]},
        "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                 "Parameters": {"QueueUrl": queue, "MessageBody": s["sfn_body"]}, "Next": "Keep"},
        "Keep": {"Type": "Pass", "Result": {"token": s["sfn_result"]}, "End": True},
    }}  # fmt: skip


def seed(session: boto3.Session, endpoint: str) -> Seeded:
    s = {place: _secret(place) for place in PLACES}
    shared = _secret("shared")
    arns = _lambda_and_events(session, endpoint, s, shared)
    arns["rest_api"] = _rest_api(session, endpoint, s, shared, arns["function"])
    arns["http_api"] = _http_apis(session, endpoint, s, arns["function"])
    queue = f"https://sqs.{REGION}.amazonaws.com/{arns['account']}/outbox"
    arns["queue"] = f"arn:aws:sqs:{REGION}:{arns['account']}:outbox"
    sfn = session.client("stepfunctions", endpoint_url=endpoint)
    definition = _definition(s, shared, arns["role"], queue)
    arns["machine"] = sfn.create_state_machine(
        name="orders", definition=json.dumps(definition), roleArn=arns["role"]
    )["stateMachineArn"]
    cognito = session.client("cognito-idp", endpoint_url=endpoint)
    arns["pool"] = cognito.create_user_pool(
        PoolName="users", LambdaConfig={"PreSignUp": arns["function"]},
        SmsConfiguration={"SnsCallerArn": arns["role"], "ExternalId": s["cognito"]},
    )["UserPool"]["Arn"]  # fmt: skip
    return Seeded(s, shared, arns)


def crawl(session: boto3.Session, endpoint: str, folder: Path, keep: bool = False) -> Path:
    target = Target(endpoint_url=endpoint, credentials=session_credentials(session))
    options = CrawlOptions(target=target, regions=(REGION,), workers=4, services=SERVICES)
    return crawl_to_snapshot(options, folder, keep_secret_values=keep, quiet=True).path


@dataclass(frozen=True)
class Crawled:
    seeded: Seeded
    snapshot: Snapshot
    kept: Snapshot


@pytest.fixture(scope="module")
def crawled(moto_endpoint, tmp_path_factory) -> Iterator[Crawled]:
    session = account_session(moto_endpoint, ACCOUNT)
    seeded = seed(session, moto_endpoint)
    snapshot = open_snapshot(crawl(session, moto_endpoint, tmp_path_factory.mktemp("redacted")))
    kept = open_snapshot(crawl(session, moto_endpoint, tmp_path_factory.mktemp("kept"), True))
    yield Crawled(seeded, snapshot, kept)
    snapshot.close()
    kept.close()


def analysed(snapshot: Snapshot) -> Analysis:
    """The analysis of a snapshot, read in full (a fresh handle: the analysis closes it)."""
    analysis = analyze(open_snapshot(snapshot.path))
    _ = analysis.findings
    analysis.finish_reading()
    return analysis


def one(snapshot: Snapshot, table: str, **match: str) -> dict:
    [row] = [r for r in snapshot.rows(table) if all(r.get(k) == v for k, v in match.items())]
    return row


def test_no_seeded_literal_reaches_the_file_in_any_encoding(crawled):
    data = crawled.snapshot.path.read_bytes()
    everything = {**crawled.seeded.values, "shared": crawled.seeded.shared}

    leaked = {place: form for place, value in everything.items() for form in forms(value)
              if form in data}  # fmt: skip

    assert leaked == {}
    assert crawled.snapshot.rows("errors") == []


def test_references_and_names_are_kept(crawled):
    snapshot = crawled.snapshot

    target = one(snapshot, "event_targets", target_id="call")["raw"]
    assert target["HttpParameters"]["QueryStringParameters"]["id"] == "$.detail.id"
    assert target["InputTransformer"]["InputPathsMap"] == {"id": "$.detail.id"}
    assert target["InputTransformer"]["InputTemplate"]["references"] == ["<id>"]
    redshift = one(snapshot, "event_targets", target_id="warehouse")["raw"]
    assert (
        redshift["RedshiftDataParameters"]["Database"],
        redshift["RedshiftDataParameters"]["DbUser"],
    ) == ("dev", "loader")
    rest = one(snapshot, "rest_methods", http_method="GET")["raw"]["methodIntegration"]
    assert (
        rest["requestParameters"]["integration.request.header.x-id"] == "method.request.header.x-id"
    )
    assert rest["requestTemplates"]["application/json"]["references"] == ["$input.params('id')"]
    assert rest["uri"] == "https://svc:{redacted}@backend.example.com/o?api_key={redacted}"
    http = one(snapshot, "http_routes", route_key="GET /proxy")
    assert http["integration_uri"] == "https://backend.example.com/p?code={redacted}&v={redacted}"
    assert http["integration_parameters"]["overwrite:path"] == "$request.path.id"
    assert http["integration_parameters"]["append:header.x-mixed"]["references"] == [
        "$context.requestId"
    ]
    definition = one(snapshot, "state_machines")["definition"]["States"]
    assert definition["Call"]["Parameters"]["Payload"]["id.$"] == "$.id"
    assert definition["Call"]["Credentials"]["RoleArn"] == crawled.seeded.arns["role"]
    assert definition["Decide"]["Choices"][0]["Variable"] == "$.code"
    pool = one(snapshot, "cognito_user_pools")["raw"]["SmsConfiguration"]
    assert pool["SnsCallerArn"] == crawled.seeded.arns["role"]


def test_every_redacted_value_is_listed_with_its_field(crawled):
    listed = {(table, r["field"]) for table in ("event_targets", "rest_methods", "rest_stages",
              "http_routes", "http_stages", "state_machines", "cognito_user_pools")
              for row in crawled.snapshot.rows(table) for r in row["redacted_values"]}  # fmt: skip

    assert {
        ("event_targets", "HttpParameters.HeaderParameters.Authorization"),
        ("event_targets", "HttpParameters.PathParameterValues[0]"),
        ("event_targets", "SageMakerPipelineParameters.PipelineParameterList[0].Value"),
        (
            "rest_methods",
            'methodIntegration.requestParameters["integration.request.header.Authorization"]',
        ),
        (
            "rest_methods",
            'methodIntegration.integrationResponses.200.responseTemplates["application/json"]',
        ),
        ("rest_stages", "variables.backendKey"),
        ("http_routes", 'Integration.ResponseParameters.200["append:header.x-k"]'),
        ("http_routes", 'Integration.RequestTemplates["application/json"]'),
        ("http_stages", "StageVariables.k"),
        ("state_machines", "definition.States.Keep.Result.token"),
        ("state_machines", "definition.States.Call.Credentials.ExternalId"),
        ("cognito_user_pools", "SmsConfiguration.ExternalId"),
    } <= listed


def test_the_analysis_still_sees_every_trigger_and_write(crawled):
    arns = crawled.seeded.arns
    graph = analysed(crawled.snapshot).graph
    edges = {(u, v, k) for u, v, k in graph.edges(keys=False, data="kind")}

    assert {
        (arns["rule"], arns["function"], "triggers"),
        (arns["machine"], arns["function"], "triggers"),
        (arns["machine"], arns["queue"], "writes"),
        (arns["pool"], arns["function"], "triggers"),
    } <= edges
    routes = {u for u, v, k in edges if v == arns["function"] and ":execute-api:" in u}
    assert len(routes) == 3  # REST POST, HTTP POST, WebSocket $default


def test_one_secret_in_four_kinds_is_one_shared_secret_naming_every_place(crawled):
    arns = crawled.seeded.arns
    findings = analysed(crawled.snapshot).findings

    [shared] = [f for f in findings if f.rule == "shared-secret"]

    assert shared.title.startswith("Same secret value in 4 places")
    for place in (
        f"function environment {arns['function']}: Environment.Variables.API_TOKEN",
        f"EventBridge target {arns['rule']} target call: HttpParameters.HeaderParameters."
        "Authorization",
        "REST API integration",
        'methodIntegration.requestParameters["integration.request.header.Authorization"]',
        f"state machine definition {arns['machine']}: definition.States.Call.Parameters."
        "Payload.apiKey",
    ):
        assert place in shared.detail
    assert {arns["function"], arns["rule"], arns["machine"]} <= set(shared.path)
    assert crawled.seeded.shared not in shared.detail


def test_keeping_values_keeps_them_for_every_kind_and_says_so(crawled):
    kept = crawled.kept
    records = [r for table in ("event_targets", "rest_methods", "rest_stages", "http_routes",
               "http_stages", "state_machines", "cognito_user_pools")
               for row in kept.rows(table) for r in row["redacted_values"]]  # fmt: skip
    values = {r["value"] for r in records} | {
        r["value"] for row in kept.rows("functions") for r in row["environment"].values()
    }

    assert kept.meta["secret_values_kept"] is True
    assert all(r["redacted"] is False for r in records)
    missing = [s for s in crawled.seeded.values.values() if not any(s in v for v in values)]
    assert missing == []  # templates and SQL hold their secret inside other text
    [finding] = [f for f in analysed(kept).findings if f.rule == "secret-values-kept"]
    assert finding.severity == "info" and "--unsafe-keep-secret-values" in finding.detail
