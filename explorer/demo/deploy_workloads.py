"""Create the workloads that run as admin roles outside Lambda: an EC2 build runner with an
instance profile, a CloudFormation stack deployed through a role, and a Glue dev endpoint."""

from __future__ import annotations

import json
from typing import Any

from explorer.demo.clients import Clients, tag_list
from explorer.demo.estate_functions import COMMON_TAGS
from explorer.demo.estate_paths_services import Workloads
from explorer.demo.estate_principals import (
    CFN_ROLE,
    DEV_ENDPOINT,
    GLUE_ROLE,
    INSTANCE,
    INSTANCE_PROFILE,
    STACK,
)
from explorer.demo.ledger import Ledger
from explorer.demo.naming import Arns

AMAZON_LINUX_2 = "ami-04681a1dbd79675a5"
"""An Amazon Linux 2 image moto ships in every region (amzn2-ami-hvm-2.0.20180810-x86_64-gp2)."""

PLATFORM_TEMPLATE = {
    "Description": "pixmart platform settings",
    "Resources": {
        "Version": {
            "Type": "AWS::SSM::Parameter",
            "Properties": {"Name": "/pixmart/platform-version", "Type": "String", "Value": "1"},
        }
    },
}
"""A stack with one resource moto creates quietly (and the crawler does not read)."""


def deploy_workloads(clients: Clients, a: Arns, ledger: Ledger) -> Workloads:
    """The instance, the stack and the dev endpoint; the ids AWS chose for them."""
    profile = ledger.instance_profiles[INSTANCE_PROFILE]
    ledger.instances[INSTANCE] = a.instance(_run_instance(clients("ec2"), profile))
    ledger.stacks[STACK] = _create_stack(clients("cloudformation"), a)
    ledger.dev_endpoints[DEV_ENDPOINT] = _create_dev_endpoint(clients("glue"), a)
    return Workloads(
        profile,
        ledger.instances[INSTANCE],
        ledger.stacks[STACK],
        ledger.dev_endpoints[DEV_ENDPOINT],
    )


def _run_instance(ec2: Any, profile_arn: str) -> str:
    """One build runner with the EC2 admin role's instance profile; returns its id."""
    tags = tag_list({"Name": INSTANCE, **COMMON_TAGS})
    reservation = ec2.run_instances(
        ImageId=AMAZON_LINUX_2,
        InstanceType="t3.micro",
        MinCount=1,
        MaxCount=1,
        IamInstanceProfile={"Arn": profile_arn},
        TagSpecifications=[{"ResourceType": "instance", "Tags": tags}],
    )
    return reservation["Instances"][0]["InstanceId"]


def _create_stack(cloudformation: Any, a: Arns) -> str:
    """The platform stack, deployed through the CloudFormation admin role; returns its id."""
    return cloudformation.create_stack(
        StackName=STACK,
        TemplateBody=json.dumps(PLATFORM_TEMPLATE),
        RoleARN=a.role(CFN_ROLE),
        Tags=tag_list(COMMON_TAGS),
    )["StackId"]


def _create_dev_endpoint(glue: Any, a: Arns) -> str:
    """The ETL team's dev endpoint, running as the Glue admin role; returns its ARN."""
    glue.create_dev_endpoint(
        EndpointName=DEV_ENDPOINT, RoleArn=a.role(GLUE_ROLE), Tags=dict(COMMON_TAGS)
    )
    return a.dev_endpoint(DEV_ENDPOINT)
