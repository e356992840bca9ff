"""IAM users and groups of the synthetic account: people and services in team groups.

At 10,000 functions: 1,000 users (`Sizes.user_count`) and 100 groups (`Sizes.group_count`).
Two groups are account-wide (administrators, auditors); the others belong to a team, big teams
more often, and follow one of four templates: read-only, developer, deployer (PassRole into
Lambda for the team's roles), team admin. Most users are people in one to three groups with a
console password, often MFA and sometimes access keys; some are services (CI, ETL, monitoring)
with access keys only. Some have an inline policy, a managed policy attached directly, a
permissions boundary, or a guardrail that denies IAM changes. `escalations.py` then gives a few
dozen principals a way to become someone stronger, and as many a near-miss.
"""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from benchmarks.synthetic import shapes
from benchmarks.synthetic.account import SyntheticAccount
from benchmarks.synthetic.builder import Builder
from benchmarks.synthetic.roles import (
    ADMIN,
    CHANGE_PASSWORD,
    PREFIX_FORMS,
    READ_ONLY,
    guardrail_document,
    user_boundary_document,
)
from benchmarks.synthetic.shapes import ACCOUNT, PARTITION, Doc


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "ana ben carla dev elif farah gus hana ivan jun kemal lea marta nils omar priya quinn "
    "rosa sven tara uma vik wen yusuf zoe"
)
LAST = _words(
    "alvarez becker chen dubois eriksen fischer garcia haddad ito jensen kowalski lopez "
    "moreau nakamura okafor petrov quist rossi singh tanaka urbanski vance wong yilmaz"
)
JOBS = ("ci", "etl", "monitoring", "backup", "reporting", "sync")
TEMPLATES = (("developers", 35), ("read-only", 30), ("deployers", 25), ("admins", 10))
"""Templates of team groups, with weights."""
HUMAN_GROUPS = ((0, 5), (1, 50), (2, 32), (3, 13))
"""How many team groups a person is in, with weights."""
SERVICE_GROUPS = ((0, 40), (1, 60))
KEY_SERVICES = ("s3", "lambda", "sqs", "dynamodb", "cloudformation", "sts")

BOUNDARY = shapes.policy_arn("user-boundary")
GUARDRAIL = shapes.policy_arn("deny-privilege-changes")


def user_arn(name: str, path: str = "/") -> str:
    return f"arn:{PARTITION}:iam::{ACCOUNT}:user{path}{name}"


def group_arn(name: str, path: str = "/") -> str:
    return f"arn:{PARTITION}:iam::{ACCOUNT}:group{path}{name}"


@dataclass
class GroupPlan:
    """One group under construction."""

    name: str
    team: str | None
    template: str
    path: str = "/"
    attached: list[str] = field(default_factory=list)
    inline: dict[str, list[Doc]] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return group_arn(self.name, self.path)

    def render(self, n: int) -> dict[str, Any]:
        """The `GroupDetailList` entry of GetAccountAuthorizationDetails."""
        return {
            "Path": self.path,
            "GroupName": self.name,
            "GroupId": f"AGPA{n:017d}",
            "Arn": self.arn,
            "CreateDate": shapes.when(n),
            "GroupPolicyList": _inline(self.inline),
            "AttachedManagedPolicies": _attached(self.attached),
        }


@dataclass
class UserPlan:
    """One user under construction."""

    name: str
    team: str
    human: bool
    path: str = "/"
    groups: list[GroupPlan] = field(default_factory=list)
    inline: dict[str, list[Doc]] = field(default_factory=dict)
    attached: list[str] = field(default_factory=list)
    boundary: str | None = None

    @property
    def arn(self) -> str:
        return user_arn(self.name, self.path)

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.attached or any(ADMIN in g.attached for g in self.groups)

    @property
    def plain(self) -> bool:
        """No admin, boundary or guardrail: what it is allowed is what its policies say."""
        return not (self.is_admin or self.boundary or GUARDRAIL in self.attached)

    def allow(self, policy: str, *statements: Doc) -> None:
        """Add statements to one of the user's inline policies."""
        self.inline.setdefault(policy, []).extend(statements)

    def render(self, n: int) -> dict[str, Any]:
        """The `UserDetailList` entry of GetAccountAuthorizationDetails."""
        record: dict[str, Any] = {
            "Path": self.path,
            "UserName": self.name,
            "UserId": f"AIDA{n:017d}",
            "Arn": self.arn,
            "CreateDate": shapes.when(n),
            "UserPolicyList": _inline(self.inline),
            "GroupList": [g.name for g in self.groups],
            "AttachedManagedPolicies": _attached(self.attached),
            "Tags": [{"Key": "team", "Value": self.team}],
        }
        if self.boundary:
            record["PermissionsBoundary"] = {
                "PermissionsBoundaryType": "Policy",
                "PermissionsBoundaryArn": self.boundary,
            }
        return record


def _inline(policies: dict[str, list[Doc]]) -> list[dict[str, str]]:
    return [
        {"PolicyName": name, "PolicyDocument": shapes.quoted(shapes.doc(*statements))}
        for name, statements in policies.items()
    ]


def _attached(arns: list[str]) -> list[dict[str, str]]:
    return [{"PolicyName": a.rsplit("/", 1)[-1], "PolicyArn": a} for a in arns]


class People:
    """The users and groups of an account, drawn from the builder's seeded choices."""

    def __init__(self, builder: Builder) -> None:
        self.b = builder
        self.groups: dict[str, GroupPlan] = {}
        self.users: dict[str, UserPlan] = {}
        self.policies: dict[str, Doc] = {
            "user-boundary": user_boundary_document(),
            "deny-privilege-changes": guardrail_document(),
        }
        """Customer managed policies by name (group templates, the boundary, the guardrail)."""
        self.admins = self._group("administrators", None, "admin", [ADMIN])
        self.auditors = self._group("auditors", None, "read-only", [READ_ONLY])

    def build(self) -> People:
        sizes = self.b.sizes
        while len(self.groups) < sizes.group_count:
            self._team_group(*self._new_kind())
        for _ in range(sizes.user_count):
            self._user()
        if not any(u.is_admin for u in self.users.values()):
            next(iter(self.users.values())).groups.append(self.admins)
        return self

    # -- groups ----------------------------------------------------------------------------

    def _new_kind(self) -> tuple[str, str]:
        """A (team, template) no group has yet, big teams more often; repeats once most exist."""
        for _ in range(20):
            team, template = self.b.team(), self.b.weighted(TEMPLATES)
            if f"{team}-{template}" not in self.groups:
                break
        return team, template

    def _group(self, name: str, team: str | None, template: str, attached: list[str]) -> GroupPlan:
        taken = sum(1 for g in self.groups if g == name or g.startswith(f"{name}-"))
        name = f"{name}-{taken + 1}" if taken else name
        self.groups[name] = GroupPlan(name, team, template, "/teams/" if team else "/", attached)
        return self.groups[name]

    def _team_group(self, team: str, template: str) -> None:
        group = self._group(f"{team}-{template}", team, template, [])
        if template == "read-only":
            if self.b.chance(0.5):
                group.attached += [READ_ONLY, CHANGE_PASSWORD]
            else:
                group.inline["team-read"] = _team_read(team)
        elif template == "admins":
            group.inline["team-admin"] = _team_admin(team)
        else:
            document = _developer(team) if template == "developers" else _deployer(team)
            self.policies[f"{group.name}-access"] = document
            group.attached.append(shapes.policy_arn(f"{group.name}-access"))

    def team_groups(self, team: str) -> list[GroupPlan]:
        return [g for g in self.groups.values() if g.team == team]

    # -- users -----------------------------------------------------------------------------

    def _user(self) -> None:
        team, human = self.b.team(), self.b.chance(0.85)
        name = self._unique(self._person() if human else f"{team}-{self.b.pick(JOBS)}-bot")
        user = UserPlan(name, team, human, "/" if human else "/system/")
        self.users[name] = user
        self._memberships(user)
        self._policies(user)
        self._credentials(user)

    def _person(self) -> str:
        return f"{self.b.pick(FIRST)}.{self.b.pick(LAST)}"

    def _unique(self, name: str) -> str:
        if name not in self.users:
            return name
        return next(f"{name}{k}" for k in range(2, 10**6) if f"{name}{k}" not in self.users)

    def _memberships(self, user: UserPlan) -> None:
        """Mostly the team's own groups, sometimes another team's; a few administrators."""
        count = self.b.weighted(HUMAN_GROUPS if user.human else SERVICE_GROUPS)
        own = self.team_groups(user.team)
        others = [g for g in self.groups.values() if g.team and g.team != user.team]
        self.b.rng.shuffle(own)
        extra = min(len(others), max(0, count - len(own)))
        user.groups += own[:count] + self.b.rng.sample(others, extra)
        if user.human and self.b.chance(0.012):
            user.groups.append(self.admins)
        elif user.human and self.b.chance(0.04):
            user.groups.append(self.auditors)

    def _policies(self, user: UserPlan) -> None:
        """Inline grants, directly attached policies, boundaries and guardrails."""
        if self.b.chance(0.2):
            user.allow("personal-access", *_personal(user, self.b.pick(JOBS)))
        if user.human and self.b.chance(0.5):
            user.attached.append(CHANGE_PASSWORD)
        if self.b.chance(0.05):
            user.attached.append(READ_ONLY)
        if self.b.chance(0.08):
            user.boundary = BOUNDARY
        elif user.human and self.b.chance(0.03):
            user.attached.append(GUARDRAIL)

    # -- credentials -----------------------------------------------------------------------

    def _credentials(self, user: UserPlan) -> None:
        """A console password (people), MFA, and zero to two access keys, used or not."""
        n = self.b.next()
        password = user.human and self.b.chance(0.85)
        self.b.account.logins[user.name] = {
            "password_enabled": password,
            "password_last_used": shapes.when(n + 20_000)
            if password and self.b.chance(0.85)
            else None,
            "password_last_changed": shapes.when(n) if password else None,
            "mfa_active": password and self.b.chance(0.7),
        }
        count = self.b.weighted(((0, 50), (1, 40), (2, 10)) if user.human else ((1, 80), (2, 20)))
        self.b.account.access_keys[user.name] = [self._key(user, n, i) for i in range(count)]

    def _key(self, user: UserPlan, n: int, index: int) -> dict[str, Any]:
        key_id = "AKIA" + "".join(self.b.rng.choices(string.ascii_uppercase + "234567", k=16))
        inactive = index == 1 and self.b.chance(0.5)  # the old key of a rotation
        if self.b.chance(0.8):
            self.b.account.key_last_used[key_id] = {
                "LastUsedDate": shapes.when(n + 30_000 + index),
                "ServiceName": self.b.pick(KEY_SERVICES),
                "Region": self.b.region(),
            }
        else:
            self.b.account.key_last_used[key_id] = {"ServiceName": "N/A", "Region": "N/A"}
        return {
            "UserName": user.name,
            "AccessKeyId": key_id,
            "Status": "Inactive" if inactive else "Active",
            "CreateDate": shapes.when(n + index * 5_000),
        }

    # -- rendering -------------------------------------------------------------------------

    def render(self, account: SyntheticAccount) -> None:
        account.groups = [g.render(n) for n, g in enumerate(self.groups.values())]
        account.users = [u.render(n) for n, u in enumerate(self.users.values())]

    def attachments(self) -> Counter[str]:
        """Managed policy ARN -> how many users and groups it is attached to."""
        found = Counter(a for u in self.users.values() for a in u.attached)
        found.update(a for g in self.groups.values() for a in g.attached)
        return found

    def boundary_uses(self) -> Counter[str]:
        return Counter(u.boundary for u in self.users.values() if u.boundary)


# -- policy templates ------------------------------------------------------------------------


def _team(service: str, team: str) -> str:
    """The team-wide resource pattern of a service (`arn:aws:sqs:*:<account>:payments-*`)."""
    return PREFIX_FORMS[service].format(account=ACCOUNT, team=team)


def _team_read(team: str) -> list[Doc]:
    return [
        shapes.allow(["s3:GetObject", "s3:ListBucket"], _team("s3", team)),
        shapes.allow(["dynamodb:GetItem", "dynamodb:Query"], _team("dynamodb", team)),
        shapes.allow(["lambda:GetFunction", "lambda:ListFunctions"], _team("lambda", team)),
    ]


def _developer(team: str) -> Doc:
    """Change and run the team's functions, read and write its data."""
    lambda_actions = [
        "lambda:Get*",
        "lambda:List*",
        "lambda:InvokeFunction",
        "lambda:UpdateFunctionCode",
        "lambda:UpdateFunctionConfiguration",
    ]
    logs = f"arn:aws:logs:*:{ACCOUNT}:log-group:/aws/lambda/{team}-*"
    return shapes.doc(
        shapes.allow(lambda_actions, _team("lambda", team)),
        shapes.allow(["logs:FilterLogEvents", "logs:GetLogEvents"], logs),
        shapes.allow(["sqs:SendMessage", "sqs:ReceiveMessage"], _team("sqs", team)),
        shapes.allow(["dynamodb:GetItem", "dynamodb:PutItem"], _team("dynamodb", team)),
        shapes.allow(["s3:GetObject", "s3:PutObject"], _team("s3", team)),
        shapes.allow(["iam:Get*", "iam:List*"], "*"),
    )


def _deployer(team: str) -> Doc:
    """Deploy the team's stacks and functions, passing the team's roles to Lambda only."""
    lambda_actions = [
        "lambda:CreateFunction",
        "lambda:UpdateFunctionCode",
        "lambda:UpdateFunctionConfiguration",
        "lambda:PublishVersion",
        "lambda:InvokeFunction",
        "lambda:Get*",
    ]
    stacks = f"arn:aws:cloudformation:*:{ACCOUNT}:stack/{team}-*/*"
    passed = {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}
    return shapes.doc(
        shapes.allow(["cloudformation:Describe*", "cloudformation:CreateChangeSet"], stacks),
        shapes.allow(lambda_actions, _team("lambda", team)),
        shapes.allow("iam:PassRole", f"arn:aws:iam::{ACCOUNT}:role/{team}-*", Condition=passed),
        shapes.allow(["s3:GetObject", "s3:PutObject"], _team("s3", team)),
    )


def _team_admin(team: str) -> list[Doc]:
    """Everything on the team's resources, and passing the team's roles anywhere."""
    statements = [shapes.allow(f"{service}:*", _team(service, team)) for service in PREFIX_FORMS]
    statements.append(shapes.allow("iam:PassRole", f"arn:aws:iam::{ACCOUNT}:role/{team}-*"))
    statements.append(shapes.allow(["iam:Get*", "iam:List*"], "*"))
    return statements


def _personal(user: UserPlan, job: str) -> list[Doc]:
    """A grant made to one user: a service's job, or a person's odd extra."""
    team = user.team
    if not user.human and job == "ci":
        return [
            shapes.allow(["lambda:UpdateFunctionCode", "lambda:GetFunction"], _team("lambda", team))
        ]
    if job in ("etl", "backup"):
        return [shapes.allow(["s3:GetObject", "s3:PutObject"], _team("s3", team))]
    if job == "monitoring":
        return [shapes.allow(["cloudwatch:GetMetricData", "logs:FilterLogEvents"], "*")]
    return [
        shapes.allow(
            ["sqs:SendMessage", "dynamodb:PutItem"], [_team("sqs", team), _team("dynamodb", team)]
        )
    ]
