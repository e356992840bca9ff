"""Seeded escalation paths through AWS services that run code as a role: passing an admin role
to a new workload, or taking over a workload that already runs as one.

Sources: Rhino Security Labs, "AWS IAM Privilege Escalation - Methods and Mitigation" (methods
3, 15, 18-21); Bishop Fox, "IAM Vulnerable" (SageMaker, CodeBuild, ECS, SSM, EC2 Instance
Connect); Datadog pathfinding.cloud (CloudFormation change sets, Glue jobs).
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.demo.estate_iam import Document, allow
from explorer.demo.estate_paths import seeded
from explorer.demo.estate_principals import (
    CFN_ROLE,
    CODEBUILD_ROLE,
    EC2_ROLE,
    ECS_ROLE,
    GLUE_ROLE,
    PIPELINE_ROLE,
    SAGEMAKER_ROLE,
    Case,
    inline_user,
)
from explorer.demo.manifest import Hop
from explorer.demo.naming import Arns


@dataclass(frozen=True)
class Workloads:
    """What the workloads deploy made that paths run through (their ids are AWS's choice)."""

    instance_profile: str
    instance: str
    stack: str
    dev_endpoint: str


PASS_ROLE_PATHS = (
    # (user, technique suffix, role, the service actions beside iam:PassRole)
    ("pixmart-infra-engineer", "cloudformation", CFN_ROLE, ["cloudformation:CreateStack"]),
    ("pixmart-build-engineer", "ec2", EC2_ROLE, ["ec2:RunInstances"]),
    ("pixmart-data-engineer", "glue-dev-endpoint", GLUE_ROLE,
     ["glue:CreateDevEndpoint", "glue:GetDevEndpoint"]),
    ("pixmart-etl-scheduler", "glue-job", GLUE_ROLE, ["glue:CreateJob", "glue:StartJobRun"]),
    ("pixmart-data-scientist", "sagemaker-notebook", SAGEMAKER_ROLE,
     ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"]),
    ("pixmart-ml-trainer", "sagemaker-training", SAGEMAKER_ROLE, ["sagemaker:CreateTrainingJob"]),
    ("pixmart-ml-batch", "sagemaker-processing", SAGEMAKER_ROLE,
     ["sagemaker:CreateProcessingJob"]),
    ("pixmart-ci-builder", "codebuild", CODEBUILD_ROLE,
     ["codebuild:CreateProject", "codebuild:StartBuild"]),
    ("pixmart-pipeline-operator", "datapipeline", EC2_ROLE,
     ["datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition",
      "datapipeline:ActivatePipeline"]),
    ("pixmart-container-ops", "ecs", ECS_ROLE, ["ecs:RegisterTaskDefinition", "ecs:RunTask"]),
)  # fmt: skip
"""One user per service that runs code as a passed role; each role trusts only its service. Data
Pipeline runs its activities on an EC2 instance as the resource role (the build runners' role,
in an instance profile), so its operator also passes the pipeline role, which trusts Data
Pipeline."""


def service_paths(a: Arns, w: Workloads) -> tuple[Case, ...]:
    """Every seeded path of this module, in a fixed order."""
    return (*_lambda_pass_role(a), *_pass_role_paths(a, w), *_takeover_paths(a, w))


def _lambda_pass_role(a: Arns) -> tuple[Case, ...]:
    """PassRole into Lambda, the grant narrowed to Lambda by iam:PassedToService."""
    admin_role = a.role("pixmart-admin-role")
    to_lambda = {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}
    user = inline_user(
        "pixmart-ci-deployer",
        allow("iam:PassRole", admin_role, Condition=to_lambda),
        allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"),
        keys=("Active",),
    )
    note = "may create a function running as the admin role (PassRole only to Lambda) and run it"
    return (seeded(a, user, "pass-role-lambda", note, Hop("iam:PassRole+lambda", admin_role)),)


def _pass_role_paths(a: Arns, w: Workloads) -> tuple[Case, ...]:
    """PassRole of a service's admin role, with what it takes to start that service's work."""
    cases = []
    for name, service, role, actions in PASS_ROLE_PATHS:
        passed = [a.role(role)] + ([a.role(PIPELINE_ROLE)] if service == "datapipeline" else [])
        grants = (allow("iam:PassRole", passed), allow(actions, "*"))
        user = inline_user(name, *grants, keys=("Active",))
        via = w.instance_profile if service == "ec2" else None
        hop = Hop(f"iam:PassRole+{service}", a.role(role), via)
        note = f"may start {service} work running as {role}"
        cases.append(seeded(a, user, f"pass-role-{service}", note, hop))
    return tuple(cases)


def _takeover(
    a: Arns, name: str, case: str, technique: str, grant: Document, role: str, via: str
) -> Case:
    """A user whose one grant takes over a workload that runs as an admin role."""
    user = inline_user(name, grant, password=True)
    note = f"{technique} on {via.rsplit(':', 1)[-1]}, which runs as {role}"
    return seeded(a, user, case, note, Hop(technique, a.role(role), via))


def _takeover_paths(a: Arns, w: Workloads) -> tuple[Case, ...]:
    """Changing a function, dev endpoint, stack or instance that already runs as a role."""
    nightly = a.function("pixmart-nightly-report")
    stack = a.stack("pixmart-platform")
    instances = a.instance("*")
    shell = f"arn:aws:ssm:{a.region}::document/AWS-RunShellScript"
    return (
        _takeover(
            a,
            "pixmart-config-bot",
            "update-function-configuration",
            "lambda:UpdateFunctionConfiguration",
            allow("lambda:UpdateFunctionConfiguration", nightly),
            "pixmart-admin-role",
            nightly,
        ),
        _takeover(
            a,
            "pixmart-etl-debugger",
            "update-dev-endpoint",
            "glue:UpdateDevEndpoint",
            allow(["glue:UpdateDevEndpoint", "glue:GetDevEndpoint"], w.dev_endpoint),
            GLUE_ROLE,
            w.dev_endpoint,
        ),
        _takeover(
            a,
            "pixmart-stack-maintainer",
            "update-stack",
            "cloudformation:UpdateStack",
            allow(["cloudformation:UpdateStack", "cloudformation:DescribeStacks"], stack),
            CFN_ROLE,
            w.stack,
        ),
        _takeover(
            a,
            "pixmart-change-reviewer",
            "change-set",
            "cloudformation:ChangeSet",
            allow(["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"], stack),
            CFN_ROLE,
            w.stack,
        ),
        _takeover(
            a,
            "pixmart-fleet-operator",
            "ssm-send-command",
            "ssm:SendCommand",
            allow("ssm:SendCommand", [instances, shell]),
            EC2_ROLE,
            w.instance,
        ),
        _takeover(
            a,
            "pixmart-sre",
            "ssm-start-session",
            "ssm:StartSession",
            allow("ssm:StartSession", instances),
            EC2_ROLE,
            w.instance,
        ),
        _takeover(
            a,
            "pixmart-sysadmin",
            "instance-connect",
            "ec2-instance-connect:SendSSHPublicKey",
            allow("ec2-instance-connect:SendSSHPublicKey", instances),
            EC2_ROLE,
            w.instance,
        ),
    )
