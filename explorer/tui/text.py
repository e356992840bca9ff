"""Account-controlled text as Textual `Content` / Rich `Text`, never markup; badges and paths."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Span, Text
from textual.content import Content

from explorer.analysis import kinds
from explorer.safetext import safe

TRUST_STYLE = {
    kinds.ANONYMOUS: "bold #ff5f5f",
    kinds.CROSS_ACCOUNT: "bold #d787ff",
    kinds.ORGANIZATION: "#d787ff",
    kinds.AUTHENTICATED: "#ffd75f",
    kinds.ACCOUNT_WIDE: "#ffaf5f",
    kinds.INTERNAL: "#87d787",
}
"""Trust level -> style: the most dangerous level the loudest."""

SEVERITY_STYLE = {
    "critical": "bold #ffffff on #af0000",
    "high": "bold #ff5f5f",
    "medium": "#ffd75f",
    "low": "#5fd7ff",
    "info": "#8a8a8a",
}
"""Finding severity -> style."""

DIM = "#8a8a8a"
LINK = "underline"
HEADING = "bold #5fafff"

EDGE_ARROW = {
    kinds.EXPOSES: "exposes",
    kinds.TRIGGERS: "triggers",
    kinds.WRITES: "writes",
    kinds.INVOKES: "invokes",
    kinds.READS: "reads",
    kinds.ASSUMES: "assumes",
    kinds.PASSES: "passes",
    kinds.CONTROLS: "controls",
    kinds.BECOMES: "becomes",
    kinds.IN_GROUP: "member of",
    kinds.MEMBER: "is",
}
"""Edge kind -> the verb shown on a path hop."""


def literal(text: object, style: str = "") -> Content:
    """Hostile text as Content: control characters made visible, square brackets kept as-is."""
    return Content.styled(safe(text), style) if style else Content(safe(text))


def cell(text: object, style: str = "") -> Text:
    """Hostile text as a Rich Text for a DataTable cell (a plain str there would be markup)."""
    return Text(safe(text), style=style, no_wrap=True, end="")


def join(parts: Iterable[Content | str | tuple[str, str]]) -> Content:
    """Pieces joined literally: strings are never parsed as markup."""
    return Content.assemble(*parts)


def trust_badge(trust: str | None) -> Content:
    """`anonymous` etc. in its colour; `-` when nothing untrusted reaches the node."""
    if not trust:
        return Content.styled("-", DIM)
    return Content.styled(trust, TRUST_STYLE.get(trust, ""))


def trust_cell(trust: str | None) -> Text:
    return Text(trust or "-", style=TRUST_STYLE.get(trust or "", DIM), end="")


def severity_badge(severity: str | None) -> Content:
    if not severity:
        return Content.styled("-", DIM)
    return Content.styled(f" {severity} " if severity == "critical" else severity,
                          SEVERITY_STYLE.get(severity, ""))  # fmt: skip


def heading(title: str, note: str = "") -> Content:
    """A section title; the note may come from the account (a policy's name): shown literally."""
    parts: list[Content | str | tuple[str, str]] = [(title, HEADING)]
    if note:
        parts += ["  ", literal(note, DIM)]
    return join(parts)


def edge_label(kind: str, technique: str | None = None) -> str:
    """An edge's verb, with the technique of a `becomes` edge: "becomes (iam:PutGroupPolicy)"."""
    verb = EDGE_ARROW.get(kind, kind)
    return f"{verb} ({technique})" if technique else verb


def hop(name: str, trust: str | None, edge: str | None = None, linked: bool = True) -> Content:
    """One hop of a path: the edge verb, the name, and the trust level reaching that node."""
    parts: list[Content | str | tuple[str, str]] = []
    if edge:
        verb = "" if edge == "→" else EDGE_ARROW.get(edge, edge)
        parts.append((f"─{verb}→ ", DIM))
    parts.append(literal(name, LINK if linked else ""))
    if trust:
        parts += [" ", ("‹", DIM), trust_badge(trust), ("›", DIM)]
    return join(parts)


def path_line(names: Sequence[str], edges: Sequence[str], trusts: Sequence[str | None]) -> Content:
    """A whole path on one line, each hop with its trust level."""
    pieces = [hop(names[0], trusts[0])]
    for index, name in enumerate(names[1:]):
        pieces.append(Content(" "))
        pieces.append(hop(name, trusts[index + 1], edges[index]))
    return join(pieces)


def rich(content: Content) -> Text:
    """Content as a Rich Text (for widgets that take only Rich text, e.g. Tree labels)."""
    spans = [
        Span(span.start, span.end, span.style if isinstance(span.style, str) else
             span.style.rich_style)
        for span in content.spans
    ]  # fmt: skip
    return Text(content.plain, spans=spans, end="")
