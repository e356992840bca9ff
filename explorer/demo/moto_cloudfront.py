"""What moto's CloudFront lacks and the demo needs: Lambda@Edge associations.

moto 5.x stores a distribution's cache behaviours but answers every behaviour's
`LambdaFunctionAssociations` as `{"Quantity": 0}`, dropping what the request set. This keeps the
associations the request gave, in the API's own shape (`Quantity`, `Items` of
`LambdaFunctionARN`, `EventType`, `IncludeBody`), so the demo's Lambda@Edge function is seen
the way AWS reports it. It patches moto's model once, and does nothing when moto keeps the
associations itself. The crawl's own tests use AWS-shaped Stubber fixtures, not this.
"""

from __future__ import annotations

import inspect
from typing import Any


def keep_lambda_associations() -> None:
    """Make moto's cache behaviours keep their Lambda@Edge associations (once)."""
    from moto.cloudfront import models

    behaviour = models.DefaultCacheBehaviour
    if getattr(behaviour, "_explorer_keeps_associations", False):
        return
    original = behaviour.__init__
    if 'lambda_function_associations = {"Quantity": 0}' not in _source(original):
        return  # moto keeps them now

    def init(self: Any, config: dict[str, Any]) -> None:
        original(self, config)
        items = _items((config.get("LambdaFunctionAssociations") or {}).get("Items"))
        if items:
            self.lambda_function_associations = {"Quantity": len(items), "Items": items}

    behaviour.__init__ = init
    behaviour._explorer_keeps_associations = True


def _items(value: Any) -> list[dict[str, Any]]:
    """The association list, as the request parser hands it over (a list, or XML's wrapper)."""
    if isinstance(value, dict):
        value = value.get("LambdaFunctionAssociation")
    if isinstance(value, dict):
        value = [value]
    return [item for item in value or [] if isinstance(item, dict)]


def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""
