"""One finding per cause: untrusted input reaching a role that may invoke every function is
one finding on that role, not one on every function (`inputs` still lists every path)."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.access import HUB_MIN
from explorer.analysis.build import build_graph
from explorer.analysis.taint import untrusted_inputs
from tests.analysis.findings.helpers import allow, estate, fn, function, iam_role, of, role, run
from tests.analysis.findings.test_entry import url, url_policy

OTHERS = tuple(f"worker-{i}" for i in range(HUB_MIN))


def _estate(grant: str = "*"):
    """`track` has a public URL and runs as a role that may invoke `grant`."""
    functions = [function("track"), *(function(n) for n in OTHERS)]
    roles = [iam_role("track-role", allow("lambda:InvokeFunction", grant))]
    return estate(functions=functions, iam_roles=roles, function_urls=[url()],
                  function_policies=[url_policy()])  # fmt: skip


def test_a_role_that_may_invoke_every_function_is_one_finding_on_the_role():
    est = _estate()

    found = of(run(est), "untrusted-input-anonymous")

    assert sorted(f.resource for f in found) == sorted([fn("track"), role("track-role")])
    [on_role] = [f for f in found if f.resource == role("track-role")]
    assert on_role.title == (
        "Anonymous input from the internet reaches track-role, which may invoke every function "
        f"({HUB_MIN + 1})"
    )
    assert on_role.severity == "critical"
    assert on_role.path == (kinds.INTERNET, fn("track") + "#url", fn("track"), role("track-role"))


def test_inputs_still_list_the_path_to_every_function():
    est = _estate()

    inputs = untrusted_inputs(build_graph(est).g)

    assert all(fn(name) in inputs for name in OTHERS)


def test_a_grant_naming_one_function_stays_a_finding_on_that_function():
    est = _estate(fn("worker-1"))

    found = of(run(est), "untrusted-input-anonymous")

    assert sorted(f.resource for f in found) == sorted([fn("track"), fn("worker-1")])
