"""The `explorer` command line: parses arguments, dispatches, and turns failures into one line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from explorer import __version__
from explorer.cli import (
    blast_cmd,
    chains_cmd,
    crawl_cmd,
    demo_cmd,
    diff_cmd,
    findings_cmd,
    info_cmd,
    inputs_cmd,
    open_cmd,
    snapshots_cmd,
    who_can_cmd,
)
from explorer.cli.errors import UserError
from explorer.crawl.runner import CrawlFailed
from explorer.safetext import safe
from explorer.store.reader import SnapshotError

COMMANDS = (
    crawl_cmd,
    demo_cmd,
    snapshots_cmd,
    info_cmd,
    inputs_cmd,
    open_cmd,
    chains_cmd,
    blast_cmd,
    who_can_cmd,
    diff_cmd,
    findings_cmd,
)
"""Each module adds its subcommand with `add_parser(subparsers)` and runs it with `run(args)`."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad flag is one line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def common_options() -> argparse.ArgumentParser:
    """--cache-dir and --snapshot, shared by every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="snapshot folder (default: $EXPLORER_CACHE_DIR or ./cache)",
    )
    common.add_argument(
        "--snapshot", metavar="FILE", help="snapshot to read (default: newest in the cache)"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="explorer",
        description="Crawl an AWS serverless estate into SQLite and walk its chains offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    common = common_options()
    for command in COMMANDS:
        command.add_parser(sub, common)
    return parser


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that stop a command the way Ctrl-C does: cleanup runs, no partial file is left."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread: every Ctrl-C cleanup path applies to it.

    The exit code is 128 + the signal number (143 for SIGTERM, 129 for SIGHUP), the shell's
    convention for "ended by a signal", as Ctrl-C gives 130 (128 + SIGINT).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Terminated` (once; repeats are ignored, so the
    cleanup they started is not cut short). Only the main thread can install handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised = threading.Event()

    def handler(signum: int, _frame: Any) -> None:
        if not raised.is_set():
            raised.set()
            raise Terminated(signum)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `explorer` console script."""
    args = build_parser().parse_args(argv)
    try:
        with stop_signals_interrupt():
            return int(args.run(args) or 0)
    except (UserError, SnapshotError, CrawlFailed) as exc:
        print(f"explorer: {safe(exc)}", file=sys.stderr)  # paths and names come from outside
        return getattr(exc, "exit_code", 2)
    except BrokenPipeError:  # e.g. `explorer chains | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Terminated as exc:
        name = signal.Signals(exc.signum).name
        print(f"explorer: interrupted by {name}.", file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt:
        print("explorer: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("EXPLORER_DEBUG"):
            raise
        print(
            f"explorer: internal error: {type(exc).__name__}: {safe(exc)} "
            "(set EXPLORER_DEBUG=1 for a traceback, and please report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
