"""Faults for the crawler: botocore hooks that make chosen calls fail the way AWS does (through
the real parsing path), a TCP endpoint that never answers, and a proxy in front of moto that
holds chosen requests unanswered."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

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


def query_error(status: int, code: str, message: str) -> Callable[..., AWSResponse]:
    """A `before-send` handler answering a query-protocol call (IAM, SNS, SQS) with an error."""

    def handler(request: Any, **_: Any) -> AWSResponse:
        body = (
            "<ErrorResponse><Error><Type>Sender</Type>"
            f"<Code>{code}</Code><Message>{message}</Message></Error>"
            "<RequestId>4f1d8d9a-0000-4000-8000-000000000000</RequestId></ErrorResponse>"
        ).encode()
        return AWSResponse(request.url, status, {"Content-Type": "text/xml"}, _Body(body))

    return handler


class HungEndpoint:
    """A real TCP server on loopback that accepts every connection and never answers."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return  # closed
            self.connections.append(conn)
            self.accepted.set()

    def close(self) -> None:
        self._server.close()
        for conn in self.connections:
            conn.close()


@contextmanager
def hung_endpoint() -> Iterator[HungEndpoint]:
    """An endpoint that hangs every call: connect succeeds, no byte ever comes back."""
    endpoint = HungEndpoint()
    try:
        yield endpoint
    finally:
        endpoint.close()


Picker = Callable[[str, str, bytes], bool]
"""(method, path with query, body) -> True for the requests to hold."""


def lambda_path(method: str, pattern: str) -> Picker:
    """Pick Lambda REST calls by method and path, e.g. GetPolicy: `GET .../functions/X/policy`."""
    compiled = re.compile(rf"/2015-03-31/functions{pattern}(\?.*)?")
    return lambda m, path, _body: m == method and bool(compiled.fullmatch(path))


GET_POLICY = lambda_path("GET", r"/[^/]+/policy")
LIST_FUNCTIONS = lambda_path("GET", r"/?")


class HangingProxy:
    """A real HTTP proxy in front of moto: forwards every request, except that those `hold`
    picks get no answer until `release()` (then they are forwarded) or `close()`."""

    def __init__(self, upstream: str, hold: Picker) -> None:
        self.upstream = urlsplit(upstream)
        self.hold = hold
        self.held = threading.Event()
        self.held_count = 0
        self._count_lock = threading.Lock()
        self._released = threading.Event()
        self._closed = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def release(self) -> None:
        """Forward the held requests, and every later one, normally."""
        self._released.set()

    def close(self) -> None:
        self._closed.set()
        self._server.shutdown()
        self._server.server_close()

    def wait_or_forward(self, method: str, path: str, body: bytes) -> bool:
        """Hold a picked request until released (True: forward it) or closed (False)."""
        if self._released.is_set() or not self.hold(method, path, body):
            return True
        with self._count_lock:
            self.held_count += 1
        self.held.set()
        while not self._released.wait(0.05):
            if self._closed.is_set():
                return False
        return True

    def forward(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, Any, bytes]:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=dict(headers.items()))
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()


_HOP_BY_HOP = {"connection", "transfer-encoding", "content-length", "keep-alive"}


def _handler_for(proxy: HangingProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _relay(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not proxy.wait_or_forward(self.command, self.path, body):
                self.close_connection = True
                return
            status, headers, payload = proxy.forward(self.command, self.path, self.headers, body)
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _relay

        def log_message(self, *_: Any) -> None:
            pass

    return Handler


@contextmanager
def hanging_proxy(upstream: str, hold: Picker) -> Iterator[HangingProxy]:
    """A `HangingProxy` in front of `upstream`, closed on exit."""
    proxy = HangingProxy(upstream, hold)
    try:
        yield proxy
    finally:
        proxy.close()
