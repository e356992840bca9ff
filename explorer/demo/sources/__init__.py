"""The demo's trigger sources, one module each: every module of this package has
`deploy(clients, arns, ledger)`, which creates its service's resources (and the functions they
trigger, with `deploy_function`), and records its triggers and seeded flaws in the ledger.

Modules are found by listing the package, so a new trigger source adds one file here.
"""

from __future__ import annotations

import importlib
import pkgutil

from explorer.demo.clients import Clients
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns


def deploy_sources(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """Deploy every source module's part of the estate, in module-name order."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}").deploy(clients, a, ledger)
