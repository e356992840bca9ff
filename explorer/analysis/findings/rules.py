"""The rule catalogue: every rule id the findings use, its OWASP category and default advice."""

from __future__ import annotations

from explorer.analysis.findings.finding import Rule

UNTRUSTED_ANONYMOUS = Rule(
    "untrusted-input-anonymous", "A1", "Anonymous input reaches a function",
    "Anyone on the internet can put data into an entry point from which it flows to this "
    "function. Every field of the event is attacker-controlled.",
    "Validate and sanitise every event field in the function; add authentication to the entry "
    "point, or narrow what the function's role may write and control.",
)  # fmt: skip
UNTRUSTED_CROSS_ACCOUNT = Rule(
    "untrusted-input-cross-account", "A1", "Another AWS account's input reaches a function",
    "A principal outside the account can put data into a resource from which it flows to this "
    "function.",
    "Treat the event as untrusted input; narrow the resource policy with aws:SourceAccount, "
    "aws:SourceArn or aws:PrincipalOrgID, or remove the foreign principal.",
)  # fmt: skip
UNTRUSTED_AUTHENTICATED = Rule(
    "untrusted-input-authenticated", "A1", "End-user input reaches a function",
    "Authenticated end users (Cognito, JWT, IAM, API keys, custom authorizers) can send data "
    "that flows to this function. Authentication says who sent it, not that it is safe.",
    "Validate and sanitise every event field in the function; never build queries, commands "
    "or paths from event data without encoding.",
)  # fmt: skip
UNTRUSTED_ORGANIZATION = Rule(
    "untrusted-input-organization", "A1", "Any account of an organisation can send input",
    "A resource policy lets any principal of an AWS organisation's accounts (aws:PrincipalOrgID "
    "or aws:PrincipalOrgPaths) put data into a resource from which it flows to this function: "
    "a compromise of any account of the organisation reaches it.",
    "Treat the event as untrusted input; name the accounts or roles that need to send instead "
    "of the whole organisation.",
)  # fmt: skip
UNTRUSTED_ACCOUNT_WIDE = Rule(
    "untrusted-input-account-wide", "A1", "Every principal of the account can send input",
    "A resource policy grants the action to the account itself (its root, leaving the decision "
    "to IAM) or to `*` limited by aws:PrincipalAccount to the account: any role, user or "
    "function of the account that is compromised, or whose own input is attacker-controlled, "
    "can put data into a resource from which it flows to this function.",
    "Name the roles that need to send in the resource policy (aws:PrincipalArn), and treat "
    "the event as untrusted input.",
)  # fmt: skip
UNAUTHENTICATED_ROUTE = Rule(
    "unauthenticated-route", "A2", "API route without authentication",
    "An API Gateway route or method has authorization type NONE (and, for REST, no API key).",
    "Attach an authorizer (IAM, Cognito/JWT or a Lambda authorizer) unless the route is meant "
    "to be public; if it is, rate-limit it and validate its input.",
)  # fmt: skip
PUBLIC_FUNCTION_URL = Rule(
    "public-function-url", "A2", "Function URL without authentication",
    "A Lambda function URL has auth type NONE; with a resource policy that lets `*` call "
    "lambda:InvokeFunctionUrl, anyone on the internet can invoke the function.",
    "Use auth type AWS_IAM, or put the function behind an API with an authorizer.",
)  # fmt: skip
SELF_SIGN_UP_API = Rule(
    "self-sign-up-api", "A2", "Anyone may sign up to a user pool that guards an API",
    "The user pool behind an API's Cognito (or JWT) authorizer lets anyone create an account "
    "(self sign-up: AllowAdminCreateUserOnly is false), so its routes admit anyone who signs "
    "up first: their callers are anonymous in all but name.",
    "If the API is not meant for the public, allow only administrators to create users "
    "(AdminCreateUserConfig.AllowAdminCreateUserOnly); otherwise treat its input as anonymous: "
    "vet sign-ups in a PreSignUp trigger, check groups or scopes per route, rate-limit and "
    "validate every request.",
)  # fmt: skip
USER_POOL_MFA_OFF = Rule(
    "user-pool-mfa-off", "A2", "User pool without MFA",
    "A user pool that guards an API or an identity pool, or that anyone may sign up to, has "
    "MFA turned off: a guessed, reused or phished password is enough to sign in as its users.",
    "Set MfaConfiguration to ON (or OPTIONAL with adaptive authentication that demands MFA on "
    "risky sign-ins), preferably with TOTP or passkeys rather than SMS.",
)  # fmt: skip
USER_EXISTENCE_ERRORS = Rule(
    "user-existence-errors", "A2", "Sign-in errors reveal which users exist",
    "An app client of the user pool does not prevent user existence errors "
    "(PreventUserExistenceErrors is LEGACY): sign-in, password reset and confirmation answer "
    "UserNotFoundException for unknown users, so anyone holding the (public) client id can "
    "list which users exist and aim password guessing at them.",
    "Set PreventUserExistenceErrors to ENABLED on every app client.",
)  # fmt: skip
SECRET_ENV = Rule(
    "secret-env", "A3", "Secret-like value in environment variables",
    "An environment variable holds a value that looks like a secret (a detector matched it, or "
    "its name says it is one). Anyone who can read the function configuration can read it.",
    "Move the value to AWS Secrets Manager or SSM Parameter Store (SecureString) and read it at "
    "run time; rotate the exposed value.",
)  # fmt: skip
SECRET_READERS = Rule(
    "secret-readers", "A3", "Principals who cannot change a function can read its secrets",
    "A function keeps secret-like values in its environment, and principals that may not change "
    "the function may still call lambda:GetFunctionConfiguration or lambda:GetFunction, which "
    "return the environment in clear.",
    "Move the secret to Secrets Manager or SSM Parameter Store and read it at run time; narrow "
    "lambda:GetFunction* to the function's operators.",
)  # fmt: skip
SHARED_SECRET = Rule(
    "shared-secret", "A3", "One secret value shared by several functions",
    "Several functions hold the same secret-like environment value (same keyed fingerprint): "
    "compromising any of them exposes the others' credential.",
    "Give each function its own credential from a secrets store, scoped to what it needs; rotate "
    "the shared value.",
)  # fmt: skip
SECRET_CONFIG = Rule(
    "secret-config", "A3", "Secret-like literal in resource configuration",
    "A literal value in a resource's configuration (a header or parameter an EventBridge target "
    "or API integration sends, a mapping template, a stage variable, a state machine literal) "
    "looks like a secret: a detector matched it, or its name says it is one. Anyone who can read "
    "the resource's configuration can read it.",
    "Keep the credential in AWS Secrets Manager (EventBridge connections, Step Functions' "
    "secretsmanager integration, or code that reads it at run time) instead of the "
    "configuration; rotate the exposed value.",
)  # fmt: skip
SECRET_VALUES_KEPT = Rule(
    "secret-values-kept", "A3", "Snapshot holds secret values",
    "The snapshot was crawled with --unsafe-keep-secret-values, so environment variables and "
    "every other literal configuration value are stored in it as written, secrets included.",
    "Delete the file when it is no longer needed, never share it, or crawl again without "
    "--unsafe-keep-secret-values.",
)  # fmt: skip
PUBLIC_OUTPUT = Rule(
    "public-output", "A3", "A chain's output comes to rest where outsiders can read it",
    "Data written by functions comes to rest in a resource that anyone, or another account, may "
    "read: why break into the function when you can just read its output?",
    "Remove the public or cross-account read grant, or write the output somewhere private.",
)  # fmt: skip
BUCKET_ALLOWS_HTTP = Rule(
    "bucket-allows-http", "A3", "Bucket policy does not refuse unencrypted requests",
    "The bucket's policy has no Deny for every principal on aws:SecureTransport false covering "
    "its objects' reads and writes (a bucket without a policy has none either), so clients may "
    "read and write objects over plain HTTP.",
    "Add a statement denying s3:* to Principal \"*\" on the bucket and its objects when "
    "{\"Bool\": {\"aws:SecureTransport\": \"false\"}}.",
)  # fmt: skip
PUBLIC_POLICY = Rule(
    "public-resource-policy", "A5", "Resource policy open to everyone",
    "A resource-based policy allows `*` (anyone, or any AWS account) without a condition that "
    "narrows who.",
    "Name the principals that need access, or add conditions (aws:SourceAccount, aws:SourceArn, "
    "aws:PrincipalOrgID, aws:SourceVpce).",
)  # fmt: skip
CROSS_ACCOUNT_POLICY = Rule(
    "cross-account-resource-policy", "A5", "Resource policy grants another account",
    "A resource-based policy (or a role's trust policy) allows a principal in another account.",
    "Confirm the account is a trusted partner; narrow the actions, and add conditions such as "
    "aws:PrincipalOrgID or sts:ExternalId.",
)  # fmt: skip
SERVICE_PRINCIPAL = Rule(
    "unscoped-service-principal", "A5", "Service principal without a source condition",
    "A resource policy lets an AWS service act on the resource without aws:SourceAccount or "
    "aws:SourceArn, so the service may do so on behalf of any account (confused deputy).",
    "Add aws:SourceAccount and aws:SourceArn conditions to the statement.",
)  # fmt: skip
PUBLIC_ACL = Rule(
    "public-bucket-acl", "A5", "Bucket ACL grants everyone",
    "The bucket's ACL grants AllUsers or AuthenticatedUsers (any AWS account).",
    "Remove the grant, set Object Ownership to BucketOwnerEnforced, and turn on Block Public "
    "Access.",
)  # fmt: skip
PUBLIC_BLOCKED = Rule(
    "public-access-blocked", "A5", "Public grant overridden by Block Public Access",
    "The bucket's policy or ACL grants the public, but S3 Block Public Access overrides it, so "
    "it has no effect today. Turning Block Public Access off would expose the bucket.",
    "Remove the public grant so the bucket is not one setting away from public.",
)  # fmt: skip
ADMIN_ROLE = Rule(
    "admin-role", "A5", "Admin-equivalent role",
    "The role may do everything, or fully controls IAM permissions and so can grant itself "
    "everything.",
    "Replace the grants with the actions and resources the workload needs (least privilege); "
    "use a permissions boundary.",
)  # fmt: skip
WILDCARD_ROLE = Rule(
    "wildcard-write-role", "A5", "Wildcard write or permissions-management grant",
    "The role may perform write actions through an action wildcard, or permissions-management "
    "actions, on every resource (`*`).",
    "Name the actions and the resource ARNs the workload needs.",
)  # fmt: skip
SCOPED_PERMISSIONS = Rule(
    "scoped-permissions-management", "A5", "A scoped wildcard includes permissions management",
    "A grant limited to named resources uses an action wildcard (such as `s3:*` on one bucket) "
    "that includes permissions-management actions (s3:PutBucketPolicy, sqs:SetQueueAttributes, "
    "lambda:AddPermission...): whoever holds it can open those resources to anyone.",
    "List the data actions the workload needs instead of the service wildcard, or deny the "
    "permissions-management actions on those resources.",
)  # fmt: skip
ESCALATION = Rule(
    "privilege-escalation", "A5", "Privilege-escalation path",
    "The role's permissions combine into a known way to gain more privilege (for example "
    "iam:PassRole with lambda:CreateFunction, or rewriting its own policies).",
    "Remove one action of the combination, scope iam:PassRole to specific roles with "
    "iam:PassedToService, and use a permissions boundary.",
)  # fmt: skip
IDENTITY_POOL_GUESTS = Rule(
    "identity-pool-guest-access", "A5", "Identity pool hands anyone a role with powers",
    "A Cognito identity pool allows unauthenticated (guest) identities, so anyone on the "
    "internet can get AWS credentials for its unauthenticated role, and that role may write, "
    "invoke, control or read resources, or become another principal.",
    "Turn off unauthenticated access unless guests need it; if they do, give the "
    "unauthenticated role only the few actions on the few resources they need (no writes to "
    "shared data, no lambda:InvokeFunction on `*`, nothing that changes IAM or code).",
)  # fmt: skip
ACCOUNT_BLOCK_OFF = Rule(
    "account-public-access-block-off", "A6", "S3 Block Public Access off for the account",
    "The account-level Block Public Access setting leaves IgnorePublicAcls or "
    "RestrictPublicBuckets off, so it does not stop a public ACL or bucket policy on any "
    "bucket that lacks the setting itself.",
    "Turn on all four Block Public Access settings for the account (S3 console, Block Public "
    "Access settings for this account), after moving any intended public content behind "
    "CloudFront.",
)  # fmt: skip
BUCKET_BLOCK_OFF = Rule(
    "bucket-public-access-block-off", "A6", "S3 Block Public Access off for a bucket",
    "Neither the bucket's nor the account's Block Public Access setting turns on "
    "IgnorePublicAcls and RestrictPublicBuckets, so a public ACL or bucket policy on this "
    "bucket takes effect. (Whether it has one today is for the public-policy and ACL rules.)",
    "Turn on all four Block Public Access settings for the bucket, unless it must serve the "
    "public (then prefer CloudFront with origin access control).",
)  # fmt: skip
BUCKET_ACLS_ENABLED = Rule(
    "bucket-acls-enabled", "A6", "Bucket ACLs still enabled",
    "The bucket's Object Ownership is not BucketOwnerEnforced, so access control lists on "
    "the bucket and its objects still grant access beside the policies, and objects uploaded "
    "by other accounts may stay theirs.",
    "Set Object Ownership to BucketOwnerEnforced (after moving any access the ACLs grant into "
    "the bucket policy).",
)  # fmt: skip
UNKNOWN_ACTION = Rule(
    "unknown-policy-action", "A6", "Policy names actions unknown to AWS",
    "A policy names an action (or a wildcard pattern, or a service) that no AWS service has: a "
    "typo such as sts:GetCallerIdentify grants nothing and hides what was meant, and in a Deny "
    "or a NotAction the intended restriction silently does not happen.",
    "Correct the action name (the finding suggests the nearest real one), or remove it.",
)  # fmt: skip
NO_RESERVED_CONCURRENCY = Rule(
    "no-reserved-concurrency", "A6", "Publicly reachable function without reserved concurrency",
    "Anyone on the internet, or another account, can make this function run (it is the first "
    "function their data reaches), and no reserved concurrency caps it: a flood of calls "
    "scales it, and whatever it triggers, up to the account's unreserved concurrency "
    "in the region, each run billed (denial of wallet), and while it holds that shared pool the "
    "account's other functions there are throttled. A6: the OWASP serverless reading of the 2017 "
    "Top 10 lists concurrency limits under Security Misconfiguration (too high: denial of "
    "wallet; too low: denial of service).",
    "Set reserved concurrency to the function's expected peak (PutFunctionConcurrency), and "
    "throttle the entry point as well (API Gateway stage or usage-plan throttling, a WAF "
    "rate-based rule, SQS batch and maximum-concurrency settings); alarm on throttles and cost.",
)  # fmt: skip
LOW_RESERVED_CONCURRENCY = Rule(
    "low-reserved-concurrency", "A6", "Reserved concurrency low enough for one caller to deny "
    "service",
    "Untrusted callers reach a function whose reserved concurrency is so low (at most 5) that "
    "one caller keeping that many requests in flight holds every slot, and everyone else's "
    "invocations are throttled. Reserved concurrency 0 means the function is switched off: "
    "every invocation is refused (reported at info, whoever reaches it). A6: the OWASP "
    "serverless reading of the 2017 Top 10 names a low concurrency limit as a Security "
    "Misconfiguration that leads to denial of service.",
    "Raise reserved concurrency to what legitimate peaks need, and rate-limit each caller at the "
    "entry point (API Gateway usage plans with API keys, WAF rate-based rules) so one caller "
    "cannot take every slot.",
)  # fmt: skip
API_STAGE_NO_WAF = Rule(
    "api-stage-no-waf", "A6", "Public API stage without a WAF web ACL",
    "A REST API stage serves routes anyone on the internet can call, and no AWS WAF web ACL is "
    "associated with it: no rate-based rule, IP reputation list or managed rule group stands "
    "between the internet and the functions behind it. A6: a missing standard protection of "
    "an internet-facing endpoint is a Security Misconfiguration.",
    "Associate a WAF web ACL with the stage (a rate-based rule and AWS managed rule groups such "
    "as the core rule set and known bad inputs), or put the API behind CloudFront with a web "
    "ACL and restrict the stage to it.",
)  # fmt: skip
DEPRECATED_RUNTIME = Rule(
    "deprecated-runtime", "A9", "Deprecated or soon-deprecated Lambda runtime",
    "The function runs on a runtime that no longer receives (or will soon stop receiving) "
    "security patches.",
    "Move the function to the runtime's supported successor.",
)  # fmt: skip
FOREIGN_LAYER = Rule(
    "foreign-layer", "A9", "Layer from another account",
    "The function loads a layer published by another AWS account: that account's code runs "
    "with the function's role.",
    "Publish the layer in your own account after review, or pin a reviewed version and verify "
    "the publisher.",
)  # fmt: skip
NO_TRACING = Rule(
    "no-tracing", "A10", "Active tracing off",
    "A function (X-Ray tracing mode not Active) or a REST API stage (X-Ray tracing not enabled) "
    "sends no traces, so a request cannot be followed across the chain.",
    "Functions: set TracingConfig Mode=Active (and grant xray:PutTraceSegments). REST API "
    "stages: enable X-Ray tracing on the stage (tracingEnabled).",
)  # fmt: skip
NO_LOG_RETENTION = Rule(
    "no-log-retention", "A10", "Logs without a retention policy",
    "A log group keeps events forever (no retention set), or a function's log group does not "
    "exist yet and will be created that way.",
    "Set a retention period that matches your audit needs (and create function log groups "
    "ahead of time).",
)  # fmt: skip
NO_FAILURE_DESTINATION = Rule(
    "no-failure-destination", "A10", "Asynchronous invocation without a failure destination",
    "The function is invoked asynchronously (S3, SNS, EventBridge, log subscriptions, "
    "destinations) but has neither a dead-letter queue nor an on-failure destination: failed "
    "events are dropped silently after the retries.",
    "Configure an on-failure destination (or a dead-letter queue) and alarm on it.",
)  # fmt: skip
NO_API_LOGGING = Rule(
    "no-api-access-logging", "A10", "API stage without access logging",
    "The API stage writes no access logs, so calls to it leave no record.",
    "Turn on access logging for the stage to a CloudWatch log group (or Firehose).",
)  # fmt: skip
NO_LAMBDA_DATA_EVENTS = Rule(
    "no-lambda-data-events", "A10", "No trail records Lambda invocations in a region",
    "No CloudTrail trail logging the region records Lambda data events: who invoked a function, "
    "and when, leaves no record (management events, which trails log by default, cover only "
    "changes to functions). An incident cannot be traced back to the calls that caused it.",
    "Add Lambda data events to a trail that logs the region (an advanced event selector with "
    "eventCategory = Data and resources.type = AWS::Lambda::Function, or a basic data resource "
    "arn:aws:lambda), on a multi-region trail so that every region is covered; narrow it to "
    "the functions that matter if cost is a concern.",
)  # fmt: skip
COVERAGE_GAP = Rule(
    "coverage-gap", "A10", "Part of the estate could not be read",
    "The crawl could not read something (access denied, throttled, not supported). Findings "
    "cannot speak for what was not read: absence of a finding there is not safety.",
    "Grant the crawler the missing read permission (see the README's crawler policy) and crawl "
    "again.",
)  # fmt: skip

ALL = (
    UNTRUSTED_ANONYMOUS, UNTRUSTED_CROSS_ACCOUNT, UNTRUSTED_ORGANIZATION, UNTRUSTED_AUTHENTICATED,
    UNTRUSTED_ACCOUNT_WIDE, UNAUTHENTICATED_ROUTE,
    PUBLIC_FUNCTION_URL, SELF_SIGN_UP_API, USER_POOL_MFA_OFF, USER_EXISTENCE_ERRORS,
    SECRET_ENV, SECRET_READERS, SECRET_CONFIG, SHARED_SECRET, PUBLIC_OUTPUT,
    BUCKET_ALLOWS_HTTP, PUBLIC_POLICY, CROSS_ACCOUNT_POLICY, SERVICE_PRINCIPAL, PUBLIC_ACL,
    PUBLIC_BLOCKED, ADMIN_ROLE, WILDCARD_ROLE, SCOPED_PERMISSIONS, ESCALATION,
    IDENTITY_POOL_GUESTS, ACCOUNT_BLOCK_OFF, BUCKET_BLOCK_OFF, BUCKET_ACLS_ENABLED,
    UNKNOWN_ACTION, NO_RESERVED_CONCURRENCY, LOW_RESERVED_CONCURRENCY, API_STAGE_NO_WAF,
    DEPRECATED_RUNTIME, FOREIGN_LAYER, NO_TRACING, NO_LOG_RETENTION, NO_FAILURE_DESTINATION,
    NO_API_LOGGING, NO_LAMBDA_DATA_EVENTS, COVERAGE_GAP, SECRET_VALUES_KEPT,
)  # fmt: skip
"""Every rule, in catalogue order (the order SARIF lists them)."""

BY_ID = {rule.id: rule for rule in ALL}


def markdown() -> str:
    """The catalogue as a Markdown table (the README's rules block)."""
    lines = ["| rule | OWASP (2017) | what it reports |", "| --- | --- | --- |"]
    lines += [f"| `{rule.id}` | {rule.owasp} | {rule.name} |" for rule in ALL]
    return "\n".join(lines)
