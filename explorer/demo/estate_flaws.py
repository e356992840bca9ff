"""The demo's deliberate flaws, chains and restricted grants, as node ids of what was deployed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from explorer.demo.estate_functions import HOSTILE_TEXT, SEEDED_SECRETS, FunctionSpec, functions
from explorer.demo.estate_iam import TYPO_ACTION
from explorer.demo.estate_principals import (
    ADMIN_POLICY,
    ADMINS,
    ALICE,
    AUDIT_ROLE,
    AUTOMATION,
    SUPPORT_ROLE,
    group_arn,
    principal_roles,
    trusting_roles,
    user_arn,
)
from explorer.demo.estate_stores import SHOP_TILL, buckets
from explorer.demo.estate_triggers import DESTINATIONS, REST_STAGE, USER_POOL, USER_POOL_CLIENT
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import (
    ASYNC_DESTINATION,
    EVENT_RULE_PATTERN,
    EVENT_RULE_SCHEDULE,
    LOG_SUBSCRIPTION,
    S3_NOTIFICATION,
    SNS_SUBSCRIPTION,
    Chain,
    Flaw,
    Restriction,
)
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

DEPRECATED_RUNTIMES = frozenset({"python3.7", "nodejs12.x"})
ASYNC_KINDS = frozenset(
    {
        S3_NOTIFICATION,
        SNS_SUBSCRIPTION,
        EVENT_RULE_PATTERN,
        EVENT_RULE_SCHEDULE,
        LOG_SUBSCRIPTION,
        ASYNC_DESTINATION,
    }
)
"""Trigger kinds that invoke a function asynchronously (so failures need somewhere to go)."""

FOREIGN = f"account:{FOREIGN_ACCOUNT}"

ANONYMOUS_INPUTS = {
    "pixmart-upload-api": "HTTP API route POST /photos has no authorizer",
    "pixmart-thumbnailer": "anonymous uploads land in the uploads bucket that triggers it",
    "pixmart-photo-indexer": "the thumbnailer's table rows come from anonymous uploads",
    "pixmart-gallery-publisher": "photo events descend from anonymous uploads",
    "pixmart-catalog": "REST route GET /catalog has no authorizer",
    "pixmart-track": "function URL with auth type NONE",
    "pixmart-click-aggregator": "the click stream is written by the public tracking pixel",
    "pixmart-audit-trail": "subscribed to a topic anyone may publish to",
    "pixmart-order-worker": f"its queue takes anyone's messages, only from {SHOP_TILL}",
    "pixmart-my-photos": "HTTP API route behind a JWT authorizer whose issuer is pixmart-users, "
    "which anyone may sign up to",
    "pixmart-signup-guard": "the pre-sign-up trigger of pixmart-users, which anyone may call",
}
CROSS_ACCOUNT_INPUTS = {
    "pixmart-admin-tools": f"resource policy lets account {FOREIGN_ACCOUNT} invoke it",
    "pixmart-order-worker": f"its queue's policy lets account {FOREIGN_ACCOUNT} send messages",
    "pixmart-send-receipt": f"its bus's policy lets account {FOREIGN_ACCOUNT} put events",
}
AUTHENTICATED_INPUTS = {
    "pixmart-create-order": "REST route behind a Cognito authorizer over pixmart-staff, which "
    "only administrators add users to",
    "pixmart-reports": "REST route behind a Lambda token authorizer",
    "pixmart-payment-webhook": "REST route with no authorizer, only an API key",
}


UNCAPPED_ENTRIES = {
    "pixmart-catalog": "REST route GET /catalog has no authorizer",
    "pixmart-track": "function URL with auth type NONE",
    "pixmart-audit-trail": "subscribed to a topic anyone may publish to",
    "pixmart-signup-guard": "pre sign-up trigger of a user pool anyone may sign up to",
    "pixmart-admin-tools": f"resource policy lets account {FOREIGN_ACCOUNT} invoke it",
    "pixmart-order-worker": f"its queue's policy lets account {FOREIGN_ACCOUNT} send messages",
    "pixmart-send-receipt": f"its bus's policy lets account {FOREIGN_ACCOUNT} put events",
    "pixmart-my-photos": "its JWT route's pool pixmart-users lets anyone sign up",
}
"""Functions outside data reaches first (no function of the account before them) that have no
reserved concurrency. The upload API has one (100), so it and the chain behind it are not
flagged: its cap bounds how fast the thumbnailer and the rest of the photo chain can run."""


def flaws(a: Arns, ledger: Ledger) -> list[Flaw]:
    """Every deliberate flaw, each on the node that carries it."""
    specs = functions(a)
    return [
        *_input_flaws(a),
        *_entry_flaws(a, ledger),
        *_cognito_flaws(a, ledger),
        *_secret_flaws(a, specs),
        *_policy_flaws(a),
        *_bucket_flaws(a),
        *_role_flaws(a),
        *_runtime_flaws(a, specs),
        *_capacity_flaws(a, ledger, specs),
        *_operations_flaws(a, ledger, specs),
    ]


def _input_flaws(a: Arns) -> Iterator[Flaw]:
    """Untrusted input reaching functions, by trust level (direct entries and chain members)."""
    for kind, table in (
        ("untrusted-input-anonymous", ANONYMOUS_INPUTS),
        ("untrusted-input-cross-account", CROSS_ACCOUNT_INPUTS),
        ("untrusted-input-authenticated", AUTHENTICATED_INPUTS),
    ):
        for name, note in table.items():
            yield Flaw(kind, a.function(name), note)
    note = "every principal of the account may publish to it; it triggers pixmart-invoice-mailer"
    yield Flaw("untrusted-input-account-wide", a.topic("pixmart-invoice-events"), note)


def _entry_flaws(a: Arns, ledger: Ledger) -> Iterator[Flaw]:
    """Unauthenticated routes and the public function URL."""
    for route in ledger.routes:
        if route.auth == "NONE" and not route.api_key_required:
            note = f"{route.api_kind} route {route.method} {route.path} needs no authentication"
            yield Flaw("unauthenticated-route", route.arn, note)
    for name, auth in ledger.function_urls.items():
        if auth == "NONE":
            yield Flaw("public-function-url", a.function_url(name), "function URL auth type NONE")


def _cognito_flaws(a: Arns, ledger: Ledger) -> Iterator[Flaw]:
    """The customer pool: anyone may sign up, MFA off, its web client tells who exists (the
    staff pool beside it has none of these)."""
    pool = a.user_pool(ledger.user_pools[USER_POOL])
    yield Flaw("self-sign-up-api", pool, "anyone may sign up; it guards GET /me/photos (its "
               "PreSignUp trigger may vet sign-ups: medium)")  # fmt: skip
    yield Flaw("user-pool-mfa-off", pool, "MFA off on the pool guarding the photo API's route")
    yield Flaw("user-existence-errors", pool, f"{USER_POOL_CLIENT} keeps LEGACY existence errors")


def _secret_flaws(a: Arns, specs: tuple[FunctionSpec, ...]) -> Iterator[Flaw]:
    """Secret-like environment values, and secret values shared by several functions."""
    holders: dict[str, list[str]] = defaultdict(list)
    for spec in specs:
        for key, value in spec.env.items():
            if value in SEEDED_SECRETS:
                holders[value].append(spec.name)
                yield Flaw("secret-env", a.function(spec.name), f"environment variable {key}")
        if any(str(value).startswith(a.secret("pixmart/")) for value in spec.env.values()):
            note = "pixmart-contractors may read the Secrets Manager secret it references"
            yield Flaw("secret-readers", a.function(spec.name), note)
        if any(value in SEEDED_SECRETS for value in spec.env.values()):
            note = "pixmart-developers may read every function's configuration"
            yield Flaw("secret-readers", a.function(spec.name), note)
    for names in holders.values():
        for name in names if len(names) > 1 else ():
            others = ", ".join(n for n in names if n != name)
            yield Flaw("shared-secret", a.function(name), f"same secret value as {others}")


def _policy_flaws(a: Arns) -> Iterator[Flaw]:
    """Public and cross-account resource policies, and outputs that rest somewhere readable."""
    gallery, reports = a.bucket("pixmart-public-gallery"), a.bucket("pixmart-reports")
    outbox = a.queue("pixmart-partner-outbox")
    yield Flaw("public-resource-policy", gallery, 'bucket policy: Principal "*" s3:GetObject')
    yield Flaw(
        "public-resource-policy", a.topic("pixmart-order-events"), 'Principal "*" sns:Publish'
    )
    yield Flaw("public-resource-policy", outbox, 'Principal "*" sqs:ReceiveMessage')
    for resource, note in (
        (a.function("pixmart-admin-tools"), "Lambda policy: foreign account may invoke"),
        (a.queue("pixmart-orders"), "queue policy: foreign account may send"),
        (a.topic("pixmart-alerts"), "topic policy: foreign account may subscribe"),
        (a.bus("pixmart-orders-bus"), "bus policy: foreign account may put events"),
        (reports, "bucket policy: foreign account may read"),
        (a.role("pixmart-partner-access-role"), "trust policy: foreign account may assume"),
    ):
        yield Flaw("cross-account-resource-policy", resource, note)
    yield Flaw("public-output", gallery, "an anonymous upload chain ends in a public bucket")
    yield Flaw("public-output", reports, "the nightly report rests where a foreign account reads")
    yield Flaw("public-output", outbox, "order events rest in a queue anyone may read")


def _bucket_flaws(a: Arns) -> Iterator[Flaw]:
    """S3 settings a reviewer expects (Block Public Access, TLS only, ACLs disabled), and the
    policy with a misspelt action."""
    yield Flaw(
        "account-public-access-block-off",
        f"arn:aws:s3::{a.account}:account",
        "the demo turns on no account-level Block Public Access (the gallery relies on none)",
    )
    for spec in buckets(a):
        arn = a.bucket(spec.base)
        if not spec.block_public:
            yield Flaw("bucket-public-access-block-off", arn, "off at bucket and account level")
        if not spec.tls_only:
            yield Flaw("bucket-allows-http", arn, "no Deny on aws:SecureTransport false")
        if spec.ownership != "BucketOwnerEnforced":
            yield Flaw("bucket-acls-enabled", arn, "no ownership controls: ObjectWriter")
    yield Flaw(
        "unknown-policy-action",
        a.role("pixmart-authorizer-role"),
        f"inline policy allows {TYPO_ACTION}, an action no service has",
    )


def _role_flaws(a: Arns) -> Iterator[Flaw]:
    """Admin, wildcard-write and privilege-escalation roles."""
    yield Flaw("admin-role", a.role("pixmart-admin-role"), 'inline "Action": "*" on "*"')
    yield Flaw("wildcard-write-role", a.role("pixmart-mailer-role"), 's3:* on "*"')
    yield Flaw(
        "scoped-permissions-management",
        a.role("pixmart-print-role"),
        "s3:* on the uploads bucket includes s3:PutBucketPolicy",
    )
    yield Flaw(
        "privilege-escalation",
        a.role("pixmart-deployer-role"),
        "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
    )
    yield Flaw(
        "privilege-escalation",
        a.role("pixmart-ops-role"),
        "lambda:UpdateFunctionCode on pixmart-nightly-report, which runs as the admin role",
    )
    yield from _principal_role_flaws(a)


def _principal_role_flaws(a: Arns) -> Iterator[Flaw]:
    """The principals escalation paths aim at or pass through (see `estate_paths`): admin
    roles that services run as, roles that may rewrite their own policies, admin users and
    the admin group (the admin rule covers every principal)."""
    for role in (*principal_roles(a), *trusting_roles(a)):
        if ADMIN_POLICY in role.managed:
            yield Flaw("admin-role", a.role(role.name), f"managed policy {ADMIN_POLICY}: * on *")
    yield Flaw("privilege-escalation", a.role(SUPPORT_ROLE), "iam:PutRolePolicy on itself")
    yield Flaw("privilege-escalation", a.role(AUDIT_ROLE), "iam:AttachRolePolicy on itself")
    admin = f"managed policy {ADMIN_POLICY}"
    yield Flaw("admin-role", group_arn(a, ADMINS), f"{admin}: * on *")
    yield Flaw("admin-role", user_arn(a, ALICE), f"member of {ADMINS}")
    yield Flaw("admin-role", user_arn(a, AUTOMATION), admin)


def _runtime_flaws(a: Arns, specs: tuple[FunctionSpec, ...]) -> Iterator[Flaw]:
    """Deprecated runtimes, the (stand-in) foreign layer and the hostile text."""
    for spec in specs:
        if spec.runtime in DEPRECATED_RUNTIMES:
            yield Flaw("deprecated-runtime", a.function(spec.name), spec.runtime)
        if HOSTILE_TEXT in spec.description:
            yield Flaw("hostile-text", a.function(spec.name), "description and tag `owner`")
        for _layer in spec.layers:
            yield Flaw(
                "foreign-layer",
                a.function(spec.name),
                "moto rejects layer ARNs of other accounts; an own-account layer stands in",
                observable=False,
            )


def _capacity_flaws(a: Arns, ledger: Ledger, specs: tuple[FunctionSpec, ...]) -> Iterator[Flaw]:
    """Functions outsiders reach first with no reserved concurrency, a cap one caller fills,
    and the REST stage that serves an anonymous route with no WAF web ACL."""
    for name, note in UNCAPPED_ENTRIES.items():
        yield Flaw("no-reserved-concurrency", a.function(name), note)
    untrusted = {**ANONYMOUS_INPUTS, **CROSS_ACCOUNT_INPUTS, **AUTHENTICATED_INPUTS}
    for spec in specs:
        limit = spec.reserved_concurrency
        if limit is not None and 0 < limit <= 5 and spec.name in untrusted:
            yield Flaw("low-reserved-concurrency", a.function(spec.name), f"reserved {limit}")
    for api in ledger.rest_apis.values():
        arn = f"arn:aws:apigateway:{a.region}::/restapis/{api}"
        yield Flaw("api-stage-no-waf", arn, f"stage {REST_STAGE} serves GET /catalog, no web ACL")


def _operations_flaws(a: Arns, ledger: Ledger, specs: tuple[FunctionSpec, ...]) -> Iterator[Flaw]:
    """No tracing (functions and the REST stage), no log retention, async invocation without
    failure destination, no API logs, and Lambda invocations no trail records."""
    for spec in specs:
        if spec.tracing != "Active":
            yield Flaw("no-tracing", a.function(spec.name), f"tracing mode {spec.tracing}")
    for group, retention in ledger.log_groups.items():
        if retention is None:
            yield Flaw("no-log-retention", a.log_group(group), "logs kept forever")
    protected = {a.function(d.function) for d in DESTINATIONS if d.on_failure}
    async_targets = {t.target for t in ledger.triggers if t.kind in ASYNC_KINDS}
    for arn in sorted(async_targets & set(ledger.functions.values()) - protected):
        yield Flaw("no-failure-destination", arn, "invoked asynchronously; failures are lost")
    for api in ledger.rest_apis.values():  # stages are not graph nodes: the API carries it
        arn = f"arn:aws:apigateway:{a.region}::/restapis/{api}"
        yield Flaw("no-api-access-logging", arn, f"stage {REST_STAGE} has no access log")
        yield Flaw("no-tracing", arn, f"stage {REST_STAGE} has X-Ray tracing off")
    for name in ledger.trails:
        yield Flaw("no-lambda-data-events", a.region_trails(), f"trail {name}: management only")


def chains(a: Arns, ledger: Ledger) -> list[Chain]:
    """The trigger-to-output paths the demo was built to contain."""
    f = a.function
    photos = ledger.tables["pixmart-photos"]
    upload = (
        "internet",
        ledger.route_arns()["POST /photos"],
        f("pixmart-upload-api"),
        a.bucket("pixmart-uploads"),
        f("pixmart-thumbnailer"),
        photos.arn,
        photos.stream_arn or "",
        f("pixmart-photo-indexer"),
        a.topic("pixmart-photo-events"),
        f("pixmart-gallery-publisher"),
        a.bucket("pixmart-public-gallery"),
    )
    orders = (
        FOREIGN,
        a.queue("pixmart-orders"),
        f("pixmart-order-worker"),
        a.state_machine("pixmart-fulfilment"),
        f("pixmart-charge-card"),
        a.bucket("pixmart-invoices"),
        a.topic("pixmart-invoice-events"),
        f("pixmart-invoice-mailer"),
    )
    clicks = (
        "internet",
        a.function_url("pixmart-track"),
        f("pixmart-track"),
        a.kinesis("pixmart-clickstream"),
        f("pixmart-click-aggregator"),
        a.table("pixmart-click-stats"),
    )
    audit = ("internet", a.topic("pixmart-order-events"), f("pixmart-audit-trail"))
    return [
        Chain("anonymous-upload-to-public-gallery", upload),
        Chain("partner-order-to-invoice-mailer", orders),
        Chain("tracking-pixel-to-click-stats", clicks),
        Chain("public-topic-to-audit-table", (*audit, a.table("pixmart-audit"))),
    ]


def restrictions(a: Arns) -> list[Restriction]:
    """Grants cut by a Deny or a boundary, and the one that holds only under a Condition."""
    reports, invoices = a.bucket("pixmart-reports"), a.bucket("pixmart-invoices")
    return [
        Restriction("pixmart-cleanup-worker", reports, "deny"),
        Restriction("pixmart-gallery-publisher", a.bucket("pixmart-uploads"), "boundary"),
        Restriction("pixmart-gallery-publisher", invoices, "boundary"),
        Restriction("pixmart-gallery-publisher", reports, "boundary"),
        Restriction("pixmart-charge-card", invoices, "condition"),
        Restriction("pixmart-payment-webhook", invoices, "condition"),
    ]
