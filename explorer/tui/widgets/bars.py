"""One-line bars of the main screen: title, breadcrumb, coverage gaps, and loading progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static

from explorer.tui import text
from explorer.tui.coverage import NotRead


class TitleBar(Static):
    """The app's name and what snapshot is open; a warning when the file holds secret values."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary 40%; color: $text; padding: 0 1; }
    TitleBar.-secrets { background: $error 60%; }
    """
    """A coloured strip across the top; red when the snapshot holds secret values."""

    def show(self, line: str, secrets: bool = False) -> None:
        self.set_class(secrets, "-secrets")
        warning = [(SECRETS_KEPT, "bold #ffffff on #af0000"), "  "] if secrets else []
        self.update(text.join([*warning, ("Serverless Chain Explorer", "bold"), "  ",
                               text.literal(line)]))  # fmt: skip


SECRETS_KEPT = " ⚠ THIS FILE HOLDS SECRET VALUES (crawled with --unsafe-keep-secret-values) "
"""Said first in the title bar of a snapshot whose crawl kept secret values."""


class Breadcrumb(Static):
    """The way taken by following links; Backspace walks it back."""

    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; color: $text-muted; }
    """
    """Muted: it is context, not content."""

    def show(self, names: list[str], current: str | None) -> None:
        parts: list[Content | str | tuple[str, str]] = [("you are at: ", text.DIM)]
        trail = [*names, current] if current else names
        shown = trail[-6:]
        if len(trail) > len(shown):
            parts.append(("… › ", text.DIM))
        for index, name in enumerate(shown):
            last = index == len(shown) - 1
            parts.append(text.literal(name, "bold" if last else ""))
            if not last:
                parts.append((" › ", text.DIM))
        if names:
            parts.append(("   (backspace: back)", text.DIM))
        self.update(text.join(parts))


class CoverageBar(Static):
    """Coverage gaps (failed API calls), what the crawler does not read, and the findings'
    state: missing data never reads safe, and "complete" never claims more than it means."""

    DEFAULT_CSS = """
    CoverageBar { height: 1; padding: 0 1; }
    CoverageBar.-gaps { background: $warning 30%; }
    """
    """Highlighted when the crawl has gaps."""

    def show(self, errors: list[dict], partial: bool, findings: str,
             not_read: list[NotRead] | None = None) -> None:  # fmt: skip
        self.set_class(bool(errors) or partial, "-gaps")
        if errors:
            services = sorted({str(e.get("service")) for e in errors})
            named = ", ".join(services[:6]) + (" …" if len(services) > 6 else "")
            gap = f"⚠ {len(errors)} failed API calls: coverage gaps in {named}"
            parts: list[Content | str | tuple[str, str]] = [text.literal(gap, "bold #ffd75f")]
        else:
            parts = [("✓ every API call the crawl made succeeded", "#87d787")]
        parts.append(("  · " + not_read_summary(not_read) + " (g: details)", text.DIM))
        if partial:
            parts.append(("  · PARTIAL CRAWL", "bold #ff5f5f"))
        parts += ["  · ", (findings, text.DIM)]
        self.update(text.join(parts))


def not_read_summary(not_read: list[NotRead] | None) -> str:
    """What the crawler does not read, in a few words (None: the snapshot did not record it)."""
    if not_read is None:
        return "what the crawler does not read: not recorded"
    return f"not read at all: {len(not_read)} kinds of data" if not_read else "none listed"


class LoadingPanel(Vertical):
    """What the loading worker is doing, with a progress bar; replaced by an error if it fails."""

    DEFAULT_CSS = """
    LoadingPanel { height: auto; padding: 1 2; }
    LoadingPanel ProgressBar { width: 1fr; }
    LoadingPanel.-failed { background: $error 20%; }
    LoadingPanel .reason { text-style: bold; }
    """
    """Shown above the lists while loading; red when the snapshot could not be opened."""

    def compose(self) -> ComposeResult:
        yield Label("opening the snapshot…", classes="step")
        yield ProgressBar(total=6, show_eta=False)

    def progress(self, step: str, done: int, total: int) -> None:
        self.query_one(".step", Label).update(Content(f"{step}…"))
        self.query_one(ProgressBar).update(total=total, progress=done)

    def fail(self, reason: str) -> None:
        self.add_class("-failed")
        self.query_one(".step", Label).update(
            text.join([("Could not open the snapshot: ", "bold"), text.literal(reason), "\n",
                       ("press s to pick another snapshot, q to quit", text.DIM)]))  # fmt: skip
        self.query_one(ProgressBar).display = False
