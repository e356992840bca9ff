"""The ordered list of crawl modules: one per AWS service, each with SERVICE and sync(); the
tables each fills are declared in `explorer.schema` under the same module name."""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from explorer import schema
from explorer.schema.records import Table

FIRST = (
    # Bulk, account-wide reads first: IAM answers every role and policy in a few pages, and is
    # needed by every later analysis, so it starts before the long per-resource units.
    "iam",
    "lambda_",
    # Per-resource heavy services next, so the long units start early on the pool.
    "apigateway",
    "apigatewayv2",
    "dynamodb",
    "kinesis",
    "stepfunctions",
    "cognito",
    "cognito_identity",
    "s3",
    "sns",
    "sqs",
    "events",
    "logs",
    # Which trails log each region (Lambda data events): one list per region, two reads per trail.
    "cloudtrail",
    # What runs as a role outside Lambda (who can become whom): one paginated list per region.
    "cloudformation",
    "glue",
    "ec2",
    "tags",
)
"""Crawl modules whose units start first, in this order."""

MODULES = (*FIRST, *sorted(set(schema.MODULES) - set(FIRST)))
"""Module names under `explorer.crawl`, in the order their units are started: `FIRST`, then
every other service the schema declares (each schema module names the crawl module that fills
its tables), so a new service is found without being listed here."""


@cache
def modules(names: tuple[str, ...] = MODULES) -> tuple[ModuleType, ...]:
    """The crawl modules named (module names under `explorer.crawl`), imported."""
    return tuple(importlib.import_module(f"explorer.crawl.{name}") for name in names)


def select(services: tuple[str, ...]) -> tuple[ModuleType, ...]:
    """Modules whose SERVICE or module name is in `services` (all registered ones when empty).

    Names outside the registry are allowed, so a module can be run before it is registered.
    """
    if not services:
        return modules()
    wanted = set(services)
    chosen = [m for m in modules() if m.SERVICE in wanted or m.__name__.rsplit(".", 1)[1] in wanted]
    known = {m.__name__.rsplit(".", 1)[1] for m in chosen} | {m.SERVICE for m in chosen}
    extra = tuple(sorted(wanted - known))
    return (*chosen, *modules(extra)) if extra else tuple(chosen)


def tables() -> tuple[Table, ...]:
    """Every table any crawl module fills (declared in `explorer.schema`)."""
    return schema.tables()


def tables_of(module: ModuleType) -> tuple[Table, ...]:
    """The tables one crawl module fills."""
    return schema.tables_of(module.__name__.rsplit(".", 1)[1])


def is_global(module: ModuleType) -> bool:
    """True for services crawled once per account (IAM, S3's bucket list), not once per region."""
    return bool(getattr(module, "GLOBAL", False))


def service_names() -> set[str]:
    """Names accepted by `--service`: each module's SERVICE and module name."""
    return {m.SERVICE for m in modules()} | {m.__name__.rsplit(".", 1)[1] for m in modules()}
