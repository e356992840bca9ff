"""How data moves through the graph: the one traversal rule shared by taint, chains and blast.

Data flows along `exposes`, `triggers`, `writes` and `invokes`. Grants hang off roles, not
functions (DESIGN §5), so a function passes its data on through its execution role: from a
function, its `assumes` edge is a conduit, and from a role (or user, or group) only
`writes`/`invokes` continue. An identity pool's users act as the roles it hands out, so from an
identity pool only `assumes` continues.
A hub ("every bucket") passes data to each resource it stands for along `member` edges.
"""

from __future__ import annotations

from explorer.analysis import kinds

FROM_ROLE = frozenset({kinds.WRITES, kinds.INVOKES})
FROM_OTHERS = frozenset(kinds.DATA_FLOW | {kinds.MEMBER})
FROM_FUNCTION = FROM_OTHERS | {kinds.ASSUMES}
FROM_IDENTITY_POOL = frozenset({kinds.ASSUMES})


def allowed_from(node_kind: str | None) -> frozenset[str]:
    """Edge kinds that carry data out of a node of this kind."""
    if node_kind in (kinds.ROLE, kinds.USER, kinds.GROUP):
        return FROM_ROLE
    if node_kind == kinds.FUNCTION:
        return FROM_FUNCTION
    if node_kind == kinds.IDENTITY_POOL:
        return FROM_IDENTITY_POOL
    return FROM_OTHERS
