"""Hand-built graphs for analysis tests: a few lines per scenario, no snapshot needed."""

from __future__ import annotations

from explorer.analysis import kinds
from explorer.analysis.graph import EstateGraph

ACCOUNT = "123456789012"


def fn(name: str) -> str:
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"


def role(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:role/{name}"


def user(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:user/{name}"


def group(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:group/{name}"


def policy(name: str) -> str:
    """A customer-managed policy; `arn:aws:iam::aws:policy/<name>` is AWS's namespace."""
    return f"arn:aws:iam::{ACCOUNT}:policy/{name}"


def instance_profile(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:instance-profile/{name}"


def stack(name: str) -> str:
    """A CloudFormation StackId (the stack's ARN ends in a generated id)."""
    stack_id = "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"
    return f"arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/{name}/{stack_id}"


def dev_endpoint(name: str) -> str:
    return f"arn:aws:glue:us-east-1:{ACCOUNT}:devEndpoint/{name}"


def instance(instance_id: str) -> str:
    return f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/{instance_id}"


def bucket(name: str) -> str:
    return f"arn:aws:s3:::{name}"


def queue(name: str) -> str:
    return f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"


def route(path: str, method: str = "GET") -> str:
    return f"arn:aws:execute-api:us-east-1:{ACCOUNT}:api1/*/{method}/{path}"


KIND_OF = {"function": kinds.FUNCTION, "role": kinds.ROLE, "s3": kinds.BUCKET}


def graph_with(*edges: tuple[str, str, str], **edge_attrs: dict) -> EstateGraph:
    """A graph from (src, kind, dst) triples; nodes get their kind from the ARN."""
    graph = EstateGraph()
    for origin in (kinds.INTERNET, kinds.ANY_ACCOUNT):
        graph.node(origin, kinds.ORIGIN)
    for src, kind, dst in edges:
        for node in (src, dst):
            if node not in graph.g:
                graph.node(node, _kind(node))
        graph.edge(src, dst, kind, **edge_attrs.get(f"{src}>{dst}", {}))
    return graph


def _kind(node: str) -> str:
    if node.startswith("account:"):
        return kinds.ORIGIN
    if ":execute-api:" in node:
        return kinds.REST_ROUTE
    from explorer.analysis.graph import kind_of_arn

    return kind_of_arn(node)
