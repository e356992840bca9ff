"""The one seam through which the crawler reaches AWS: configured, guarded, measured clients."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3
from botocore.config import Config

from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.readonly import GUARD_EVENT, check_service, refuse_unlisted


@dataclass(frozen=True)
class Target:
    """Which AWS to talk to: a profile or explicit credentials, and an optional endpoint."""

    profile: str | None = None
    endpoint_url: str | None = None
    credentials: dict[str, str] | None = None
    max_attempts: int = 8
    hooks: tuple[tuple[str, Callable[..., Any]], ...] = ()
    """Extra botocore event handlers, e.g. a transport that injects latency or failures."""


def strip_account_host(request: Any, **_: Any) -> None:
    """`before-sign` hook for local endpoints: drop the `<account>.` host prefix of S3 Control.

    AWS needs the prefix; a local endpoint (moto) cannot serve `<account>.127.0.0.1`, and
    `inject_host_prefix=False` does not remove it: botocore's endpoint rules add it.
    """
    parts = urlsplit(request.url)
    label, _, rest = parts.netloc.partition(".")
    if len(label) == 12 and label.isdigit() and rest:
        request.url = urlunsplit(parts._replace(netloc=rest))


class ClientFactory:
    """Builds one client per (service, region), shared by the crawl's worker threads.

    Every client refuses operations the crawler does not use before building a request
    (`readonly`) and reports its calls to `stats`. boto3 sessions are not thread-safe, so
    creation is serialised.
    """

    def __init__(self, target: Target, stats: ApiCallStats, workers: int) -> None:
        self.target = target
        self.stats = stats
        self._session = boto3.Session(profile_name=target.profile, **(target.credentials or {}))
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str, bool], Any] = {}
        self._config = Config(
            retries={"mode": "adaptive", "max_attempts": target.max_attempts},
            max_pool_connections=max(10, workers * 2),
            connect_timeout=10,
            read_timeout=60,
            user_agent_extra="serverless-chain-explorer",
        )

    def client(self, service: str, region: str, probe: bool = False) -> Any:
        """The shared client for `service` in `region`.

        A `probe` client gives up fast (one retry, short timeouts): used for the first call, so an
        unreachable endpoint or missing credentials are reported in seconds, not minutes.
        """
        check_service(service)
        key = (service, region, probe)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._build(service, region, probe)
            return self._clients[key]

    def _build(self, service: str, region: str, probe: bool) -> Any:
        config = self._config
        local = bool(self.target.endpoint_url)
        if probe:
            config = config.merge(
                Config(retries={"mode": "standard", "max_attempts": 2}, connect_timeout=5)
            )
        client = self._session.client(
            service, region_name=region, endpoint_url=self.target.endpoint_url, config=config
        )
        events = client.meta.events
        events.register(GUARD_EVENT, refuse_unlisted)
        events.register("before-call.*.*", functools.partial(self.stats.before_call, region=region))
        events.register("after-call.*.*", self.stats.after_call)
        events.register("after-call-error.*.*", self.stats.after_call)
        if service == "s3control" and local:
            events.register("before-sign.s3-control.*", strip_account_host)
        for event, handler in self.target.hooks:
            events.register(event, handler)
        return client
