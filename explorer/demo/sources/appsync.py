"""A public GraphQL API for the shop's catalogue: an API key (which identifies, not
authenticates) lets callers query, and a Lambda data source resolves their queries
(authenticated input); an additional AWS_LAMBDA auth mode hands every caller's token to a
Lambda authorizer before any check (anonymous input).

moto lacks AppSync data sources; `explorer/demo/moto_appsync.py` adds them to the embedded
server. The data source names no service role: nothing in the analysis reads it, and no demo
role trusts appsync.amazonaws.com.
"""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function, grant_invoke
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

API = "pixmart-graphql"
RESOLVER = FunctionSpec(
    "pixmart-graphql-resolver",
    "python3.12",
    "pixmart-readonly-role",
    "Resolves catalogue queries of the public GraphQL API",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=50,
)
AUTHORIZER = FunctionSpec(
    "pixmart-graphql-authorizer",
    "python3.12",
    "pixmart-authorizer-role",
    "Checks partner tokens for the GraphQL API's AWS_LAMBDA auth mode",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=20,
)
DATA_SOURCE = "catalogue"
DATA_SOURCE_KIND = "appsync-data-source"
AUTHORIZER_KIND = "appsync-authorizer"
AUTHORIZER_SUFFIX = "#authorizer"
"""As explorer.analysis.sources.appsync names an API's Lambda authorizer entry (the demo does
not import the analysis)."""


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    resolver = deploy_function(clients, a, ledger, RESOLVER)
    authorizer = deploy_function(clients, a, ledger, AUTHORIZER)
    appsync = clients("appsync")
    api = appsync.create_graphql_api(
        name=API, authenticationType="API_KEY",
        additionalAuthenticationProviders=[{
            "authenticationType": "AWS_LAMBDA",
            "lambdaAuthorizerConfig": {"authorizerUri": authorizer,
                                       "authorizerResultTtlInSeconds": 300},
        }],
    )["graphqlApi"]  # fmt: skip
    lam = clients("lambda")
    for sid, function in (("AppSyncResolver", RESOLVER.name), ("AppSyncAuth", AUTHORIZER.name)):
        grant_invoke(lam, function, sid, "appsync.amazonaws.com", source_arn=api["arn"])
    source = appsync.create_data_source(
        apiId=api["apiId"], name=DATA_SOURCE, type="AWS_LAMBDA",
        description="Catalogue queries", lambdaConfig={"lambdaFunctionArn": resolver},
    )["dataSource"]  # fmt: skip
    ledger.trigger(DATA_SOURCE_KIND, api["arn"], resolver, source["dataSourceArn"])
    ledger.trigger(AUTHORIZER_KIND, f"{api['arn']}{AUTHORIZER_SUFFIX}", authorizer, API)
    ledger.flaws.append(
        Flaw("untrusted-input-authenticated", resolver,
             "a GraphQL API anyone holding its API key may query runs it with their arguments")
    )  # fmt: skip
    ledger.flaws.append(
        Flaw("untrusted-input-anonymous", authorizer,
             "AppSync hands it the token of every AWS_LAMBDA-mode request, before any check")
    )  # fmt: skip
