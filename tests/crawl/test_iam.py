"""The IAM crawl: users with their console password, MFA and access keys (the credential report
and ListAccessKeys), groups, and roles with their instance profiles, read from moto over HTTP.

moto never records an access key's use and always lists every current user in its report, so
the tests that need a report AWS can send and moto cannot (a key's last use, a user the report
lacks, a CSV that is not one) edit moto's own report through an `after-call` hook, in the
columns AWS documents ("Getting credential reports", IAM User Guide).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from explorer.crawl import iam_credentials
from explorer.crawl.util import iso_time
from tests.crawl.faults import query_error
from tests.crawl.helpers import offline_context


def _iam(session: boto3.Session, endpoint: str) -> Any:
    return session.client("iam", endpoint_url=endpoint)


def _alice(session: boto3.Session, endpoint: str) -> list[dict[str, Any]]:
    """alice: a console password, MFA, an inactive key and an active one (oldest first)."""
    iam = _iam(session, endpoint)
    iam.create_user(UserName="alice", Path="/eng/", Tags=[{"Key": "team", "Value": "data"}])
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9!")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    iam.enable_mfa_device(
        UserName="alice", SerialNumber=serial["SerialNumber"],
        AuthenticationCode1="123456", AuthenticationCode2="654321",
    )  # fmt: skip
    old = iam.create_access_key(UserName="alice")["AccessKey"]
    new = iam.create_access_key(UserName="alice")["AccessKey"]
    iam.update_access_key(UserName="alice", AccessKeyId=old["AccessKeyId"], Status="Inactive")
    return [old, new]


def _bob(session: boto3.Session, endpoint: str) -> str:
    """bob: no password, no MFA, no keys."""
    return _iam(session, endpoint).create_user(UserName="bob")["User"]["Arn"]


def _users(snapshot: Any) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in snapshot.rows("iam_users")}


def edit_report(edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> tuple:
    """An `after-call` hook rewriting the rows of the report moto sent, columns kept."""

    def handler(parsed: dict[str, Any], **_: Any) -> None:
        reader = csv.DictReader(io.StringIO(parsed["Content"].decode()))
        rows = edit(list(reader))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        parsed["Content"] = out.getvalue().encode()

    return ("after-call.iam.GetCredentialReport", handler)


def test_users_carry_path_id_creation_time_and_tags(account_session, moto_endpoint, crawl_account):
    _alice(account_session, moto_endpoint)
    created = _iam(account_session, moto_endpoint).get_user(UserName="alice")["User"]

    snapshot = crawl_account(services=("iam",))

    alice = _users(snapshot)["alice"]
    assert (alice["path"], alice["user_id"]) == ("/eng/", created["UserId"])
    assert alice["created"] == iso_time(created["CreateDate"])
    assert alice["tags"] == {"team": "data"}


def test_console_password_and_mfa_come_from_the_credential_report(
    account_session, moto_endpoint, crawl_account
):
    _alice(account_session, moto_endpoint)
    _bob(account_session, moto_endpoint)

    snapshot = crawl_account(services=("iam",))

    users = _users(snapshot)
    assert (users["alice"]["password_enabled"], users["alice"]["mfa_active"]) == (True, True)
    assert (users["bob"]["password_enabled"], users["bob"]["mfa_active"]) == (False, False)
    assert users["alice"]["password_last_used"] is None  # moto: "no_information"
    assert snapshot.rows("errors") == []


def test_the_crawl_asks_again_until_the_report_is_built(
    account_session, moto_endpoint, crawl_account
):
    _bob(account_session, moto_endpoint)  # moto answers STARTED first, then COMPLETE

    snapshot = crawl_account(services=("iam",))

    calls = {r["operation"]: r["count"] for r in snapshot.rows("api_calls")}
    assert calls["GenerateCredentialReport"] == 2
    assert calls["GetCredentialReport"] == 1
    assert _users(snapshot)["bob"]["password_enabled"] is False


def test_access_keys_are_listed_and_matched_to_their_report_slots(
    account_session, moto_endpoint, crawl_account
):
    old, new = _alice(account_session, moto_endpoint)
    _bob(account_session, moto_endpoint)

    snapshot = crawl_account(services=("iam",))

    users = _users(snapshot)
    keys = {k["id"]: k for k in users["alice"]["access_keys"]}
    assert {i: k["status"] for i, k in keys.items()} == {
        old["AccessKeyId"]: "Inactive", new["AccessKeyId"]: "Active"
    }  # fmt: skip
    assert keys[new["AccessKeyId"]]["created"] == iso_time(new["CreateDate"])
    assert all(k["last_used_known"] and k["last_used"] is None for k in keys.values())
    assert users["bob"]["access_keys"] == []


def test_each_keys_last_use_comes_from_its_own_report_slot(
    account_session, moto_endpoint, crawl_account
):
    old, new = _alice(account_session, moto_endpoint)

    def used(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        for row in rows:  # moto puts the active (newer) key in slot 2; AWS fills these columns
            row.update(access_key_2_last_used_date="2024-05-01T10:00:00+00:00",
                       access_key_2_last_used_region="eu-west-1",
                       access_key_2_last_used_service="s3")  # fmt: skip
        return rows

    snapshot = crawl_account(services=("iam",), hooks=(edit_report(used),))

    keys = {k["id"]: k for k in _users(snapshot)["alice"]["access_keys"]}
    fresh = keys[new["AccessKeyId"]]
    assert (fresh["last_used"], fresh["last_used_region"], fresh["last_used_service"]) == (
        "2024-05-01T10:00:00+00:00", "eu-west-1", "s3"
    )  # fmt: skip
    assert keys[old["AccessKeyId"]]["last_used"] is None


def test_a_user_the_report_lacks_has_unknown_credentials_and_is_a_gap(
    account_session, moto_endpoint, crawl_account
):
    _alice(account_session, moto_endpoint)
    bob = _bob(account_session, moto_endpoint)
    lacking_bob = edit_report(lambda rows: [r for r in rows if r["user"] != "bob"])

    snapshot = crawl_account(services=("iam",), hooks=(lacking_bob,))

    users = _users(snapshot)
    assert (users["bob"]["password_enabled"], users["bob"]["mfa_active"]) == (None, None)
    assert users["bob"]["access_keys"] == []  # listed: no key
    assert users["alice"]["password_enabled"] is True
    [error] = snapshot.rows("errors")
    assert (error["operation"], error["code"], error["resource"]) == (
        "GetCredentialReport", "UserNotInReport", bob
    )  # fmt: skip
    assert snapshot.meta["partial"] is True


def test_a_failed_report_leaves_credentials_unknown_and_is_a_gap(
    account_session, moto_endpoint, crawl_account
):
    old, new = _alice(account_session, moto_endpoint)
    deny = query_error(403, "AccessDenied", "not authorized to perform iam:GetCredentialReport")

    snapshot = crawl_account(
        services=("iam",), hooks=(("before-send.iam.GetCredentialReport", deny),)
    )

    alice = _users(snapshot)["alice"]
    assert (alice["password_enabled"], alice["mfa_active"]) == (None, None)
    assert [(k["id"], k["last_used_known"]) for k in alice["access_keys"]] == [
        (old["AccessKeyId"], False), (new["AccessKeyId"], False)
    ]  # fmt: skip
    assert [(e["operation"], e["code"]) for e in snapshot.rows("errors")] == [
        ("GetCredentialReport", "AccessDenied")
    ]


def test_a_failed_key_list_leaves_the_keys_unknown_not_empty(
    account_session, moto_endpoint, crawl_account
):
    _alice(account_session, moto_endpoint)
    deny = query_error(403, "AccessDenied", "not authorized to perform iam:ListAccessKeys")

    snapshot = crawl_account(services=("iam",), hooks=(("before-send.iam.ListAccessKeys", deny),))

    alice = _users(snapshot)["alice"]
    assert alice["access_keys"] is None
    assert alice["password_enabled"] is True
    [error] = snapshot.rows("errors")
    assert (error["operation"], error["resource"]) == ("ListAccessKeys", alice["arn"])


def test_a_report_that_is_no_csv_is_a_gap_not_a_crash(
    account_session, moto_endpoint, crawl_account
):
    _alice(account_session, moto_endpoint)

    def garbage(parsed: dict[str, Any], **_: Any) -> None:
        parsed["Content"] = b"\x00\xff<html>not a report</html>"

    snapshot = crawl_account(
        services=("iam",), hooks=(("after-call.iam.GetCredentialReport", garbage),)
    )

    alice = _users(snapshot)["alice"]
    assert alice["password_enabled"] is None and len(alice["access_keys"]) == 2
    assert [(e["operation"], e["code"]) for e in snapshot.rows("errors")] == [
        ("GetCredentialReport", "UnreadableReport")
    ]


def test_roles_keep_their_instance_profile_arns_and_groups_their_path(
    account_session, moto_endpoint, crawl_account
):
    iam = _iam(account_session, moto_endpoint)
    iam.create_role(RoleName="web", AssumeRolePolicyDocument="{}")
    profile = iam.create_instance_profile(InstanceProfileName="web")["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName="web")
    iam.create_group(GroupName="ops", Path="/team/")

    snapshot = crawl_account(services=("iam",))

    [role] = [r for r in snapshot.rows("iam_roles") if r["name"] == "web"]
    assert role["instance_profiles"] == [profile["Arn"]]
    assert "InstanceProfileList" not in role["raw"]
    assert [g["path"] for g in snapshot.rows("iam_groups")] == ["/team/"]


# -- the report wait, and the report as account data (no AWS behind these) -------------------


def _stubbed_iam() -> Any:
    return boto3.client(
        "iam", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_waiting_for_the_report_is_bounded():
    """A report that stays in progress (moto finishes at once: Stubber stands in)."""
    client, ctx = _stubbed_iam(), offline_context()
    with Stubber(client) as stub:
        for _ in range(3):
            stub.add_response("generate_credential_report", {"State": "INPROGRESS"})
        stub.add_client_error("get_credential_report", "ReportInProgress", http_status_code=404)

        iam_credentials.wait_for_report(ctx, client, "STARTED", delays=(0.0, 0.0))
        report = iam_credentials.read_report(ctx, client)

    assert report is None
    assert [(e.operation, e.code) for e in ctx.sink.errors] == [
        ("GetCredentialReport", "ReportInProgress")
    ]


def test_a_report_state_aws_adds_later_is_not_waited_for():
    client, ctx = _stubbed_iam(), offline_context()
    with Stubber(client) as stub:
        stub.add_response("generate_credential_report", {"State": "QUEUED"})

        iam_credentials.wait_for_report(ctx, client, "STARTED", delays=(60.0,))

    assert ctx.sink.errors == []


REPORT_HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
    "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
)
"""The columns AWS documents, in its order."""


def test_the_report_is_read_by_arn_without_the_root_user_and_hostile_text_stays_data():
    content = REPORT_HEADER + (
        "<root_account>,arn:aws:iam::123456789012:root,2015-01-01T00:00:00+00:00,not_supported,"
        "2016-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,"
        "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        '"a,""b\ninjected",arn:aws:iam::123456789012:user/ab,2015-01-01T00:00:00+00:00,TRUE,'
        "2024-02-03T04:05:06Z,N/A,N/A,maybe,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,"
        "N/A,false,N/A\n"
    )

    report = iam_credentials.parse_report(content.encode())
    [row] = report.values()
    credentials = iam_credentials.user_credentials(row, [])

    assert list(report) == ["arn:aws:iam::123456789012:user/ab"]
    assert row["user"] == 'a,"b\ninjected'
    assert credentials == {
        "password_enabled": True, "password_last_used": "2024-02-03T04:05:06+00:00",
        "mfa_active": None, "access_keys": [],
    }  # fmt: skip


@pytest.mark.parametrize(
    "content",
    [b"", b"just,some,columns\n1,2,3\n", None, b'user,arn\n"unterminated'],
    ids=["empty", "other-columns", "no-content", "broken-quote"],
)
def test_a_report_that_is_not_the_documented_csv_is_refused(content):
    with pytest.raises(iam_credentials.UnreadableReport):
        iam_credentials.parse_report(content)


def test_two_keys_made_in_the_same_second_with_different_use_stay_unknown():
    row = {
        "access_key_1_active": "true", "access_key_1_last_rotated": "2024-01-01T00:00:00+00:00",
        "access_key_1_last_used_date": "2024-03-01T00:00:00+00:00",
        "access_key_2_active": "true", "access_key_2_last_rotated": "2024-01-01T00:00:00+00:00",
        "access_key_2_last_used_date": "N/A",
    }  # fmt: skip
    key = {"AccessKeyId": "AKIAEXAMPLE", "Status": "Active", "CreateDate": "2024-01-01T00:00:00Z"}

    entry = iam_credentials.key_entry(key, row)

    assert (entry["last_used"], entry["last_used_known"]) == (None, False)
