"""The demo deploy: everything in its manifest exists in moto, wired and flawed as it says."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import pytest

from explorer.crawl.redact import Redactor
from explorer.demo.account import DemoManifest, deploy
from explorer.demo.manifest import (
    ASYNC_DESTINATION,
    ESM_DYNAMODB,
    ESM_KINESIS,
    ESM_SQS,
    FLAW_OWASP,
    S3_NOTIFICATION,
    SNS_SUBSCRIPTION,
    TRIGGER_KINDS,
)
from explorer.demo.naming import lambda_log_group
from explorer.demo.server import FAKE_CREDENTIALS

pytestmark = pytest.mark.moto

ACCOUNT = "200000000001"
SECOND_ACCOUNT = "200000000002"
REGION = "us-east-1"


@dataclass(frozen=True)
class Deployed:
    """A deployed demo: its manifest, a client factory into its account, and the deploy time."""

    manifest: DemoManifest
    session: boto3.Session
    endpoint: str
    seconds: float

    def client(self, service: str):
        return self.session.client(service, endpoint_url=self.endpoint, region_name=REGION)


def account_session(endpoint: str, account: str) -> boto3.Session:
    """A session in a given moto account (moto maps assumed-role credentials to the account)."""
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=REGION, **FAKE_CREDENTIALS)
    creds = sts.assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/explorer-test", RoleSessionName="demo-test"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=REGION,
    )


@pytest.fixture(scope="module")
def demo(moto_endpoint: str) -> Iterator[Deployed]:
    """One deploy for the whole module, into an account no other test uses."""
    session = account_session(moto_endpoint, ACCOUNT)
    started = time.perf_counter()
    manifest = deploy(session, moto_endpoint, REGION)
    yield Deployed(manifest, session, moto_endpoint, time.perf_counter() - started)


@pytest.fixture(scope="module")
def m(demo: Deployed) -> DemoManifest:
    return demo.manifest


def known_nodes(m: DemoManifest) -> set[str]:
    """Every node id the manifest names (resources, routes, URL nodes, origins)."""
    nodes = {"internet", f"account:{m.foreign_account}", f"arn:aws:s3::{m.account_id}:account"}
    nodes |= set(m.functions.values()) | set(m.roles.values()) | set(m.topics.values())
    nodes |= {u.arn for u in m.users.values()} | {g.arn for g in m.groups.values()}
    nodes |= {f"{m.functions[name]}#url" for name in m.function_urls}
    nodes |= {f"arn:aws:s3:::{b}" for b in m.buckets}
    nodes |= {q.arn for q in m.queues.values()} | set(m.kinesis_streams.values())
    nodes |= {t.arn for t in m.tables.values()} | {t.stream_arn for t in m.tables.values()}
    nodes |= set(m.event_buses.values()) | set(m.state_machines.values())
    nodes |= {r.arn for r in m.routes} | {r.arn for r in m.event_rules}
    nodes |= {f"arn:aws:logs:{m.region}:{m.account_id}:log-group:{g}" for g in m.log_groups}
    nodes |= {f"arn:aws:apigateway:{m.region}::/restapis/{api}" for api in m.rest_apis.values()}
    if m.trails:  # a region's trail findings: every trail of the region, as an ARN pattern
        nodes.add(f"arn:aws:cloudtrail:{m.region}:{m.account_id}:trail/*")
    nodes |= {f"arn:aws:cognito-idp:{m.region}:{m.account_id}:userpool/{pool}"
              for pool in m.user_pools.values()}  # fmt: skip
    return nodes - {None}


# --- the manifest itself -------------------------------------------------------------------


def test_deploy_reports_its_account_and_time(demo: Deployed) -> None:
    print(f"\ndemo deploy took {demo.seconds:.2f} s")  # shown with -s; not a timed assertion
    assert demo.manifest.account_id == ACCOUNT
    assert demo.manifest.region == REGION


def test_manifest_has_at_least_fifteen_functions(m: DemoManifest) -> None:
    assert len(m.functions) >= 15


def test_every_trigger_kind_starts_some_function(m: DemoManifest) -> None:
    kinds = {t.kind for t in m.function_triggers()}
    assert set(TRIGGER_KINDS) <= kinds


def test_s3_notifies_a_function_a_queue_and_a_topic(m: DemoManifest) -> None:
    targets = {t.target.split(":")[2] for t in m.triggers if t.kind == S3_NOTIFICATION}
    assert targets == {"lambda", "sqs", "sns"}


def test_every_finding_category_has_a_flaw(m: DemoManifest) -> None:
    assert {f.kind for f in m.flaws} == set(FLAW_OWASP)


def test_every_flaw_chain_and_restriction_names_a_known_node(m: DemoManifest) -> None:
    nodes = known_nodes(m)
    named = {f.resource for f in m.flaws} | {n for c in m.chains for n in c.nodes}
    named |= {r.resource for r in m.restrictions}
    assert named - nodes == set()


def test_only_the_foreign_layer_is_unobservable_in_moto(m: DemoManifest) -> None:
    assert [f.kind for f in m.flaws if not f.observable] == ["foreign-layer"]
    assert [t.kind for t in m.triggers if not t.observable] == []


def test_manifest_serialises_to_json(m: DemoManifest) -> None:
    document = json.loads(json.dumps(dataclasses.asdict(m)))
    assert document["functions"] == dict(m.functions)


def test_manifest_is_immutable(m: DemoManifest) -> None:
    with pytest.raises(TypeError):
        m.functions["x"] = "y"  # type: ignore[index]


def test_names_are_the_same_in_every_account(demo: Deployed, moto_endpoint: str) -> None:
    other = deploy(account_session(moto_endpoint, SECOND_ACCOUNT), moto_endpoint, REGION)

    def shape(manifest: DemoManifest) -> tuple:
        names = [manifest.functions, manifest.roles, manifest.policies]
        text = json.dumps([sorted(n.items()) for n in names] + [sorted(manifest.users)])
        buckets = sorted(manifest.buckets)
        return text.replace(manifest.account_id, "ACCOUNT"), [
            b.replace(manifest.account_id, "ACCOUNT") for b in buckets
        ]

    assert shape(other) == shape(demo.manifest)
    assert len(other.flaws) == len(demo.manifest.flaws)
    assert [p.name for p in other.escalations] == [p.name for p in demo.manifest.escalations]


# --- Lambda ---------------------------------------------------------------------------------


def test_every_function_exists_with_its_runtime_and_role(demo: Deployed) -> None:
    m, lam = demo.manifest, demo.client("lambda")
    listed = {f["FunctionName"]: f for f in lam.list_functions()["Functions"]}
    for name, arn in m.functions.items():
        assert listed[name]["FunctionArn"] == arn
        assert listed[name]["Runtime"] == m.runtimes[name]
        assert listed[name]["Role"] == m.function_roles[name]


def _environment(lam, name: str) -> dict[str, str]:
    """A function's variables (a function created without any has no Environment key)."""
    return (lam.get_function_configuration(FunctionName=name).get("Environment") or {}).get(
        "Variables"
    ) or {}


def test_environments_mix_ordinary_and_seeded_secret_values(demo: Deployed) -> None:
    lam = demo.client("lambda")
    values = []
    for name in demo.manifest.functions:
        values.extend(_environment(lam, name).values())
    assert "info" in values
    assert set(demo.manifest.seeded_secrets) <= set(values)


def test_one_secret_value_is_shared_by_two_functions(demo: Deployed) -> None:
    lam = demo.client("lambda")
    holders: dict[str, set[str]] = {}
    for name in demo.manifest.functions:
        for value in _environment(lam, name).values():
            holders.setdefault(value, set()).add(name)
    shared = [v for v in demo.manifest.seeded_secrets if len(holders.get(v, ())) > 1]
    assert shared


def test_every_seeded_secret_trips_a_secret_detector(m: DemoManifest) -> None:
    redactor = Redactor(b"test-key")
    for value in m.seeded_secrets:
        assert redactor.detectors("VALUE", value) or redactor.detectors("SECRET", value), value


def test_hostile_text_is_stored_verbatim(demo: Deployed) -> None:
    (flaw,) = demo.manifest.flaws_of("hostile-text")
    got = demo.client("lambda").get_function(FunctionName=flaw.resource)
    assert demo.manifest.hostile_text in got["Configuration"]["Description"]
    assert any(demo.manifest.hostile_text in v for v in got["Tags"].values())
    assert "\x1b[2J" in demo.manifest.hostile_text


def test_tracing_is_off_exactly_where_flawed(demo: Deployed) -> None:
    lam, m = demo.client("lambda"), demo.manifest
    off = {
        arn
        for name, arn in m.functions.items()
        if lam.get_function_configuration(FunctionName=name)["TracingConfig"]["Mode"] != "Active"
    }
    functions = set(m.functions.values())
    assert off == {f.resource for f in m.flaws_of("no-tracing") if f.resource in functions}


def test_reserved_concurrency_is_set_exactly_where_the_manifest_says(demo: Deployed) -> None:
    lam, m = demo.client("lambda"), demo.manifest
    reserved = {
        name: lam.get_function_concurrency(FunctionName=name).get("ReservedConcurrentExecutions")
        for name in m.functions
    }
    assert {n: r for n, r in reserved.items() if r is not None} == dict(m.reserved_concurrency)
    assert m.reserved_concurrency["pixmart-upload-api"] > 5  # the capped public function


def test_trail_logs_every_region_but_no_lambda_data_events(demo: Deployed) -> None:
    trail = demo.client("cloudtrail")
    [arn] = demo.manifest.trails.values()
    [listed] = trail.describe_trails(trailNameList=[arn])["trailList"]
    selectors = trail.get_event_selectors(TrailName=arn)["EventSelectors"]
    assert listed["IsMultiRegionTrail"] and trail.get_trail_status(Name=arn)["IsLogging"]
    assert [r for s in selectors for r in s["DataResources"]] == []


def test_thumbnailer_uses_the_published_layer(demo: Deployed) -> None:
    config = demo.client("lambda").get_function_configuration(FunctionName="pixmart-thumbnailer")
    assert [layer["Arn"] for layer in config["Layers"]] == list(demo.manifest.layers)


def test_function_urls_have_their_auth_types(demo: Deployed) -> None:
    lam = demo.client("lambda")
    for name, auth in demo.manifest.function_urls.items():
        assert lam.get_function_url_config(FunctionName=name)["AuthType"] == auth
    assert set(demo.manifest.function_urls.values()) == {"NONE", "AWS_IAM"}


def test_a_foreign_account_may_invoke_the_admin_tool(demo: Deployed) -> None:
    policy = demo.client("lambda").get_policy(FunctionName="pixmart-admin-tools")["Policy"]
    assert demo.manifest.foreign_account in policy


def test_public_url_is_granted_to_everyone(demo: Deployed) -> None:
    policy = json.loads(demo.client("lambda").get_policy(FunctionName="pixmart-track")["Policy"])
    actions = {s["Action"] for s in policy["Statement"] if s["Principal"] in ("*", {"AWS": "*"})}
    assert "lambda:InvokeFunctionUrl" in actions


def test_event_source_mappings_match_the_manifest(demo: Deployed) -> None:
    mappings = demo.client("lambda").list_event_source_mappings()["EventSourceMappings"]
    found = {(_mapping_source(e), e["FunctionArn"]) for e in mappings}
    kinds = (ESM_SQS, ESM_KINESIS, ESM_DYNAMODB)
    every = (*kinds, "event-source-mapping")  # the Kafka and MQ sources' mappings
    expected = {(t.source, t.target) for t in demo.manifest.triggers if t.kind in every}
    assert expected <= found
    assert {t.kind for t in demo.manifest.triggers if t.kind in kinds} == set(kinds)


def _mapping_source(mapping: dict) -> str:
    """The mapping's source ARN; self-managed Kafka has none: `kafka:<sorted servers>`."""
    endpoints = mapping.get("SelfManagedEventSource", {}).get("Endpoints", {})
    servers = sorted(endpoints.get("KAFKA_BOOTSTRAP_SERVERS", []))
    return mapping.get("EventSourceArn") or "kafka:" + ",".join(servers)


def test_async_destinations_match_the_manifest(demo: Deployed) -> None:
    lam = demo.client("lambda")
    for t in (t for t in demo.manifest.triggers if t.kind == ASYNC_DESTINATION):
        config = lam.get_function_event_invoke_config(FunctionName=t.source)
        assert config["DestinationConfig"][t.detail]["Destination"] == t.target


def test_nothing_was_invoked_during_deploy(demo: Deployed) -> None:
    """Nothing but what AWS itself runs on set-up: configuring rotation runs the rotation
    function's testSecret step (RotateImmediately false), in moto as in AWS."""
    rotators = {t.target.rsplit(":", 1)[1] for t in demo.manifest.triggers
                if t.kind == "secret-rotation"}  # fmt: skip
    groups = demo.client("logs").describe_log_groups()["logGroups"]
    assert {g["logGroupName"] for g in groups} == set(demo.manifest.log_groups)
    invoked = {g["logGroupName"] for g in groups if g.get("storedBytes", 0)}
    assert invoked <= {lambda_log_group(name) for name in rotators}


# --- IAM ------------------------------------------------------------------------------------


def test_every_role_exists_and_functions_trust_lambda(demo: Deployed) -> None:
    iam, m = demo.client("iam"), demo.manifest
    for name, arn in m.roles.items():
        assert iam.get_role(RoleName=name)["Role"]["Arn"] == arn
    for role_arn in set(m.function_roles.values()):
        trust = iam.get_role(RoleName=role_arn.split("/")[-1])["Role"]["AssumeRolePolicyDocument"]
        assert "lambda.amazonaws.com" in json.dumps(trust)


def test_partner_role_trusts_the_foreign_account(demo: Deployed) -> None:
    role = demo.client("iam").get_role(RoleName="pixmart-partner-access-role")["Role"]
    assert demo.manifest.foreign_account in json.dumps(role["AssumeRolePolicyDocument"])


def test_gallery_role_has_a_permissions_boundary(demo: Deployed) -> None:
    role = demo.client("iam").get_role(RoleName="pixmart-gallery-role")["Role"]
    boundary = role["PermissionsBoundary"]["PermissionsBoundaryArn"]
    assert boundary == demo.manifest.policies["pixmart-gallery-boundary"]


def test_pipeline_policy_keeps_a_non_default_version(demo: Deployed) -> None:
    iam = demo.client("iam")
    versions = iam.list_policy_versions(PolicyArn=demo.manifest.policies["pixmart-photo-pipeline"])
    defaults = {v["VersionId"]: v["IsDefaultVersion"] for v in versions["Versions"]}
    assert defaults == {"v1": False, "v2": True}


def inline_statements(demo: Deployed, role: str) -> list[dict]:
    """The statements of a role's one inline policy (named `<role>-inline`)."""
    policy = demo.client("iam").get_role_policy(RoleName=role, PolicyName=f"{role}-inline")
    return policy["PolicyDocument"]["Statement"]


def test_cleanup_role_denies_the_reports_bucket(demo: Deployed) -> None:
    statements = inline_statements(demo, "pixmart-cleanup-role")
    denies = [s for s in statements if s["Effect"] == "Deny"]
    (restriction,) = [r for r in demo.manifest.restrictions if r.by == "deny"]
    assert restriction.resource in json.dumps(denies)


def test_payments_grant_carries_a_condition(demo: Deployed) -> None:
    assert any("Condition" in s for s in inline_statements(demo, "pixmart-payments-role"))


def test_admin_role_allows_everything(demo: Deployed) -> None:
    admin = {"Effect": "Allow", "Action": "*", "Resource": "*"}
    assert admin in inline_statements(demo, "pixmart-admin-role")


# --- stores and wiring ----------------------------------------------------------------------


def test_buckets_exist_and_the_gallery_is_public(demo: Deployed) -> None:
    s3 = demo.client("s3")
    names = {b["Name"] for b in s3.list_buckets()["Buckets"]}
    assert set(demo.manifest.buckets) <= names
    gallery = next(b for b in demo.manifest.buckets if "public-gallery" in b)
    # moto 5.2.1 does not implement GetBucketPolicyStatus (an empty PolicyStatus comes back)
    statements = json.loads(s3.get_bucket_policy(Bucket=gallery)["Policy"])["Statement"]
    assert any(s["Principal"] == "*" and s["Action"] == "s3:GetObject" for s in statements)
    with pytest.raises(s3.exceptions.ClientError):
        s3.get_public_access_block(Bucket=gallery)


def test_bucket_notifications_match_the_manifest(demo: Deployed) -> None:
    s3 = demo.client("s3")
    for t in (t for t in demo.manifest.triggers if t.kind == S3_NOTIFICATION):
        config = s3.get_bucket_notification_configuration(Bucket=t.source.split(":::")[1])
        assert t.target in json.dumps(config)


def test_queues_exist_with_their_policies(demo: Deployed) -> None:
    sqs = demo.client("sqs")
    for queue in demo.manifest.queues.values():
        attributes = sqs.get_queue_attributes(QueueUrl=queue.url, AttributeNames=["All"])
        assert attributes["Attributes"]["QueueArn"] == queue.arn
    orders = sqs.get_queue_attributes(
        QueueUrl=demo.manifest.queues["pixmart-orders"].url, AttributeNames=["All"]
    )["Attributes"]
    assert demo.manifest.foreign_account in orders["Policy"]
    assert "pixmart-dead-letters" in orders["RedrivePolicy"]


def test_topic_subscriptions_match_the_manifest(demo: Deployed) -> None:
    sns = demo.client("sns")
    found = {(s["TopicArn"], s["Endpoint"]) for s in sns.list_subscriptions()["Subscriptions"]}
    expected = {(t.source, t.target) for t in demo.manifest.triggers if t.kind == SNS_SUBSCRIPTION}
    assert expected == found


def test_public_topic_policy_allows_anyone(demo: Deployed) -> None:
    sns = demo.client("sns")
    attributes = sns.get_topic_attributes(TopicArn=demo.manifest.topics["pixmart-order-events"])
    statements = json.loads(attributes["Attributes"]["Policy"])["Statement"]
    assert any(s["Principal"] == "*" for s in statements)


def test_tables_and_streams_match_the_manifest(demo: Deployed) -> None:
    dynamodb = demo.client("dynamodb")
    for name, ref in demo.manifest.tables.items():
        table = dynamodb.describe_table(TableName=name)["Table"]
        assert (table["TableArn"], table.get("LatestStreamArn")) == (ref.arn, ref.stream_arn)


def test_kinesis_streams_exist(demo: Deployed) -> None:
    kinesis = demo.client("kinesis")
    for name, arn in demo.manifest.kinesis_streams.items():
        assert kinesis.describe_stream(StreamName=name)["StreamDescription"]["StreamARN"] == arn


def test_rules_target_their_functions(demo: Deployed) -> None:
    events = demo.client("events")
    for rule in demo.manifest.event_rules:
        targets = events.list_targets_by_rule(Rule=rule.name, EventBusName=rule.bus)["Targets"]
        expected = {t.target for t in demo.manifest.triggers if t.source == rule.arn}
        assert {t["Arn"] for t in targets} == expected
    assert {bool(r.schedule) for r in demo.manifest.event_rules} == {True, False}


def test_orders_bus_admits_the_foreign_account(demo: Deployed) -> None:
    bus = demo.client("events").describe_event_bus(Name="pixmart-orders-bus")
    assert demo.manifest.foreign_account in bus["Policy"]


def test_state_machine_calls_lambda_both_ways(demo: Deployed) -> None:
    (arn,) = demo.manifest.state_machines.values()
    definition = demo.client("stepfunctions").describe_state_machine(stateMachineArn=arn)
    states = json.loads(definition["definition"])["States"].values()
    resources = {s["Resource"] for s in states}
    assert "arn:aws:states:::lambda:invoke" in resources
    assert resources & set(demo.manifest.functions.values())


def test_user_pool_has_lambda_triggers(demo: Deployed) -> None:
    pool_id = demo.manifest.user_pools["pixmart-users"]
    pool = demo.client("cognito-idp").describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert set(pool["LambdaConfig"].values()) <= set(demo.manifest.functions.values())
    assert "PreSignUp" in pool["LambdaConfig"]


def test_customer_pool_lets_anyone_sign_up_and_the_staff_pool_does_not(demo: Deployed) -> None:
    idp = demo.client("cognito-idp")
    pools = {name: idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
             for name, pool_id in demo.manifest.user_pools.items()}  # fmt: skip
    assert not pools["pixmart-users"]["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"]
    assert pools["pixmart-users"]["MfaConfiguration"] == "OFF"
    assert pools["pixmart-staff"]["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"]
    assert pools["pixmart-staff"]["MfaConfiguration"] == "ON"


def test_log_retention_and_subscription_match_the_manifest(demo: Deployed) -> None:
    logs = demo.client("logs")
    groups = {g["logGroupName"]: g for g in logs.describe_log_groups()["logGroups"]}
    for name, retention in demo.manifest.log_groups.items():
        assert groups[name].get("retentionInDays") == retention
    filters = logs.describe_subscription_filters(logGroupName="/aws/lambda/pixmart-charge-card")
    assert filters["subscriptionFilters"][0]["destinationArn"] in demo.manifest.functions.values()


# --- APIs -----------------------------------------------------------------------------------


def test_rest_routes_have_their_authorization(demo: Deployed) -> None:
    gateway, m = demo.client("apigateway"), demo.manifest
    (api,) = m.rest_apis.values()
    resources = gateway.get_resources(restApiId=api, embed=["methods"])["items"]
    methods = {
        (r["path"], k): v for r in resources for k, v in r.get("resourceMethods", {}).items()
    }
    for route in (r for r in m.routes if r.api_kind == "rest"):
        method = methods[(route.path, route.method)]
        assert method["authorizationType"] == route.auth
        assert method["apiKeyRequired"] == route.api_key_required
        assert m.functions[route.function] in method["methodIntegration"]["uri"]
    auths = {r.auth for r in m.routes if r.api_kind == "rest"}
    assert auths == {"NONE", "COGNITO_USER_POOLS", "CUSTOM"}


def test_rest_api_has_both_authorizer_kinds_and_an_api_key(demo: Deployed) -> None:
    gateway = demo.client("apigateway")
    (api,) = demo.manifest.rest_apis.values()
    kinds = {a["type"] for a in gateway.get_authorizers(restApiId=api)["items"]}
    assert kinds == {"COGNITO_USER_POOLS", "TOKEN"}
    assert {k["id"] for k in gateway.get_api_keys()["items"]} == set(demo.manifest.api_keys)


def test_rest_stage_has_no_access_logging(demo: Deployed) -> None:
    (api,) = demo.manifest.rest_apis.values()
    stage = demo.client("apigateway").get_stage(restApiId=api, stageName="prod")
    assert "accessLogSettings" not in stage


def test_http_routes_have_their_authorization(demo: Deployed) -> None:
    v2, m = demo.client("apigatewayv2"), demo.manifest
    (api,) = m.http_apis.values()
    routes = {r["RouteKey"]: r for r in v2.get_routes(ApiId=api)["Items"]}
    for route in (r for r in m.routes if r.api_kind == "http"):
        assert routes[f"{route.method} {route.path}"].get("AuthorizationType", "NONE") == route.auth
    assert {r.auth for r in m.routes if r.api_kind == "http"} == {"NONE", "JWT"}


def test_http_stage_logs_access(demo: Deployed) -> None:
    (api,) = demo.manifest.http_apis.values()
    (stage,) = demo.client("apigatewayv2").get_stages(ApiId=api)["Items"]
    assert stage["AccessLogSettings"]["DestinationArn"]
