"""Every read the crawler makes, answered with responses generated from botocore's own output
shapes (optional members present and absent, empty/one/many items, chained pages, unicode, maximum
lengths, enum values AWS has not shipped yet): every page is followed, nothing raises, every
generated record lands as a row, and a failed page is recorded as a gap while what was read
before it is kept.

moto omits optional fields, never pages and never returns some shapes; this is the crawler meeting
everything else AWS's model allows. Responses come through the crawler's real clients (the
`Target.hooks` seam, as `botocore.stub.Stubber` does it), behind its read-only guard.
"""

from __future__ import annotations

import operator
import os
from functools import cache, reduce

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from explorer.crawl import registry
from explorer.crawl.permissions import OPERATIONS
from tests.crawl.shapes.fake import World
from tests.crawl.shapes.harness import Outcome, assert_complete, harness_for, missing
from tests.crawl.shapes.model import Spec
from tests.crawl.shapes.operations import SPECS

EXAMPLES = int(os.environ.get("CRAWL_SHAPES_EXAMPLES", "12"))
"""Examples per module: 12 keeps this suite at 20-40 s on two cores; raise it to hunt for bugs
(`CRAWL_SHAPES_EXAMPLES=200` ran clean in about 6 minutes)."""

settings.register_profile(
    "crawl-shapes",
    deadline=None,  # one example is a whole crawl of a service: its time varies with its size
    max_examples=EXAMPLES,
)
settings.register_profile("crawl-shapes-ci", settings.get_profile("crawl-shapes"),
                          derandomize=True, database=None)  # fmt: skip
PROFILE = settings.get_profile("crawl-shapes-ci" if os.environ.get("CI") else "crawl-shapes")
"""In CI (`CI=true`) the examples are fixed, so a red build names a crawler change, not luck."""

OPERATION_IDS = sorted(f"{service}.{op}" for service, ops in OPERATIONS.items() for op in ops)
MODULES = ("runner", *registry.MODULES)


def _spec(operation: str) -> tuple[str, str, Spec]:
    service, name = operation.split(".")
    spec = SPECS.get((service, name))
    assert spec is not None, f"{operation} has no generator: describe it in shapes/operations.py"
    return service, name, spec


def _lacking(service: str, spec: Spec) -> frozenset[tuple[str, str]]:
    """What the endpoint must lack for the crawler to make this (fallback) call."""
    return frozenset({(service, spec.fallback_for)} if spec.fallback_for else ())


def _fallbacks(module: str) -> list[tuple[str, str]]:
    return sorted(
        {(service, spec.fallback_for) for (service, _), spec in SPECS.items()
         if spec.module == module and spec.fallback_for}
    )  # fmt: skip


@pytest.mark.parametrize("module", MODULES)
def test_every_generated_record_lands_and_every_page_is_followed(module):
    harness = harness_for(module)
    fallbacks = _fallbacks(module)

    @settings(PROFILE)
    @given(st.data())
    def crawl(data):
        lacking = data.draw(st.sets(st.sampled_from(fallbacks))) if fallbacks else set()
        sink = harness.crawl(World(data, unimplemented=frozenset(lacking)))

        assert_complete(harness.fake, sink)

    crawl()


@cache
def rich_crawls(module: str, lacking: frozenset[tuple[str, str]]) -> Outcome:
    """Crawls where every list holds an item and every paginated call has two pages, so every
    operation of the module is reached; shared by the per-operation checks below."""
    harness = harness_for(module)
    outcomes = []

    @settings(PROFILE, max_examples=2, phases=[Phase.generate])
    @given(st.data())
    def crawl(data):
        sink = harness.crawl(World(data, rich=True, unimplemented=lacking))
        outcomes.append(Outcome.of(harness.fake, sink))

    crawl()
    return reduce(operator.or_, outcomes)


@pytest.mark.parametrize("operation", OPERATION_IDS)
def test_operation_is_called_and_its_pages_and_records_land(operation):
    service, name, spec = _spec(operation)

    outcome = rich_crawls(spec.module, _lacking(service, spec))

    assert (service, name) in outcome.calls, f"the crawl never called {operation}"
    assert (outcome.problems, outcome.errors) == ((), ())
    assert [key for key in outcome.unfollowed if f'"{service}", "{name}"' in key] == []
    assert [x for x in outcome.missing if x.source == (service, name)] == []


def test_every_generator_names_an_operation_the_crawler_declares():
    declared = {(service, op) for service, ops in OPERATIONS.items() for op in ops}

    assert set(SPECS) - declared == set()


@pytest.mark.parametrize("operation", OPERATION_IDS)
def test_a_failed_page_of_the_operation_is_recorded_as_a_gap(operation):
    service, name, spec = _spec(operation)
    harness = harness_for(spec.module)
    lacking = _lacking(service, spec)

    @settings(PROFILE, max_examples=1)
    @given(st.data())
    def crawl(data):
        world = World(data, rich=True, unimplemented=lacking, failing=(service, name))
        sink = harness.crawl(world)

        assert harness.fake.problems == []
        assert harness.fake.failed, f"{operation} was never called with a page to fail"
        assert {(e.service, e.operation) for e in sink.errors} == {(service, name)}
        assert missing(harness.fake, sink) == []  # what was read before the failure is kept

    crawl()
