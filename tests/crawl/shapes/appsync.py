"""AppSync answers as AWS sends them: each GraphQL API with a unique id and the ARN built from
it, each data source with a unique name and ARN under its API, so every call of the appsync
crawl is reached and every record lands."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, Landing, Paging, call_key
from tests.crawl.shapes.realism import arn

DATA_SOURCE_PAGING = Paging("nextToken", "nextToken", ("dataSources",), limit_key="maxResults")
"""Only its tokens matter here: the key of one API's data source list, whatever the page."""


def apis(call: Call) -> None:
    for item in call.items("graphqlApis"):
        item["apiId"] = f"api{call.world.next()}"
        item["arn"] = arn("appsync", f"apis/{item['apiId']}")


def api_lands(call: Call) -> list[Landing]:
    return [Landing("appsync_graphql_apis", {"arn": i["arn"]}) for i in call.items("graphqlApis")]


def data_sources(call: Call) -> None:
    for item in call.items("dataSources"):
        item["name"] = f"source{call.world.next()}"
        item["dataSourceArn"] = arn(
            "appsync", f"apis/{call.params['apiId']}/datasources/{item['name']}"
        )


def data_source_lands(call: Call) -> list[Landing]:
    """Each data source lands, unless a page of its API's list failed: the crawler keeps the
    list whole or not at all (a part would read as all of them)."""
    whole = call_key("appsync", "ListDataSources", call.params, DATA_SOURCE_PAGING)
    return [
        Landing("appsync_data_sources", {"arn": i["dataSourceArn"]}, lost_if_failed=(whole,))
        for i in call.items("dataSources")
    ]
