"""The one seam through which the crawler reaches AWS: configured, guarded, measured clients."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3
from botocore.config import Config
from botocore.loaders import create_loader
from botocore.utils import is_valid_endpoint_url, is_valid_ipv6_endpoint_url

from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.readonly import GUARD_EVENT, check_service, refuse_unlisted
from explorer.crawl.timeouts import RETRY_EVENT, TimeoutBreaker, limit_timeout_retries


@dataclass(frozen=True)
class Target:
    """Which AWS to talk to (a profile or explicit credentials, an optional endpoint), and how
    long to wait for it.

    The timeouts are sized for AWS's control-plane reads, which answer in well under a second;
    botocore's 60 s read timeout is meant for data transfers and long polls the crawler never makes.
    """

    profile: str | None = None
    endpoint_url: str | None = None
    credentials: dict[str, str] | None = None
    max_attempts: int = 8
    """Attempts per call for throttling and server errors (adaptive retries)."""
    hooks: tuple[tuple[str, Callable[..., Any]], ...] = ()
    """Extra botocore event handlers, e.g. a transport that injects latency or failures."""
    connect_timeout: float = 5.0
    """Seconds to open a connection: a handshake with AWS takes well under one; 5 s outlasts
    two lost SYN packets (retransmitted after 1 s and 3 s)."""
    read_timeout: float = 20.0
    """Seconds of silence on an open connection before the call is given up: several times the
    slowest page the crawler reads (iam:GetAccountAuthorizationDetails on a large account)."""
    timeout_attempts: int = 2
    """Attempts for a call that timed out (one retry: a stuck pooled connection gets a fresh
    one), instead of `max_attempts`."""
    timeouts_before_skip: int = 1
    """Calls of one operation in one region that may time out (each after `timeout_attempts`)
    before it is not sent there again: one hung call is evidence enough, and each call not sent
    is recorded as a gap."""
    probe_timeout: float = 5.0
    """Connect and read timeout of the first call (sts:GetCallerIdentity), tried once on a
    timeout: an endpoint that does not answer it is reported in seconds, not minutes."""


def strip_account_host(request: Any, **_: Any) -> None:
    """`before-sign` hook for local endpoints: drop the `<account>.` host prefix of S3 Control.

    AWS needs the prefix; a local endpoint (moto) cannot serve `<account>.127.0.0.1`, and
    `inject_host_prefix=False` does not remove it: botocore's endpoint rules add it.
    """
    parts = urlsplit(request.url)
    label, _, rest = parts.netloc.partition(".")
    if len(label) == 12 and label.isdigit() and rest:
        request.url = urlunsplit(parts._replace(netloc=rest))


def is_endpoint_url(url: str) -> bool:
    """True when botocore can send requests to `url`: http(s), a valid host, a valid port."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0  # .port raises past 65535
    except ValueError:
        return False
    valid = is_valid_endpoint_url(url) or is_valid_ipv6_endpoint_url(url)
    return parts.scheme in ("http", "https") and port_ok and bool(valid)


@functools.cache
def _region_patterns() -> tuple[re.Pattern[str], ...]:
    partitions = create_loader().load_data("partitions")["partitions"]
    return tuple(re.compile(p["regionRegex"], re.ASCII) for p in partitions)


def is_region_name(name: str) -> bool:
    """True when `name` has the shape of a region in one of botocore's partitions (`eu-west-1`)."""
    return any(p.fullmatch(name) for p in _region_patterns())


class ClientFactory:
    """Builds one client per (service, region), shared by the crawl's worker threads.

    Every client refuses operations the crawler does not use before building a request
    (`readonly`), gives up on hung calls (`timeouts`) and reports its calls to `stats`. boto3
    sessions are not thread-safe, so creation is serialised.
    """

    def __init__(self, target: Target, stats: ApiCallStats, workers: int) -> None:
        self.target = target
        self.stats = stats
        self.breaker = TimeoutBreaker(target.timeouts_before_skip)
        self.stopping = threading.Event()
        """Set when the crawl is interrupted: no call is retried after that."""
        self._session = boto3.Session(profile_name=target.profile, **(target.credentials or {}))
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str, bool], Any] = {}
        self._config = Config(
            retries={"mode": "adaptive", "max_attempts": target.max_attempts},
            max_pool_connections=max(10, workers * 2),
            connect_timeout=target.connect_timeout,
            read_timeout=target.read_timeout,
            user_agent_extra="serverless-chain-explorer",
        )

    def client(self, service: str, region: str, probe: bool = False) -> Any:
        """The shared client for `service` in `region`.

        A `probe` client gives up fast (short timeouts, one attempt on a timeout, one retry
        otherwise): used for the first call, so an unreachable endpoint or missing credentials
        are reported in seconds, not minutes.
        """
        check_service(service)
        key = (service, region, probe)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._build(service, region, probe)
            return self._clients[key]

    def _build(self, service: str, region: str, probe: bool) -> Any:
        config, timeout_attempts = self._config, self.target.timeout_attempts
        if probe:
            wait = self.target.probe_timeout
            probe_config = Config(
                retries={"mode": "standard", "max_attempts": 2},
                connect_timeout=wait,
                read_timeout=wait,
            )
            config, timeout_attempts = config.merge(probe_config), 1
        client = self._session.client(
            service, region_name=region, endpoint_url=self.target.endpoint_url, config=config
        )
        self._register(client.meta.events, service, region, timeout_attempts)
        return client

    def _register(self, events: Any, service: str, region: str, timeout_attempts: int) -> None:
        events.register(GUARD_EVENT, refuse_unlisted)
        events.register_first(RETRY_EVENT, limit_timeout_retries(timeout_attempts, self.stopping))
        for hook in (self.breaker.before_call, self.stats.before_call):  # the breaker first
            events.register("before-call.*.*", functools.partial(hook, region=region))
        events.register("after-call.*.*", self.stats.after_call)
        events.register("after-call-error.*.*", self.stats.after_call)
        events.register("after-call-error.*.*", self.breaker.after_call_error)
        if service == "s3control" and self.target.endpoint_url:
            events.register("before-sign.s3-control.*", strip_account_host)
        for event, handler in self.target.hooks:
            events.register(event, handler)
