"""An entry point's auth, read in one place for exposure, findings and the app."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.analysis.entry_auth import entry_auth


def test_a_route_without_authorizer_or_key_is_open():
    auth = entry_auth({"authorization_type": "NONE", "api_key_required": False}, url=False)

    assert auth.open and auth.recorded and auth.label == "NONE"


def test_an_api_key_alone_is_not_open_and_says_so():
    auth = entry_auth({"authorization_type": "none", "api_key_required": True}, url=False)

    assert not auth.open and auth.label == "NONE+key"


def test_a_function_url_reads_its_own_column_and_never_an_api_key():
    assert entry_auth({"auth_type": "AWS_IAM"}).label == "AWS_IAM"
    assert entry_auth({"auth_type": "NONE", "api_key_required": True}, url=True).open


def test_a_row_that_names_no_auth_is_not_recorded():
    assert not entry_auth({"arn": "x"}, url=True).recorded


@given(
    st.dictionaries(
        st.sampled_from(["authorization_type", "auth_type", "api_key_required"]),
        st.one_of(st.none(), st.text(max_size=12), st.booleans()),
    )
)
def test_any_row_gives_an_upper_case_type(row):  # fmt: skip
    auth = entry_auth(row)

    assert auth.type == auth.type.upper() and isinstance(auth.api_key, bool)
