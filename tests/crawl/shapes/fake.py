"""A generated AWS behind the crawler's real clients, through the `Target.hooks` seam.

A `before-call` hook answers each call the way `botocore.stub.Stubber` does (a parsed response,
checked against the operation's output shape), but by operation and parameters rather than from a
queue, so the crawler may call in any order. Pages are chained with the operation's real tokens;
answers are remembered, so asking again gives the same page. The read-only guard is registered
before this hook, so it still refuses anything it would refuse against AWS.
"""

from __future__ import annotations

import base64
import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ParamValidationError, UnknownServiceError
from botocore.model import OperationModel
from botocore.validate import validate_parameters
from hypothesis import strategies as st

from tests.crawl.shapes.model import Call, Landing, Paging, call_key
from tests.crawl.shapes.operations import OVERRIDES, SPECS
from tests.crawl.shapes.shapes import LIST_MAX, ShapeStrategies

PARAMS = "shapes_api_params"
NOT_IMPLEMENTED = "UnknownOperationException"
"""What a local endpoint says for an operation it lacks (moto: ListFunctionUrlConfigs, ...)."""


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def paging_of(service: str, operation: str) -> Paging | None:
    """How an operation pages: botocore's paginator model, else the tokens the crawler follows."""
    spec = SPECS[(service, operation)]
    if spec.paging is not None:
        return spec.paging
    try:
        config = _session().get_paginator_model(service).get_paginator(operation)
    except (ValueError, UnknownServiceError):  # no paginator (or none for the service)
        return None
    keys = config["result_key"]
    return Paging(
        input_token=config["input_token"],
        output_token=config["output_token"],
        result_keys=tuple(keys) if isinstance(keys, list) else (keys,),
        more_results=config.get("more_results"),
        limit_key=config.get("limit_key"),
    )


@cache
def strategies(service: str, rich: bool) -> ShapeStrategies:
    """Strategies for a service's shapes; rich crawls draw one item per list (they fill each)."""
    return ShapeStrategies(OVERRIDES.get(service, {}), list_max=(1, 1, 1) if rich else LIST_MAX)


@dataclass
class World:
    """One example's choices: where to draw from, and what kind of account to pretend to be."""

    data: Any
    rich: bool = False
    """Every list holds one item and every paginated call has two pages (to reach every call)."""
    unimplemented: frozenset[tuple[str, str]] = frozenset()
    failing: tuple[str, str] | None = None
    """Fail the first call of this (service, operation): its second page where it pages."""
    memo: dict[Any, Any] = field(default_factory=dict)
    """What one answer leaves for a later one (topics for subscriptions, route targets, ...)."""
    serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def draw(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.data.draw(strategy)

    def next(self) -> int:
        """A number unique in this example: appended to names and ids to keep them unique."""
        return next(self.serial)


def _error(code: str, status: int) -> tuple[AWSResponse, dict[str, Any]]:
    """An error answer, as `Stubber.add_client_error` builds it: botocore raises `ClientError`."""
    parsed = {"Error": {"Code": code, "Message": f"generated {code}"}}
    parsed["ResponseMetadata"] = {"HTTPStatusCode": status}
    return AWSResponse(None, status, {}, None), parsed


class FakeAws:
    """Answers every call of the crawler's clients; records what it answered and expects."""

    def __init__(self) -> None:
        self.world: World | None = None
        self.reset()

    def hooks(self) -> tuple[tuple[str, Any], ...]:
        return (
            ("before-parameter-build.*.*", self._keep_params),
            ("before-call.*.*", self._answer),
        )

    def reset(self, world: World | None = None) -> None:
        self.world = world
        self.calls: set[tuple[str, str]] = set()
        self.problems: list[str] = []
        self.expected: list[Landing] = []
        self.absent: set[str] = set()
        self.failed: list[tuple[str, str]] = []
        self._answers: dict[tuple[str, int], tuple[AWSResponse, dict[str, Any]]] = {}
        self._pages: dict[str, int] = {}
        self._served: dict[str, set[int]] = {}
        self._tokens: dict[tuple[str, str], int] = {}
        self.failed_keys: set[str] = set()
        """`call_key`s of the calls answered with a failure."""

    def unfollowed(self) -> list[str]:
        """Calls (`call_key`s) with pages the crawler never asked for."""
        return [k for k, n in self._pages.items() if self._served.get(k, set()) != set(range(n))]

    # -- hooks -------------------------------------------------------------------------------

    def _keep_params(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        context[PARAMS] = copy.deepcopy(params)

    def _answer(
        self, model: OperationModel, context: dict[str, Any], **_: Any
    ) -> tuple[AWSResponse, dict[str, Any]]:
        service, operation = model.service_model.service_name, model.name
        self.calls.add((service, operation))
        if (service, operation) not in SPECS:
            self.problems.append(f"no generator for {service}.{operation}")
            return _error("NoGenerator", 500)
        params = context.get(PARAMS, {})
        paging = paging_of(service, operation)
        key = call_key(service, operation, params, paging)
        page = self._page_of(key, params, paging)
        if (key, page) not in self._answers:
            self._answers[(key, page)] = self._new_answer(model, params, paging, key, page)
        self._served.setdefault(key, set()).add(page)
        return copy.deepcopy(self._answers[(key, page)])

    # -- answers -----------------------------------------------------------------------------

    def _page_of(self, key: str, params: dict[str, Any], paging: Paging | None) -> int:
        token = params.get(paging.input_token) if paging else None
        if token is None:
            return 0
        if (key, token) not in self._tokens:
            self.problems.append(f"{key}: the crawler sent a token it was never given: {token!r}")
            return 0
        return self._tokens[(key, token)]

    def _new_answer(
        self,
        model: OperationModel,
        params: dict[str, Any],
        paging: Paging | None,
        key: str,
        page: int,
    ) -> tuple[AWSResponse, dict[str, Any]]:
        world = self.world
        assert world is not None, "FakeAws.reset(world) before crawling"
        service, operation = model.service_model.service_name, model.name
        spec = SPECS[(service, operation)]
        if (service, operation) in world.unimplemented:
            return _error(NOT_IMPLEMENTED, 404)
        if self._should_fail((service, operation), key, page, paging):
            self.failed.append((service, operation))
            return _error("InternalFailure", 500)
        if spec.absent and page == 0 and not world.rich and world.draw(st.booleans()):
            self.absent.add(key)
            return _error(spec.absent, 404)
        pages = 1
        if paging:
            count = 2 if world.rich else world.draw(st.integers(1, 3))
            pages = self._pages.setdefault(key, count)
        response = self._draw(model, paging, spec.items)
        call = Call(service, operation, params, response, page, world)
        spec.fix(call)
        self._chain(response, paging, key, page, pages)
        try:
            validate_parameters(response, model.output_shape)
        except ParamValidationError as exc:
            self.problems.append(f"{service}.{operation}: generated an invalid response: {exc}")
        self.expected.extend(replace(x, source=(service, operation)) for x in spec.lands(call))
        response["ResponseMetadata"] = {"HTTPStatusCode": 200, "RequestId": f"r-{world.next()}"}
        return AWSResponse(None, 200, {}, None), response

    def _should_fail(
        self, operation: tuple[str, str], key: str, page: int, paging: Paging | None
    ) -> bool:
        """Fail one page of the chosen operation: mid-pagination where it pages."""
        world = self.world
        if world is None or world.failing != operation or page != (1 if paging else 0):
            return False
        if self.failed_keys and key not in self.failed_keys:
            return False
        self.failed_keys.add(key)
        return True

    def _draw(self, model: OperationModel, paging: Paging | None, items: tuple[str, ...]) -> Any:
        """A response from the output shape; in rich mode every result list holds an item."""
        assert self.world is not None
        shape = model.output_shape
        builder = strategies(model.service_model.service_name, self.world.rich)
        response = self.world.draw(builder.of(shape))
        if self.world.rich:
            for name in paging.result_keys if paging else items:
                holder, list_shape, key = _dig(response, shape, name)
                if not holder.get(key):
                    member = list_shape.member
                    holder[key] = [self.world.draw(builder.of(member, 2, key))]
        return response

    def _chain(
        self, response: dict[str, Any], paging: Paging | None, key: str, page: int, pages: int
    ) -> None:
        """Set the page's token (and more-results flag): a next page, or none on the last."""
        if paging is None:
            return
        assert self.world is not None
        if not paging.output_token:  # the last item names where the next page starts
            last = (response.get(paging.result_keys[0]) or [None])[-1]
            if page + 1 < pages and last is not None:
                self._tokens[(key, last)] = page + 1
            else:  # nothing to start the next page from: this page is the last
                self._pages[key] = pages = page + 1
        else:
            holder, token_key = _dig(response, None, paging.output_token)[::2]
            if page + 1 < pages:
                token = base64.b64encode(f"{self.world.next()}:{page + 1}".encode()).decode()
                self._tokens[(key, token)] = page + 1
                holder[token_key] = token
            else:
                holder.pop(token_key, None)
        if paging.more_results:
            holder, flag = _dig(response, None, paging.more_results)[::2]
            holder[flag] = page + 1 < pages


def _dig(response: dict[str, Any], shape: Any, path: str) -> tuple[dict[str, Any], Any, str]:
    """(the dict holding the last key of a dotted path, that key's shape, the key): paginators
    name keys inside a response's structures (CloudFront: `DistributionList.NextMarker`); the
    structures on the way are made when missing (the operation's `fix` fills their members)."""
    *parents, last = path.split(".")
    holder = response
    for step in parents:
        holder = holder.setdefault(step, {})
        shape = shape.members[step] if shape is not None else None
    return holder, shape.members[last] if shape is not None else None, last
