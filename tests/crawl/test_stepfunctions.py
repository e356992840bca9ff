"""The Step Functions crawl: machines from moto, and the definition walk on hand-written ASL."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.crawl.redact import Redactor
from explorer.crawl.stepfunctions import Where, analyse_definition, transform_state_machine

DATA = Path(__file__).parent.parent / "data" / "stepfunctions"
HERE = Where("aws", "us-east-1", "123456789012")
KEYED = Redactor(b"k")
FN = "arn:aws:lambda:us-east-1:123456789012:function"


def _pipeline() -> dict:
    return json.loads((DATA / "order_pipeline.asl.json").read_text())


def _task(resource: str, **fields) -> dict:
    return {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource, **fields}}}


def test_state_machine_with_its_lambda_tasks_and_logging_is_stored(
    account_session, moto_endpoint, crawl_account
):
    sfn = account_session.client("stepfunctions", endpoint_url=moto_endpoint)
    log_group = "arn:aws:logs:us-east-1:123456789012:log-group:/sfn/orders:*"
    arn = sfn.create_state_machine(
        name="orders", definition=json.dumps(_pipeline()),
        roleArn="arn:aws:iam::123456789012:role/sfn", tracingConfiguration={"enabled": True},
        loggingConfiguration={"level": "ERROR", "includeExecutionData": False, "destinations": [
            {"cloudWatchLogsLogGroup": {"logGroupArn": log_group}}
        ]},
    )["stateMachineArn"]  # fmt: skip

    snapshot = crawl_account(services=("stepfunctions",))

    [row] = snapshot.rows("state_machines")
    assert (row["arn"], row["role_arn"]) == (arn, "arn:aws:iam::123456789012:role/sfn")
    assert (row["logging_level"], row["log_group_arns"], row["tracing_enabled"]) == (
        "ERROR",
        [log_group],
        1,
    )
    assert row["definition"]["StartAt"] == "Validate"
    assert f"{FN}:validate" in [t["function_arn"] for t in row["lambda_tasks"]]


def test_lambda_tasks_are_found_in_branches_and_map_processors():
    lambdas, _ = analyse_definition(_pipeline(), HERE)

    assert [(t["state"], t["function_arn"], t["dynamic"]) for t in lambdas] == [
        ("Validate", f"{FN}:validate", False),
        ("Charge", f"{FN}:charge:live", False),
        ("Approve", "arn:aws:lambda:us-east-1:444455556666:function:approver", False),
        ("Handle item", None, True),
    ]


def test_dynamic_function_name_keeps_its_path():
    lambdas, _ = analyse_definition(_pipeline(), HERE)

    [dynamic] = [t for t in lambdas if t["dynamic"]]
    assert dynamic["function"] == "$.handler"


def test_task_credentials_role_is_recorded():
    lambdas, _ = analyse_definition(_pipeline(), HERE)

    [approve] = [t for t in lambdas if t["state"] == "Approve"]
    assert approve["credentials_role_arn"] == "arn:aws:iam::444455556666:role/approver-caller"


def test_writing_integrations_become_service_tasks_with_target_arns():
    _, writes = analyse_definition(_pipeline(), HERE)

    assert [(t["state"], t["service"], t["target"]) for t in writes] == [
        ("Record", "dynamodb", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
        ("Queue shipping", "sqs", "arn:aws:sqs:eu-west-1:123456789012:shipping"),
        ("Announce", "events", "arn:aws:events:us-east-1:123456789012:event-bus/default"),
        ("Notify", "sns", "arn:aws:sns:us-east-1:123456789012:orders"),
    ]


def test_start_execution_and_map_result_writer_are_writes():
    definition = {"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemProcessor": _task(
            "arn:aws:states:::states:startExecution.sync:2",
            Parameters={"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:c"},
        ), "ResultWriter": {
            "Resource": "arn:aws:states:::s3:putObject",
            "Parameters": {"Bucket": "results", "Prefix": "out"},
        }, "End": True}
    }}  # fmt: skip

    _, writes = analyse_definition(definition, HERE)

    assert sorted(t["target"] for t in writes) == [
        "arn:aws:s3:::results",
        "arn:aws:states:us-east-1:123456789012:stateMachine:c",
    ]


def test_jsonata_expression_is_dynamic():
    definition = _task(
        "arn:aws:states:::sqs:sendMessage", Arguments={"QueueUrl": "{% $states.input.queue %}"}
    )

    _, [write] = analyse_definition(definition, HERE)

    assert (write["target"], write["dynamic"]) == ("{% $states.input.queue %}", True)


def test_unreadable_definition_leaves_tasks_unknown():
    raw = {"stateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:x", "definition": "{oops"}

    row = transform_state_machine(KEYED, raw, HERE)

    assert (row["definition"], row["lambda_tasks"], row["service_tasks"]) == (None, None, None)
    assert row["raw"]["definition"]["redacted"] is True and "oops" not in json.dumps(row)


MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m"
LITERALS = {"StartAt": "Call", "Comment": "c0mment-s3cret", "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke", "Comment": "note-s3cret",
             "Parameters": {"ApiEndpoint": "https://api.example.com",
                            "Headers": {"Authorization": "Bearer tok-s3cret", "Id.$": "$.id"},
                            "Body": {"items": [{"k": "nested-s3cret"}, 7, True],
                                     "msg.$": "States.Format('x-s3cret {}', $.name)"}},
             "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/caller",
                             "Token": "cred-s3cret"},
             "ResultSelector": {"fixed": "selector-s3cret"},
             "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "Next": "Decide"},
    "Decide": {"Type": "Choice", "Default": "Result",
               "Choices": [{"Variable": "$.code", "StringEquals": "choice-s3cret", "Next": "Send"},
                           {"Not": {"Variable": "$.x", "StringEquals": "not-s3cret"},
                            "Next": "Result"}]},
    "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
             "Arguments": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                           "MessageBody": "{% 'jsonata-s3cret' & $states.input.id %}"},
             "Next": "Result"},
    "Result": {"Type": "Pass", "Result": {"token": "pass-s3cret"}, "Next": "Failed"},
    "Failed": {"Type": "Fail", "Error": "Broken", "Cause": "cause-s3cret"},
}}  # fmt: skip
"""Literals wherever a definition can hold one, each holding `s3cret`."""


def test_every_literal_of_a_definition_is_redacted_in_column_and_raw():
    raw = {"stateMachineArn": MACHINE, "definition": json.dumps(LITERALS)}

    row = transform_state_machine(KEYED, raw, HERE)

    assert "s3cret" not in json.dumps(row)
    assert len(row["redacted_values"]) == 13
    assert {r["field"] for r in row["redacted_values"]} >= {
        "definition.States.Call.Parameters.Headers.Authorization",
        "definition.States.Call.Parameters.Body.items[0].k",
        "definition.States.Call.Credentials.Token",
        "definition.States.Result.Result.token",
        "definition.States.Decide.Choices[1].Not.StringEquals",
    }
    assert json.loads(row["raw"]["definition"]) == row["definition"]


def test_structure_references_and_called_names_survive_redaction():
    raw = {"stateMachineArn": MACHINE, "definition": json.dumps(LITERALS)}

    states = transform_state_machine(KEYED, raw, HERE)["definition"]["States"]

    assert states["Call"]["Parameters"]["Headers"]["Id.$"] == "$.id"
    assert states["Call"]["Credentials"]["RoleArn"] == "arn:aws:iam::123456789012:role/caller"
    assert states["Call"]["Catch"] == [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]
    assert states["Decide"]["Choices"][0]["Variable"] == "$.code"
    assert states["Send"]["Arguments"]["QueueUrl"].endswith("/123456789012/q")
    assert states["Call"]["Parameters"]["Body"]["msg.$"]["references"] == ["$.name"]
    assert (states["Failed"]["Error"], states["Failed"]["Type"]) == ("Broken", "Fail")


def test_tasks_found_in_the_redacted_definition_are_those_of_the_original():
    raw = {"stateMachineArn": MACHINE, "definition": json.dumps(_pipeline())}

    row = transform_state_machine(KEYED, raw, HERE)

    assert (row["lambda_tasks"], row["service_tasks"]) == analyse_definition(_pipeline(), HERE)


def test_expression_holding_a_literal_is_redacted_and_stays_dynamic():
    definition = _task(
        "arn:aws:states:::lambda:invoke", Arguments={"FunctionName": "{% 'fn-' & $x %}"}
    )
    raw = {"stateMachineArn": MACHINE, "definition": json.dumps(definition)}

    [task] = transform_state_machine(KEYED, raw, HERE)["lambda_tasks"]

    assert (task["dynamic"], task["function_arn"], task["function"]["redacted"]) == (
        True, None, True
    )  # fmt: skip


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)
"""Arbitrary JSON."""

KEYS = ["States", "Type", "Resource", "Parameters", "Arguments", "Branches", "Iterator",
        "ItemProcessor", "ResultWriter", "FunctionName", "FunctionName.$", "QueueUrl", "Entries",
        "EventBusName", "TableName", "Credentials", "RoleArn"]  # fmt: skip
RESOURCES = ["arn:aws:states:::lambda:invoke", "arn:aws:states:::sqs:sendMessage",
             "arn:aws:states:::events:putEvents", "arn:aws:states:::aws-sdk:s3:putObject",
             "arn:aws:lambda:us-east-1:1:function:f", "https://[bad", "arn:"]  # fmt: skip
asl_like = st.recursive(
    st.none() | st.integers() | st.sampled_from(RESOURCES) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=5)
    ),
    max_leaves=40,
)
"""JSON built from definition vocabulary, so the walk gets deep into odd shapes."""


@settings(max_examples=300)
@given(json_values | asl_like)
def test_definition_walk_never_raises(definition):
    analyse_definition(definition, HERE)
    raw = {"stateMachineArn": "a", "definition": json.dumps(definition)}
    transform_state_machine(KEYED, raw, HERE)


def _calls(lambdas: list | None, writes: list | None) -> tuple:
    """What the graph is built from: functions and write targets known before run time."""
    return (
        [(t["state"], t["function_arn"], t["dynamic"]) for t in lambdas or []],
        [(t["state"], t["service"], t["dynamic"], None if t["dynamic"] else t["target"])
         for t in writes or []],
    )  # fmt: skip


@settings(max_examples=300)
@given(asl_like)
def test_redaction_never_changes_what_a_definition_calls(definition):
    raw = {"stateMachineArn": "a", "definition": json.dumps(definition)}

    row = transform_state_machine(KEYED, raw, HERE)

    if isinstance(definition, dict):
        expected = analyse_definition(definition, HERE)
        assert _calls(row["lambda_tasks"], row["service_tasks"]) == _calls(*expected)
