"""The grammar of references: strings in configuration that name data, never hold it.

A reference (an ARN, a JSONPath such as `$.detail.id`, a JSONata expression without string
literals, an API Gateway mapping expression such as `method.request.header.x`) says *where* a
value comes from at run time, so it is kept when every other literal is redacted. The patterns
are strict on purpose: a string that does not fully match is treated as a literal value.
"""

from __future__ import annotations

import re

_STEP = r"(?:\.\.?[A-Za-z0-9_@:-]+|\.\.?\*|\[(?:-?\d+(?::-?\d*)?|\*)\]|\['[A-Za-z0-9_ .-]*'\])"
"""One step of a path: `.name`, `..name`, `.*`, `[0]`, `[1:3]`, `[*]`, `['a name']`."""
JSONPATH = re.compile(rf"\$\$?{_STEP}*")
"""A JSONPath of Step Functions or EventBridge: `$`, `$.a.b[0]`, `$$.Execution.Id`."""
VARIABLE = re.compile(rf"\$[A-Za-z_][A-Za-z0-9_]*{_STEP}*")
"""A Step Functions variable (`$order.id`): a reference only where a path is expected."""
ARN = re.compile(r"arn:[a-z0-9-]+:[A-Za-z0-9-]*:[a-z0-9-]*:[A-Za-z0-9-]*:\S+")
_NAME = r"[A-Za-z0-9_.$\[\]*@:-]+"
REST_MAPPING = re.compile(
    rf"method\.request\.(?:header|querystring|path|multivalueheader|multivaluequerystring)\.{_NAME}"
    rf"|method\.request\.body(?:\.{_NAME})?"
    rf"|integration\.response\.(?:header|multivalueheader)\.{_NAME}"
    rf"|integration\.response\.body(?:\.{_NAME})?"
    rf"|(?:stageVariables|context)\.{_NAME}"
)
"""A REST API (v1) parameter mapping source; a static value is quoted (`'x'`) and not one."""
HTTP_MAPPING = re.compile(
    rf"\$request\.(?:header|querystring|path|body|multivalueheader|multivaluequerystring)"
    rf"(?:\.{_NAME})?"
    rf"|\$response\.(?:header|body|statuscode)(?:\.{_NAME})?"
    rf"|\$(?:context|stageVariables)\.{_NAME}"
)
"""An HTTP API (v2) parameter mapping source: `$request.header.x`, `$context.requestId`."""
SUBSTITUTION = re.compile(r"\$\{(?:stageVariables|context|request|response)\.[A-Za-z0-9_.-]+\}")
"""An API Gateway substitution in a URI or value: `${stageVariables.host}`."""
_QUOTES = re.compile(r"['\"]")
JSONATA = re.compile(r"\{%(?:(?!%\}).)*%\}", re.DOTALL)
"""One JSONata expression (Step Functions' `{% ... %}`); a reference when it quotes nothing."""
INTRINSIC = re.compile(
    rf"States\.[A-Za-z0-9]+\((?:\s|,|\(|\)|States\.[A-Za-z0-9]+|-?\d+(?:\.\d+)?"
    rf"|\$\$?{_STEP}*|\$[A-Za-z_][A-Za-z0-9_]*{_STEP}*)*\)"
)
"""An intrinsic function whose arguments are only paths, numbers and intrinsics (no literals)."""

TEMPLATE_REFERENCE = re.compile(
    r"\$input\.(?:params|path|json)\('[A-Za-z0-9_.$\[\]*@ -]*'\)"
    r"|\$(?:input|context|stageVariables|util|request|response|method|integration|states)"
    r"(?:\.[A-Za-z0-9_-]+)*"
    r"|\$\$?(?:\.[A-Za-z0-9_-]+|\[\d+\]|\[\*\])+"
    r"|\$\{[A-Za-z0-9_.-]+\}"
)
"""A reference inside a template or expression: VTL (`$input.params('id')`, `$context.x`),
JSONPath, JSONata's `$states`, and `${stageVariables.x}`. User variables (`$x`) are left out: a
secret can begin with `$` too."""
PLACEHOLDER = re.compile(r"<[A-Za-z0-9_.-]+>")
"""An EventBridge input template placeholder (`<id>`, `<aws.events.event.json>`)."""


def is_reference(text: str, path_expected: bool = False) -> bool:
    """Whether `text` as a whole is a reference (kept), not a literal value (redacted).

    `path_expected` is for positions where Step Functions reads a path or expression (keys
    ending in `.$`): there variables (`$x`) and intrinsic functions without string literals
    are references too.
    """
    if len(text) > 4096:
        return False
    if ARN.fullmatch(text) or JSONPATH.fullmatch(text):
        return True
    if REST_MAPPING.fullmatch(text) or HTTP_MAPPING.fullmatch(text):
        return True
    if SUBSTITUTION.fullmatch(text):
        return True
    if JSONATA.fullmatch(text.strip()) and not _QUOTES.search(text):
        return True
    return path_expected and bool(VARIABLE.fullmatch(text) or INTRINSIC.fullmatch(text))


def references_in(text: str, placeholders: bool = False) -> list[str]:
    """The references a template or mixed value makes, each once, in order of appearance."""
    found = [m.group(0) for m in TEMPLATE_REFERENCE.finditer(text)]
    if placeholders:
        found += [m.group(0) for m in PLACEHOLDER.finditer(text)]
    return list(dict.fromkeys(found))


def unquote_static(text: str) -> str:
    """A REST API static mapping value as sent: `'Bearer x'` -> `Bearer x`."""
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    return text
