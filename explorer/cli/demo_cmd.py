"""`explorer demo`: an embedded moto AWS, the demo estate deployed into it, crawled for real."""

from __future__ import annotations

import argparse
import sys
from typing import Any

import boto3

from explorer.cli.crawling import crawl_to_snapshot, print_summary
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions
from explorer.demo.server import FAKE_CREDENTIALS, moto_server
from explorer.safetext import safe
from explorer.store.catalog import cache_dir

DEMO_REGION = "us-east-1"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo", parents=[common], help="deploy a flawed demo estate into a local moto and crawl it"
    )
    p.add_argument("--no-tui", action="store_true", help="print a summary instead of the app")
    p.add_argument("--workers", type=int, default=4, help="concurrent requests (default: 4)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from explorer.demo.account import deploy

    with moto_server() as endpoint:
        print(f"moto server on {endpoint}; deploying the demo estate...", file=sys.stderr)
        session = boto3.Session(region_name=DEMO_REGION, **FAKE_CREDENTIALS)
        manifest = deploy(session, endpoint, DEMO_REGION)
        print(f"deployed {len(manifest.functions)} functions; crawling...", file=sys.stderr)
        options = CrawlOptions(
            target=Target(endpoint_url=endpoint, credentials=FAKE_CREDENTIALS),
            regions=(DEMO_REGION,),
            workers=args.workers,
        )
        outcome = crawl_to_snapshot(options, cache_dir(args.cache_dir))
    print_summary(outcome)
    if not args.no_tui and sys.stdin.isatty() and sys.stdout.isatty():
        from explorer.cli.open_cmd import open_app

        return open_app(outcome.path, cache_dir(args.cache_dir))
    print(NEXT_STEPS, file=sys.stderr)
    print(safe(outcome.path))
    return 0


NEXT_STEPS = """
try next (they read the snapshot only; no AWS needed):
  explorer inputs pixmart-thumbnailer          untrusted inputs reaching a function, with paths
  explorer blast-radius pixmart-log-watcher    what a compromised function reaches
  explorer chains --format mermaid             trigger-to-output chains as a diagram
  explorer info                                what the snapshot holds and its coverage
  explorer open                                the terminal app on the newest snapshot"""
