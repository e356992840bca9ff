"""What the demo deploy created: a frozen manifest that tests and the crawler's tests assert on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Trigger kinds: one per way DESIGN §5 says something may start a function (plus the S3
# notifications to queues/topics and the async destinations that start nothing but carry data).
API_REST = "api-rest"
API_HTTP = "api-http"
API_AUTHORIZER = "api-authorizer"
FUNCTION_URL = "function-url"
S3_NOTIFICATION = "s3-notification"
ESM_SQS = "esm-sqs"
ESM_KINESIS = "esm-kinesis"
ESM_DYNAMODB = "esm-dynamodb"
SNS_SUBSCRIPTION = "sns-subscription"
EVENT_RULE_PATTERN = "eventbridge-pattern"
EVENT_RULE_SCHEDULE = "eventbridge-schedule"
STEP_FUNCTIONS_TASK = "stepfunctions-task"
COGNITO_TRIGGER = "cognito-trigger"
LOG_SUBSCRIPTION = "log-subscription"
ASYNC_DESTINATION = "async-destination"

TRIGGER_KINDS = (
    API_REST,
    API_HTTP,
    API_AUTHORIZER,
    FUNCTION_URL,
    S3_NOTIFICATION,
    ESM_SQS,
    ESM_KINESIS,
    ESM_DYNAMODB,
    SNS_SUBSCRIPTION,
    EVENT_RULE_PATTERN,
    EVENT_RULE_SCHEDULE,
    STEP_FUNCTIONS_TASK,
    COGNITO_TRIGGER,
    LOG_SUBSCRIPTION,
    ASYNC_DESTINATION,
)
"""Every trigger kind the demo uses at least once (with a function as the target)."""

# Flaw kinds, grouped by the DESIGN §8 finding (OWASP 2017 category) they should raise.
FLAW_OWASP = {
    "untrusted-input-anonymous": "A1",
    "untrusted-input-cross-account": "A1",
    "untrusted-input-authenticated": "A1",
    "untrusted-input-account-wide": "A1",
    "unauthenticated-route": "A2",
    "public-function-url": "A2",
    "self-sign-up-api": "A2",
    "user-pool-mfa-off": "A2",
    "user-existence-errors": "A2",
    "secret-env": "A3",
    "secret-readers": "A3",
    "shared-secret": "A3",
    "public-output": "A3",
    "bucket-allows-http": "A3",
    "public-resource-policy": "A5",
    "cross-account-resource-policy": "A5",
    "admin-role": "A5",
    "wildcard-write-role": "A5",
    "scoped-permissions-management": "A5",
    "privilege-escalation": "A5",
    "account-public-access-block-off": "A6",
    "bucket-public-access-block-off": "A6",
    "bucket-acls-enabled": "A6",
    "unknown-policy-action": "A6",
    "no-reserved-concurrency": "A6",
    "low-reserved-concurrency": "A6",
    "api-stage-no-waf": "A6",
    "deprecated-runtime": "A9",
    "foreign-layer": "A9",
    "no-tracing": "A10",
    "no-log-retention": "A10",
    "no-failure-destination": "A10",
    "no-api-access-logging": "A10",
    "no-lambda-data-events": "A10",
    "hostile-text": "-",
}
"""Every flaw kind the demo seeds, with the OWASP 2017 category of the finding it should raise."""


@dataclass(frozen=True)
class Flaw:
    """A deliberate weakness: its kind (a FLAW_OWASP key), the node id carrying it, and why.

    `observable` is False when moto cannot represent the flaw (the note says what stands in).
    """

    kind: str
    resource: str
    note: str
    observable: bool = True


@dataclass(frozen=True)
class Trigger:
    """Something that starts a function or carries its data on: `source` -> `target` (ARNs).

    Sources are DESIGN §5 node ids: a bucket/queue/topic/stream/rule/state machine/user pool/
    log group ARN, an execute-api route ARN, `<function ARN>#url`, or (for async destinations and
    authorizers) the function or API route the trigger hangs off.

    `observable` is False when moto cannot hold the trigger, so a crawl of the demo cannot see
    it (the detail says why); the source's tests show it on AWS-shaped responses instead.
    """

    kind: str
    source: str
    target: str
    detail: str = ""
    observable: bool = True


@dataclass(frozen=True)
class Route:
    """An API route and the function its integration invokes."""

    api_kind: str  # "rest" (API Gateway v1) or "http" (apigatewayv2)
    api_id: str
    method: str
    path: str
    function: str  # function name
    auth: str  # NONE, COGNITO_USER_POOLS, CUSTOM, JWT
    api_key_required: bool
    arn: str  # arn:aws:execute-api:<region>:<account>:<api>/*/<METHOD>/<path>


@dataclass(frozen=True)
class QueueRef:
    """An SQS queue's URL (host and port are the server's) and ARN."""

    url: str
    arn: str


@dataclass(frozen=True)
class TableRef:
    """A DynamoDB table's ARN and its stream's ARN (None without a stream)."""

    arn: str
    stream_arn: str | None


@dataclass(frozen=True)
class RuleRef:
    """An EventBridge rule: its bus, ARN and either an event pattern or a schedule."""

    name: str
    bus: str
    arn: str
    event_pattern: str | None
    schedule: str | None


@dataclass(frozen=True)
class Chain:
    """A trigger-to-output path the demo was built to contain, as node ids from origin to rest.

    A table and its stream appear as two consecutive nodes (the function writes the table,
    the stream triggers the next function).
    """

    name: str
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class Restriction:
    """A write an identity policy grants that something else takes away or makes conditional.

    `by` is "deny" or "boundary" (the function must NOT reach the resource) or "condition"
    (the grant holds only under a Condition the engine cannot decide).
    """

    function: str  # function name
    resource: str  # resource ARN
    by: str


TECHNIQUES = (
    "sts:AssumeRole", "iam:UpdateAssumeRolePolicy", "iam:PassRole+lambda",
    "iam:PassRole+cloudformation", "iam:PassRole+ec2", "iam:PassRole+glue-dev-endpoint",
    "iam:PassRole+glue-job", "iam:PassRole+sagemaker-notebook", "iam:PassRole+sagemaker-training",
    "iam:PassRole+sagemaker-processing", "iam:PassRole+codebuild", "iam:PassRole+datapipeline",
    "iam:PassRole+ecs", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
    "glue:UpdateDevEndpoint", "cloudformation:UpdateStack", "cloudformation:ChangeSet",
    "ssm:SendCommand", "ssm:StartSession", "ec2-instance-connect:SendSSHPublicKey",
    "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
    "iam:AddUserToGroup", "iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutGroupPolicy",
    "iam:AttachGroupPolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy",
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
)  # fmt: skip
"""The technique ids of issue 12's contract (the ids `becomes` edges carry), in its order."""


@dataclass(frozen=True)
class Hop:
    """One step of an escalation: the technique used and whose permissions it obtains.

    `target` is a principal's ARN, or the synthetic node `admin:<account>` when the technique
    makes the principal itself all-powerful (a policy it writes on itself, its group, or a
    policy attached to it). `via` names what the technique works through (a function, stack,
    dev endpoint, instance, group or policy), None when nothing stands between.
    """

    technique: str
    target: str
    via: str | None = None


@dataclass(frozen=True)
class EscalationPath:
    """A seeded escalation: `principal` (an ARN) obtains each hop's target in turn, the last
    one admin-equivalent. Each hop is the shortest way on; the analysis must find the path."""

    name: str
    principal: str
    hops: tuple[Hop, ...]
    note: str


@dataclass(frozen=True)
class NearMiss:
    """A grant that looks like the seeded path `resembles` but must not be flagged.

    The analysis must draw no `becomes` edge from `principal` to `target` by `technique`, and
    must report no escalation for `principal`; `why` says what AWS does that stops it.
    """

    name: str
    principal: str
    technique: str
    target: str
    resembles: str
    why: str


@dataclass(frozen=True)
class AccessKeyRef:
    """An access key's id and status ("Active" or "Inactive"); its secret is never kept."""

    id: str
    status: str


@dataclass(frozen=True)
class UserRef:
    """An IAM user as deployed: its groups (names), console password, access keys (in creation
    order) and policies (inline names, attached managed policy ARNs)."""

    arn: str
    path: str
    groups: tuple[str, ...]
    password: bool
    access_keys: tuple[AccessKeyRef, ...]
    inline_policies: tuple[str, ...]
    attached_policies: tuple[str, ...]


@dataclass(frozen=True)
class GroupRef:
    """An IAM group as deployed: its members (user names) and policies."""

    arn: str
    path: str
    members: tuple[str, ...]
    inline_policies: tuple[str, ...]
    attached_policies: tuple[str, ...]


class FrozenDict(dict):
    """A dict that refuses changes, so one shared manifest cannot be altered by its readers.

    A dict subclass (not MappingProxyType) so `dataclasses.asdict`, `copy`, `pickle` and
    `json.dumps` still work on a manifest.
    """

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("DemoManifest mappings are read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (FrozenDict, (dict(self),))


def _frozen() -> Mapping:
    return FrozenDict()


@dataclass(frozen=True)
class DemoManifest:
    """Everything `deploy` created, keyed by the names it chose (ARNs and ids as values)."""

    account_id: str
    region: str
    foreign_account: str
    functions: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    runtimes: Mapping[str, str] = field(default_factory=_frozen)  # name -> runtime
    function_roles: Mapping[str, str] = field(default_factory=_frozen)  # name -> role ARN
    function_urls: Mapping[str, str] = field(default_factory=_frozen)  # name -> auth type
    reserved_concurrency: Mapping[str, int] = field(default_factory=_frozen)  # name -> limit
    outputs: Mapping[str, tuple[str, ...]] = field(default_factory=_frozen)  # name -> ARNs
    roles: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    policies: Mapping[str, str] = field(default_factory=_frozen)  # managed: name -> ARN
    users: Mapping[str, UserRef] = field(default_factory=_frozen)
    groups: Mapping[str, GroupRef] = field(default_factory=_frozen)
    instance_profiles: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    instances: Mapping[str, str] = field(default_factory=_frozen)  # Name tag -> ARN
    stacks: Mapping[str, str] = field(default_factory=_frozen)  # name -> stack id (ARN)
    dev_endpoints: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    layers: tuple[str, ...] = ()  # layer version ARNs
    buckets: tuple[str, ...] = ()
    queues: Mapping[str, QueueRef] = field(default_factory=_frozen)
    topics: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    tables: Mapping[str, TableRef] = field(default_factory=_frozen)
    kinesis_streams: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    rest_apis: Mapping[str, str] = field(default_factory=_frozen)  # name -> id
    http_apis: Mapping[str, str] = field(default_factory=_frozen)  # name -> id
    routes: tuple[Route, ...] = ()
    api_keys: tuple[str, ...] = ()  # ids
    state_machines: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    user_pools: Mapping[str, str] = field(default_factory=_frozen)  # name -> id
    log_groups: Mapping[str, int | None] = field(default_factory=_frozen)  # name -> retention
    event_buses: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    event_rules: tuple[RuleRef, ...] = ()
    trails: Mapping[str, str] = field(default_factory=_frozen)  # name -> ARN
    triggers: tuple[Trigger, ...] = ()
    chains: tuple[Chain, ...] = ()
    restrictions: tuple[Restriction, ...] = ()
    flaws: tuple[Flaw, ...] = ()
    escalations: tuple[EscalationPath, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    seeded_secrets: tuple[str, ...] = ()
    hostile_text: str = ""

    def function_triggers(self) -> tuple[Trigger, ...]:
        """Triggers whose target is one of the demo's functions."""
        arns = set(self.functions.values())
        return tuple(t for t in self.triggers if t.target in arns)

    def flaws_of(self, kind: str) -> tuple[Flaw, ...]:
        """The flaws of one kind."""
        return tuple(f for f in self.flaws if f.kind == kind)

    def escalation(self, name: str) -> EscalationPath:
        """The seeded escalation path of that name."""
        return next(p for p in self.escalations if p.name == name)

    def near_miss(self, name: str) -> NearMiss:
        """The near miss of that name."""
        return next(n for n in self.near_misses if n.name == name)
