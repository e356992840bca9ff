"""AppSync data sources for moto's server: CreateDataSource and ListDataSources.

moto 5.2 (5.2.6 when written) implements AppSync GraphQL APIs, their auth modes and API keys,
but not data sources: `POST`/`GET /v1/apis/{apiId}/datasources` answer 404 "Not yet
implemented". Without them the demo could hold no GraphQL API (the crawl's ListDataSources
would fail), so the demo would miss the AppSync trigger kinds.

`install()` adds the two operations to moto's AppSync URL table and response class, storing
each API's data sources on moto's own `GraphqlAPI` object (so moto's reset drops them with the
API), and answers with the AppSync API Reference's `DataSource` structure (moto serializes the
result against botocore's model of the operation). It patches once, and does nothing at all
where moto already has either operation: this module goes away when moto implements them.
"""

from __future__ import annotations

import json
from typing import Any

DATA_SOURCES_PATH = "{0}/v1/apis/(?P<api_id>[^/]+)/datasources$"
"""The URL both operations share (botocore routes them by method)."""
CONFIGS = (
    "dynamodbConfig",
    "lambdaConfig",
    "elasticsearchConfig",
    "openSearchServiceConfig",
    "httpConfig",
    "relationalDatabaseConfig",
    "eventBridgeConfig",
)
"""The per-type settings a data source is created with and answers with, unchanged."""
MAX_RESULTS = 25
"""ListDataSources' largest page (and ours when the caller names none)."""


def install() -> bool:
    """Teach moto's AppSync the two data source operations; True when this call added them."""
    from moto.appsync import urls
    from moto.appsync.responses import AppSyncResponse

    if hasattr(AppSyncResponse, "create_data_source") or hasattr(
        AppSyncResponse, "list_data_sources"
    ):
        return False  # already done, or moto implements them now
    urls.url_paths.setdefault(DATA_SOURCES_PATH, AppSyncResponse.dispatch)
    AppSyncResponse.create_data_source = _create_data_source  # type: ignore[attr-defined]
    AppSyncResponse.list_data_sources = _list_data_sources  # type: ignore[attr-defined]
    return True


def _bad_request(message: str) -> Exception:
    from moto.appsync.exceptions import AppSyncExceptions

    error = AppSyncExceptions("BadRequestException", message)
    error.code = 400
    error.description = json.dumps({"message": message})
    return error


def _data_sources(response: Any) -> dict[str, dict[str, Any]]:
    """The data sources of the request's API, by name, in creation order (NotFound if none)."""
    api = response.appsync_backend.get_graphql_api(response._get_param("apiId"))
    if not hasattr(api, "data_sources"):
        api.data_sources = {}
    return api.data_sources


def _create_data_source(self: Any) -> Any:
    """CreateDataSource: store the data source on its API; a taken name is a BadRequest."""
    from moto.core.responses import ActionResult

    found = _data_sources(self)
    name, kind = self._get_param("name"), self._get_param("type")
    if not name or not kind:
        raise _bad_request("A data source needs a name and a type.")
    if name in found:
        raise _bad_request(f"Data source with name {name} already exists.")
    api_id = self._get_param("apiId")
    source = {
        "dataSourceArn": f"arn:{self.partition}:appsync:{self.region}:{self.current_account}"
        f":apis/{api_id}/datasources/{name}",
        "name": name,
        "type": kind,
        "description": self._get_param("description"),
        "serviceRoleArn": self._get_param("serviceRoleArn"),
        **{key: self._get_param(key) for key in CONFIGS},
    }
    found[name] = {k: v for k, v in source.items() if v is not None}
    return ActionResult({"dataSource": found[name]})


def _list_data_sources(self: Any) -> Any:
    """ListDataSources: pages of at most maxResults (25 by default); nextToken is opaque."""
    from moto.core.responses import ActionResult

    found = list(_data_sources(self).values())
    size = self._get_param("maxResults") or MAX_RESULTS
    token = self._get_param("nextToken")
    if not isinstance(size, int) or not 0 < size <= MAX_RESULTS:
        raise _bad_request(f"maxResults must be between 1 and {MAX_RESULTS}.")
    if token is not None and (not str(token).isdigit() or int(token) > len(found)):
        raise _bad_request("Invalid nextToken.")
    start = int(token or 0)
    result: dict[str, Any] = {"dataSources": found[start : start + size]}
    if start + size < len(found):
        result["nextToken"] = str(start + size)
    return ActionResult(result)
