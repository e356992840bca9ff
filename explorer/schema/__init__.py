"""The snapshot's declared shape, below both the crawler that fills it and the store that reads
it: one module per service with the tables its crawl module fills (`TABLES`), and the records
the crawler hands to its sink. Pure declarations: importing this package imports no crawl
module, no botocore and no SQLite code."""

from __future__ import annotations

import importlib
from functools import cache

from explorer.schema.records import Table

MODULES = (
    "iam", "lambda_", "apigateway", "apigatewayv2", "dynamodb", "kinesis", "stepfunctions",
    "cognito", "cognito_identity", "s3", "sns", "sqs", "events", "logs", "cloudtrail",
    "cloudformation", "glue", "ec2", "tags",
)  # fmt: skip
"""Schema modules, named as the crawl modules that fill their tables."""


@cache
def tables() -> tuple[Table, ...]:
    """Every data table of a snapshot, in crawl-module order."""
    found: list[Table] = []
    for name in MODULES:
        found += importlib.import_module(f"explorer.schema.{name}").TABLES
    return tuple(found)


def tables_of(module: str) -> tuple[Table, ...]:
    """The tables one crawl module fills (`lambda_`, `s3`, ...)."""
    return importlib.import_module(f"explorer.schema.{module}").TABLES
