"""`exposes` edges: who outside the account can put data into an entry point or resource.

Two sources: the authentication of routes, function URLs, sign-up and identity pools (see
`cognito.py`: a Cognito authorizer over a pool anyone may join is anonymous), and resource-based
policies (via the IAM engine's `resource_exposure`, S3 Block Public Access applied). Who may
*read* a resource from outside is kept on the node as `readable_by`, for the finding about
chains whose output comes to rest where outsiders can read it. A policy that could not be read
in full leaves one sentence per policy in the node's `exposure_unknown`: its exposure is
unknown, never "nobody outside the account".
"""

from __future__ import annotations

from dataclasses import replace

from explorer.analysis import kinds, sources
from explorer.analysis.cognito import add_identity_pools, route_guards
from explorer.analysis.entry_auth import entry_auth
from explorer.analysis.estate import EstateRows, Row
from explorer.analysis.graph import EstateGraph
from explorer.analysis.narrowing import SOURCE_ACCOUNT_KEYS, Reach, account_of, reaches
from explorer.analysis.nodes import url_node
from explorer.analysis.shapes import strings
from explorer.iam import Policy, PolicyError, load_document, parse_policy_tolerant
from explorer.iam.errors import policy_summary
from explorer.iam.exposure import Exposure, resource_exposure

POLICY_TABLES = (
    ("s3_buckets", "bucket policy", ("s3:PutObject",), ("s3:GetObject",)),
    ("sqs_queues", "queue policy", ("sqs:SendMessage",), ("sqs:ReceiveMessage",)),
    ("sns_topics", "topic policy", ("sns:Publish",), ("sns:Subscribe",)),
    ("event_buses", "event bus policy", ("events:PutEvents",), ()),
    ("kinesis_streams", "stream policy", ("kinesis:PutRecord", "kinesis:PutRecords"),
     ("kinesis:GetRecords",)),
    ("dynamodb_tables", "table policy", ("dynamodb:PutItem",),
     ("dynamodb:GetItem", "dynamodb:Scan")),
)  # fmt: skip
"""(table, what its policy is called, actions that put data in, actions that read data out)."""
OTHER_POLICIES = (("rest_apis", "policy", "API policy"),
                  ("dynamodb_tables", "stream_policy", "stream policy"))  # fmt: skip
"""(table, column, what it is called): policies the graph reads only to learn whether they
could be read (their grants are judged by the findings)."""

AUTHENTICATED_TYPES = frozenset({"COGNITO_USER_POOLS", "CUSTOM", "AWS_IAM", "JWT", "REQUEST"})


def add_exposure(graph: EstateGraph, estate: EstateRows) -> None:
    for origin in (kinds.INTERNET, kinds.ANY_ACCOUNT):
        graph.node(origin, kinds.ORIGIN, origin)
    _routes(graph, estate)
    _function_urls(graph, estate)
    _sign_up(graph, estate)
    add_identity_pools(graph, estate)
    _resource_policies(graph, estate)
    _function_policies(graph, estate)
    _other_policies(graph, estate)
    _public_acls(graph, estate)
    sources.add_exposure(graph, estate)


def _route_trust(row: Row) -> str:
    auth = entry_auth(row, url=False)
    if auth.type in AUTHENTICATED_TYPES or auth.api_key:
        return kinds.AUTHENTICATED
    return kinds.ANONYMOUS


def _routes(graph: EstateGraph, estate: EstateRows) -> None:
    """Each public route at the trust of its authorization; behind a Cognito authorizer whose
    pool anyone may join, anonymous ("self sign-up", the pool named)."""
    private = {
        r["arn"] for r in estate.rows("rest_apis") if "PRIVATE" in (r.get("endpoint_types") or [])
    }
    guards = route_guards(estate)
    for table in ("rest_methods", "http_routes"):
        for row in estate.rows(table):
            if row.get("api_arn") in private:
                continue  # reachable only through the account's VPC endpoints
            guard = guards.get(row["arn"])
            graph.edge(
                kinds.INTERNET,
                row["arn"],
                kinds.EXPOSES,
                trust=kinds.ANONYMOUS if guard and guard.open else _route_trust(row),
                via="API route",
                authorization=entry_auth(row, url=False).type,
                api_key_required=bool(row.get("api_key_required")),
                **(guard.evidence() if guard else {}),
            )


def _function_urls(graph: EstateGraph, estate: EstateRows) -> None:
    """A URL without auth is anonymous only if the function policy lets `*` call the URL
    (AWS refuses the call otherwise); a policy that could not be fetched or read in full
    counts as open, conditionally."""
    policies = {
        (r["function_arn"], r["qualifier"]): r.get("policy")
        for r in estate.rows("function_policies")
    }
    unread = {e.get("resource") for e in estate.errors if e.get("operation") == "GetPolicy"}
    for row in estate.rows("function_urls"):
        found = entry_auth(row, url=True)
        auth = found.type if found.recorded else ""  # a URL whose auth is not recorded: not NONE
        policy = policies.get((row["function_arn"], row.get("qualifier") or "$LATEST"))
        if auth != "NONE":
            trust, conditional = kinds.AUTHENTICATED, False
        elif row["arn"] in unread or row["function_arn"] in unread:
            trust, conditional = kinds.ANONYMOUS, True
        elif (public := _public_url(policy, row["arn"], estate.account)) is not False:
            trust, conditional = kinds.ANONYMOUS, public is None
        else:
            continue  # AWS refuses anonymous calls: the policy does not allow them
        graph.edge(
            kinds.INTERNET,
            url_node(row["arn"]),
            kinds.EXPOSES,
            trust=trust,
            conditional=conditional,
            via="function URL",
            auth_type=auth,
        )


def _public_url(document: object, function_arn: str, account: str) -> bool | None:
    """Whether the policy lets everyone call the URL (None: it could not be read in full and
    what was read does not)."""
    policy, errors = read_policy(document)
    found = resource_exposure(policy, ["lambda:InvokeFunctionUrl"], function_arn, account)
    if any(e.kind in ("public", "any-account") for e in found):
        return True
    return None if errors else False


def _sign_up(graph: EstateGraph, estate: EstateRows) -> None:
    """Anyone may call SignUp on a pool that allows self sign-up, feeding its triggers."""
    for row in estate.rows("cognito_user_pools"):
        if row.get("self_signup_allowed"):
            graph.edge(
                kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.ANONYMOUS, via="self sign-up"
            )


def _block_public(estate: EstateRows, bucket: Row) -> bool | None:
    """RestrictPublicBuckets from the account or the bucket (None when unknown)."""
    account = estate.rows("s3_account_settings")
    flags = [bucket.get("restrict_public_buckets")] + [
        a.get("restrict_public_buckets") for a in account
    ]
    if any(flags):
        return True
    return None if None in flags or not account else False


def _resource_policies(graph: EstateGraph, estate: EstateRows) -> None:
    for table, what, writes, reads in POLICY_TABLES:
        for row in estate.rows(table):
            if row.get("policy") in ABSENT:
                continue
            block = _block_public(estate, row) if table == "s3_buckets" else None
            probe = f"{row['arn']}/*" if table == "s3_buckets" else row["arn"]
            expose_by_policy(
                graph, estate, row["arn"], row["policy"], what, writes, reads, (probe,), block
            )


def expose_by_policy(
    graph: EstateGraph,
    estate: EstateRows,
    target: str,
    document: object,
    what: str,
    writes: tuple[str, ...],
    reads: tuple[str, ...] = (),
    probes: tuple[str, ...] = (),
    block: bool | None = None,
    signed_only: bool = False,
) -> None:
    """Who outside may put data into `target` through its resource policy (`exposes` edges for
    the `writes` actions) and who outside may read it (`readable_by`, for the `reads`), the
    policy's unreadable parts noted on the node. A trigger source with a resource policy of
    its own (a secret, an access point) asks here, as buckets and queues do.

    `probes` are the resource strings the grants must cover (the target itself by default; a
    bucket's objects are `bucket/*`); `block` is S3's RestrictPublicBuckets; `signed_only`
    says the service takes no anonymous request, so a grant to everyone lets in any AWS
    account (cross-account), never the anonymous internet.
    """
    if absent(document):
        return
    policy, errors = parsed_outward(document, estate.account)
    note_unreadable(graph, target, what, errors)
    for exposure in _exposures(policy, writes, probes or (target,), estate.account, block):
        _expose(graph, estate, target, exposure, signed_only)
    if reads:
        readers = _exposures(policy, reads, probes or (target,), estate.account, block)
        _mark_readable(graph, estate, target, readers, signed_only)


def _exposures(
    policy: Policy | None,
    actions: tuple[str, ...],
    probes: tuple[str, ...],
    account: str,
    block: bool | None,
) -> list[Exposure]:
    """The policy's exposures over every probe, each once."""
    found: list[Exposure] = []
    for probe in probes:
        found += [
            e for e in resource_exposure(policy, actions, probe, account, block) if e not in found
        ]
    return found


def _function_policies(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("function_policies"):
        policy, errors = parsed_outward(row.get("policy"), estate.account)
        if errors:
            note_unreadable(graph, row["function_arn"], _function_policy(row), errors)
        found = resource_exposure(
            policy, ["lambda:InvokeFunction"], row["function_arn"], estate.account
        )
        for exposure in found:
            _expose(graph, estate, row["function_arn"], exposure)


def _function_policy(row: Row) -> str:
    """What a function policy is called: `function policy`, `function policy of <alias>`."""
    qualifier = row.get("qualifier")
    return "function policy" + (f" of {qualifier}" if qualifier not in (None, "$LATEST") else "")


def parsed(document: object) -> Policy | None:
    """A resource policy parsed once, keeping what can be read (see `read_policy`)."""
    return read_policy(document)[0]


def read_policy(document: object) -> tuple[Policy | None, list[PolicyError]]:
    """A resource policy read as far as it can be, and what could not be read of it."""
    if absent(document):
        return None, []
    return parse_policy_tolerant(document, "resource")


ABSENT = (None, "")
"""What the crawler stores for a resource without a policy."""


def absent(document: object) -> bool:
    """No policy at all."""
    return document in ABSENT


def parsed_outward(document: object, account: str) -> tuple[Policy | None, list[PolicyError]]:
    """A resource policy without the Allow statements pinned to the own account, and what
    could not be read of the rest.

    Their exposures never leave the account (`reaches` drops them), and they cannot widen or
    narrow any other statement's exposure. Most function policies are nothing else (a service
    may invoke the function for one of the account's own topics, buckets or log groups), and
    skipping them unread saves most of the exposure step on a big estate; so a fault inside
    one is not reported, as it changes nothing anyone outside may do. The others keep their
    own index, as findings and evidence cite them.
    """
    if absent(document) or not account:
        return read_policy(document)
    try:
        raw = load_document(document)
    except PolicyError:
        return read_policy(document)  # the tolerant parser says what is wrong
    statements = raw.get("Statement")
    if not isinstance(statements, list):
        return read_policy(raw)
    pinned = [i for i, s in enumerate(statements) if _pinned_statement(s, account)]
    if pinned and len(pinned) == len(statements):
        return None, []
    return parse_policy_tolerant(raw, "resource", skip=frozenset(pinned))


def note_unreadable(graph: EstateGraph, target: str, what: str, errors: list[PolicyError]) -> None:
    """Mark the target's exposure unknown with one sentence for this policy (if it had faults)."""
    if errors:
        note_unknown(graph, target, policy_summary(what, errors))


def note_unknown(graph: EstateGraph, target: str, sentence: str) -> None:
    """Say why the target's exposure is unknown (never "nobody outside the account")."""
    graph.g.nodes[graph.ensure(target)].setdefault("exposure_unknown", []).append(sentence)


def _other_policies(graph: EstateGraph, estate: EstateRows) -> None:
    """Note the REST API and DynamoDB stream policies that could not be read in full; an API's
    routes share its policy, so they share its unknown exposure."""
    for table, column, what in OTHER_POLICIES:
        for row in estate.rows(table):
            _, errors = read_policy(row.get(column))
            note_unreadable(graph, row["arn"], what, errors)
            if errors and table == "rest_apis":
                for method in estate.rows("rest_methods"):
                    if method.get("api_arn") == row["arn"]:
                        note_unreadable(graph, method["arn"], what, errors)


def _pinned_statement(statement: object, account: str) -> bool:
    """An Allow statement with a positive condition that every value of names the own account
    (the raw-document twin of `narrowing.pinned_to_own`, for Source* keys only)."""
    if not isinstance(statement, dict) or str(statement.get("Effect", "")).lower() != "allow":
        return False
    block = statement.get("Condition")
    if not isinstance(block, dict):
        return False
    for operator, clauses in block.items():
        if not isinstance(operator, str) or "not" in operator.lower():
            continue
        if not isinstance(clauses, dict):
            continue
        for key, values in clauses.items():
            values = values if isinstance(values, list) else [values]
            if (
                isinstance(key, str)
                and key.lower() in SOURCE_ACCOUNT_KEYS
                and values
                and all(isinstance(v, str) and account_of(v) == account for v in values)
            ):
                return True
    return False


def _expose(
    graph: EstateGraph, estate: EstateRows, target: str, exposure: Exposure, signed: bool = False
) -> None:
    for reach in _reaches(exposure, estate.account, signed):
        graph.node(reach.origin, kinds.ORIGIN, reach.origin)
        graph.edge(
            reach.origin,
            target,
            kinds.EXPOSES,
            conditional=exposure.narrowed,
            trust=reach.trust,
            only=reach.only,
            delegated=reach.delegated,
            via="resource policy",
            actions=list(exposure.actions),
            principal=exposure.who,
            statements=[str(s) for s in exposure.statements],
        )


def _reaches(exposure: Exposure, account: str, signed: bool) -> list[Reach]:
    """`reaches`, where a service that takes only signed requests turns the anonymous
    internet into any AWS account."""
    found = reaches(exposure, account)
    if not signed:
        return found
    return [
        replace(r, origin=kinds.ANY_ACCOUNT, trust=kinds.CROSS_ACCOUNT)
        if r.trust == kinds.ANONYMOUS
        else r
        for r in found
    ]


def _mark_readable(
    graph: EstateGraph,
    estate: EstateRows,
    target: str,
    readers: list[Exposure],
    signed: bool = False,
) -> None:
    outside = sorted(
        {
            (reach.origin, reach.trust)
            for exposure in readers
            for reach in _reaches(exposure, estate.account, signed)
            if reach.trust in OUTSIDE
        }
    )
    if outside:
        graph.g.nodes[graph.ensure(target)]["readable_by"] = outside


OUTSIDE = frozenset({kinds.ANONYMOUS, kinds.CROSS_ACCOUNT, kinds.ORGANIZATION})
"""Trust levels of readers outside the account (where a chain's output must not rest)."""


def _public_acls(graph: EstateGraph, estate: EstateRows) -> None:
    """Bucket ACL grants to AllUsers, unless IgnorePublicAcls (bucket or account) is set."""
    ignore = any(a.get("ignore_public_acls") for a in estate.rows("s3_account_settings"))
    for row in estate.rows("s3_buckets"):
        granted = set(strings(row.get("acl_all_users")))
        if not granted or ignore or row.get("ignore_public_acls"):
            continue
        if granted & {"WRITE", "FULL_CONTROL"}:
            graph.edge(
                kinds.INTERNET,
                row["arn"],
                kinds.EXPOSES,
                trust=kinds.ANONYMOUS,
                via="bucket ACL",
                grants=sorted(granted),
            )
        if granted & {"READ", "FULL_CONTROL"}:
            node = graph.g.nodes[graph.ensure(row["arn"])]
            node["readable_by"] = sorted(
                {*node.get("readable_by", []), (kinds.INTERNET, kinds.ANONYMOUS)}
            )
