"""Amazon States Language: which strings of a state machine definition are structure, not data.

Structure is kept: state types, transitions (`Next`, `Default`, `StartAt`), task `Resource` ARNs,
paths (`InputPath`, `ResultPath`, `ItemsPath`, ...), error names (`ErrorEquals`, a Fail state's
`Error`), Choice `Variable`s, `ProcessorConfig` and the Map reader and writer settings. So are
the task arguments that name the resource a task calls (`FunctionName`, `QueueUrl`,
`TableName`, ...; the caller passes them) unless they are expressions: the analysis reads them,
and a name is no credential.
Every other string is data and is redacted unless it is a reference: anything in `Parameters`,
`Arguments`, `Result`, `ResultSelector`, `ItemSelector`, `Assign`, `Output`, `Credentials`,
Choice comparison values and `Condition`s, a Fail state's `Cause`, `Comment`s (free text), and
any field this grammar does not know. State names are keys, and keys are kept.
"""

from __future__ import annotations

from collections.abc import Collection

from explorer.crawl.redact import Location
from explorer.crawl.references import is_reference

STATE_TYPES = frozenset({"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"})
LANGUAGES = frozenset({"JSONPath", "JSONata"})
MACHINE_FIELDS = frozenset({"StartAt", "Version"})
STATE_FIELDS = frozenset(
    {"Next", "Default", "Label", "Error", "Timestamp", "InputPath", "OutputPath", "ResultPath",
     "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath",
     "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
     "ErrorPath", "CausePath"}
)  # fmt: skip
"""State fields whose string value is structure (names, paths, a timestamp)."""
CATCHER_FIELDS = frozenset({"Next", "ResultPath", "JitterStrategy"})
RULE_FIELDS = frozenset({"Variable", "Next"})
ARGUMENTS = frozenset({"Parameters", "Arguments"})
LEVELS = {
    "Branches": ("machine", 2),
    "Iterator": ("machine", 1),
    "ItemProcessor": ("machine", 1),
    "ItemReader": ("io", 1),
    "ResultWriter": ("io", 1),
    "Retry": ("catcher", 2),
    "Catch": ("catcher", 2),
    "Choices": ("rule", 2),
}
"""State fields that lead into another level: the level, and the path steps it takes (a list
index after `Branches`, `Retry`, `Catch` and `Choices`)."""


def is_structure(path: Location, text: str, names: Collection[str]) -> bool:
    """Whether the string at `path` (from the definition's root) is structure, kept as written."""
    level, i = "machine", 0
    while i < len(path):
        step, last = path[i], i == len(path) - 1
        if step == "QueryLanguage" and last and level in ("machine", "state"):
            return text in LANGUAGES
        if level == "machine":
            if step != "States":
                return step == "ProcessorConfig" or (last and step in MACHINE_FIELDS)
            level, i = "state", i + 2
        elif level == "io":
            return _io_field(path[i:], text, names)
        elif level == "state":
            if step in ARGUMENTS:
                return _names_argument(path[i + 1 :], text, names)
            if str(step) not in LEVELS:
                return last and _state_field(step, text)
            level, skip = LEVELS[str(step)]
            i += skip
        elif level == "catcher":
            return step == "ErrorEquals" or (last and step in CATCHER_FIELDS)
        else:  # a Choice rule: `And`/`Or` hold a list of rules, `Not` one rule
            if step not in ("And", "Or", "Not"):
                return last and step in RULE_FIELDS
            i += 1 if step == "Not" else 2
    return False


def _io_field(path: Location, text: str, names: Collection[str]) -> bool:
    """Inside a Map's `ItemReader` or `ResultWriter`."""
    if path[0] in ("ReaderConfig", "WriterConfig"):
        return True
    if path[0] in ARGUMENTS:
        return _names_argument(path[1:], text, names)
    return path == ("Resource",) and is_reference(text)


def _state_field(step: str | int, text: str) -> bool:
    if step == "Resource":
        return is_reference(text)
    if step == "Type":
        return text in STATE_TYPES
    return step in STATE_FIELDS


def _names_argument(rest: Location, text: str, names: Collection[str]) -> bool:
    """A task argument naming what the task calls: `FunctionName`, or `Entries[i].EventBusName`
    (not a JSONata expression: one holding string literals is data)."""
    if text.lstrip().startswith("{%"):
        return False
    if len(rest) == 1:
        return rest[0] in names
    return len(rest) == 3 and rest[0] == "Entries" and rest[2] == "EventBusName"
