"""AWS IoT topic rules: the MQTT topics each reads, its SQL, and the functions and other
resources its actions (and its error action) send messages to.

Per region: one paginated `ListTopicRules` (name, ARN, topic filter, whether disabled), then one
`GetTopicRule` per rule: AWS has no bulk read of rules' actions. A rule whose read fails keeps
what the list said, with `rule_read` False: its actions are unknown, not none.

Each action's target is recorded as an ARN where the action names one (`lambda`, `sns`) or names
a resource of the rule's own account and region (`sqs` queue URL, `kinesis`, `firehose`,
`dynamoDB`/`dynamoDBv2`, `s3`, `stepFunctions`, `cloudwatchLogs`); a name built from a
substitution template (`${topic(2)}`) is decided per message, so it names no target. `http`,
`kafka`, `salesforce`, `republish` and action types this crawler does not know may carry
credentials (headers, user properties, client properties, tokens, URLs with secrets in their
query): every literal of theirs is redacted at crawl time (`redacted_values`; header and property
names are kept), URLs keep their host and path.

Devices and apps publish through IoT's own authentication (X.509 certificates, Cognito
identities, custom authorizers): a rule's `authorization_type` is `IOT`. IoT policies (which
topics a certificate or identity may publish to) and custom authorizers are not read (a noted
gap): whether a Cognito guest may publish to a rule's topic is not decided.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals, Location, keep_references
from explorer.schema.records import Row

SERVICE = "iot"

AUTHORIZATION = "IOT"
"""A rule's callers authenticate to AWS IoT (certificates, Cognito, custom authorizers)."""
SAFE_ACTIONS = frozenset(
    {"lambda", "sns", "sqs", "kinesis", "firehose", "dynamoDB", "dynamoDBv2", "s3",
     "stepFunctions", "cloudwatchLogs", "cloudwatchMetric", "cloudwatchAlarm",
     "iotAnalytics", "iotEvents", "iotSiteWise", "elasticsearch", "openSearch", "timestream",
     "location"}
)  # fmt: skip
"""Action types that name resources, roles and templates only: kept as AWS sent them."""
URL_KEYS = ("url", "confirmationUrl")
"""Keys of a redacted action whose URL keeps its host and path (`Literals.url`)."""
NAME_KEYS = frozenset({"key", "name"})
"""Keys that name a header or property beside its value (kept)."""


def list_rules(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_topic_rules", "rules")


def get_rule(ctx: CrawlContext, client: Any, listed: dict[str, Any]) -> dict[str, Any] | None:
    """The rule's payload (SQL, actions, error action); None when the read failed."""
    name = listed["ruleName"]
    response = ctx.call(client, "get_topic_rule", listed.get("ruleArn"), ruleName=name)
    rule = (response or {}).get("rule")
    return rule if isinstance(rule, dict) else None


Place = tuple[str, str, str, str]
"""(partition, region, account, the value the action names) -> a target ARN."""


def _arn(template: str) -> Callable[[Place], str]:
    return lambda p: template.format(partition=p[0], region=p[1], account=p[2], name=p[3])


NAMED_BY = {
    "lambda": ("functionArn", None),
    "sns": ("targetArn", None),
    "kinesis": ("streamName", _arn("arn:{partition}:kinesis:{region}:{account}:stream/{name}")),
    "firehose": (
        "deliveryStreamName",
        _arn("arn:{partition}:firehose:{region}:{account}:deliverystream/{name}"),
    ),
    "dynamoDB": ("tableName", _arn("arn:{partition}:dynamodb:{region}:{account}:table/{name}")),
    "s3": ("bucketName", _arn("arn:{partition}:s3:::{name}")),
    "stepFunctions": (
        "stateMachineName",
        _arn("arn:{partition}:states:{region}:{account}:stateMachine:{name}"),
    ),
    "cloudwatchLogs": (
        "logGroupName",
        _arn("arn:{partition}:logs:{region}:{account}:log-group:{name}"),
    ),
}
"""Action type -> (the key naming its target, how a name becomes an ARN; None: it is one)."""


def action_target(kind: str, config: dict[str, Any], place: tuple[str, str, str]) -> str | None:
    """The ARN an action sends to, when the action names one fixed resource."""
    if kind == "sqs":
        return queue_arn(config.get("queueUrl"), place)
    if kind == "dynamoDBv2":
        config = config.get("putItem") if isinstance(config.get("putItem"), dict) else {}
        kind = "dynamoDB"
    key, build = NAMED_BY.get(kind, (None, None))
    value = config.get(key) if key else None
    if not isinstance(value, str) or not value or "${" in value:
        return None
    if build is None:
        return value if value.startswith("arn:") else None
    return build((*place, value))


def queue_arn(url: Any, place: tuple[str, str, str]) -> str | None:
    """`https://sqs.eu-west-1.amazonaws.com/123456789012/orders` -> the queue's ARN."""
    if not isinstance(url, str) or "${" in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = [p for p in parts.path.split("/") if p]
    if len(path) != 2 or not path[0].isdigit():
        return None
    try:
        host = (parts.hostname or "").split(".")
    except ValueError:  # a malformed host (an unclosed IPv6 bracket)
        return None
    region = place[1]
    if len(host) > 2 and host[0] == "sqs":
        region = host[1]
    elif len(host) > 2 and host[1] == "queue":
        region = host[0]
    return f"arn:{place[0]}:sqs:{region}:{path[0]}:{path[1]}"


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def _keep(path: Location, text: str) -> bool:
    return keep_references(path, text) or (bool(path) and path[-1] in NAME_KEYS)


def redact_action(literals: Literals, where: Location, action: dict[str, Any]) -> dict[str, Any]:
    """An action (`{type: settings}`) with every literal of a type that may carry a credential
    redacted; the known resource-naming types are kept."""
    redacted: dict[str, Any] = {}
    for kind, config in action.items():
        if kind in SAFE_ACTIONS and isinstance(config, dict):
            redacted[kind] = config
            continue
        path = (*where, str(kind))
        if not isinstance(config, dict):
            redacted[kind] = literals.tree(path, config, keep=_keep)
            continue
        urls = {k: v for k in URL_KEYS if _is_url(v := config.get(k))}
        rest = literals.tree(path, {k: v for k, v in config.items() if k not in urls}, keep=_keep)
        redacted[kind] = {**rest, **{k: literals.url((*path, k), v) for k, v in urls.items()}}
    return redacted


def _actions(rule: dict[str, Any]) -> list[tuple[Location, dict[str, Any], bool]]:
    """(where, action, whether it is the error action) of every action of a rule."""
    found: list[tuple[Location, dict[str, Any], bool]] = [
        (("actions", i), a, False) for i, a in enumerate(rule.get("actions") or [])
        if isinstance(a, dict)
    ]  # fmt: skip
    if isinstance(rule.get("errorAction"), dict):
        found.append((("errorAction",), rule["errorAction"], True))
    return found


def transform_rule(
    ctx: CrawlContext, region: str, listed: dict[str, Any], rule: dict[str, Any] | None
) -> Row:
    """One `iot_topic_rules` row: the listed rule completed by its payload when read."""
    arn = listed["ruleArn"]
    account = arn.split(":")[4] if len(arn.split(":")) > 4 else ctx.account
    place = (ctx.partition, region, account or ctx.account)
    targets, literals, actions = [], Literals(ctx.redactor), []
    for where, action, error in _actions(rule or {}):
        for kind, config in action.items():
            config = config if isinstance(config, dict) else {}
            role = config.get("roleArn")
            targets.append({
                "action": str(kind), "arn": action_target(str(kind), config, place),
                "role_arn": role if isinstance(role, str) else None, "error_action": error,
            })  # fmt: skip
        actions.append((where, redact_action(literals, where, action)))
    payload = dict(rule or {})
    payload["actions"] = [a for w, a in actions if w[0] == "actions"]
    payload["errorAction"] = next((a for w, a in actions if w[0] == "errorAction"), None)
    disabled = (rule or {}).get("ruleDisabled", listed.get("ruleDisabled"))
    return {
        "arn": arn,
        "name": listed.get("ruleName"),
        "region": region,
        "topic_pattern": listed.get("topicPattern"),
        "disabled": disabled if isinstance(disabled, bool) else None,
        "rule_read": rule is not None,
        "sql": (rule or {}).get("sql"),
        "sql_version": (rule or {}).get("awsIotSqlVersion"),
        "authorization_type": AUTHORIZATION,
        "function_arns": sorted({t["arn"] for t in targets if t["action"] == "lambda"} - {None}),
        "targets": targets,
        "role_arns": sorted({t["role_arn"] for t in targets if t["role_arn"]}),
        "redacted_values": literals.records,
        "raw": {**listed, "rule": payload if rule is not None else None},
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl the topic rules of one region, one read per rule."""
    client = ctx.client(SERVICE, region)
    listed = [r for r in list_rules(ctx, client) if r.get("ruleArn") and r.get("ruleName")]

    def one(rule: dict[str, Any]) -> None:
        full = get_rule(ctx, client, rule)
        ctx.emit("iot_topic_rules", [transform_rule(ctx, region, rule, full)])

    ctx.map(one, listed)
