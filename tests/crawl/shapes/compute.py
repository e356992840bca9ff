"""What AWS guarantees beyond the output shapes: identity, IAM, Lambda, tags, S3, logs, tables,
streams, state machines and user pools. Each `fix` edits a drawn response in place."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.crawl.shapes import realism as r
from tests.crawl.shapes.model import Call, Landing, call_key
from tests.crawl.shapes.realism import ACCOUNT, REGION, arn, function_arn

# -- the crawl's first calls ------------------------------------------------------------------

REGIONS = st.lists(st.sampled_from(["eu-central-1", "us-east-1", "ap-southeast-2"]), unique=True)


def identity(call: Call) -> None:
    call.response.update(Account=ACCOUNT, UserId=f"AIDA{call.world.next():016d}")
    call.response["Arn"] = f"arn:aws:iam::{ACCOUNT}:user/{call.name()}"


def regions(call: Call) -> None:
    """Enabled regions, each named once (the crawler builds a client per region)."""
    names = call.draw(REGIONS.filter(bool) if call.rich else REGIONS)
    drawn = call.items("Regions") or [{}]
    listed = [{**drawn[i % len(drawn)], "RegionName": n} for i, n in enumerate(names)]
    call.response["Regions"] = listed


# -- IAM --------------------------------------------------------------------------------------

IAM_LISTS = (
    ("RoleDetailList", "role", "RoleName", "iam_roles"),
    ("UserDetailList", "user", "UserName", "iam_users"),
    ("GroupDetailList", "group", "GroupName", "iam_groups"),
)


def iam(call: Call) -> None:
    """Names unique per kind; ARNs built from path and name, as IAM does."""
    for key, kind, name_key, _ in IAM_LISTS:
        for item in call.items(key):
            item[name_key] = call.name()
            item["Arn"] = f"arn:aws:iam::{ACCOUNT}:{kind}{item.get('Path', '/')}{item[name_key]}"
    users = call.world.memo.setdefault("users", {})
    users.update((u["UserName"], u["Arn"]) for u in call.items("UserDetailList"))
    for policy in call.items("Policies"):
        policy["PolicyName"] = name = call.name()
        owner = call.draw(st.sampled_from([ACCOUNT, "aws"]))
        policy["Arn"] = f"arn:aws:iam::{owner}:policy{policy.get('Path', '/')}{name}"


def iam_lands(call: Call) -> list[Landing]:
    found = [Landing(t, {"arn": i["Arn"]}) for key, _, _, t in IAM_LISTS for i in call.items(key)]
    return found + [Landing("iam_policies", {"arn": p["Arn"]}) for p in call.items("Policies")]


# -- Lambda -----------------------------------------------------------------------------------


def functions(call: Call) -> None:
    for item in call.items("Functions"):
        item["FunctionName"] = call.name()
        item["FunctionArn"] = function_arn(item["FunctionName"])


def mappings(call: Call) -> None:
    for item in call.items("EventSourceMappings"):
        item["UUID"] = f"{call.world.next():08x}-0000-4000-8000-{call.world.next():012x}"


def qualifier(call: Call) -> str:
    return f"q{call.name()}"  # an alias name is never all digits


def aliases(call: Call) -> None:
    for item in call.items("Aliases"):
        item["Name"] = qualifier(call)
        item["AliasArn"] = f"{function_arn(call.params['FunctionName'])}:{item['Name']}"


def per_qualifier(key: str):
    """Configs listed per function: one per qualifier at most (the first one unqualified)."""

    def fix(call: Call) -> None:
        base = call.params["FunctionName"]
        for index, item in enumerate(call.items(key)):
            first = index == 0 and call.page == 0
            item["FunctionArn"] = base if first else f"{base}:{qualifier(call)}"

    return fix


def url(call: Call) -> None:
    """GetFunctionUrlConfig answers for the function and qualifier asked for."""
    asked = call.params.get("Qualifier")
    base = call.params["FunctionName"]
    call.response["FunctionArn"] = f"{base}:{asked}" if asked else base


def has_policy(call: Call) -> None:
    """A policy read that succeeds always carries the policy (the model marks it optional)."""
    call.response.setdefault("Policy", call.draw(r.POLICY_TEXT))


def policy_lands(call: Call) -> list[Landing]:
    asked = call.params.get("Qualifier") or "$LATEST"
    keys = {"function_arn": call.params["FunctionName"], "qualifier": asked}
    return [Landing("function_policies", keys)]


def concurrency_lands(call: Call) -> list[Landing]:
    """The setting lands in the function's own row (None: none set, AWS answers `{}`)."""
    reserved = call.response.get("ReservedConcurrentExecutions")
    keys = {"arn": call.params["FunctionName"], "reserved_concurrency": reserved}
    return [Landing("functions", keys)]


# -- tags, S3 ---------------------------------------------------------------------------------


def tagged(call: Call) -> None:
    for item in call.items("ResourceTagMappingList"):
        item["ResourceARN"] = f"{call.draw(r.ANY_ARN)}-{call.world.next()}"


BUCKET_NAMES = st.one_of(
    r.regex(r"[a-z0-9][a-z0-9.-]{0,50}"),
    r.regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,240}"),  # legacy us-east-1 names: capitals, `_`, 255
)


def buckets(call: Call) -> None:
    for item in call.items("Buckets"):
        item["Name"] = f"{call.draw(BUCKET_NAMES)}-{call.world.next()}"


NOTIFICATIONS = ("LambdaFunctionConfigurations", "QueueConfigurations", "TopicConfigurations")


def notifications(call: Call) -> None:
    """S3 gives every notification configuration an id, unique in the bucket."""
    for key in NOTIFICATIONS:
        for item in call.items(key):
            item["Id"] = f"{item.get('Id', '')}-{call.world.next()}"


def notification_lands(call: Call) -> list[Landing]:
    bucket = f"arn:aws:s3:::{call.params['Bucket']}"
    ids = [i["Id"] for key in NOTIFICATIONS for i in call.items(key)]
    if call.response.get("EventBridgeConfiguration") is not None:
        ids.append("EventBridgeConfiguration")
    return [Landing("s3_notifications", {"bucket_arn": bucket, "id": i}) for i in ids]


# -- CloudWatch Logs, DynamoDB, Kinesis, Step Functions, Cognito ------------------------------


def log_groups(call: Call) -> None:
    for item in call.items("logGroups"):
        name = item["logGroupName"] = f"/aws/lambda/{call.name()}"
        for key, suffix in (("arn", ":*"), ("logGroupArn", "")):
            if key in item:
                item[key] = arn("logs", f"log-group:{name}{suffix}")


def filters(call: Call) -> None:
    for item in call.items("subscriptionFilters"):
        item.update(filterName=call.name(), logGroupName=call.params["logGroupName"])


def tables(call: Call) -> None:
    listed = call.response.get("TableNames") or []
    names = [call.draw(r.regex(r"[a-zA-Z0-9_.-]{3,200}")) for _ in listed]
    call.response["TableNames"] = [f"{n}-{call.world.next()}" for n in names]


def table_lands(call: Call) -> list[Landing]:
    """Each listed table lands, unless it was deleted before it could be described."""
    return [
        Landing("dynamodb_tables", {"name": name},
                unless=call_key("dynamodb", "DescribeTable", {"TableName": name}, None))
        for name in call.response["TableNames"]
    ]  # fmt: skip


def table(call: Call) -> None:
    """DescribeTable answers for the table asked for; its ARN and stream ARN follow the name."""
    name = call.params["TableName"]
    described = call.response.setdefault("Table", {})
    described.update(TableName=name, TableArn=arn("dynamodb", f"table/{name}"))
    if "LatestStreamArn" in described:
        described["LatestStreamArn"] = f"{described['TableArn']}/stream/2024-05-01T00:00:00.000"


def streams(call: Call) -> None:
    for item in call.items("StreamSummaries"):
        item["StreamName"] = call.name()
        item["StreamARN"] = arn("kinesis", f"stream/{item['StreamName']}")
    call.response["StreamNames"] = [s["StreamName"] for s in call.items("StreamSummaries")]


def stream(call: Call) -> None:
    asked = call.params["StreamARN"]
    summary = call.response["StreamDescriptionSummary"]
    summary.update(StreamARN=asked, StreamName=asked.rsplit("/", 1)[-1])


def machines(call: Call) -> None:
    for item in call.items("stateMachines"):
        item["name"] = f"{call.draw(r.STATE_MACHINE_NAMES)}-{call.world.next()}"
        item["stateMachineArn"] = arn("states", f"stateMachine:{item['name']}")


def machine(call: Call) -> None:
    asked = call.params["stateMachineArn"]
    call.response.update(stateMachineArn=asked, name=asked.rsplit(":", 1)[-1])


def pools(call: Call) -> None:
    for item in call.items("UserPools"):
        item["Id"] = f"{REGION}_{call.draw(r.regex(r'[0-9a-zA-Z]{1,9}'))}{call.world.next()}"


def pool(call: Call) -> None:
    described = call.response.setdefault("UserPool", {})
    described["Id"] = call.params["UserPoolId"]
    if "Arn" in described:
        described["Arn"] = arn("cognito-idp", f"userpool/{described['Id']}")


def pool_clients(call: Call) -> None:
    """Client ids unique per pool's list, as Cognito makes them."""
    for item in call.items("UserPoolClients"):
        item["ClientId"] = f"client{call.world.next()}"
        item["UserPoolId"] = call.params["UserPoolId"]


def pool_client_lands(call: Call) -> list[Landing]:
    pool = arn("cognito-idp", f"userpool/{call.params['UserPoolId']}")
    return [
        Landing("cognito_user_pool_clients", {"pool_arn": pool, "client_id": i["ClientId"]})
        for i in call.items("UserPoolClients")
    ]


def pool_client(call: Call) -> None:
    described = call.response.setdefault("UserPoolClient", {})
    described.update(UserPoolId=call.params["UserPoolId"], ClientId=call.params["ClientId"])


def identity_pools(call: Call) -> None:
    for item in call.items("IdentityPools"):
        item["IdentityPoolId"] = f"{REGION}:{call.world.next():08d}-0000-0000-0000-000000000000"


def identity_pool_lands(call: Call) -> list[Landing]:
    return [
        Landing("cognito_identity_pools", {"id": i["IdentityPoolId"]})
        for i in call.items("IdentityPools")
    ]


def identity_pool(call: Call) -> None:
    call.response["IdentityPoolId"] = call.params["IdentityPoolId"]


def identity_pool_roles(call: Call) -> None:
    call.response["IdentityPoolId"] = call.params["IdentityPoolId"]


# -- CloudTrail -------------------------------------------------------------------------------


def trails(call: Call) -> None:
    """Trail ARNs unique; some trails are homed in the crawled region (their selectors and
    status are read there), others are shadows of trails homed elsewhere."""
    for index, item in enumerate(call.items("trailList")):
        item["TrailARN"] = arn("cloudtrail", f"trail/{call.name()}")
        homes = [REGION] if index == 0 else [REGION, "us-west-2"]  # one at least is read here
        item["HomeRegion"] = call.draw(st.sampled_from(homes))


def trail_lands(call: Call) -> list[Landing]:
    return [
        Landing("trails", {"arn": i["TrailARN"], "region": REGION}) for i in call.items("trailList")
    ]


def selector_lands(call: Call) -> list[Landing]:
    """Both kinds land as lists (the kind an answer lacks as [])."""
    answer = call.response
    keys = {
        "arn": call.params["TrailName"],
        "event_selectors": answer.get("EventSelectors") or [],
        "advanced_event_selectors": answer.get("AdvancedEventSelectors") or [],
    }
    return [Landing("trails", keys)]


def status_lands(call: Call) -> list[Landing]:
    return [
        Landing(
            "trails", {"arn": call.params["Name"], "is_logging": call.response.get("IsLogging")}
        )
    ]
