"""How one principal obtains another's permissions: the catalogue of `becomes` techniques.

Each technique is data: the action decided on its target, the other actions it needs (each
allowed on some resource), what it targets, and where it is documented. The graph builder
(`explorer/analysis/becomes.py`) finds the targets and decides each action with the IAM engine,
so Deny, boundaries and conditions apply. Sources, cited per technique:

- RHINO: Rhino Security Labs, "AWS IAM Privilege Escalation - Methods and Mitigations"
  (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/).
- BISHOPFOX: Bishop Fox, iam-vulnerable (https://github.com/BishopFox/iam-vulnerable), the
  scenario named.
- HTC: Hacking the Cloud, "AWS IAM privilege escalation"
  (https://hackingthe.cloud/aws/exploitation/iam_privilege_escalation/).
- PMAPPER: NCC Group, Principal Mapper, the edge checker named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# What a technique targets (the builder knows how to find each kind of target).
ROLE_BY_SERVICE = "role-by-service"
"""A role the caller may pass to `service`, which trusts that service (iam:PassRole)."""
ROLE_BY_TRUST = "role-by-trust"
"""A role whose trust policy lets the caller in (sts:AssumeRole)."""
ROLE_TRUST_REWRITE = "role-trust-rewrite"
"""A role whose trust policy the caller may rewrite to name itself."""
USER = "user"
"""Another IAM user, whose credentials the caller may create or reset."""
GROUP = "group"
"""A group the caller (a user) may add itself to."""
FUNCTION_ROLE = "function-role"
"""The execution role of a Lambda function whose code or configuration the caller may change."""
STACK_ROLE = "stack-role"
"""The service role of a CloudFormation stack the caller may update."""
DEV_ENDPOINT_ROLE = "dev-endpoint-role"
"""The role of a Glue development endpoint the caller may update (e.g. its SSH key)."""
INSTANCE_ROLE = "instance-role"
"""The role in the instance profile of a running EC2 instance the caller may run commands on."""
PRINCIPAL_POLICY = "principal-policy"
"""A principal whose policies the caller may rewrite: itself, its groups, or one it becomes."""
MANAGED_POLICY = "managed-policy"
"""A customer-managed policy attached to such a principal, whose version the caller may set."""


@dataclass(frozen=True, slots=True)
class Technique:
    """One way to obtain a principal's permissions."""

    id: str
    target: str
    action: str
    """Decided on the target (the role, user, group, function, stack, endpoint, instance or
    policy); the other actions below need only be allowed on some resource."""
    needs: tuple[tuple[str, ...], ...] = ()
    """Groups of further actions: each group needs one of its actions allowed somewhere."""
    service: str | None = None
    """For PassRole: the service principal the role is passed to (`iam:PassedToService`)."""
    description: str = ""
    source: str = ""
    runs_as: str | None = None
    """For PassRole, when the code runs elsewhere: the service the role gained must trust
    (Data Pipeline runs its activities on an EC2 instance as the pipeline's resource role),
    while a role trusting `service` must be passed beside it."""


def _pass(name: str, service: str, needs: tuple[tuple[str, ...], ...], what: str, source: str):
    return Technique(
        f"iam:PassRole+{name}",
        ROLE_BY_SERVICE,
        "iam:PassRole",
        needs,
        f"{service}.amazonaws.com",
        f"pass the role to {what}, which then runs as it",
        source,
    )


LAMBDA_RUN = ("lambda:InvokeFunction", "lambda:CreateEventSourceMapping", "lambda:AddPermission")
"""Ways to make a new function run once created: invoke it, map an event source to it, or let
another account (the caller's own) invoke it. A function URL alone is not one: with AuthType
NONE it still needs a resource policy allowing lambda:InvokeFunctionUrl (Lambda DG, "Control
access to function URLs"), which is AddPermission again."""

PASS_ROLE = (
    _pass("lambda", "lambda", (("lambda:CreateFunction",), LAMBDA_RUN),
          "a new Lambda function it then runs",
          "RHINO 15-16; BISHOPFOX privesc15-PassExistingRoleToNewLambdaThenInvoke"),
    _pass("cloudformation", "cloudformation",
          (("cloudformation:CreateStack", "cloudformation:CreateChangeSet"),),
          "a new CloudFormation stack, whose resources are created as the role",
          "RHINO 20; BISHOPFOX privesc20-PassExistingRoleToCloudFormation"),
    _pass("ec2", "ec2", (("ec2:RunInstances",),),
          "a new EC2 instance through its instance profile",
          "RHINO 3; BISHOPFOX privesc3-CreateEC2WithExistingIP"),
    _pass("glue-dev-endpoint", "glue", (("glue:CreateDevEndpoint",),),
          "a new Glue development endpoint it can log in to",
          "RHINO 18; BISHOPFOX privesc18-PassExistingRoleToNewGlueDevEndpoint"),
    _pass("glue-job", "glue", (("glue:CreateJob",), ("glue:StartJobRun", "glue:CreateTrigger")),
          "a new Glue job running its script", "HTC Glue; PMAPPER (Glue edges)"),
    _pass("sagemaker-notebook", "sagemaker",
          (("sagemaker:CreateNotebookInstance",),
           ("sagemaker:CreatePresignedNotebookInstanceUrl",)),
          "a new SageMaker notebook it opens",
          "HTC SageMaker; BISHOPFOX privesc-sageMakerCreateNotebookPassRole"),
    _pass("sagemaker-training", "sagemaker", (("sagemaker:CreateTrainingJob",),),
          "a new SageMaker training job running its container",
          "BISHOPFOX privesc-sageMakerCreateTrainingJob"),
    _pass("sagemaker-processing", "sagemaker", (("sagemaker:CreateProcessingJob",),),
          "a new SageMaker processing job running its container",
          "BISHOPFOX privesc-sageMakerCreateProcessingJob"),
    _pass("codebuild", "codebuild",
          (("codebuild:CreateProject",), ("codebuild:StartBuild", "codebuild:StartBuildBatch")),
          "a new CodeBuild project whose build it starts",
          "BISHOPFOX privesc-codeBuildCreateProjectPassRole; PMAPPER codebuild_edges"),
    replace(_pass("datapipeline", "datapipeline",
                  (("datapipeline:CreatePipeline",), ("datapipeline:PutPipelineDefinition",),
                   ("datapipeline:ActivatePipeline",)),
                  "", "RHINO 21; BISHOPFOX privesc21-PassExistingRoleToNewDataPipeline; Data "
                  "Pipeline DG, \"IAM roles for AWS Data Pipeline\""),
            description="pass the role, in an instance profile, to a new Data Pipeline it "
                        "activates as its resource role, beside a role trusting Data Pipeline: "
                        "the pipeline's activities run on an EC2 instance as the resource role",
            runs_as="ec2.amazonaws.com"),
    _pass("ecs", "ecs-tasks",
          (("ecs:RegisterTaskDefinition",), ("ecs:RunTask", "ecs:StartTask", "ecs:CreateService")),
          "a new ECS task running its container", "HTC ECS; PMAPPER (ECS)"),
)  # fmt: skip

TAKEOVER = (
    Technique("lambda:UpdateFunctionCode", FUNCTION_ROLE, "lambda:UpdateFunctionCode",
              description="replace the code of a function, which then runs as its role",
              source="RHINO 17; BISHOPFOX privesc17-EditExistingLambdaFunctionWithRole"),
    Technique("lambda:UpdateFunctionConfiguration", FUNCTION_ROLE,
              "lambda:UpdateFunctionConfiguration",
              description="add a layer or change the handler of a function running as its role",
              source="HTC Lambda (UpdateFunctionConfiguration with a layer)"),
    Technique("glue:UpdateDevEndpoint", DEV_ENDPOINT_ROLE, "glue:UpdateDevEndpoint",
              description="add an SSH key to a Glue development endpoint that runs as its role",
              source="RHINO 19; BISHOPFOX privesc19-UpdateExistingGlueDevEndpoint"),
    Technique("cloudformation:UpdateStack", STACK_ROLE, "cloudformation:UpdateStack",
              description="update a stack, whose service role then creates what it is told",
              source="HTC CloudFormation; BISHOPFOX privesc-cloudFormationUpdateStack"),
    Technique("cloudformation:ChangeSet", STACK_ROLE, "cloudformation:CreateChangeSet",
              (("cloudformation:ExecuteChangeSet",),),
              description="create and execute a change set on a stack with a service role",
              source="HTC CloudFormation (change sets)"),
    Technique("ssm:SendCommand", INSTANCE_ROLE, "ssm:SendCommand",
              description="run commands on an instance, as its instance profile's role",
              source="HTC SSM; BISHOPFOX privesc-ssmSendCommand; PMAPPER ssm_edges"),
    Technique("ssm:StartSession", INSTANCE_ROLE, "ssm:StartSession",
              description="open a shell on an instance, as its instance profile's role",
              source="HTC SSM; BISHOPFOX privesc-ssmStartSession; PMAPPER ssm_edges"),
    Technique("ec2-instance-connect:SendSSHPublicKey", INSTANCE_ROLE,
              "ec2-instance-connect:SendSSHPublicKey",
              description="push an SSH key to an instance and log in, as its profile's role",
              source="BISHOPFOX privesc-ec2InstanceConnect"),
)  # fmt: skip

IDENTITY = (
    Technique("sts:AssumeRole", ROLE_BY_TRUST, "sts:AssumeRole",
              description="assume the role (its trust policy lets the caller in)",
              source="PMAPPER sts_edges; IAM UG, 'Cross account resource access' and role trust"),
    Technique("iam:UpdateAssumeRolePolicy", ROLE_TRUST_REWRITE, "iam:UpdateAssumeRolePolicy",
              description="rewrite the role's trust policy to name itself, then assume it",
              source="RHINO 14; BISHOPFOX privesc14-UpdatingAssumeRolePolicy"),
    Technique("iam:CreateAccessKey", USER, "iam:CreateAccessKey",
              description="create an access key for the user and sign in as it",
              source="RHINO 4; BISHOPFOX privesc4-CreateAccessKey"),
    Technique("iam:CreateLoginProfile", USER, "iam:CreateLoginProfile",
              description="give the user (which has no password) a console password",
              source="RHINO 5; BISHOPFOX privesc5-CreateLoginProfile"),
    Technique("iam:UpdateLoginProfile", USER, "iam:UpdateLoginProfile",
              description="reset the user's console password",
              source="RHINO 6; BISHOPFOX privesc6-UpdateLoginProfile"),
    Technique("iam:AddUserToGroup", GROUP, "iam:AddUserToGroup",
              description="add itself to the group",
              source="RHINO 13; BISHOPFOX privesc13-AddUserToGroup"),
)  # fmt: skip

POLICY_EDITS = (
    Technique("iam:PutUserPolicy", PRINCIPAL_POLICY, "iam:PutUserPolicy",
              description="write an inline policy granting anything",
              source="RHINO 10; BISHOPFOX privesc10-PutUserPolicy"),
    Technique("iam:AttachUserPolicy", PRINCIPAL_POLICY, "iam:AttachUserPolicy",
              description="attach AdministratorAccess",
              source="RHINO 7; BISHOPFOX privesc7-AttachUserPolicy"),
    Technique("iam:PutGroupPolicy", PRINCIPAL_POLICY, "iam:PutGroupPolicy",
              description="write an inline policy granting anything",
              source="RHINO 11; BISHOPFOX privesc11-PutGroupPolicy"),
    Technique("iam:AttachGroupPolicy", PRINCIPAL_POLICY, "iam:AttachGroupPolicy",
              description="attach AdministratorAccess",
              source="RHINO 8; BISHOPFOX privesc8-AttachGroupPolicy"),
    Technique("iam:PutRolePolicy", PRINCIPAL_POLICY, "iam:PutRolePolicy",
              description="write an inline policy granting anything",
              source="RHINO 12; BISHOPFOX privesc12-PutRolePolicy"),
    Technique("iam:AttachRolePolicy", PRINCIPAL_POLICY, "iam:AttachRolePolicy",
              description="attach AdministratorAccess",
              source="RHINO 9; BISHOPFOX privesc9-AttachRolePolicy"),
    Technique("iam:CreatePolicyVersion", MANAGED_POLICY, "iam:CreatePolicyVersion",
              description="write a new default version of a policy attached to it",
              source="RHINO 1; BISHOPFOX privesc1-CreateNewPolicyVersion"),
    Technique("iam:SetDefaultPolicyVersion", MANAGED_POLICY, "iam:SetDefaultPolicyVersion",
              description="make an older, possibly broader version of the policy the default",
              source="RHINO 2; BISHOPFOX privesc2-SetExistingDefaultPolicyVersion"),
)  # fmt: skip

CATALOGUE: tuple[Technique, ...] = PASS_ROLE + TAKEOVER + IDENTITY + POLICY_EDITS
BY_ID = {technique.id: technique for technique in CATALOGUE}

POLICY_EDIT_KIND = {
    "iam:PutUserPolicy": "user",
    "iam:AttachUserPolicy": "user",
    "iam:PutGroupPolicy": "group",
    "iam:AttachGroupPolicy": "group",
    "iam:PutRolePolicy": "role",
    "iam:AttachRolePolicy": "role",
}
"""Which kind of principal each policy-edit action works on."""

ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess"
"""What an attach technique attaches (decided with `iam:PolicyARN` set to it)."""


def first_actions() -> frozenset[str]:
    """Lower-case actions without which no technique applies: a principal allowing none of
    them is skipped."""
    return frozenset(t.action.lower() for t in CATALOGUE)


def all_actions() -> frozenset[str]:
    """Every lower-case action some technique decides or needs."""
    needed = {a.lower() for t in CATALOGUE for group in t.needs for a in group}
    return first_actions() | needed


def markdown() -> str:
    """The catalogue as a Markdown table (the README's techniques block)."""
    lines = ["| technique | needs besides it | how it becomes the target | source |",
             "| --- | --- | --- | --- |"]  # fmt: skip
    for technique in CATALOGUE:
        needs = "; ".join(" or ".join(f"`{a}`" for a in group) for group in technique.needs)
        lines.append(f"| `{technique.id}` | {needs or '-'} | {technique.description} "
                     f"| {technique.source} |")  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
