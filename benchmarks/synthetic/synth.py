"""Write a synthetic snapshot: generate an account, then crawl it with the real crawler.

    python benchmarks/synthetic/synth.py --functions 10000 --out /tmp/synthetic.sqlite [--seed 7]
    python -m benchmarks.synthetic.synth --functions 10000 --out /tmp/synthetic.sqlite

The snapshot is exactly what a crawl writes (the crawler's own transforms, redaction and store
path, through `transport.CannedTransport`), so every `explorer` command and the app open it:
`explorer findings --snapshot /tmp/synthetic.sqlite`.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/synthetic/synth.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.synthetic.account import Sizes, SyntheticAccount
from benchmarks.synthetic.limits import Pacer
from benchmarks.synthetic.transport import FAKE_CREDENTIALS, CannedTransport
from benchmarks.synthetic.wiring import build_account
from explorer.cli.crawling import CrawlOutcome, crawl_to_snapshot
from explorer.crawl.client import Target
from explorer.crawl.runner import CrawlOptions


@dataclass(frozen=True)
class Synthesis:
    """A crawl of a synthetic account: where it went, how long it took, what was asked."""

    outcome: CrawlOutcome
    seconds: float
    transport: CannedTransport


def crawl_account(
    account: SyntheticAccount,
    out: Path,
    workers: int = 8,
    latency: float = 0.0,
    limits: bool = False,
    pacer: Pacer | None = None,
) -> Synthesis:
    """Crawl `account` through the canned transport into the snapshot file `out`."""
    transport = CannedTransport(account, latency=latency, limits=limits, pacer=pacer)
    target = Target(credentials=FAKE_CREDENTIALS, hooks=transport.hooks())
    options = CrawlOptions(target=target, regions=account.sizes.regions, workers=workers)
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    outcome = crawl_to_snapshot(options, out.parent, out=out, quiet=True)
    return Synthesis(outcome, time.perf_counter() - start, transport)


def synthesize(sizes: Sizes, out: Path, workers: int = 8) -> Synthesis:
    """Generate the account for `sizes` and crawl it into `out`."""
    return crawl_account(build_account(sizes), out, workers=workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--functions", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    result = synthesize(Sizes(functions=args.functions, seed=args.seed), args.out, args.workers)
    errors = len(result.outcome.summary.errors)
    print(
        f"{result.outcome.path}: {args.functions} functions, crawled in "
        f"{result.seconds:.1f} s, {errors} failed calls",
        file=sys.stderr,
    )
    print(result.outcome.path)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
