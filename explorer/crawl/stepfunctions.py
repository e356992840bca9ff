"""Step Functions: state machines, their definitions, and the Lambda functions and writes they make.

One DescribeStateMachine per machine (there is no bulk describe). The definition is walked for
Task states (including those inside Parallel branches and Map processors) to find the Lambda
functions a machine invokes (`lambda_tasks`) and the resources it writes to through service
integrations (`service_tasks`). Definitions are account-controlled text: the walk never raises.

Literal strings that are data (task arguments, Pass results, credentials, comparison values; see
`explorer.crawl.asl`) are redacted before anything else sees the definition, in the readable
`definition` column and in `raw` alike; the tasks are then found in the redacted definition, so
re-analysing a snapshot gives what the crawl found. References (`$.x`, `Key.$` paths, JSONata
without string literals, ARNs) and the names of what tasks call are kept.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from explorer.crawl import asl
from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals, Location
from explorer.crawl.references import is_reference
from explorer.schema.records import Row

SERVICE = "stepfunctions"

LAMBDA_ARN = re.compile(r"^arn:[^:]+:lambda:[^:]*:\d*:function:.+")
INTEGRATION = re.compile(r"^arn:[^:]+:states:::(?:aws-sdk:)?([A-Za-z0-9-]+):([A-Za-z0-9]+)")
"""An optimized (`states:::sqs:sendMessage`) or SDK (`states:::aws-sdk:sqs:sendMessage`) task."""


@dataclass(frozen=True)
class Where:
    """What a machine-relative name resolves against: the machine's partition, region, account."""

    partition: str
    region: str
    account: str


# -- reading ---------------------------------------------------------------------------------


def get_state_machines(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_state_machines", "stateMachines")


def describe_state_machine(ctx: CrawlContext, client: Any, arn: str) -> dict[str, Any]:
    response = ctx.call(client, "describe_state_machine", arn, stateMachineArn=arn)
    return {k: v for k, v in (response or {}).items() if k != "ResponseMetadata"}


# -- the definition walk (pure, defensive) ---------------------------------------------------


def parse_definition(text: Any) -> dict[str, Any] | None:
    """The definition as a dict; None for anything that is not a JSON object."""
    if isinstance(text, dict):
        return text
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def iter_states(definition: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (name, state) of a definition, nested Parallel branches and Map processors too."""
    pending: deque[Any] = deque([definition])
    while pending:
        machine = pending.popleft()
        states = machine.get("States") if isinstance(machine, dict) else None
        if not isinstance(states, dict):
            continue
        for name, state in states.items():
            if isinstance(state, dict):
                yield str(name), state
                pending.extend(_nested_machines(state))


def _nested_machines(state: dict[str, Any]) -> list[Any]:
    branches = state.get("Branches")
    nested = list(branches) if isinstance(branches, list) else []
    return nested + [state.get(key) for key in ("Iterator", "ItemProcessor")]


def iter_tasks(definition: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (state name, task) that calls something: Task states and Map result writers."""
    for name, state in iter_states(definition):
        if isinstance(state.get("Resource"), str):
            yield name, state
        writer = state.get("ResultWriter")
        if isinstance(writer, dict) and isinstance(writer.get("Resource"), str):
            yield name, writer


def _arguments(task: dict[str, Any]) -> dict[str, Any]:
    """A task's input: `Parameters` (JSONPath) or `Arguments` (JSONata)."""
    for key in ("Parameters", "Arguments"):
        if isinstance(task.get(key), dict):
            return task[key]
    return {}


def argument(args: dict[str, Any], key: str) -> tuple[Any, bool]:
    """(value, dynamic) of one task argument; dynamic for `Key.$` paths and `{% %}` expressions.

    A redaction record in their place (an expression holding string literals) is dynamic too.
    """
    path = args.get(f"{key}.$")
    if isinstance(path, str) or _is_record(path):
        return path, True
    value = args.get(key)
    if isinstance(value, str):
        return value, value.strip().startswith("{%")
    return (value, True) if _is_record(value) else (None, False)


def _is_record(value: Any) -> bool:
    """A redaction record (see `explorer.crawl.redact`), not a literal object of the account."""
    return isinstance(value, dict) and value.keys() >= {"fingerprint", "length", "detectors"}


def function_arn(name: str, where: Where) -> str:
    """The ARN for a Lambda FunctionName: a name, `name:alias`, partial or full ARN."""
    if name.startswith("arn:"):
        return name
    partial = re.match(r"^(\d{12}):function:(.+)$", name)
    if partial:
        return f"arn:{where.partition}:lambda:{where.region}:{partial[1]}:function:{partial[2]}"
    return f"arn:{where.partition}:lambda:{where.region}:{where.account}:function:{name}"


def lambda_task(state: str, task: dict[str, Any], where: Where) -> dict[str, Any] | None:
    """The Lambda function a task invokes, directly or through `lambda:invoke`; else None."""
    resource = task["Resource"]
    if LAMBDA_ARN.match(resource):
        name, dynamic = resource, False
    else:
        match = INTEGRATION.match(resource)
        if not match or (match[1].lower(), match[2].lower()) != ("lambda", "invoke"):
            return None
        name, dynamic = argument(_arguments(task), "FunctionName")
    return {
        "state": state,
        "resource": resource,
        "function": name,
        "function_arn": function_arn(name, where) if name and not dynamic else None,
        "dynamic": dynamic,
        "credentials_role_arn": _credentials_role(task),
    }


def _credentials_role(task: dict[str, Any]) -> str | None:
    credentials = task.get("Credentials")
    role = credentials.get("RoleArn") if isinstance(credentials, dict) else None
    return role if isinstance(role, str) else None


# -- service integrations that write ---------------------------------------------------------


def queue_arn(url: str, where: Where) -> str | None:
    """`https://sqs.<region>.amazonaws.com/<account>/<name>` (or a legacy host) as an ARN."""
    if url.startswith("arn:"):
        return url
    try:
        parsed = urllib.parse.urlparse(url)
        host = (parsed.hostname or "").split(".")
    except ValueError:
        return None
    parts = [p for p in parsed.path.split("/") if p]
    if len(parts) != 2 or len(host) < 2:
        return None
    region = host[1] if host[0] == "sqs" else host[0] if host[1] == "queue" else where.region
    return f"arn:{where.partition}:sqs:{region}:{parts[0]}:{parts[1]}"


def _named(service: str, kind: str) -> Any:
    def build(name: str, where: Where) -> str:
        if name.startswith("arn:"):
            return name
        return f"arn:{where.partition}:{service}:{where.region}:{where.account}:{kind}{name}"

    return build


def _bucket(name: str, where: Where) -> str:
    return name if name.startswith("arn:") else f"arn:{where.partition}:s3:::{name}"


def _as_is(value: str, where: Where) -> str:
    return value


_TABLE = ("TableName", _named("dynamodb", "table/"))
_STREAM = ("StreamName", _named("kinesis", "stream/"))
WRITES: dict[tuple[str, str], tuple[tuple[str, Any], ...]] = {
    ("sqs", "sendmessage"): (("QueueUrl", queue_arn),),
    ("sqs", "sendmessagebatch"): (("QueueUrl", queue_arn),),
    ("sns", "publish"): (("TopicArn", _as_is), ("TargetArn", _as_is)),
    ("sns", "publishbatch"): (("TopicArn", _as_is),),
    ("dynamodb", "putitem"): (_TABLE,),
    ("dynamodb", "updateitem"): (_TABLE,),
    ("dynamodb", "deleteitem"): (_TABLE,),
    ("events", "putevents"): (),  # targets come from Entries[].EventBusName
    ("states", "startexecution"): (("StateMachineArn", _as_is),),
    ("states", "startsyncexecution"): (("StateMachineArn", _as_is),),
    ("sfn", "startexecution"): (("StateMachineArn", _as_is),),
    ("kinesis", "putrecord"): (("StreamARN", _as_is), _STREAM),
    ("kinesis", "putrecords"): (("StreamARN", _as_is), _STREAM),
    ("s3", "putobject"): (("Bucket", _bucket),),
    ("firehose", "putrecord"): (("DeliveryStreamName", _named("firehose", "deliverystream/")),),
}
"""Write integrations (service, action) -> the arguments naming the target, and how to ARN them."""


def _targets(key: tuple[str, str], args: dict[str, Any], where: Where) -> list[tuple[Any, bool]]:
    """(target, dynamic) pairs of one write task; the target is an ARN where it can be built."""
    if key == ("events", "putevents"):
        return _bus_targets(args, where)
    for name, build in WRITES[key]:
        value, dynamic = argument(args, name)
        if value is not None:
            return [(value if dynamic else build(value, where) or value, dynamic)]
    return [(None, True)]


def _bus_targets(args: dict[str, Any], where: Where) -> list[tuple[Any, bool]]:
    entries = args.get("Entries")
    if not isinstance(entries, list):
        return [(None, True)]  # `Entries.$`: chosen at run time
    bus = _named("events", "event-bus/")
    found: list[tuple[Any, bool]] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        value, dynamic = argument(entry, "EventBusName")
        target = (value if dynamic else bus(value or "default", where), dynamic)
        if target not in found:
            found.append(target)
    return found


def service_tasks(state: str, task: dict[str, Any], where: Where) -> list[dict[str, Any]]:
    """The writes one task makes through a service integration (empty for other tasks)."""
    match = INTEGRATION.match(task["Resource"])
    key = (match[1].lower(), match[2].lower()) if match else None
    if key not in WRITES:
        return []
    return [
        {
            "state": state,
            "resource": task["Resource"],
            "service": key[0],
            "action": match[2],
            "target": target,
            "dynamic": dynamic,
            "credentials_role_arn": _credentials_role(task),
        }
        for target, dynamic in _targets(key, _arguments(task), where)
    ]


def analyse_definition(definition: Any, where: Where) -> tuple[list[dict], list[dict]]:
    """(lambda_tasks, service_tasks) of a parsed definition; never raises on odd shapes."""
    lambdas: list[dict[str, Any]] = []
    writes: list[dict[str, Any]] = []
    for state, task in iter_tasks(definition):
        invoked = lambda_task(state, task, where)
        if invoked:
            lambdas.append(invoked)
        writes.extend(service_tasks(state, task, where))
    return lambdas, writes


# -- redaction -------------------------------------------------------------------------------

NAME_ARGUMENTS = frozenset(
    {"FunctionName", "EventBusName", *(name for names in WRITES.values() for name, _ in names)}
)
"""Task arguments that name what a task calls: kept, the analysis reads them."""


def redact_definition(literals: Literals, raw: dict[str, Any]) -> tuple[dict | None, dict]:
    """(the redacted definition or None when unreadable, `raw` with it in place of the text)."""
    definition = parse_definition(raw.get("definition"))
    if definition is None:
        if raw.get("definition") is None:
            return None, raw
        return None, {**raw, "definition": literals.value(("definition",), raw["definition"])}
    redacted = literals.tree(("definition",), definition, keep=_keep)
    try:
        text: Any = json.dumps(redacted)
    except (RecursionError, ValueError):  # nested deeper than JSON text can be written back
        text = None
    return redacted, {**raw, "definition": text}


def _keep(path: Location, text: str) -> bool:
    inner = path[1:]
    key = next((p for p in reversed(inner) if isinstance(p, str)), "")
    if is_reference(text, path_expected=key.endswith(".$")):
        return True
    return asl.is_structure(inner, text, NAME_ARGUMENTS)


# -- rows ------------------------------------------------------------------------------------


def transform_state_machine(redactor: Any, raw: dict[str, Any], where: Where) -> Row:
    """One `state_machines` row; the task lists are NULL (unknown) when the definition is not
    readable (describe failed, or not JSON), never an empty list that would read as "none".
    Literals are redacted before anything else sees the definition.
    """
    literals = Literals(redactor)
    definition, raw = redact_definition(literals, raw)
    lambdas, writes = analyse_definition(definition, where) if definition else (None, None)
    logging = raw.get("loggingConfiguration") or {}
    destinations = logging.get("destinations") or []
    created = raw.get("creationDate")
    return {
        "arn": raw["stateMachineArn"],
        "name": raw.get("name"),
        "region": where.region,
        "type": raw.get("type"),
        "status": raw.get("status"),
        "role_arn": raw.get("roleArn"),
        "definition": definition,
        "logging_level": logging.get("level"),
        "include_execution_data": logging.get("includeExecutionData"),
        "log_group_arns": [
            (d.get("cloudWatchLogsLogGroup") or {}).get("logGroupArn") for d in destinations
        ],
        "tracing_enabled": (raw.get("tracingConfiguration") or {}).get("enabled"),
        "encryption_type": (raw.get("encryptionConfiguration") or {}).get("type"),
        "lambda_tasks": lambdas,
        "service_tasks": writes,
        "created": str(created) if created else None,
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl state machines in one region: the list, then one describe per machine."""
    client = ctx.client("stepfunctions", region)
    where = Where(ctx.partition, region, ctx.account)

    def one(summary: dict[str, Any]) -> None:
        described = describe_state_machine(ctx, client, summary["stateMachineArn"])
        row = transform_state_machine(ctx.redactor, {**summary, **described}, where)
        ctx.emit("state_machines", [row])

    ctx.map(one, get_state_machines(ctx, client))
