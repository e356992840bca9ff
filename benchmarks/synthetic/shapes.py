"""API-shaped records, as the services return them once botocore has parsed the response.

Pure builders: each takes plain values and returns the dict an AWS API would give, so the
crawler's own transforms read them exactly as they read a real account.
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime, timedelta
from typing import Any

ACCOUNT = "123456789012"
FOREIGN_ACCOUNT = "999988887777"
PARTITION = "aws"
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)

Doc = dict[str, Any]


def when(n: int) -> datetime:
    """A deterministic creation time (minutes after the epoch)."""
    return EPOCH + timedelta(minutes=n)


def doc(*statements: Doc) -> Doc:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(actions: str | list[str], resources: str | list[str], **extra: Any) -> Doc:
    return {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}


def deny(actions: str | list[str], resources: str | list[str], **extra: Any) -> Doc:
    return {"Effect": "Deny", "Action": actions, "Resource": resources, **extra}


def quoted(document: Doc) -> str:
    """How IAM sends policy documents: URL-encoded JSON (botocore decodes them)."""
    return urllib.parse.quote(json.dumps(document))


def text(document: Doc) -> str:
    """How most services send policies: JSON text."""
    return json.dumps(document)


# -- ARNs ------------------------------------------------------------------------------------


def arn(service: str, region: str, resource: str, account: str = ACCOUNT) -> str:
    return f"arn:{PARTITION}:{service}:{region}:{account}:{resource}"


def function_arn(region: str, name: str) -> str:
    return arn("lambda", region, f"function:{name}")


def role_arn(name: str, path: str = "/") -> str:
    return f"arn:{PARTITION}:iam::{ACCOUNT}:role{path}{name}"


def policy_arn(name: str, aws_managed: bool = False) -> str:
    owner = "aws" if aws_managed else ACCOUNT
    return f"arn:{PARTITION}:iam::{owner}:policy/{name}"


def queue_url(region: str, name: str) -> str:
    return f"https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}"


def bucket_arn(name: str) -> str:
    return f"arn:{PARTITION}:s3:::{name}"


def invoke_uri(region: str, function: str) -> str:
    """An API Gateway Lambda proxy integration URI."""
    return (
        f"arn:{PARTITION}:apigateway:{region}:lambda:path/2015-03-31/functions/"
        f"{function}/invocations"
    )


# -- Lambda ----------------------------------------------------------------------------------


def function(
    region: str, name: str, role: str, runtime: str, n: int, **extra: Any
) -> dict[str, Any]:
    """A `ListFunctions` entry."""
    record: dict[str, Any] = {
        "FunctionName": name,
        "FunctionArn": function_arn(region, name),
        "Runtime": runtime,
        "Role": role,
        "Handler": "index.handler" if runtime.startswith("node") else "app.handler",
        "CodeSize": 1024 + n % 50_000,
        "Description": extra.pop("Description", ""),
        "Timeout": 30,
        "MemorySize": 128 * (1 + n % 8),
        "LastModified": when(n).strftime("%Y-%m-%dT%H:%M:%S.000+0000"),
        "CodeSha256": f"{n:064x}",
        "Version": "$LATEST",
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": f"rev-{n:08d}",
        "PackageType": "Zip",
        "Architectures": ["arm64" if n % 3 == 0 else "x86_64"],
        "EphemeralStorage": {"Size": 512},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"},
    }
    record.update(extra)
    return record


def function_statement(sid: str, principal: Any, source_arn: str | None, fn: str) -> Doc:
    """A statement of a function's resource policy (what AddPermission writes)."""
    statement: Doc = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": principal,
        "Action": "lambda:InvokeFunction",
        "Resource": fn,
    }
    if source_arn:
        statement["Condition"] = {"ArnLike": {"AWS:SourceArn": source_arn}}
    return statement


def url_statement(fn: str) -> Doc:
    return {
        "Sid": "FunctionURLAllowPublicAccess",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "lambda:InvokeFunctionUrl",
        "Resource": fn,
        "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}},
    }


def url_config(fn: str, auth: str, n: int) -> dict[str, Any]:
    return {
        "FunctionUrl": f"https://u{n:010d}.lambda-url.{fn.split(':')[3]}.on.aws/",
        "FunctionArn": fn,
        "AuthType": auth,
        "CreationTime": when(n).isoformat(),
        "LastModifiedTime": when(n).isoformat(),
        "InvokeMode": "BUFFERED",
    }


def mapping(uuid: str, source: str, fn: str, **extra: Any) -> dict[str, Any]:
    """A `ListEventSourceMappings` entry."""
    record = {
        "UUID": uuid,
        "EventSourceArn": source,
        "FunctionArn": fn,
        "State": "Enabled",
        "BatchSize": 10 if ":sqs:" in source else 100,
        "LastModified": EPOCH,
    }
    if ":sqs:" not in source:
        record["StartingPosition"] = "LATEST"
    record.update(extra)
    return record


def invoke_config(fn: str, on_success: str | None, on_failure: str | None) -> dict[str, Any]:
    destinations = {}
    if on_success:
        destinations["OnSuccess"] = {"Destination": on_success}
    if on_failure:
        destinations["OnFailure"] = {"Destination": on_failure}
    return {
        "FunctionArn": f"{fn}:$LATEST",
        "MaximumRetryAttempts": 2,
        "MaximumEventAgeInSeconds": 3600,
        "DestinationConfig": destinations,
        "LastModified": EPOCH,
    }


# -- IAM -------------------------------------------------------------------------------------


def trust(*principals: Doc) -> Doc:
    return doc(
        *[{"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"} for p in principals]
    )


def managed_policy(name: str, document: Doc, aws_managed: bool, n: int) -> dict[str, Any]:
    """A `Policies` entry of GetAccountAuthorizationDetails (default version only)."""
    folder, _, short = name.rpartition("/")
    return {
        "PolicyName": short,
        "PolicyId": f"ANPA{n:017d}",
        "Arn": policy_arn(name, aws_managed),
        "Path": f"/{folder}/" if folder else "/",
        "DefaultVersionId": "v1",
        "AttachmentCount": 1,
        "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": True,
        "CreateDate": when(n),
        "UpdateDate": when(n),
        "PolicyVersionList": [
            {
                "Document": quoted(document),
                "VersionId": "v1",
                "IsDefaultVersion": True,
                "CreateDate": when(n),
            }
        ],
    }


def role(
    name: str,
    trust_doc: Doc,
    inline: dict[str, Doc],
    attached: list[str],
    boundary: str | None,
    n: int,
    path: str = "/",
) -> dict[str, Any]:
    """A `RoleDetailList` entry of GetAccountAuthorizationDetails."""
    record: dict[str, Any] = {
        "Path": path,
        "RoleName": name,
        "RoleId": f"AROA{n:017d}",
        "Arn": role_arn(name, path),
        "CreateDate": when(n),
        "AssumeRolePolicyDocument": quoted(trust_doc),
        "InstanceProfileList": [],
        "RolePolicyList": [
            {"PolicyName": key, "PolicyDocument": quoted(value)} for key, value in inline.items()
        ],
        "AttachedManagedPolicies": [
            {"PolicyName": a.rsplit("/", 1)[-1], "PolicyArn": a} for a in attached
        ],
        "Tags": [{"Key": "team", "Value": name.split("-", 1)[0]}],
        "RoleLastUsed": {"LastUsedDate": when(n + 1000), "Region": "us-east-1"},
    }
    if boundary:
        record["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "Policy",
            "PermissionsBoundaryArn": boundary,
        }
    return record
