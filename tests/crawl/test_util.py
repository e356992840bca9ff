"""Parsing policy text as AWS returns it: dicts, JSON strings, escaped and URL-encoded JSON."""

from __future__ import annotations

import json
import urllib.parse

from hypothesis import given
from hypothesis import strategies as st

from explorer.crawl.util import parse_policy

POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*"}]}


def test_plain_json_text_is_parsed():
    assert parse_policy(json.dumps(POLICY)) == POLICY


def test_escaped_json_string_is_parsed():
    # API Gateway returns the policy as a JSON string inside JSON.
    assert parse_policy(json.dumps(json.dumps(POLICY))) == POLICY


def test_url_encoded_json_is_parsed():
    assert parse_policy(urllib.parse.quote(json.dumps(POLICY))) == POLICY


def test_unparseable_text_is_kept_verbatim():
    assert parse_policy("{not json") == "{not json"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(st.text() | json_values)
def test_parse_policy_never_raises(value):
    parse_policy(value)
