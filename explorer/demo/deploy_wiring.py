"""Wire the demo together: notifications, subscriptions, mappings, rules, tasks, hooks."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from explorer.demo.clients import Clients, dumps, tag_list
from explorer.demo.deploy_lambda import grant_invoke
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_triggers import (
    COGNITO_TRIGGERS,
    DESTINATIONS,
    LOG_SUBSCRIPTIONS,
    MAPPINGS,
    NOTIFICATIONS,
    RULES,
    STAFF_POOL,
    STAFF_POOL_CLIENT,
    STATE_MACHINE,
    STATE_MACHINE_ROLE,
    STATE_MACHINE_TASKS,
    SUBSCRIPTIONS,
    USER_POOL,
    USER_POOL_CLIENT,
    Notification,
    RuleSpec,
    fulfilment_definition,
)
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import (
    ASYNC_DESTINATION,
    COGNITO_TRIGGER,
    ESM_SQS,
    EVENT_RULE_PATTERN,
    EVENT_RULE_SCHEDULE,
    LOG_SUBSCRIPTION,
    S3_NOTIFICATION,
    SNS_SUBSCRIPTION,
    STEP_FUNCTIONS_TASK,
    RuleRef,
)
from explorer.demo.naming import Arns

_CONFIG_KEY = {
    "lambda": "LambdaFunctionConfigurations",
    "queue": "QueueConfigurations",
    "topic": "TopicConfigurations",
}
_EVENTS = "events.amazonaws.com"
_COGNITO = "cognito-idp.amazonaws.com"
_ARN_KEY = {"lambda": "LambdaFunctionArn", "queue": "QueueArn", "topic": "TopicArn"}


def deploy_wiring(clients: Clients, a: Arns, ledger: Ledger) -> str:
    """Every non-API trigger and both user pools; returns the staff pool's ARN (the shop API's
    authorizer needs it; the photo API's finds the customer pool in the ledger).

    Order matters in moto: putting a notification configuration sends an s3:TestEvent to its
    queues and topics, and moto delivers messages at once, so a queue that already had an event
    source mapping, or a topic with a Lambda subscriber, would *invoke* a function (moto then
    tries Docker and writes a log group of its own). Notifications therefore come first.
    """
    deploy_notifications(clients, a, ledger)
    deploy_subscriptions(clients, a, ledger)
    deploy_mappings(clients, a, ledger)
    deploy_destinations(clients, a, ledger)
    deploy_rules(clients, a, ledger)
    deploy_state_machine(clients, a, ledger)
    deploy_log_subscriptions(clients, a, ledger)
    deploy_user_pool(clients, a, ledger)
    return deploy_staff_pool(clients, ledger)


def deploy_notifications(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """One notification configuration per bucket, with the S3 invoke grant for functions."""
    by_bucket: dict[str, list[Notification]] = defaultdict(list)
    for notification in NOTIFICATIONS:
        by_bucket[notification.bucket].append(notification)
    for base, notifications in by_bucket.items():
        config: dict[str, list[dict]] = defaultdict(list)
        for n in notifications:
            config[_CONFIG_KEY[n.target.kind]].append(_entry(a, n))
            ledger.trigger(S3_NOTIFICATION, a.bucket(base), n.target.arn(a), ",".join(n.events))
            if n.target.kind == "lambda":
                _grant_s3(clients, a, base, n.target.name)
        clients("s3").put_bucket_notification_configuration(
            Bucket=a.bucket_name(base), NotificationConfiguration=dict(config)
        )


def _grant_s3(clients: Clients, a: Arns, bucket: str, function: str) -> None:
    """Let S3 invoke a function for one bucket of this account."""
    grant_invoke(
        clients("lambda"),
        function,
        f"S3-{bucket}",
        "s3.amazonaws.com",
        a.bucket(bucket),
        SourceAccount=a.account,
    )


def _entry(a: Arns, n: Notification) -> dict[str, Any]:
    """One notification configuration entry."""
    entry: dict[str, Any] = {
        "Id": f"{n.target.name}-{n.events[0].split(':')[1]}",
        _ARN_KEY[n.target.kind]: n.target.arn(a),
        "Events": list(n.events),
    }
    if n.prefix:
        entry["Filter"] = {"Key": {"FilterRules": [{"Name": "prefix", "Value": n.prefix}]}}
    return entry


def deploy_subscriptions(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """SNS subscriptions to functions (with the SNS invoke grant) and to queues."""
    for topic, target in SUBSCRIPTIONS:
        protocol = "lambda" if target.kind == "lambda" else "sqs"
        clients("sns").subscribe(TopicArn=a.topic(topic), Protocol=protocol, Endpoint=target.arn(a))
        ledger.trigger(SNS_SUBSCRIPTION, a.topic(topic), target.arn(a), protocol)
        if target.kind == "lambda":
            grant_invoke(
                clients("lambda"), target.name, f"SNS-{topic}", "sns.amazonaws.com", a.topic(topic)
            )


def deploy_mappings(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Event source mappings from SQS, Kinesis and a DynamoDB stream."""
    for kind, source, function in MAPPINGS:
        arn = _mapping_source(a, ledger, kind, source)
        position = {} if kind == ESM_SQS else {"StartingPosition": "LATEST"}
        clients("lambda").create_event_source_mapping(
            FunctionName=function, EventSourceArn=arn, BatchSize=10, **position
        )
        ledger.trigger(kind, arn, a.function(function))


def _mapping_source(a: Arns, ledger: Ledger, kind: str, source: str) -> str:
    """The event source ARN of a mapping (a table's stream, not the table)."""
    if kind == ESM_SQS:
        return a.queue(source)
    if source in ledger.kinesis_streams:
        return ledger.kinesis_streams[source]
    stream = ledger.tables[source].stream_arn
    if stream is None:
        raise ValueError(f"demo table {source} has no stream to map")
    return stream


def deploy_destinations(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Async invocation configs with OnSuccess/OnFailure destinations."""
    for d in DESTINATIONS:
        config: dict[str, dict[str, str]] = {}
        for outcome, target in (("OnSuccess", d.on_success), ("OnFailure", d.on_failure)):
            if target:
                config[outcome] = {"Destination": target.arn(a)}
                ledger.trigger(ASYNC_DESTINATION, a.function(d.function), target.arn(a), outcome)
        clients("lambda").put_function_event_invoke_config(
            FunctionName=d.function, MaximumRetryAttempts=d.retries, DestinationConfig=config
        )


def deploy_rules(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """EventBridge rules (pattern on the custom bus, schedule on default) targeting functions."""
    events = clients("events")
    for rule in RULES:
        arn = events.put_rule(**_rule_args(rule), Tags=tag_list(COMMON_TAGS))["RuleArn"]
        events.put_targets(
            Rule=rule.name,
            EventBusName=rule.bus,
            Targets=[{"Id": rule.function, "Arn": a.function(rule.function)}],
        )
        grant_invoke(clients("lambda"), rule.function, f"Events-{rule.name}", _EVENTS, arn)
        pattern = dumps(rule.pattern) if rule.pattern else None
        ledger.event_rules.append(RuleRef(rule.name, rule.bus, arn, pattern, rule.schedule))
        kind = EVENT_RULE_PATTERN if rule.pattern else EVENT_RULE_SCHEDULE
        ledger.trigger(kind, arn, a.function(rule.function), pattern or rule.schedule or "")


def _rule_args(rule: RuleSpec) -> dict[str, str]:
    """put_rule arguments for a pattern or a schedule rule."""
    args = {"Name": rule.name, "EventBusName": rule.bus, "State": "ENABLED"}
    if rule.pattern:
        return {**args, "EventPattern": json.dumps(rule.pattern)}
    return {**args, "ScheduleExpression": rule.schedule or ""}


def deploy_state_machine(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """The fulfilment state machine; its Task states call two functions."""
    arn = clients("stepfunctions").create_state_machine(
        name=STATE_MACHINE,
        definition=json.dumps(fulfilment_definition(a)),
        roleArn=a.role(STATE_MACHINE_ROLE),
        type="STANDARD",
        tags=tag_list(COMMON_TAGS, "key", "value"),
    )["stateMachineArn"]
    ledger.state_machines[STATE_MACHINE] = arn
    for function, how in STATE_MACHINE_TASKS.items():
        ledger.trigger(STEP_FUNCTIONS_TASK, arn, a.function(function), how)


def deploy_log_subscriptions(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Log subscription filters delivering to a function (log groups exist already)."""
    for group, name, pattern, function in LOG_SUBSCRIPTIONS:
        source = a.log_group(group)
        grant_invoke(
            clients("lambda"), function, f"Logs-{name}", "logs.amazonaws.com", f"{source}:*"
        )
        clients("logs").put_subscription_filter(
            logGroupName=group,
            filterName=name,
            filterPattern=pattern,
            destinationArn=a.function(function),
        )
        ledger.trigger(LOG_SUBSCRIPTION, source, a.function(function), pattern)


def deploy_user_pool(clients: Clients, a: Arns, ledger: Ledger) -> str:
    """The customer user pool with Lambda triggers; returns the pool ARN.

    Customers sign themselves up (AWS's default, spelt out): the photo API's "authenticated"
    route is open to anyone, and the pool's MFA is off.
    """
    config = {hook: a.function(function) for hook, function in COGNITO_TRIGGERS.items()}
    pool = clients("cognito-idp").create_user_pool(
        PoolName=USER_POOL,
        LambdaConfig=config,
        UserPoolTags=COMMON_TAGS,
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": False},
        MfaConfiguration="OFF",
    )["UserPool"]
    ledger.user_pools[USER_POOL] = pool["Id"]
    for function in sorted(set(COGNITO_TRIGGERS.values())):
        grant_invoke(clients("lambda"), function, "Cognito", _COGNITO, pool["Arn"])
    for hook, function in COGNITO_TRIGGERS.items():
        ledger.trigger(COGNITO_TRIGGER, pool["Arn"], a.function(function), hook)
    return pool["Arn"]


def deploy_staff_pool(clients: Clients, ledger: Ledger) -> str:
    """The staff pool (the till's users): only administrators create users, MFA on, and a
    client that hides which users exist (the near miss beside the customer pool); returns the
    pool ARN."""
    idp = clients("cognito-idp")
    pool = idp.create_user_pool(
        PoolName=STAFF_POOL,
        UserPoolTags=COMMON_TAGS,
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        MfaConfiguration="ON",
    )["UserPool"]
    ledger.user_pools[STAFF_POOL] = pool["Id"]
    idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName=STAFF_POOL_CLIENT, PreventUserExistenceErrors="ENABLED"
    )
    return str(pool["Arn"])


def create_pool_client(clients: Clients, pool_id: str) -> str:
    """The web app client of the user pool; its id is the JWT audience."""
    return clients("cognito-idp").create_user_pool_client(
        UserPoolId=pool_id, ClientName=USER_POOL_CLIENT
    )["UserPoolClient"]["ClientId"]
