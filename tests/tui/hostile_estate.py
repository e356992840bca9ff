"""A hand-built snapshot full of hostile and unusual shapes, for the render-everything tests.

Beside the mini estate's markup and escape sequences it holds: names that are empty, huge, or
made of markup closers and control characters; rows with only their key columns; None, lists
and strings where a dict is expected inside a column (a column of the wrong type is damage the
verdict on the file refuses); users and groups with hostile names, credential columns and
`becomes` edges between them; ids named by triggers, policies, layers and errors that
are not nodes of the graph (a rule target, a dead-letter queue, a stage of an API that was not
crawled, a foreign account reading a table, a federated principal, a foreign layer); failed
calls with and without a resource; and meta keys (`not_read`, `secret_values_kept`) with
hostile text in them.
"""

from __future__ import annotations

from pathlib import Path

from explorer.schema.records import CallError
from explorer.store.writer import SnapshotWriter
from tests.tui.estate import ACCOUNT, REGION, fn, role
from tests.tui.principal_estate import declared

CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\x9b"
"""Every C0 control character, DEL, and a C1 CSI."""
MARKUP = "[bold]x[/] [/] [link=https://evil]y[/link] [@click=app.quit]z[/]"
HUGE = "h" * 5000 + MARKUP
UNCRAWLED_API = f"arn:aws:apigateway:{REGION}::/restapis/gone"
API = f"arn:aws:apigateway:{REGION}::/restapis/api9"
TABLE = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{MARKUP}"
BUCKET = "arn:aws:s3:::[/]"
QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:q{CONTROL[:5]}"
RULE = f"arn:aws:events:{REGION}:{ACCOUNT}:rule/ghost-caller"
FOREIGN_READER = "444455556666"
FOREIGN_LAYER = "arn:aws:lambda:us-east-1:111122223333:layer:shady:1"
MISSING_FUNCTION = fn("not-crawled")
MISSING_QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:missing-dlq"


def _policy(*statements: dict) -> dict:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def _allow(principal: dict, action: str, resource: str) -> dict:
    return {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}


def _functions() -> list[dict]:
    base = {"region": REGION, "runtime": "python3.12", "role_arn": role("odd-role")}
    return [
        {**base, "arn": fn("empty-name"), "name": "", "description": "",
         "environment": None, "env_keys": None, "layers": None},
        {**base, "arn": fn("huge"), "name": HUGE, "description": HUGE,
         "environment": {MARKUP: "kept " + CONTROL, "PLAIN": None, "LIST": ["a"]},
         "env_keys": [MARKUP, "", CONTROL], "layers": [FOREIGN_LAYER, MARKUP],
         "dead_letter_target": MISSING_QUEUE, "architectures": None},
        {**base, "arn": fn("control"), "name": CONTROL, "role_arn": role("no-such-role"),
         "description": CONTROL, "environment": None,
         "layers": ["not a layer", 7, None, [FOREIGN_LAYER], {"Arn": MARKUP}]},
        {"arn": fn("bare"), "name": "bare"},
    ]  # fmt: skip


def _roles() -> list[dict]:
    return [
        {
            "arn": role("odd-role"),
            "name": MARKUP,
            "trust_policy": _policy(_allow({"Service": "lambda.amazonaws.com"},
                                           "sts:AssumeRole", "*")),
            "inline_policies": [
                {"name": CONTROL, "document": _policy({"Effect": "Allow", "Action": "sqs:*",
                                                       "Resource": QUEUE})},
                {"name": None, "document": None},
                {"name": "odd-actions", "document": _policy({"Effect": "Allow", "Action": [
                    f"ev{CONTROL}il:Get*", f"s3:{CONTROL}", MARKUP], "Resource": CONTROL})},
            ],
            "attached_policy_arns": ["arn:aws:iam::aws:policy/NotInTheSnapshot", MARKUP + CONTROL],
            "boundary_arn": CONTROL,
            "tags": {MARKUP: CONTROL, "": "", CONTROL: MARKUP},
        },
        {"arn": role("bare-role"), "name": None},
    ]  # fmt: skip


def _iam(kind: str, name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:{kind}/{name}"


HOSTILE_USER = _iam("user", CONTROL[1:9])
KEY_THIEF = _iam("user", MARKUP)
HOSTILE_GROUP = _iam("group", MARKUP)


def _principals() -> dict[str, list[dict]]:
    """Users and a group with hostile names, ids and credential columns, and `becomes` edges
    between them: a self-edit to the account's administrator, access keys of others, a role
    whose trust alone admits a user. The file gets credential columns once its format has them."""
    keys = [{"id": MARKUP + CONTROL, "status": CONTROL, "created": MARKUP, "last_used": CONTROL,
             "last_used_service": MARKUP, "last_used_region": HUGE, "last_used_known": True},
            "not a key", None, {"id": None, "status": None}]  # fmt: skip
    self_edit = _policy({"Effect": "Allow", "Action": "iam:PutGroupPolicy", "Resource": "*"})
    users = [
        {"arn": HOSTILE_USER, "name": CONTROL, "groups": [MARKUP, None, 7, "no-such-group"],
         "inline_policies": [{"name": CONTROL, "document": None}], "access_keys": keys,
         "password_enabled": None, "password_last_used": MARKUP, "mfa_active": None,
         "tags": {MARKUP: CONTROL}},
        {"arn": KEY_THIEF, "name": HUGE, "groups": None, "access_keys": [],
         "password_enabled": True, "mfa_active": False, "password_last_used": CONTROL,
         "inline_policies": [{"name": MARKUP, "document": _policy(
             {"Effect": "Allow", "Action": ["iam:CreateAccessKey", "iam:CreateLoginProfile"],
              "Resource": "*"})}]},
        {"arn": _iam("user", "bare"), "name": None},
    ]  # fmt: skip
    groups = [{"arn": HOSTILE_GROUP, "name": MARKUP,
               "inline_policies": [{"name": CONTROL, "document": self_edit}]},
              {"arn": _iam("group", "bare"), "name": None}]  # fmt: skip
    trusting = {"arn": role("trusts-a-user"), "name": CONTROL, "trust_policy": _policy(
        _allow({"AWS": _iam("user", "bare")}, "sts:AssumeRole", "*")),
        "inline_policies": [{"name": "x", "document": _policy(
            {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})}]}  # fmt: skip
    return {"iam_users": users, "iam_groups": groups, "iam_roles": [*_roles(), trusting]}


def tables() -> dict[str, list[dict]]:
    federated = _allow({"Federated": "cognito-identity.amazonaws.com"}, "sqs:SendMessage", QUEUE)
    reader = _allow({"AWS": f"arn:aws:iam::{FOREIGN_READER}:root"}, "dynamodb:GetItem", TABLE)
    return {
        "functions": _functions(),
        **_principals(),
        "rest_apis": [{"arn": API, "id": "api9", "name": MARKUP, "region": REGION,
                       "description": CONTROL, "endpoint_types": None, "tags": None}],
        "rest_stages": [
            {"arn": f"{API}/stages/{MARKUP}", "api_id": "api9", "api_arn": API,
             "region": REGION, "name": MARKUP, "variables": {MARKUP: CONTROL}},
            {"arn": f"{UNCRAWLED_API}/stages/prod", "api_id": "gone",
             "api_arn": UNCRAWLED_API, "region": REGION, "name": "prod"},
        ],
        "http_stages": [{"arn": f"arn:aws:apigateway:{REGION}::/apis/x/stages/$default",
                         "region": REGION, "name": None}],
        "dynamodb_tables": [{"arn": TABLE, "name": MARKUP, "region": REGION,
                             "policy": _policy(reader), "replica_regions": None}],
        "s3_buckets": [{"arn": BUCKET, "name": "[/]", "region": REGION,
                        "acl_all_users": ["READ"], "acl_grants": None}],
        "sqs_queues": [{"arn": QUEUE, "name": CONTROL, "region": REGION,
                        "policy": _policy(federated), "redrive_policy": "not a dict"}],
        "event_rules": [{"arn": RULE, "name": "", "region": REGION, "description": None,
                         "schedule_expression": "rate(1 minute)", "event_pattern": None}],
        "event_targets": [{"rule_arn": RULE, "target_id": "t", "target_arn": MISSING_FUNCTION,
                           "region": REGION}],
        "resource_tags": [{"arn": fn("huge"), "region": REGION, "tags": None},
                          {"arn": fn("bare"), "region": REGION, "tags": {MARKUP: HUGE}}],
    }  # fmt: skip


META = {
    "account": ACCOUNT,
    "partition": "aws",
    "regions": [REGION, MARKUP],
    "caller_arn": f"arn:aws:sts::{ACCOUNT}:user/{CONTROL}",
    "started": "2026-01-02T03:04:00+00:00",
    "finished": "2026-01-02T03:05:00+00:00",
    "partial": False,
    "error_count": 3,
    "secret_values_kept": True,
    "not_read": [{"what": MARKUP, "why": CONTROL}, {"what": "x"}, "not a dict", None],
}

ERRORS = (
    CallError("s3", REGION, "GetBucketPolicy", "AccessDenied", MARKUP + CONTROL, BUCKET),
    CallError("lambda", REGION, "GetPolicy", "AccessDenied", "", fn("huge")),
    CallError("sqs", REGION, "ListQueues", CONTROL, HUGE, None),
)


def write_hostile(folder: Path, name: str = "hostile.sqlite") -> Path:
    """Write the hostile snapshot to `folder/name` and return its path."""
    with SnapshotWriter(folder, out=folder / name) as writer:
        for table, rows in tables().items():
            writer.add(table, [declared(table, row) for row in rows])
        for error in ERRORS:
            writer.error(error)
        return writer.finish(META, [])
