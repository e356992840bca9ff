"""A Firehose delivery stream archives the tracking pixel's clickstream: it reads the Kinesis
stream the public pixel writes, hands each batch to a transformation function and delivers the
result to the reports bucket. So anyone on the internet reaches the transformation function
(anonymous input, through the pixel's URL, the Kinesis stream and the delivery stream), and the
bucket the partner account reads."""

from __future__ import annotations

from explorer.demo.clients import Clients
from explorer.demo.deploy_iam import create_role
from explorer.demo.deploy_lambda import deploy_function
from explorer.demo.estate_functions import FunctionSpec
from explorer.demo.estate_iam import RoleSpec, allow, doc, trust_service
from explorer.demo.ledger import Ledger
from explorer.demo.manifest import Flaw
from explorer.demo.naming import Arns

STREAM = "pixmart-clickstream-archive"
SOURCE = "pixmart-clickstream"
BUCKET = "pixmart-reports"
FUNCTION = FunctionSpec(
    "pixmart-clickstream-transform",
    "python3.12",
    "pixmart-readonly-role",
    "Drops bot clicks before the clickstream is archived (Firehose transformation)",
    env={"LOG_LEVEL": "info"},
    reserved_concurrency=50,
)
ROLE = "pixmart-firehose-delivery-role"


def _role(a: Arns, function: str) -> RoleSpec:
    """What Firehose acts as: reads the stream, runs the transformation, writes the bucket."""
    kinesis = ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords"]
    return RoleSpec(
        ROLE,
        trust_service("firehose.amazonaws.com"),
        {f"{ROLE}-inline": doc(
            allow(kinesis, a.kinesis(SOURCE)),
            allow("lambda:InvokeFunction", function),
            allow("s3:PutObject", f"{a.bucket(BUCKET)}/clickstream/*"),
        )},
        managed=(),
        description="Kinesis Data Firehose delivery of the clickstream archive",
    )  # fmt: skip


def deploy(clients: Clients, a: Arns, ledger: Ledger) -> None:
    function = deploy_function(clients, a, ledger, FUNCTION)
    role = create_role(clients("iam"), a, _role(a, function))
    ledger.roles[ROLE] = role
    processing = {"Enabled": True, "Processors": [{"Type": "Lambda", "Parameters": [
        {"ParameterName": "LambdaArn", "ParameterValue": f"{function}:$LATEST"}]}]}  # fmt: skip
    stream = clients("firehose").create_delivery_stream(
        DeliveryStreamName=STREAM, DeliveryStreamType="KinesisStreamAsSource",
        KinesisStreamSourceConfiguration={"KinesisStreamARN": a.kinesis(SOURCE), "RoleARN": role},
        ExtendedS3DestinationConfiguration={
            "RoleARN": role, "BucketARN": a.bucket(BUCKET), "Prefix": "clickstream/",
            "ProcessingConfiguration": processing,
        },
    )["DeliveryStreamARN"]  # fmt: skip
    ledger.trigger("firehose-source", a.kinesis(SOURCE), stream, STREAM)
    ledger.trigger("firehose-transform", stream, function, STREAM)
    ledger.trigger("firehose-delivery", stream, a.bucket(BUCKET), STREAM)
    ledger.flaws.append(
        Flaw("untrusted-input-anonymous", function,
             "the public tracking pixel's clicks reach it through the Kinesis stream and the "
             "Firehose stream that transforms them")
    )  # fmt: skip
