"""Create the demo's layer, functions, log groups, function URLs and resource policies."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from explorer.demo.clients import Clients
from explorer.demo.estate_functions import COMMON_TAGS, LAYER_NAME, FunctionSpec, functions
from explorer.demo.estate_stores import HTTP_ACCESS_LOG_GROUP
from explorer.demo.estate_triggers import CROSS_ACCOUNT_INVOKERS, FUNCTION_URLS
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import FUNCTION_URL
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns, lambda_log_group

HTTP_ACCESS_LOG_RETENTION = 90
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)  # fixed, so the code hash is the same every run

PYTHON_HANDLER = "import json\n\n\ndef handler(event, context):\n    return {'ok': True}\n"
NODE_HANDLER = "exports.handler = async () => ({ ok: true });\n"


def code_zip() -> bytes:
    """A tiny deployment package with a Python and a Node.js handler (never invoked)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("handler.py", PYTHON_HANDLER), ("index.js", NODE_HANDLER)):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), text)
    return buffer.getvalue()


def handler_for(runtime: str) -> str:
    """The handler string of the demo package for a runtime."""
    return "index.handler" if runtime.startswith("nodejs") else "handler.handler"


def deploy_functions(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """The shared layer, then every function with its log group; then URLs and grants."""
    lam = clients("lambda")
    package = code_zip()
    layer = _publish_layer(lam, package)
    ledger.layers.append(layer)
    for spec in functions(a):
        deploy_function(
            clients, a, ledger, spec, package, [layer] if LAYER_NAME in spec.layers else []
        )
    _create_log_group(clients("logs"), ledger, HTTP_ACCESS_LOG_GROUP, HTTP_ACCESS_LOG_RETENTION)
    _create_urls(lam, a, ledger)
    for name in CROSS_ACCOUNT_INVOKERS:
        grant_invoke(lam, name, "PartnerInvoke", FOREIGN_ACCOUNT)


def deploy_function(
    clients: Clients,
    a: Arns,
    ledger: Ledger,
    spec: FunctionSpec,
    package: bytes | None = None,
    layers: list[str] | None = None,
) -> str:
    """One function with its concurrency and log group, recorded in the ledger; its ARN."""
    lam = clients("lambda")
    arn = _create_function(lam, a, spec, package or code_zip(), layers or [])
    ledger.functions[spec.name] = arn
    ledger.runtimes[spec.name] = spec.runtime
    ledger.function_roles[spec.name] = a.role(spec.role)
    ledger.outputs[spec.name] = spec.outputs
    if spec.reserved_concurrency is not None:
        lam.put_function_concurrency(
            FunctionName=spec.name, ReservedConcurrentExecutions=spec.reserved_concurrency
        )
        ledger.reserved_concurrency[spec.name] = spec.reserved_concurrency
    _create_log_group(clients("logs"), ledger, lambda_log_group(spec.name), spec.log_retention)
    return arn


def _publish_layer(lam: Any, package: bytes) -> str:
    """The image-processing layer.

    moto 5.2 rejects any layer ARN outside the caller's account (even one published in that
    other account), so the "foreign layer" flaw is represented by this own-account layer.
    """
    return lam.publish_layer_version(
        LayerName=LAYER_NAME,
        Description="ImageMagick binaries (vendored)",
        Content={"ZipFile": package},
        CompatibleRuntimes=["python3.7", "python3.12"],
    )["LayerVersionArn"]


def _create_function(
    lam: Any, a: Arns, spec: FunctionSpec, package: bytes, layers: list[str]
) -> str:
    """One function; its role must already exist (moto checks)."""
    return lam.create_function(
        FunctionName=spec.name,
        Runtime=spec.runtime,
        Role=a.role(spec.role),
        Handler=handler_for(spec.runtime),
        Code={"ZipFile": package},
        Description=spec.description,
        Timeout=30,
        MemorySize=256,
        Environment={"Variables": dict(spec.env)},
        TracingConfig={"Mode": spec.tracing},
        Layers=layers,
        Tags={**COMMON_TAGS, **spec.tags},
    )["FunctionArn"]


def _create_log_group(logs: Any, ledger: Ledger, name: str, retention: int | None) -> None:
    """A log group, with a retention policy when one is given."""
    logs.create_log_group(logGroupName=name, tags=COMMON_TAGS)
    if retention:
        logs.put_retention_policy(logGroupName=name, retentionInDays=retention)
    ledger.log_groups[name] = retention


def _create_urls(lam: Any, a: Arns, ledger: Ledger) -> None:
    """Function URLs; an auth type NONE URL also needs the public InvokeFunctionUrl grant."""
    for name, auth in FUNCTION_URLS.items():
        lam.create_function_url_config(FunctionName=name, AuthType=auth)
        ledger.function_urls[name] = auth
        ledger.trigger(FUNCTION_URL, a.function_url(name), a.function(name), auth)
        if auth == "NONE":
            grant_invoke(
                lam,
                name,
                "PublicUrl",
                "*",
                action="lambda:InvokeFunctionUrl",
                FunctionUrlAuthType="NONE",
            )


def grant_invoke(
    lam: Any,
    function: str,
    sid: str,
    principal: str,
    source_arn: str | None = None,
    action: str = "lambda:InvokeFunction",
    **extra: str,
) -> None:
    """Add one statement to a function's resource policy."""
    if source_arn:
        extra["SourceArn"] = source_arn
    lam.add_permission(
        FunctionName=function, StatementId=sid, Action=action, Principal=principal, **extra
    )
