"""Amazon MSK clusters: the sources of Kafka event source mappings.

Per region: one paginated ListClustersV2 (bulk: provisioned and serverless clusters with their
client authentication and public access), then one GetClusterPolicy per cluster. The cluster
policy is read because it alone says which other accounts may connect and produce (MSK's
multi-VPC private connectivity); clusters are few and each costs one call. A cluster without a
policy answers NotFoundException: no policy, read. A failed read leaves `policy_read` False
(unknown, never "no policy").

Client authentication is recorded as the mechanisms enabled (`iam`, `scram`, `tls`,
`unauthenticated`), None when the listing carries none (unknown). Public access is
`ConnectivityInfo.PublicAccess.Type` (`SERVICE_PROVIDED_EIPS` is public); a serverless cluster
is reachable only from its VPCs; a provisioned one whose listing names no connectivity is
unknown (None).

The self-managed Kafka sources of event source mappings are not crawled: Lambda's mapping names
their bootstrap servers, which is all AWS knows of them (`lambda_`).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlContext, error_code
from explorer.crawl.util import parse_policy
from explorer.schema.records import Row

SERVICE = "kafka"

PUBLIC = "SERVICE_PROVIDED_EIPS"
"""`PublicAccess.Type` of a cluster whose brokers have public addresses (the other is
`DISABLED`)."""
SERVERLESS = "SERVERLESS"


def list_clusters(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_clusters_v2", "ClusterInfoList")


def cluster_policy(ctx: CrawlContext, client: Any, arn: str) -> tuple[Any, bool]:
    """(the cluster policy or None, whether it was read): no policy is an answer, a failed
    read is recorded and unknown."""
    try:
        response = client.get_cluster_policy(ClusterArn=arn)
    except FAILURES as exc:
        if error_code(exc) in ABSENT:
            return None, True
        ctx.record(client, "get_cluster_policy", exc, arn)
        return None, False
    return parse_policy(response.get("Policy") or None), True


def _enabled(setting: Any) -> bool:
    """A `{"Enabled": bool}` setting that is on; a TLS setting from before `Enabled` existed
    counts as on when it names certificate authorities."""
    if not isinstance(setting, dict):
        return False
    if "Enabled" in setting:
        return setting.get("Enabled") is True
    return bool(setting.get("CertificateAuthorityArnList"))


def client_authentication(raw: dict[str, Any]) -> list[str] | None:
    """The client authentication mechanisms enabled on a cluster (None: not in the listing)."""
    body = raw.get("Provisioned") or raw.get("Serverless") or {}
    auth = body.get("ClientAuthentication") if isinstance(body, dict) else None
    if not isinstance(auth, dict) or not auth:
        return None
    sasl = auth.get("Sasl") if isinstance(auth.get("Sasl"), dict) else {}
    found = {
        "iam": _enabled(sasl.get("Iam")),
        "scram": _enabled(sasl.get("Scram")),
        "tls": _enabled(auth.get("Tls")),
        "unauthenticated": _enabled(auth.get("Unauthenticated")),
    }
    return sorted(name for name, on in found.items() if on)


def public_access(raw: dict[str, Any]) -> tuple[bool | None, str | None]:
    """(whether the brokers have public addresses, the access type as listed): a serverless
    cluster never has; a provisioned one without a listed type is unknown."""
    if raw.get("ClusterType") == SERVERLESS or (
        raw.get("Serverless") and not raw.get("Provisioned")
    ):
        return False, None
    provisioned = raw.get("Provisioned") or {}
    group = provisioned.get("BrokerNodeGroupInfo") or {}
    access = (group.get("ConnectivityInfo") or {}).get("PublicAccess") or {}
    kind = access.get("Type") if isinstance(access, dict) else None
    if not isinstance(kind, str) or not kind:
        return None, None
    return kind == PUBLIC, kind


def transform_cluster(region: str, raw: dict[str, Any], policy: Any, policy_read: bool) -> Row:
    is_public, access_type = public_access(raw)
    software = (raw.get("Provisioned") or {}).get("CurrentBrokerSoftwareInfo") or {}
    return {
        "arn": raw["ClusterArn"],
        "name": raw.get("ClusterName"),
        "region": region,
        "type": raw.get("ClusterType"),
        "state": raw.get("State"),
        "kafka_version": software.get("KafkaVersion"),
        "client_authentication": client_authentication(raw),
        "public_access": is_public,
        "public_access_type": access_type,
        "policy": policy,
        "policy_read": policy_read,
        "raw": {**raw, "Policy": policy} if policy is not None else raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl MSK clusters in one region: the bulk listing, then each cluster's policy."""
    client = ctx.client(SERVICE, region)

    def one(raw: dict[str, Any]) -> None:
        policy, read = cluster_policy(ctx, client, raw["ClusterArn"])
        ctx.emit("kafka_clusters", [transform_cluster(region, raw, policy, read)])

    ctx.map(one, [c for c in list_clusters(ctx, client) if c.get("ClusterArn")])
