"""Detail lines for any item: the dispatcher over the kind-specific builders."""

from __future__ import annotations

from explorer.analysis import kinds, sources
from explorer.tui.details.common import Line, Lines, none_line
from explorer.tui.details.function import function_detail
from explorer.tui.details.principal import admin_detail, group_detail, user_detail
from explorer.tui.details.resource import (
    finding_detail,
    hub_detail,
    origin_detail,
    resource_detail,
    route_detail,
)
from explorer.tui.details.role import role_detail
from explorer.tui.view_model import FINDING_PREFIX, Model

__all__ = ["Line", "Lines", "detail_lines"]


def detail_lines(model: Model, item: str) -> Lines:
    """The detail for any item: a node of the graph or a finding."""
    if item.startswith(FINDING_PREFIX):
        return finding_detail(model, item)
    if item not in model.g:
        return [none_line(f"{item} is not in this snapshot", 0)]
    kind = model.kind(item)
    if kind == kinds.FUNCTION:
        return function_detail(model, item)
    if kind == kinds.ROLE:
        return role_detail(model, item)
    if kind == kinds.USER:
        return user_detail(model, item)
    if kind == kinds.GROUP:
        return group_detail(model, item)
    if kind == kinds.ADMIN:
        return admin_detail(model, item)
    if kind in sources.entry_kinds():
        return route_detail(model, item)
    if kind == kinds.ORIGIN:
        return origin_detail(model, item)
    if kind == kinds.HUB:
        return hub_detail(model, item)
    return resource_detail(model, item)
