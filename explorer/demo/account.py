"""Deploy the demo estate ("pixmart") into a fresh account with direct boto3 calls.

Not CloudFormation: moto's CloudFormation silently skips bucket policies, notifications,
function URLs, API stages and authorizers and SNS subscriptions. The estate is a photo-sharing
shop that sells prints, built with deliberate flaws (see `estate_flaws`); nothing is invoked.
Deploying twice into one account fails (names are fixed): use a fresh account each time.
"""

from __future__ import annotations

import boto3

from explorer.demo.clients import Clients
from explorer.demo.deploy_apis import deploy_http_api, deploy_rest_api
from explorer.demo.deploy_iam import deploy_iam
from explorer.demo.deploy_lambda import deploy_functions
from explorer.demo.deploy_principals import deploy_principals
from explorer.demo.deploy_stores import deploy_stores
from explorer.demo.deploy_wiring import deploy_wiring
from explorer.demo.deploy_workloads import deploy_workloads
from explorer.demo.estate_flaws import chains, flaws, restrictions
from explorer.demo.estate_functions import HOSTILE_TEXT, SEEDED_SECRETS
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import (
    Chain,
    DemoManifest,
    EscalationPath,
    Flaw,
    NearMiss,
    QueueRef,
    Restriction,
    Route,
    RuleRef,
    TableRef,
    Trigger,
)
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns
from explorer.demo.sources import deploy_sources

__all__ = [
    "Chain",
    "DemoManifest",
    "EscalationPath",
    "Flaw",
    "NearMiss",
    "QueueRef",
    "Restriction",
    "Route",
    "RuleRef",
    "TableRef",
    "Trigger",
    "deploy",
]


def deploy(session: boto3.Session, endpoint_url: str, region: str = "us-east-1") -> DemoManifest:
    """Create the whole estate in the session's account and return what was created.

    Order: IAM (functions need their roles), data stores, functions, then the wiring (S3
    notifications before any subscriber, see `deploy_wiring`), then the APIs (their
    authorizers need the user pool), the trigger sources of `explorer/demo/sources/`, then the
    workloads outside Lambda, and last the users
    and groups (their escalation paths run through everything before).
    """
    clients = Clients(session, endpoint_url, region)
    account = clients("sts").get_caller_identity()["Account"]
    a = Arns(account, region)
    ledger = Ledger(account, region, FOREIGN_ACCOUNT)
    deploy_iam(clients, a, ledger)
    deploy_stores(clients, a, ledger)
    deploy_functions(clients, a, ledger)
    pool_arn = deploy_wiring(clients, a, ledger)
    deploy_rest_api(clients, a, ledger, pool_arn)
    deploy_http_api(clients, a, ledger)
    deploy_sources(clients, a, ledger)
    deploy_principals(clients, a, ledger, deploy_workloads(clients, a, ledger))
    ledger.flaws.extend(flaws(a, ledger))
    ledger.chains.extend(chains(a, ledger))
    ledger.restrictions.extend(restrictions(a))
    ledger.seeded_secrets.extend(SEEDED_SECRETS)
    ledger.hostile_text = HOSTILE_TEXT
    return ledger.freeze()
