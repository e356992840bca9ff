"""What this crawler does not read, kept beside its registry so that no report calls a crawl
"complete" beyond what it covers.

Each entry says what is missing and why (the issue that would add it, or why never). `hides`
says what its absence can hide from an answer:
- `triggers`: data flowing into or out of a resource (a trigger, a target, a copy);
- `exposure`: who outside may call, write or read a resource;
- `permissions`: grants or principals (who can do what, who can become whom);
- `restrictions`: only limits (so answers may overstate reach, never hide it);
- `settings`: configuration that findings use, no edge of the graph.

The crawl writes `not_read(services)` into the snapshot's `meta["not_read"]`: this list, plus
each registered service that `--service` left out of that crawl. `python -m
explorer.crawl.not_read` prints it as the README shows it.

Sources: DESIGN §3 (the services named "Next"), issues 12 (principals), 13 (trust and
findings), 14 (trigger kinds) and 16 (the organisation), and a read of every crawl module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.crawl import registry

TRIGGERS, EXPOSURE, PERMISSIONS = "triggers", "exposure", "permissions"
RESTRICTIONS, SETTINGS = "restrictions", "settings"
HIDES_ALL = (TRIGGERS, EXPOSURE, PERMISSIONS, SETTINGS)
"""What a service left out of a crawl hides: everything it would have read."""

CRAWLER, LEFT_OUT = "crawler", "--service"
"""Why an entry is missing: this crawler never reads it, or this crawl was told to skip it."""


@dataclass(frozen=True)
class NotRead:
    """One kind of data the crawler does not read, and why."""

    what: str
    why: str
    hides: tuple[str, ...]
    until: str = ""
    """The crawl module that will read it: once that module exists, the entry is dropped."""

    def as_meta(self, cause: str = CRAWLER, service: str | None = None) -> dict[str, Any]:
        """The entry as `meta["not_read"]` stores it."""
        entry = {"what": self.what, "why": self.why, "hides": list(self.hides), "cause": cause}
        return entry | ({"service": service} if service else {})


def _n(what: str, why: str, *hides: str, until: str = "") -> NotRead:
    return NotRead(what, why, hides, until)


T14 = "not crawled yet (issue 14 adds it)"
NEVER = "never read, by design"

_ALL: tuple[NotRead, ...] = (
    # Trigger sources DESIGN §3 names as "Next" (issue 14).
    _n("Application Load Balancers (listeners, rules, Lambda target groups)", T14,
       TRIGGERS, EXPOSURE, until="elbv2"),
    _n("EventBridge Scheduler schedules", T14, TRIGGERS, until="scheduler"),
    _n("AppSync APIs (Lambda data sources and authorizers)", T14, TRIGGERS, EXPOSURE,
       until="appsync"),
    _n("CloudFront distributions and Lambda@Edge associations", T14, TRIGGERS, EXPOSURE,
       until="cloudfront"),
    _n("IoT topic rules", T14, TRIGGERS, until="iot"),
    _n("Amazon MSK clusters (the sources of their event source mappings)", T14, TRIGGERS,
       EXPOSURE, until="kafka"),
    _n("Amazon MQ brokers and self-managed Kafka (the sources of their event source mappings)",
       T14, TRIGGERS, EXPOSURE, until="mq"),
    _n("SES receipt rules", T14, TRIGGERS, EXPOSURE, until="ses"),
    _n("Kinesis Data Firehose delivery streams and their transformation functions", T14,
       TRIGGERS, until="firehose"),
    _n("Secrets Manager secrets (rotation functions, resource policies)", T14, TRIGGERS,
       EXPOSURE, until="secretsmanager"),
    _n("S3 Object Lambda access points", T14, TRIGGERS, EXPOSURE, until="s3_object_lambda"),
    _n("EventBridge Pipes", "not crawled yet (no issue yet)", TRIGGERS),
    _n("EventBridge API destinations and connections", "not crawled yet (no issue yet)",
       TRIGGERS),
    _n("CloudWatch alarms and their actions", "not crawled yet (no issue yet)", TRIGGERS),
    _n("S3 Batch Operations jobs and other services that invoke functions by their resource "
       "policy (CodePipeline, Config, Connect, Lex, CloudFormation custom resources)",
       "not crawled: only the function policy's service principal is read", TRIGGERS),
    # Data flow that is read but not yet followed.
    _n("API Gateway integrations with services other than Lambda (SQS, SNS, Step Functions, "
       "DynamoDB, Kinesis, EventBridge, HTTP and VPC-link backends)",
       "read, but not followed as data flow yet", TRIGGERS),
    _n("functions named only through a stage variable (`${stageVariables.name}`)",
       "read, but not resolved to a function", TRIGGERS),
    _n("Step Functions tasks whose target is computed at run time (JSONPath, JSONata)",
       "read, but the target cannot be known before the run", TRIGGERS),
    _n("published Step Functions versions and aliases (an alias may run an older definition)",
       "not crawled yet (no issue yet)", TRIGGERS),
    _n("S3 replication rules (objects copied to other buckets or accounts)",
       "not crawled yet (no issue yet)", TRIGGERS),
    _n("S3 directory buckets (S3 Express One Zone)", "not crawled yet (no issue yet)",
       TRIGGERS, EXPOSURE),
    _n("DynamoDB Kinesis streaming destinations", "not crawled yet (no issue yet)", TRIGGERS),
    _n("Kinesis enhanced fan-out consumers", "not crawled yet (no issue yet)", TRIGGERS),
    _n("CloudWatch Logs account-level subscription filter policies and cross-account log "
       "destinations", "not crawled yet (no issue yet)", TRIGGERS),
    # Who may call, write or read.
    _n("Cognito user pool groups (with the IAM roles an identity pool's token-based role "
       "mapping hands out) and identity providers", "not crawled yet (no issue yet)",
       EXPOSURE, PERMISSIONS),
    _n("roles an identity pool's basic (classic) flow lets its identities assume directly "
       "(any role whose trust policy admits cognito-identity.amazonaws.com for the pool)",
       "read (the trust policies), but not followed yet (no issue yet)",
       EXPOSURE, PERMISSIONS),
    _n("resource policies of published Lambda versions (only $LATEST and aliases are read)",
       "not crawled yet (no issue yet)", EXPOSURE),
    _n("S3 access points and Multi-Region Access Points, and their policies",
       "not crawled yet (no issue yet)", EXPOSURE),
    _n("S3 object ACLs (one object can be public in a private bucket)",
       NEVER + ": one call per object", EXPOSURE),
    _n("CloudWatch Logs resource policies (who may write to log groups)",
       "not crawled yet (no issue yet)", EXPOSURE),
    _n("SAML and OIDC identity providers named in trust policies",
       "not crawled yet (no issue yet)", EXPOSURE, PERMISSIONS),
    # Principals and grants (issue 12).
    _n("what runs as a role outside Lambda, Step Functions, EC2 instances, Glue development "
       "endpoints and CloudFormation stacks (ECS task definitions and services, Glue jobs, "
       "SageMaker notebooks and training and processing jobs, CodeBuild projects, Data Pipeline "
       "pipelines, EC2 launch templates and Auto Scaling groups): taking over an existing one "
       "runs code as its role", "not crawled yet (no issue yet)", PERMISSIONS),
    _n("IAM users' signing certificates, SSH public keys, service-specific credentials and MFA "
       "device details (the credential report says only whether MFA is active)",
       "not crawled yet (no issue yet)", PERMISSIONS),
    _n("the root user's access keys and MFA (the credential report's root row)",
       "read, but not stored yet (no issue yet)", SETTINGS),
    _n("which EC2 instances run the SSM agent or accept EC2 Instance Connect",
       "not crawled yet (no issue yet)", RESTRICTIONS),
    # Limits only: answers may overstate reach, never hide it.
    _n("AWS Organizations service and resource control policies (SCPs, RCPs)",
       "not crawled yet (issue 16 adds it)", RESTRICTIONS),
    _n("KMS key policies and grants", "not crawled yet (issue 12)", RESTRICTIONS),
    _n("VPC security groups, network ACLs, VPC endpoints and their policies",
       "not crawled yet (no issue yet)", RESTRICTIONS),
    _n("WAF web ACL rules (only whether a stage has a web ACL is read)",
       "not crawled yet (no issue yet)", RESTRICTIONS),
    # Configuration findings use.
    _n("Lambda provisioned concurrency (reserved concurrency is read)",
       "not crawled yet (no issue yet)", SETTINGS),
    _n("Lambda code signing configurations, layer version policies and recursion settings",
       "not crawled yet (no issue yet)", SETTINGS),
    _n("API Gateway API keys, usage plans, custom domain names and VPC links",
       "not crawled yet (API key values are never read)", SETTINGS),
    _n("S3 bucket CORS, website hosting, versioning, lifecycle, logging and object lock",
       "not crawled yet (no issue yet)", SETTINGS),
    _n("CloudTrail Lake event data stores (they can record Lambda data events without a trail) "
       "and trails' insight selectors", "not crawled yet (no issue yet)", SETTINGS),
    _n("function code, layer contents, object data, queue messages, table items and log "
       "events", NEVER + ": the crawler reads configuration only", SETTINGS),
)  # fmt: skip

NOT_READ = tuple(e for e in _ALL if e.until not in registry.MODULES)
"""Everything this crawler does not read, most consequential first (an entry whose crawl module
now exists is read, so it is left out)."""


def left_out(services: tuple[str, ...]) -> list[dict[str, Any]]:
    """An entry per registered service that a `--service` selection did not include."""
    if not services:
        return []
    chosen = set(registry.select(services))
    return [
        NotRead(_summary(m), "left out of this crawl by --service", HIDES_ALL).as_meta(
            LEFT_OUT, m.SERVICE
        )
        for m in registry.modules()
        if m not in chosen
    ]


def _summary(module: Any) -> str:
    """A module's first docstring line: what its service reads (`SQS: queues with ...`)."""
    return (module.__doc__ or module.SERVICE).strip().splitlines()[0].rstrip(".")


def not_read(services: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """`meta["not_read"]` of a crawl of these services (all when empty)."""
    return [entry.as_meta() for entry in NOT_READ] + left_out(services)


def markdown() -> str:
    """The list as README lines: what, then why."""
    return "\n".join(f"- {entry.what}: {entry.why}." for entry in NOT_READ)


if __name__ == "__main__":
    print(markdown())
