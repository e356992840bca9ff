"""IAM engine benchmark: every role against every resource, for one write action per type.

Generates 2,000 synthetic roles (wildcard and specific grants, denies, conditions, boundaries)
and 15,000 resource ARNs over s3/sqs/sns/dynamodb/lambda/kinesis/events/states, then decides
the write action of each resource type for each role over every resource of that type, the way
the graph builder does (explorer.iam.bulk.evaluate_resources). Also times single-request
evaluation (PrincipalPolicies.evaluate) on a sample. Run: `python benchmarks/iam_bench.py`.
"""

from __future__ import annotations

import random
import time

from explorer.iam import PrincipalPolicies, ResourceIndex
from explorer.iam.bulk import evaluate_resources

ACCOUNT = "111122223333"
REGION = "us-east-1"
ROLES = 2000
RESOURCES = 15000
TEAMS = [f"team{i}" for i in range(40)]

# type -> (write action, ARN template for a name)
TYPES: dict[str, tuple[str, str]] = {
    "s3": ("s3:PutObject", "arn:aws:s3:::{name}/*"),
    "sqs": ("sqs:SendMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:{{name}}"),
    "sns": ("sns:Publish", f"arn:aws:sns:{REGION}:{ACCOUNT}:{{name}}"),
    "dynamodb": ("dynamodb:PutItem", f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{{name}}"),
    "lambda": ("lambda:InvokeFunction", f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{{name}}"),
    "kinesis": ("kinesis:PutRecord", f"arn:aws:kinesis:{REGION}:{ACCOUNT}:stream/{{name}}"),
    "events": ("events:PutEvents", f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{{name}}"),
    "states": ("states:StartExecution", f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{{name}}"),
}


def make_resources(rng: random.Random) -> dict[str, list[str]]:
    """RESOURCES ARNs spread over the types, named <team>-<purpose>-<n>."""
    kinds = list(TYPES)
    out: dict[str, list[str]] = {kind: [] for kind in kinds}
    for n in range(RESOURCES):
        kind = kinds[n % len(kinds)]
        name = f"{rng.choice(TEAMS)}-{rng.choice(['orders', 'audit', 'events', 'jobs'])}-{n}"
        out[kind].append(TYPES[kind][1].format(name=name))
    return out


def make_role(rng: random.Random, number: int, resources: dict[str, list[str]]) -> tuple:
    """(role ARN, identity policies, boundary policies or None)."""
    statements = [_grant(rng, resources) for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.1:
        statements.append({"Effect": "Allow", "Action": "*", "Resource": "*"})
    if rng.random() < 0.3:
        statements.append(_deny(rng, resources))
    boundary = None
    if rng.random() < 0.2:
        services = rng.sample(list(TYPES), 4)
        boundary = [
            _doc([{"Effect": "Allow", "Action": [f"{s}:*" for s in services], "Resource": "*"}])
        ]
    return f"arn:aws:iam::{ACCOUNT}:role/role-{number}", [_doc(statements)], boundary


def _grant(rng: random.Random, resources: dict[str, list[str]]) -> dict:
    """An Allow: wildcard action or resource, a team prefix, or a few specific ARNs."""
    kind = rng.choice(list(TYPES))
    action, template = TYPES[kind]
    shape = rng.random()
    if shape < 0.25:
        statement = {"Action": f"{kind}:*", "Resource": "*"}
    elif shape < 0.55:
        statement = {"Action": action, "Resource": template.format(name=f"{rng.choice(TEAMS)}-*")}
    else:
        statement = {"Action": [action, f"{kind}:Get*"], "Resource": rng.sample(resources[kind], 3)}
    if rng.random() < 0.15:
        statement["Condition"] = {"StringEquals": {"aws:PrincipalTag/team": rng.choice(TEAMS)}}
    return {"Effect": "Allow", **statement}


def _deny(rng: random.Random, resources: dict[str, list[str]]) -> dict:
    """A Deny on a team's resources of one type, sometimes conditional."""
    kind = rng.choice(list(TYPES))
    template = TYPES[kind][1]
    statement = {
        "Effect": "Deny",
        "Action": f"{kind}:*",
        "Resource": template.format(name=f"{rng.choice(TEAMS)}-audit-*"),
    }
    if rng.random() < 0.3:
        statement["Condition"] = {"Bool": {"aws:SecureTransport": "false"}}
    return statement


def _doc(statements: list[dict]) -> dict:
    return {"Version": "2012-10-17", "Statement": statements}


def main() -> None:
    """Build the synthetic estate, run the checks, print the figures."""
    rng = random.Random(7)
    resources = make_resources(rng)
    roles = [make_role(rng, n, resources) for n in range(ROLES)]
    indexes = {kind: ResourceIndex(arns) for kind, arns in resources.items()}

    start = time.perf_counter()
    compiled = [PrincipalPolicies(arn, identity, boundary) for arn, identity, boundary in roles]
    parse_seconds = time.perf_counter() - start

    start = time.perf_counter()
    checks = allowed = conditional = 0
    for principal in compiled:
        for kind, (action, _) in TYPES.items():
            decision = evaluate_resources(principal, action, indexes[kind])
            checks += len(indexes[kind])
            allowed += len(decision.allowed)
            conditional += len(decision.conditional)
    bulk_seconds = time.perf_counter() - start

    sample = [
        (rng.choice(compiled), kind, rng.choice(resources[kind]))
        for kind in TYPES
        for _ in range(25000)
    ]
    start = time.perf_counter()
    for principal, kind, arn in sample:
        principal.evaluate(TYPES[kind][0], arn)
    single_seconds = time.perf_counter() - start

    print(
        f"roles {ROLES}, resources {RESOURCES}, checks {checks:,} "
        "(role x resource, one write action per type)"
    )
    print(f"parse + index policies: {parse_seconds:.2f} s")
    print(
        f"bulk evaluation: {bulk_seconds:.2f} s = {checks / bulk_seconds:,.0f} checks/s "
        f"({allowed:,} allowed, {conditional:,} conditional)"
    )
    print(
        f"single evaluate(): {len(sample):,} requests in {single_seconds:.2f} s = "
        f"{len(sample) / single_seconds:,.0f} requests/s"
    )
    print(f"total: {parse_seconds + bulk_seconds:.2f} s")


if __name__ == "__main__":
    main()
