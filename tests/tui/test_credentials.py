"""A user's keys, console password and MFA in the detail and the Principals tab, and "not
recorded" (never "none") where the snapshot lacks them.

The view model is built by the real loader steps (graph, findings, lists) from the principal
estate held in memory: the credential columns are the crawl's newest, and the snapshot format
of this branch may not declare them yet (the pilot tests use the file)."""

from __future__ import annotations

from explorer.tui.credentials import NOT_RECORDED, credentials
from explorer.tui.details import detail_lines
from explorer.tui.view_model import Model
from tests.tui.helpers import model_of
from tests.tui.principal_estate import KEYS, SNAPSHOT_META, tables, user


def _model(users: dict[str, dict] | None = None) -> tuple[Model, dict]:
    """The estate's view model and lists; `users` replaces columns of users."""
    found = tables()
    found["iam_users"] = [row | (users or {}).get(row["arn"], {}) for row in found["iam_users"]]
    return model_of(found, SNAPSHOT_META)


def _detail(model: Model, node: str) -> str:
    return "\n".join(line.content.plain for line in detail_lines(model, node))


def _cells(lists: dict, node: str) -> list[str]:
    data = lists["principals"]
    row = next(r for r in data.rows if r.item == node)
    return [data.cell(row, i)[0] for i in range(len(data.columns))]


def test_a_users_keys_show_id_status_creation_and_last_use():
    model, _ = _model()

    shown = _detail(model, user("dev"))

    assert "access keys: 1 active of 2" in shown
    assert ("AKIADEVACTIVE0000001  Active  created 2025-03-01T10:00:00+00:00  "
            "last used 2026-01-01T09:30:00+00:00  s3 us-east-1") in shown  # fmt: skip
    assert "AKIADEVOLD0000000002  Inactive  created 2024-01-01T10:00:00+00:00  last used never" in (
        shown
    )


def test_a_console_password_without_mfa_is_shown_with_its_last_use():
    model, _ = _model()

    shown = _detail(model, user("dev"))

    assert "console password: yes" in shown and "MFA: no" in shown
    assert "password last used: 2025-12-24T08:00:00+00:00" in shown


def test_credentials_the_snapshot_lacks_read_not_recorded_never_none():
    model, lists = _model()

    shown = _detail(model, user("reader"))

    assert "console password: not recorded" in shown and "MFA: not recorded" in shown
    assert "access keys: not recorded" in shown
    assert _cells(lists, user("reader"))[5:] == [NOT_RECORDED] * 3


def test_a_user_with_no_keys_and_no_password_says_so():
    model, lists = _model()

    assert "access keys: 0 active of 0" in _detail(model, user("alice"))
    assert _cells(lists, user("alice"))[5:] == ["0", "-", "no"]


def test_the_principals_tab_counts_active_keys_and_dates_their_latest_use():
    _, lists = _model()

    assert _cells(lists, user("dev"))[5:] == ["1", "2026-01-01", "yes"]


def test_a_key_whose_use_the_report_did_not_match_is_not_recorded_not_never():
    unmatched = [KEYS[1] | {"last_used_known": False}]
    model, lists = _model({user("dev"): {"access_keys": unmatched}})

    assert "last used not recorded" in _detail(model, user("dev"))
    assert _cells(lists, user("dev"))[5:7] == ["0", NOT_RECORDED]


def test_misshapen_credential_columns_read_not_recorded():
    odd = {"access_keys": {"id": "x"}, "password_enabled": "true", "mfa_active": 1}

    found = credentials({**odd})

    assert (found.keys, found.password, found.mfa) == (None, None, None)
    assert found.key_last_use() == NOT_RECORDED


def test_a_leaked_access_key_id_finds_its_user_in_search():
    model, _ = _model()

    hits = model.search.search("AKIADEVOLD0000000002")

    assert [hit.node for hit in hits] == [user("dev")]
