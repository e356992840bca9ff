"""Show the values behind a failed completeness check (the harness's asserts live outside tests)."""

import pytest

pytest.register_assert_rewrite("tests.crawl.shapes.harness")
