"""`explorer crawl`: read an account into a new snapshot; the last stdout line is its path."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from explorer.cli.crawling import PARTIAL_EXIT, crawl_to_snapshot, print_summary
from explorer.cli.errors import UserError
from explorer.crawl import registry
from explorer.crawl.client import Target, is_endpoint_url, is_region_name
from explorer.crawl.runner import CrawlOptions
from explorer.safetext import safe
from explorer.store.catalog import cache_dir


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("crawl", parents=[common], help="crawl an AWS account into a snapshot")
    p.add_argument("--profile", help="AWS profile to use (default: the usual credential chain)")
    p.add_argument(
        "--region",
        action="append",
        default=[],
        help="region to crawl (repeatable; default: every enabled region)",
    )
    p.add_argument(
        "--service",
        action="append",
        default=[],
        metavar="NAME",
        help="crawl only this service (repeatable, e.g. lambda, iam, s3; default: all)",
    )
    p.add_argument("--endpoint-url", help="send every call here (moto server, LocalStack)")
    p.add_argument("--out", metavar="FILE", help="snapshot path (default: in the cache folder)")
    p.add_argument("--workers", type=int, default=8, help="concurrent requests (default: 8)")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.add_argument(
        "--unsafe-keep-secret-values",
        action="store_true",
        help="store secret VALUES in the snapshot: environment and stage variables and every "
        "other literal configuration value (headers, integration parameters and templates, "
        "state machine literals, ...), secrets included!",
    )
    p.set_defaults(run=run)


def check_args(args: argparse.Namespace) -> None:
    """Refuse, in one sentence, any argument that would fail later (before any AWS call)."""
    if args.workers < 1:
        raise UserError("--workers must be at least 1.")
    unknown = set(args.service) - registry.service_names()
    if unknown:
        known = ", ".join(sorted(registry.service_names()))
        raise UserError(f"unknown service {safe(', '.join(sorted(unknown)))}; known: {known}.")
    if args.endpoint_url is not None and not is_endpoint_url(args.endpoint_url):
        raise UserError(
            f"--endpoint-url '{safe(args.endpoint_url)}' is not an http(s) URL with a valid host "
            "and port, such as http://localhost:4566."
        )
    for region in args.region:
        if not is_region_name(region):
            raise UserError(
                f"--region '{safe(region)}' is not a region name, such as us-east-1 or eu-west-2."
            )


def run(args: argparse.Namespace) -> int:
    check_args(args)
    options = CrawlOptions(
        target=Target(profile=args.profile, endpoint_url=args.endpoint_url),
        regions=tuple(dict.fromkeys(args.region)),
        workers=args.workers,
        services=tuple(args.service),
    )
    outcome = crawl_to_snapshot(
        options,
        cache_dir(args.cache_dir),
        Path(args.out) if args.out else None,
        keep_secret_values=args.unsafe_keep_secret_values,
        quiet=args.quiet,
    )
    print_summary(outcome)
    print(safe(outcome.path))
    return PARTIAL_EXIT if outcome.summary.errors else 0
