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
IDENTITY_POOL = "identity_pool"
"""A Cognito identity pool (its guests), or `<pool ARN>#authenticated` (its signed-in
identities): hands out AWS credentials for its roles."""
LOG_GROUP = "log_group"
ROLE = "role"
USER = "user"
GROUP = "group"
ADMIN = "admin"
"""`admin:<account>`: full control of an account, reached by a principal that may rewrite its
own permissions (or those of a principal it becomes)."""
ORIGIN = "origin"
HUB = "hub"
EXTERNAL = "external"

ENTRY_KINDS = frozenset({FUNCTION_URL, REST_ROUTE, HTTP_ROUTE})
"""Nodes an outside caller talks to directly."""

PRINCIPAL_KINDS = frozenset({ROLE, USER, GROUP})
"""IAM identities with policies of their own: they act, and may become one another."""

RESOURCE_KINDS = frozenset(
    {BUCKET, QUEUE, TOPIC, TABLE, STREAM, STATE_MACHINE, EVENT_BUS, LOG_GROUP, USER_POOL,
     IDENTITY_POOL}
)  # fmt: skip

# Edge kinds (DESIGN §5)
EXPOSES = "exposes"
TRIGGERS = "triggers"
WRITES = "writes"
INVOKES = "invokes"
READS = "reads"
ASSUMES = "assumes"
PASSES = "passes"
CONTROLS = "controls"
BECOMES = "becomes"
"""Principal -> principal: can obtain the other's permissions (evidence: technique, statements)."""
IN_GROUP = "in_group"
"""User -> group it belongs to (it holds the group's policies)."""
MEMBER = "member"
"""Hub -> each resource it stands for ("every bucket in the account")."""

DATA_FLOW = frozenset({EXPOSES, TRIGGERS, WRITES, INVOKES})
"""Edges that carry data (and so taint): never `reads`."""

# Synthetic origins
INTERNET = "internet"
ANY_ACCOUNT = "aws:any-account"


def account_origin(account: str) -> str:
    return f"account:{account}"


def admin_node(account: str) -> str:
    return f"admin:{account}"


def service_origin(service: str) -> str:
    return f"service:{service}"


def org_origin(org: str) -> str:
    """The accounts of an AWS organisation (a grant narrowed by aws:PrincipalOrgID)."""
    return f"org:{org}"


# Trust levels, most to least dangerous
ANONYMOUS = "anonymous"
CROSS_ACCOUNT = "cross-account"
ORGANIZATION = "organization"
"""Any account of an organisation (a grant to `*` narrowed by aws:PrincipalOrgID)."""
AUTHENTICATED = "authenticated"
ACCOUNT_WIDE = "account-wide"
"""Every principal of the own account (a grant to its root, or to `*` with
aws:PrincipalAccount): any compromised role, user or function of it may send."""
INTERNAL = "internal"
TRUST_ORDER = (ANONYMOUS, CROSS_ACCOUNT, ORGANIZATION, AUTHENTICATED, ACCOUNT_WIDE, INTERNAL)
