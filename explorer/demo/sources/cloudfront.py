"""A CloudFront distribution, pixmart-cdn, in front of the tracking pixel's function URL, with a
Lambda@Edge function that checks each viewer request first.

The origin uses an origin access control, yet the URL's auth stays NONE: the control signs
CloudFront's requests but nothing refuses unsigned ones, so the URL is still public on its own
(the graph keeps its direct exposure, and the origin edge says direct calls are allowed).

moto 5.2 drops every Lambda@Edge association (`LambdaFunctionAssociations` always reads
`{"Quantity": 0}`); the demo's server keeps them (`explorer/demo/moto_cloudfront.py`), so the
edge function's anonymous input is in the demo. The crawl itself is tested on AWS-shaped
`ListDistributions` responses (`tests/data/cloudfront/`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from explorer.demo.clients import Clients
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

DISTRIBUTION = "pixmart-cdn"
ORIGIN_FUNCTION = "pixmart-track"
"""A function of the demo with a function URL (auth NONE): the distribution's origin."""
EDGE_FUNCTION = FunctionSpec(
    "pixmart-edge-auth",
    "python3.12",
    "pixmart-readonly-role",
    "Checks the session cookie of each request to the CDN (Lambda@Edge, viewer request)",
    reserved_concurrency=20,
)
EDGE_KIND, ORIGIN_KIND = "lambda-edge", "cloudfront-origin"
EVENT = "viewer-request"


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    """The edge function (a published version: Lambda@Edge takes no `$LATEST`), an origin
    access control, and the distribution."""
    function = deploy_function(clients, a, ledger, EDGE_FUNCTION)
    lam = clients("lambda")
    version = lam.publish_version(FunctionName=EDGE_FUNCTION.name)["FunctionArn"]
    url = lam.get_function_url_config(FunctionName=ORIGIN_FUNCTION)["FunctionUrl"]
    cloudfront = clients("cloudfront")
    control = cloudfront.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": f"{DISTRIBUTION}-track", "SigningProtocol": "sigv4",
            "SigningBehavior": "always", "OriginAccessControlOriginType": "lambda",
        }
    )["OriginAccessControl"]["Id"]  # fmt: skip
    distribution = cloudfront.create_distribution(
        DistributionConfig=_config(str(urlsplit(url).hostname), control, version)
    )["Distribution"]["ARN"]
    ledger.trigger(EDGE_KIND, distribution, function, EVENT)
    ledger.trigger(ORIGIN_KIND, distribution, a.function_url(ORIGIN_FUNCTION), "function URL")
    ledger.flaws.append(
        Flaw("untrusted-input-anonymous", function,
             "a viewer-request Lambda@Edge function of an enabled distribution gets anyone's "
             "request")
    )  # fmt: skip


def _config(origin_host: str, control: str, version: str) -> dict:
    """An enabled distribution: one origin (the function URL, signed by `control`), whose
    default behaviour runs the edge function version on each viewer request."""
    return {
        "CallerReference": DISTRIBUTION,
        "Comment": DISTRIBUTION,
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "track-url", "DomainName": origin_host, "OriginAccessControlId": control,
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                   "OriginProtocolPolicy": "https-only"},
        }]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "track-url", "ViewerProtocolPolicy": "redirect-to-https",
            "LambdaFunctionAssociations": {"Quantity": 1, "Items": [
                {"LambdaFunctionARN": version, "EventType": EVENT, "IncludeBody": False},
            ]},
            "ForwardedValues": {"QueryString": True, "Cookies": {"Forward": "all"}},
            "MinTTL": 0,
        },
    }  # fmt: skip
