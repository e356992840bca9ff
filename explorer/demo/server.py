"""An embedded moto server on a free loopback port: the demo's (and the tests') AWS."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

FAKE_CREDENTIALS = {
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
"""Credentials moto accepts; they grant nothing anywhere else."""


@contextmanager
def moto_server() -> Iterator[str]:
    """Run moto's server in a thread on 127.0.0.1 and yield its endpoint URL."""
    os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "false")
    from moto.server import ThreadedMotoServer

    from explorer.demo import moto_appsync, moto_cloudfront, moto_lambda, moto_s3control

    moto_appsync.install()  # AppSync data sources, which moto lacks (see the module)
    moto_cloudfront.keep_lambda_associations()  # Lambda@Edge, which moto drops
    moto_lambda.install()  # Kafka and MQ event source mappings, which moto refuses
    moto_s3control.install()  # S3 Object Lambda access points, which moto lacks
    # werkzeug logs one line per request, and a full traceback whenever moto lacks an operation
    # (the crawler records or works around those calls itself): neither is for the user's eyes.
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    try:
        yield url
    finally:
        server.stop()
