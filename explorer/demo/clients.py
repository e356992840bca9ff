"""One cached boto3 client per service, all pointed at the demo's endpoint."""

from __future__ import annotations

import json
from typing import Any

import boto3


class Clients:
    """`clients("s3")` -> a client for the session, endpoint and region given once."""

    def __init__(self, session: boto3.Session, endpoint_url: str, region: str) -> None:
        self._session = session
        self._endpoint_url = endpoint_url
        self.region = region
        self._cache: dict[str, Any] = {}

    def __call__(self, service: str) -> Any:
        if service not in self._cache:
            self._cache[service] = self._session.client(
                service, endpoint_url=self._endpoint_url, region_name=self.region
            )
        return self._cache[service]


def dumps(document: object) -> str:
    """A policy or definition as the JSON text AWS APIs take."""
    return json.dumps(document, separators=(",", ":"))


def tag_list(tags: dict[str, str], key: str = "Key", value: str = "Value") -> list[dict]:
    """Tags in the list-of-pairs form many APIs take."""
    return [{key: k, value: v} for k, v in tags.items()]
