"""The vocabulary of the graph: node kinds, edge kinds, synthetic origins, trust levels."""

from __future__ import annotations

# Node kinds
FUNCTION = "function"
FUNCTION_URL = "function_url"
REST_ROUTE = "rest_route"
HTTP_ROUTE = "http_route"
REST_API = "rest_api"
HTTP_API = "http_api"
BUCKET = "bucket"
QUEUE = "queue"
TOPIC = "topic"
TABLE = "table"
STREAM = "stream"
STATE_MACHINE = "state_machine"
EVENT_BUS = "event_bus"
EVENT_RULE = "event_rule"
USER_POOL = "user_pool"
LOG_GROUP = "log_group"
ROLE = "role"
USER = "user"
ORIGIN = "origin"
HUB = "hub"
EXTERNAL = "external"

ENTRY_KINDS = frozenset({FUNCTION_URL, REST_ROUTE, HTTP_ROUTE})
"""Nodes an outside caller talks to directly."""

RESOURCE_KINDS = frozenset(
    {BUCKET, QUEUE, TOPIC, TABLE, STREAM, STATE_MACHINE, EVENT_BUS, LOG_GROUP, USER_POOL}
)

# Edge kinds (DESIGN §5)
EXPOSES = "exposes"
TRIGGERS = "triggers"
WRITES = "writes"
INVOKES = "invokes"
READS = "reads"
ASSUMES = "assumes"
PASSES = "passes"
CONTROLS = "controls"
MEMBER = "member"
"""Hub -> each resource it stands for ("every bucket in the account")."""

DATA_FLOW = frozenset({EXPOSES, TRIGGERS, WRITES, INVOKES})
"""Edges that carry data (and so taint): never `reads`."""

# Synthetic origins
INTERNET = "internet"
ANY_ACCOUNT = "aws:any-account"


def account_origin(account: str) -> str:
    return f"account:{account}"


def service_origin(service: str) -> str:
    return f"service:{service}"


# Trust levels, most to least dangerous
ANONYMOUS = "anonymous"
CROSS_ACCOUNT = "cross-account"
AUTHENTICATED = "authenticated"
INTERNAL = "internal"
TRUST_ORDER = (ANONYMOUS, CROSS_ACCOUNT, AUTHENTICATED, INTERNAL)
