"""An S3 Object Lambda access point over the invoices bucket: receipts fetched through it are
passed through a redaction function first. Its policy lets the partner account fetch them, so
the function is handed requests (and objects) a foreign account chooses: cross-account input.
Whoever writes the invoices bucket steers it too (the analysis follows the public order chain
into the bucket), and the deployer role the admin tools' function URL hands out reaches it.

moto 5.2 has no S3 Object Lambda; the demo server adds it (`explorer/demo/moto_s3control.py`).
The supporting access point is a standard S3 access point, which moto has.
"""

from __future__ import annotations

from explorer.crawl.client import strip_account_host
from explorer.demo.clients import Clients, dumps
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import FOREIGN_ACCOUNT, Arns

BUCKET = "pixmart-invoices"
"""The demo bucket (`estate_stores.buckets`) whose objects the function is handed."""
SUPPORTING = "pixmart-receipts"
ACCESS_POINT = "pixmart-redact-receipts"
FUNCTION = FunctionSpec(
    "pixmart-receipt-redactor",
    "python3.12",
    "pixmart-readonly-role",
    "Redacts card numbers from receipts served through S3 Object Lambda",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=10,
)


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    control = clients("s3control")
    # A local endpoint cannot serve S3 Control's `<account>.` host prefix (as in the crawl).
    control.meta.events.register(
        "before-sign.s3-control.*", strip_account_host, unique_id="demo-strip-account-host"
    )
    supporting = control.create_access_point(
        AccountId=a.account, Name=SUPPORTING, Bucket=a.bucket_name(BUCKET)
    )["AccessPointArn"]
    configuration = {
        "SupportingAccessPoint": supporting,
        "TransformationConfigurations": [
            {"Actions": ["GetObject"],
             "ContentTransformation": {"AwsLambda": {"FunctionArn": function}}}
        ],
    }  # fmt: skip
    point = control.create_access_point_for_object_lambda(
        AccountId=a.account, Name=ACCESS_POINT, Configuration=configuration
    )["ObjectLambdaAccessPointArn"]
    partner = {
        "Sid": "PartnerReadsReceipts",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{FOREIGN_ACCOUNT}:root"},
        "Action": "s3-object-lambda:GetObject",
        "Resource": f"{point}/object/*",
    }
    control.put_access_point_policy_for_object_lambda(
        AccountId=a.account, Name=ACCESS_POINT,
        Policy=dumps({"Version": "2012-10-17", "Statement": [partner]}),
    )  # fmt: skip
    ledger.trigger("object-lambda", point, function, ACCESS_POINT)
    ledger.trigger("object-lambda-bucket", a.bucket(BUCKET), point, SUPPORTING)
    ledger.flaws.extend(
        Flaw(kind, function, note)
        for kind, note in (
            ("untrusted-input-cross-account",
             "the access point's policy lets the partner account fetch receipts through it"),
            ("untrusted-input-anonymous",
             "it is handed invoices the public order chain writes (from one allowed source IP)"),
            ("untrusted-input-authenticated",
             "the admin tools' function URL reaches it through the deployer role"),
        )
    )  # fmt: skip
