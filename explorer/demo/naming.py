"""Names and ARNs of the demo estate ("pixmart": photo sharing that sells prints)."""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "pixmart"
FOREIGN_ACCOUNT = "999988887777"
"""The outside account the demo trusts too much (a "partner"); nothing is deployed there."""


@dataclass(frozen=True)
class Arns:
    """ARN builders for one account and region (bucket names carry the account: S3 is global)."""

    account: str
    region: str

    def _arn(self, service: str, rest: str) -> str:
        return f"arn:aws:{service}:{self.region}:{self.account}:{rest}"

    def secret(self, name: str) -> str:
        """A Secrets Manager secret's ARN (`name` with AWS's six-character suffix)."""
        return self._arn("secretsmanager", f"secret:{name}")

    def function(self, name: str) -> str:
        """A Lambda function's unqualified ARN."""
        return self._arn("lambda", f"function:{name}")

    def function_url(self, name: str) -> str:
        """The DESIGN §5 node id of a function URL."""
        return f"{self.function(name)}#url"

    def layer(self, name: str, version: int) -> str:
        """A layer version ARN in this account."""
        return self._arn("lambda", f"layer:{name}:{version}")

    def role(self, name: str, path: str = "/") -> str:
        """An IAM role ARN (the path, when not `/`, is part of it)."""
        return f"arn:aws:iam::{self.account}:role{path}{name}"

    def user(self, name: str, path: str = "/") -> str:
        """An IAM user ARN."""
        return f"arn:aws:iam::{self.account}:user{path}{name}"

    def group(self, name: str, path: str = "/") -> str:
        """An IAM group ARN."""
        return f"arn:aws:iam::{self.account}:group{path}{name}"

    def instance_profile(self, name: str) -> str:
        """An EC2 instance profile ARN."""
        return f"arn:aws:iam::{self.account}:instance-profile/{name}"

    def policy(self, name: str) -> str:
        """A customer-managed policy ARN."""
        return f"arn:aws:iam::{self.account}:policy/{name}"

    @property
    def admin(self) -> str:
        """The graph's synthetic node for full control of this account (issue 12 contract)."""
        return f"admin:{self.account}"

    def instance(self, instance_id: str) -> str:
        """An EC2 instance ARN."""
        return self._arn("ec2", f"instance/{instance_id}")

    def dev_endpoint(self, name: str) -> str:
        """A Glue development endpoint ARN."""
        return self._arn("glue", f"devEndpoint/{name}")

    def stack(self, name: str, stack_id: str = "*") -> str:
        """A CloudFormation stack ARN (its last part is a UUID AWS picks; `*` matches any)."""
        return self._arn("cloudformation", f"stack/{name}/{stack_id}")

    def trail(self, name: str) -> str:
        """A CloudTrail trail ARN (homed in the demo's region)."""
        return self._arn("cloudtrail", f"trail/{name}")

    def region_trails(self) -> str:
        """The node id of region-wide trail findings: every trail of the region."""
        return self._arn("cloudtrail", "trail/*")

    def bucket_name(self, base: str) -> str:
        """The account-unique bucket name for a base name (the S3 namespace is shared)."""
        return f"{base}-{self.account}"

    def bucket(self, base: str) -> str:
        """A bucket ARN from its base name."""
        return f"arn:aws:s3:::{self.bucket_name(base)}"

    def queue(self, name: str) -> str:
        """An SQS queue ARN."""
        return self._arn("sqs", name)

    def topic(self, name: str) -> str:
        """An SNS topic ARN."""
        return self._arn("sns", name)

    def table(self, name: str) -> str:
        """A DynamoDB table ARN."""
        return self._arn("dynamodb", f"table/{name}")

    def kinesis(self, name: str) -> str:
        """A Kinesis stream ARN."""
        return self._arn("kinesis", f"stream/{name}")

    def bus(self, name: str) -> str:
        """An EventBridge bus ARN."""
        return self._arn("events", f"event-bus/{name}")

    def rule(self, name: str, bus: str = "default") -> str:
        """An EventBridge rule ARN (rules on a custom bus carry the bus name)."""
        return self._arn("events", f"rule/{name}" if bus == "default" else f"rule/{bus}/{name}")

    def user_pool(self, pool_id: str) -> str:
        """A Cognito user pool ARN (by the pool's id, which Cognito chooses)."""
        return self._arn("cognito-idp", f"userpool/{pool_id}")

    def state_machine(self, name: str) -> str:
        """A Step Functions state machine ARN."""
        return self._arn("states", f"stateMachine:{name}")

    def log_group(self, name: str) -> str:
        """A log group ARN (AWS's `logGroupArn` form, without the trailing `:*`)."""
        return self._arn("logs", f"log-group:{name}")

    def execute_api(self, api_id: str, method: str, path: str) -> str:
        """The execute-api ARN of a route in any stage, as the crawler writes it."""
        return self._arn("execute-api", f"{api_id}/*/{method.upper()}/{path.lstrip('/')}")


def aws_managed_policy(name: str) -> str:
    """The ARN of an AWS-managed policy (no account: AWS owns it, nobody in an account edits it)."""
    return f"arn:aws:iam::aws:policy/{name}"


def lambda_log_group(function_name: str) -> str:
    """The default log group of a function."""
    return f"/aws/lambda/{function_name}"
