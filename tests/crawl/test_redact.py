"""Redaction: detectors, keyed fingerprints, the key's safety, and the walker over literal
configuration values that keeps references (ARNs, JSONPath, mapping expressions)."""

from __future__ import annotations

import json
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.crawl.redact import Literals, Redactor, load_key
from explorer.crawl.references import is_reference, references_in

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


# -- literals in configuration documents -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["$", "$.detail.id", "$$.Execution.Id", "$.items[0].name", "$['a b'].c",
     "arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:states:::lambda:invoke",
     "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations",
     "method.request.header.x-token", "method.request.querystring.page", "method.request.body",
     "integration.response.header.ETag", "stageVariables.backend", "context.requestId",
     "$request.header.Authorization", "$request.path.id", "$context.authorizer.claims.sub",
     "$stageVariables.host", "{% $states.input.queue %}"],
)  # fmt: skip
def test_references_are_recognised(text):
    assert is_reference(text)


@pytest.mark.parametrize(
    "text",
    ["hunter2", "'Bearer abc'", "Bearer $request.header.t", "{% 'sk_live_x' & $x %}",
     "{% a %} secret {% b %}", "$secret", "States.Format('Bearer {}', $.token)",
     "States.Base64Encode(sk_live)", "arn:", "https://user:pw@example.com/x?key=1", ""],
)  # fmt: skip
def test_literals_and_expressions_holding_literals_are_not_references(text):
    assert not is_reference(text)


def test_paths_and_bare_intrinsics_are_references_only_where_a_path_is_expected():
    assert is_reference("$order.id", path_expected=True) and not is_reference("$order.id")
    assert is_reference("States.Format($.a, $.b)", path_expected=True)


def test_tree_redacts_literals_and_keeps_references_and_structure():
    literals = Literals(Redactor(KEY))
    document = {"Authorization": "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc", "id": "$.detail.id",
                "list": ["hunter2", 3, True, None], "nested": {"k": "v"}}  # fmt: skip

    redacted = literals.tree(("HttpParameters",), document)

    assert redacted["id"] == "$.detail.id"
    assert redacted["list"][1:] == [3, True, None]
    assert redacted["Authorization"]["detectors"] == ["Stripe Access Key"]
    assert "sk_live" not in json.dumps(redacted) and "hunter2" not in json.dumps(redacted)
    assert [r["field"] for r in literals.records] == [
        "HttpParameters.Authorization", "HttpParameters.list[0]", "HttpParameters.nested.k"
    ]  # fmt: skip


def test_odd_keys_are_quoted_in_field_names():
    literals = Literals(Redactor(KEY))

    literals.tree(("requestParameters",), {"integration.request.header.X": "'v'"})

    assert literals.records[0]["field"] == 'requestParameters["integration.request.header.X"]'
    assert literals.records[0]["name"] == "integration.request.header.X"


def test_a_redacted_template_keeps_the_references_it_makes():
    template = '{"key": "hunter2", "id": "$input.params(\'id\')", "u": "$context.x"}'

    where = ("requestTemplates", "application/json")

    record = Literals(Redactor(KEY)).value(where, template, references_in(template))

    assert record["references"] == ["$input.params('id')", "$context.x"]
    assert "hunter2" not in json.dumps(record)


def test_a_bearer_token_is_fingerprinted_alone_too():
    redactor = Redactor(KEY)

    header = redactor.redact_value("Authorization", "Bearer tok-123456")

    assert header["token_fingerprint"] == redactor.fingerprint("tok-123456")
    assert header["fingerprint"] != header["token_fingerprint"]


def test_kept_values_are_kept_for_every_literal():
    literals = Literals(Redactor(KEY, keep_values=True))

    redacted = literals.tree(("Parameters",), {"a": "one", "b": ["two"], "c": "$.x"})

    assert (redacted["a"]["value"], redacted["b"][0]["value"], redacted["c"]) == (
        "one",
        "two",
        "$.x",
    )


def _strings(value, records: bool = True) -> list[str]:
    """Every string of a JSON-like value (keys aside; redaction records' own too, or not)."""
    if isinstance(value, dict):
        if not records and value.get("redacted") is True and "fingerprint" in value:
            return []
        return [s for v in value.values() for s in _strings(v, records)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, records)]
    return [value] if isinstance(value, str) else []


def _same_shape(before, after) -> bool:
    """Same keys and list lengths, same non-string scalars; strings may become records."""
    if isinstance(before, dict):
        return list(before) == list(after) and all(
            _same_shape(v, after[k]) for k, v in before.items()
        )
    if isinstance(before, list):
        return len(before) == len(after) and all(map(_same_shape, before, after))
    if isinstance(before, str):
        return after == before or (isinstance(after, dict) and after.get("redacted") is True)
    return before == after


PIECES = ["$.a", "$$.x", "arn:aws:sqs:us-east-1:123456789012:q", "method.request.header.h",
          "$request.path.id", "{% $x %}", "{% 'a' %}", "'static'", "Bearer x",
          "$secret"]  # fmt: skip
config_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    | st.sampled_from(PIECES),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)  # fmt: skip
"""Arbitrary JSON, with references and near-references among the strings."""


@settings(max_examples=200, deadline=None)
@given(config_documents)
def test_tree_never_raises_keeps_shape_and_lets_no_literal_through(document):
    literals = Literals(Redactor(KEY))

    redacted = literals.tree(("x",), document)

    assert _same_shape(document, redacted)
    assert all(is_reference(s) for s in _strings(redacted, records=False))
    assert len(literals.records) == len([s for s in _strings(document) if not is_reference(s)])


def test_tree_survives_nesting_deeper_than_the_recursion_limit():
    deep: list = ["hunter2"]
    for _ in range(5000):
        deep = [deep]

    redacted = Literals(Redactor(KEY)).tree(("x",), deep)

    for _ in range(5000):
        redacted = redacted[0]
    assert redacted[0]["redacted"] is True


def test_a_url_keeps_host_and_path_but_not_its_password_or_query_values():
    literals = Literals(Redactor(KEY))
    url = "https://svc:hunter2@api.example.com/v1/x?api_key=sk-123&host=${stageVariables.h}"

    kept = literals.url(("uri",), url)

    assert (
        kept
        == "https://svc:{redacted}@api.example.com/v1/x?api_key={redacted}&host=${stageVariables.h}"
    )
    assert [r["field"] for r in literals.records] == ['uri["@password"]', 'uri["?api_key"]']


def test_an_unparsable_url_is_redacted_whole():
    literals = Literals(Redactor(KEY))

    assert literals.url(("uri",), "http://[oops/x?key=hunter2") == "{redacted}"
    assert literals.records[0]["length"] == len("http://[oops/x?key=hunter2")


def test_a_url_is_kept_whole_when_keeping_values_and_its_parts_still_listed():
    literals = Literals(Redactor(KEY, keep_values=True))

    kept = literals.url(("uri",), "https://api.example.com/x?api_key=sk-123")

    assert kept == "https://api.example.com/x?api_key=sk-123"
    assert literals.records[0]["value"] == "sk-123"
