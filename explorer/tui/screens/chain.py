"""`c`: a tree of what flows into and out of the selection, expanded lazily, hop by hop."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label
from textual.widgets.tree import TreeNode

from explorer.analysis import kinds
from explorer.analysis.flow import allowed_from
from explorer.tui import text
from explorer.tui.view_model import Model
from explorer.tui.widgets.keys_footer import KeysFooter
from explorer.tui.widgets.literal_tree import LiteralTree

CHUNK = 250
"""Children added per expansion; a "more" leaf loads the next chunk."""
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class Step:
    """A tree node: which graph node, in which direction, the way from the root, and for a
    "more" leaf, where the next chunk starts."""

    node: str
    direction: str
    path: tuple[str, ...]
    more_from: int | None = None


Hop = tuple[str, str, str | None]
"""(next node, edge kind, the role it goes through or None)."""


def downstream(model: Model, node: str) -> list[Hop]:
    """Every data-flow step out of `node`. A function's outputs through its execution role read
    as one step each ("writes X via role R"), not as the role and then its grants."""
    allowed = allowed_from(model.kind(node))
    found: list[Hop] = []
    for _, v, d in model.g.out_edges(node, data=True):
        kind = d.get("kind")
        if kind not in allowed or kind == kinds.EXPOSES:
            continue
        if kind == kinds.ASSUMES and model.kind(node) == kinds.FUNCTION:
            found += [(target, edge, v) for target, edge, _ in downstream(model, v)]
        else:
            found.append((v, str(kind), None))
    return sorted(found, key=lambda hop: (hop[0], hop[1], hop[2] or ""))


def upstream(model: Model, node: str) -> list[Hop]:
    """Every data-flow step into `node`, origins included."""
    found: list[Hop] = []
    for u, _, d in model.g.in_edges(node, data=True):
        kind = d.get("kind")
        if kind == kinds.EXPOSES or kind in allowed_from(model.kind(u)):
            found.append((u, str(kind), None))
    return sorted(found, key=lambda hop: (hop[0], hop[1]))


class ChainScreen(Screen[str | None]):
    """Upstream and downstream of one item; Enter goes to the highlighted node's detail."""

    DEFAULT_CSS = """
    ChainScreen .title { padding: 0 1; background: $primary 40%; width: 1fr; }
    ChainScreen Tree { height: 1fr; }
    """
    """A title strip over the tree."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("space", "toggle", "Expand/collapse"),
        Binding("right", "expand", "Expand", show=False),
        Binding("left", "collapse", "Collapse", show=False),
        Binding("e", "export", "Export"),
    ]
    """Enter follows (goes to the detail); Space or arrows expand and collapse."""

    def __init__(self, model: Model, item: str) -> None:
        super().__init__()
        self.model, self.item = model, item

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title(), classes="title")
            yield LiteralTree(self._label(self.item, None, None), id="chain")
        yield KeysFooter()

    def _title(self) -> Content:
        hint = "   Enter: go there · Space: expand · Esc: close"
        name = text.literal(self.model.name(self.item))
        return text.join([("Chains through ", "bold"), name, (hint, text.DIM)])

    def on_mount(self) -> None:
        tree = self.query_one(LiteralTree)
        tree.auto_expand = False
        root = tree.root
        root.data = Step(self.item, DOWN, (self.item,))
        for direction, label in ((UP, "⬆ flows in from"), (DOWN, "⬇ flows out to")):
            steps = self._steps(self.item, direction)
            branch = root.add(Content.styled(f"{label} ({len(steps)})", "bold"),
                              Step(self.item, direction, (self.item,)))  # fmt: skip
            self._fill(branch, 0)
            branch.expand()
        root.expand()
        tree.focus()

    def _steps(self, node: str, direction: str) -> list[Hop]:
        return upstream(self.model, node) if direction == UP else downstream(self.model, node)

    def _label(
        self, node: str, edge: str | None, direction: str | None, via: str | None = None
    ) -> Content:
        if direction == UP and self.model.kind(node) == kinds.HUB:
            return self._hub_label(node)
        trust = self.model.trust.get(node)
        verb = text.EDGE_ARROW.get(edge or "", edge or "")
        arrow = (f"←{verb}─ " if direction == UP else f"─{verb}→ ") if edge else ""
        parts: list = [(arrow, text.DIM), text.literal(self.model.name(node), "bold"), "  ",
                       (self.model.kind(node), text.DIM)]  # fmt: skip
        if via:
            parts += [("  via role ", text.DIM), text.literal(self.model.name(via), text.DIM)]
        if trust:
            parts += ["  ", text.trust_badge(trust)]
        return text.join(parts)

    def _hub_label(self, hub: str) -> Content:
        """A hub upstream of its members reads once as who stands behind it: "12 principals
        may invoke every function" (expand it for them), not as an input of each member."""
        verbs = {kinds.INVOKES: "invoke", kinds.WRITES: "write to"}
        held = {(u, d.get("kind")) for u, _, d in self.model.g.in_edges(hub, data=True)
                if d.get("kind") in verbs}  # fmt: skip
        principals = {u for u, _ in held}
        said = " or ".join(dict.fromkeys(verbs[k] for k in verbs if any(k == e for _, e in held)))
        words = f"{len(principals)} principals may {said or 'reach'} "
        return text.join([("←member─ ", text.DIM), (words, "bold"),
                          text.literal(self.model.name(hub), "bold")])  # fmt: skip

    def _fill(self, branch: TreeNode, start: int) -> None:
        """Add the next chunk of children under `branch` (lazily: each is expandable)."""
        step: Step = branch.data
        steps = self._steps(step.node, step.direction)
        for node, edge, via in steps[start : start + CHUNK]:
            label = self._label(node, edge, step.direction, via)
            if node in step.path and self.model.kind(node) != kinds.HUB:
                branch.add_leaf(text.join([label, ("  (cycle)", "#ffd75f")]),
                                Step(node, step.direction, step.path))  # fmt: skip
                continue
            child = Step(node, step.direction, (*step.path, node))
            has_more = bool(self._steps(node, step.direction))
            branch.add(label, child, allow_expand=has_more) if has_more else branch.add_leaf(
                label, child
            )
        if len(steps) > start + CHUNK:
            rest = len(steps) - start - CHUNK
            branch.add_leaf(Content.styled(f"… {rest} more (Enter: load)", text.DIM),
                            Step(step.node, step.direction, step.path, start + CHUNK))  # fmt: skip

    @on(LiteralTree.NodeExpanded)
    def _expanded(self, event: LiteralTree.NodeExpanded) -> None:
        node = event.node
        if not node.children and isinstance(node.data, Step) and node is not self._tree.root:
            self._fill(node, 0)

    @property
    def _tree(self) -> LiteralTree:
        return self.query_one(LiteralTree)

    @on(LiteralTree.NodeSelected)
    def _selected(self, event: LiteralTree.NodeSelected) -> None:
        step = event.node.data
        if not isinstance(step, Step):
            return
        if step.more_from is not None and event.node.parent is not None:
            parent = event.node.parent
            event.node.remove()
            self._fill(parent, step.more_from)
        elif event.node.parent is not None and event.node.parent is self._tree.root:
            event.node.toggle()
        else:
            self.dismiss(step.node)

    def action_toggle(self) -> None:
        node = self._tree.cursor_node
        if node is not None:
            node.toggle()

    def action_expand(self) -> None:
        node = self._tree.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_collapse(self) -> None:
        node = self._tree.cursor_node
        if node is not None:
            node.collapse() if node.is_expanded else self._tree.action_cursor_parent()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from explorer.tui.export import chain_view
        from explorer.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.model, chain_view(self.model, self.item)))
