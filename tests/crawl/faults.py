"""Botocore hooks that make chosen calls fail the way AWS does, through the real parsing path."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from botocore.awsrequest import AWSResponse


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any):
        yield self._data


def rest_json_error(status: int, code: str, message: str) -> Callable[..., AWSResponse]:
    """A `before-send` handler answering with an error instead of sending the request."""

    def handler(request: Any, **_: Any) -> AWSResponse:
        body = json.dumps({"message": message}).encode()
        headers = {"x-amzn-ErrorType": code, "Content-Type": "application/json"}
        return AWSResponse(request.url, status, headers, _Body(body))

    return handler
