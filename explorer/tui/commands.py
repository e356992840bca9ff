"""Command palette (ctrl+p) providers: jump to any node, and run any command of the app."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from explorer.safetext import safe
from explorer.tui import text

VIEW_COMMANDS = (
    ("Search every node", "fuzzy search by name and ARN (/)", "search"),
    ("Chain view", "what flows into and out of the selection (c)", "chain"),
    ("Blast radius", "what the selection reaches if compromised, and who reaches it (b)", "blast"),
    ("Filter findings", "by severity and OWASP category (f)", "findings_filter"),
    ("Copy name or ARN", "copy the selected name or ARN, never a secret (y)", "copy"),
    ("Export the current view", "JSON, DOT or Mermaid to a file (e)", "export"),
    ("Open another snapshot", "pick a snapshot from the cache folder (s)", "snapshots"),
    ("Diff against another snapshot", "what changed since an older snapshot (d)", "diff"),
    ("Coverage gaps", "the API calls the crawl could not make (g)", "gaps"),
    ("Back", "return to where you were before the last jump (backspace)", "back"),
    ("Functions tab", "list every function (1)", "tab('functions')"),
    ("Entry points tab", "routes, function URLs, exposed resources (2)", "tab('entries')"),
    ("Resources tab", "buckets, queues, topics, tables, streams, ... (3)", "tab('resources')"),
    (
        "Principals tab",
        "users (keys, password), groups and roles, who can escalate (4)",
        "tab('principals')",
    ),
    ("Findings tab", "every finding (5)", "tab('findings')"),
)
"""(name, help, main-screen action) for every command."""

APP_COMMANDS = (("Keys and commands", "a searchable list of every key (?)", "help"),
                ("Quit", "leave the app (q)", "quit"))  # fmt: skip


def _main(provider: Provider):
    return getattr(provider.app, "main", None)


class ItemCommands(Provider):
    """Every node, by name or ARN, through the same index as `/`."""

    async def search(self, query: str) -> Hits:
        main = _main(self)
        if main is None or main.model is None:
            return
        model = main.model
        for hit in model.search.search(query, limit=20):
            display = text.join([text.literal(model.name(hit.node)), "  ",
                                 (model.kind(hit.node), text.DIM)])  # fmt: skip
            # `text` goes into the palette's input box when the hit is chosen: made safe too
            yield Hit(hit.score / 100, display, partial(main.go, hit.node),
                      text=safe(model.name(hit.node)), help=text.literal(hit.node))  # fmt: skip


class ViewCommands(Provider):
    """The app's commands, each also bound to a key."""

    def _commands(self) -> list[tuple[str, str, object]]:
        main, found = _main(self), []
        for name, help_text, action in VIEW_COMMANDS:
            if main is not None:
                found.append((name, help_text, partial(main.run_action, action)))
        for name, help_text, action in APP_COMMANDS:
            found.append((name, help_text, partial(self.app.run_action, action)))
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)  # type: ignore[arg-type]
