"""The synthetic account's answer to one API call: a parsed response, or an AWS error.

`answer(account, service, operation, params, region)` looks the call up in `registry.HANDLERS`
(filled by `@handles` here, in `answers_more.py` and in `answers_iam.py`, which this module
imports for that) and pages list results with the service's own paginator model (page sizes as
AWS defaults them), so the crawler's paginators, its per-resource reads and its error handling
all run as they would against AWS.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import botocore.session

from benchmarks.synthetic import (  # noqa: F401  (they register handlers)
    answers_iam,
    answers_more,
    answers_sources,
)
from benchmarks.synthetic.account import RegionData, SyntheticAccount
from benchmarks.synthetic.registry import (
    HANDLERS,
    Answer,
    ApiError,
    Handler,
    Paged,
    Params,
    handles,
    not_found,
)


def answer(
    account: SyntheticAccount, service: str, operation: str, params: Params, region: str
) -> dict[str, Any] | ApiError:
    """The response to one call; unknown operations answer as AWS does for a missing API."""
    handler = HANDLERS.get((service, operation))
    if handler is None:
        return ApiError("UnknownOperationException", 400, f"{service}:{operation}")
    data = account.regions.get(region) or RegionData(region)
    result = handler(account, data, params)
    return page(service, operation, result, params) if isinstance(result, Paged) else result


@cache
def paginator(service: str, operation: str) -> dict[str, Any] | None:
    """botocore's paginator config of an operation (None when it has none)."""
    try:
        model = botocore.session.get_session().get_paginator_model(service)
        return dict(model.get_paginator(operation))
    except Exception:
        return None


def page(service: str, operation: str, paged: Paged, params: Params) -> dict[str, Any]:
    """One page of a list result, with the next token while more remain."""
    config = paginator(service, operation)
    if config is None:
        return {**paged.extra, **paged.lists}
    start = int(params.get(config["input_token"]) or 0)
    size = int(params.get(config.get("limit_key", "")) or paged.size)
    end = start + size
    if paged.flat:
        out, total = _flat_page(paged.lists, start, end)
    else:
        out = {key: items[start:end] for key, items in paged.lists.items()}
        total = max((len(items) for items in paged.lists.values()), default=0)
    out.update(paged.extra)
    if end < total:
        out[config["output_token"]] = str(end)
    if "more_results" in config:
        out[config["more_results"]] = end < total
    return out


def _flat_page(lists: dict[str, list[Any]], start: int, end: int) -> tuple[dict, int]:
    sequence = [(key, item) for key, items in lists.items() for item in items]
    out: dict[str, list[Any]] = {key: [] for key in lists}
    for key, item in sequence[start:end]:
        out[key].append(item)
    return out, len(sequence)


# -- STS, EC2, IAM, tagging ------------------------------------------------------------------


@handles("sts", "GetCallerIdentity")
def _caller(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    arn = f"arn:{account.partition}:iam::{account.account}:user/explorer-bench"
    return {"UserId": "AIDABENCHMARK0000001", "Account": account.account, "Arn": arn}


@handles("ec2", "DescribeRegions")
def _regions(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    return {
        "Regions": [
            {
                "RegionName": r,
                "Endpoint": f"ec2.{r}.amazonaws.com",
                "OptInStatus": "opt-in-not-required",
            }
            for r in account.sizes.regions
        ]
    }


@handles("iam", "GetAccountAuthorizationDetails")
def _authorization(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    lists = {
        "UserDetailList": account.users,
        "GroupDetailList": account.groups,
        "RoleDetailList": account.roles,
        "Policies": account.policies,
    }
    return Paged(lists, size=100, flat=True)


@handles("resourcegroupstaggingapi", "GetResources")
def _tags(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    return Paged({"ResourceTagMappingList": data.tags}, size=100)


# -- Lambda ----------------------------------------------------------------------------------


@handles("lambda", "ListFunctions")
def _functions(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    return Paged({"Functions": list(data.functions.values())}, size=50)


@handles("lambda", "ListEventSourceMappings")
def _mappings(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    return Paged({"EventSourceMappings": data.mappings}, size=100)


def _per_function(key: str, attribute: str) -> Handler:
    def handler(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
        record = data.function_named(params["FunctionName"])
        if record is None:
            return not_found(params["FunctionName"])
        return Paged({key: getattr(data, attribute).get(record["FunctionName"], [])}, size=50)

    return handler


for _op, _key, _attribute in (
    ("ListAliases", "Aliases", "aliases"),
    ("ListFunctionUrlConfigs", "FunctionUrlConfigs", "urls"),
    ("ListFunctionEventInvokeConfigs", "FunctionEventInvokeConfigs", "invoke_configs"),
):
    handles("lambda", _op)(_per_function(_key, _attribute))


@handles("lambda", "GetFunctionConcurrency")
def _concurrency(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    """`{}` when none is set, as AWS answers."""
    record = data.function_named(params["FunctionName"])
    if record is None:
        return not_found(params["FunctionName"])
    reserved = data.concurrency.get(record["FunctionName"])
    return {} if reserved is None else {"ReservedConcurrentExecutions": reserved}


@handles("lambda", "GetPolicy")
def _function_policy(account: SyntheticAccount, data: RegionData, params: Params) -> Answer:
    record = data.function_named(params["FunctionName"])
    if record is None:
        return not_found(params["FunctionName"])
    policy = data.function_policies.get((record["FunctionName"], params.get("Qualifier")))
    if policy is None:
        return not_found("The resource you requested does not exist.")
    return {"Policy": json.dumps(policy), "RevisionId": record["RevisionId"]}
