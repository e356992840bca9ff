"""One-line bars of the main screen: title, breadcrumb, coverage gaps, and loading progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static

from explorer.tui import text


class TitleBar(Static):
    """The app's name and what snapshot is open."""

    DEFAULT_CSS = """
    TitleBar { height: 1; background: $primary 40%; color: $text; padding: 0 1; }
    """
    """A coloured strip across the top."""

    def show(self, line: str) -> None:
        self.update(text.join([("Serverless Chain Explorer", "bold"), "  ", text.literal(line)]))


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
    """Coverage gaps (failed API calls) and the findings' state: missing data never reads safe."""

    DEFAULT_CSS = """
    CoverageBar { height: 1; padding: 0 1; }
    CoverageBar.-gaps { background: $warning 30%; }
    """
    """Highlighted when the crawl has gaps."""

    def show(self, errors: list[dict], partial: bool, findings: str) -> None:
        self.set_class(bool(errors) or partial, "-gaps")
        if errors:
            services = sorted({str(e.get("service")) for e in errors})
            named = ", ".join(services[:6]) + (" …" if len(services) > 6 else "")
            gap = f"⚠ {len(errors)} failed API calls: coverage gaps in {named} (g: details)"
            parts: list[Content | str | tuple[str, str]] = [(gap, "bold #ffd75f")]
        else:
            parts = [("✓ no failed API calls: the crawl read everything it asked for", "#87d787")]
        if partial:
            parts.append(("  · PARTIAL CRAWL", "bold #ff5f5f"))
        parts += ["  · ", (findings, text.DIM)]
        self.update(text.join(parts))


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
