"""Ctrl-C during a crawl leaves no complete-looking file and never touches earlier snapshots."""

from __future__ import annotations

import _thread
import hashlib

import pytest

from tests.crawl.test_lambda import _function


def _interrupt_main(**_):
    """A `before-call` hook that does what Ctrl-C does: KeyboardInterrupt in the main thread."""
    _thread.interrupt_main()


def test_interrupted_crawl_leaves_earlier_snapshots_and_no_complete_file(
    account_session, moto_endpoint, crawl_account, tmp_path
):
    for n in range(3):
        _function(account_session, moto_endpoint, f"fn{n}")
    earlier = crawl_account().path
    digest = hashlib.sha256(earlier.read_bytes()).hexdigest()

    with pytest.raises(KeyboardInterrupt):
        crawl_account(hooks=(("before-call.lambda.GetPolicy", _interrupt_main),))

    cache = earlier.parent
    assert sorted(p.name for p in cache.iterdir()) == [earlier.name]
    assert hashlib.sha256(earlier.read_bytes()).hexdigest() == digest
