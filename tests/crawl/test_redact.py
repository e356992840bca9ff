"""Redaction of environment values: detectors, keyed fingerprints, and the key's safety."""

from __future__ import annotations

import stat

from hypothesis import given
from hypothesis import strategies as st

from explorer.crawl.redact import Redactor, load_key

KEY = b"k" * 32


def test_secret_like_value_is_flagged_and_hidden():
    record = Redactor(KEY).redact_value("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")

    assert record["redacted"] is True and "value" not in record
    assert record["detectors"] == ["AWS Access Key"]
    assert record["length"] == 20


def test_ordinary_value_is_hidden_but_not_flagged():
    record = Redactor(KEY).redact_value("LOG_LEVEL", "info")

    assert record["detectors"] == [] and "value" not in record


def test_fingerprint_is_stable_per_key_and_differs_across_keys():
    same = Redactor(KEY).fingerprint("hunter2"), Redactor(KEY).fingerprint("hunter2")
    other = Redactor(b"x" * 32).fingerprint("hunter2")

    assert same[0] == same[1] != other
    assert "hunter2" not in same[0]


def test_values_are_kept_only_when_asked():
    record = Redactor(KEY, keep_values=True).redact_value("X", "visible")

    assert record["value"] == "visible" and record["redacted"] is False


def test_key_is_created_once_and_private(tmp_path):
    first = load_key(tmp_path / "conf")

    assert load_key(tmp_path / "conf") == first and len(first) == 32
    assert stat.S_IMODE((tmp_path / "conf" / "fingerprint.key").stat().st_mode) == 0o600


@given(st.dictionaries(st.text(), st.text() | st.integers()))
def test_any_environment_map_redacts_without_raising(variables):
    redacted = Redactor(KEY).redact_mapping(variables)

    assert set(redacted) == {str(k) for k in variables}
    assert all(r["redacted"] and "value" not in r for r in redacted.values())
